/**
 * Title, date and source of an imported article, read from the few header lines news scrapers and
 * analysts put at the top of a file. Only the head of the text is read, so a 1 MB file costs nothing.
 */
import { parseDateAtStart, parseDateLine } from './dates.js';
import { nameFallbacks } from './file-names.js';

export interface Metadata {
  title: string;
  /** ISO `yyyy-mm-dd`, or null. */
  date: string | null;
  source: string | null;
}

/** Headers live at the top; further down, "Source:" or a date is body text. */
export const HEADER_LINES = 15;
/** In code points, the ellipsis included. */
export const MAX_TITLE_LENGTH = 200;
/** Header lines are short; a longer line only matters for its first few hundred characters. */
const LINE_SCAN = 1000;
const MAX_SOURCE_LENGTH = 100;

type Key = 'title' | 'date' | 'source' | 'other';
const KEYS: Record<string, Key> = {
  title: 'title', headline: 'title', заголовок: 'title',
  date: 'date', dated: 'date', published: 'date', 'published on': 'date', 'publication date': 'date',
  'date published': 'date', pubdate: 'date', posted: 'date', 'posted on': 'date', дата: 'date',
  'дата публикации': 'date', опубликовано: 'date',
  source: 'source', publisher: 'source', publication: 'source', outlet: 'source', источник: 'source',
  издание: 'source',
  author: 'other', authors: 'other', url: 'other', link: 'other', tags: 'other', keywords: 'other',
  category: 'other', section: 'other', language: 'other', lang: 'other', id: 'other', updated: 'other',
  modified: 'other', автор: 'other', ссылка: 'other', теги: 'other', рубрика: 'other',
};
// Longest first, so that "publication date" wins over "publication".
const KEY_ALT = Object.keys(KEYS)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/ /g, '\\s+'))
  .join('|');
// `**Date:** x`, `Source - Reuters`, or (dates only, checked later) `date 2016-10-25`.
const HEADER = new RegExp(`^[*_]*(${KEY_ALT})[*_]*(?:\\s*(:)[*_]*|\\s+([-–—])(?=\\s)|(?=\\s))\\s*(.*)$`, 'iu');
const HAS_WORD = /[\p{L}\p{N}]/u;

interface Header {
  key: Key;
  value: string;
  date: string | null;
  /** Words after a date on the same line, e.g. a headline glued to its date header. */
  trailing: string | null;
  /** Those words as they stand in the line (before cleaning), to find where the header part ends. */
  trailingRaw: string | null;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Title, date and source of an article, from its first lines (or YAML front matter in `.md` files),
 * falling back on the file name.
 *
 * @example
 * extractMetadata(' date 2016-10-25 The Russian military is accusing…\n\nAt least 60…', '000.txt')
 * // { title: 'The Russian military is accusing…', date: '2016-10-25', source: '000' }
 * extractMetadata('\nHeadline\n\n25/10/2016\n\nBody', 'corpus/001.txt')
 * // { title: 'Headline', date: '2016-10-25', source: '001' }
 */
export function extractMetadata(text: string, fileName: string): Metadata {
  const found: { [K in keyof Metadata]: string | null } = { title: null, date: null, source: null };
  const take = (h: Header) => {
    if (h.key === 'title') found.title ??= cleanTitle(h.value);
    if (h.key === 'date') found.date ??= h.date;
    if (h.key === 'source') found.source ??= cleanSource(h.value);
  };
  let firstLine: string | null = null;
  let body = text;

  const fm = /\.md$/i.test(fileName) ? frontMatter(text) : null;
  if (fm) {
    body = fm.body;
    for (const [k, v] of fm.fields) {
      const h = header(k, v, true);
      if (h) take(h);
    }
  }

  for (const line of headLines(body)) {
    const h = parseHeaderLine(line);
    if (h) {
      take(h);
      firstLine ??= h.trailing;
      continue;
    }
    const lineDate = parseDateLine(line);
    if (lineDate) found.date ??= lineDate;
    else firstLine ??= cleanTitle(line);
  }

  // One line, never blank nor only an extension (common/file-names.ts nameFallbacks).
  const fallback = nameFallbacks(baseName(fileName));
  return {
    title: truncateTitle(found.title ?? firstLine ?? fallback.title),
    date: found.date,
    source: found.source ?? fallback.source,
  };
}

/** The first HEADER_LINES non-empty lines, trimmed and capped at LINE_SCAN characters. */
function headLines(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < HEADER_LINES && pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, Math.min(nl, pos + LINE_SCAN)).trim();
    if (line) lines.push(line);
    pos = nl + 1;
  }
  return lines;
}

function parseHeaderLine(line: string): Header | null {
  const m = HEADER.exec(line.replace(/^#+\s*/, ''));
  // Without ":" or " - " ("date 2016-10-25") only a date right after the key makes the line a header.
  return m ? header(m[1], m[4], Boolean(m[2] || m[3])) : null;
}

function header(rawKey: string, rawValue: string, separated: boolean): Header | null {
  const key = KEYS[rawKey.toLowerCase().replace(/\s+/g, ' ')];
  if (!key) return null;
  const value = rawValue.trim().replace(/^["']|["']$/g, '');
  // "Source: a senior official told us that 60 people died." is a sentence of the body, not a header line.
  if (key === 'source' && cleanSource(value) === null) return null;
  if (key !== 'date') return separated ? { key, value, date: null, trailing: null, trailingRaw: null } : null;
  const found = parseDateAtStart(value);
  if (!found) return separated ? { key, value, date: null, trailing: null, trailingRaw: null } : null;
  const rest = found.rest.replace(/^[\s,;:|–—-]+/u, '');
  // A headline glued to the date has a few words; "(updated 26 Oct)" or "Moscow" is not one.
  const trailing = /^[\p{L}\p{N}"“«'‘]/u.test(rest) && rest.split(/\s+/).length >= 3 ? cleanTitle(rest) : null;
  return { key, value, date: found.date, trailing, trailingRaw: trailing ? rest : null };
}

/**
 * Where a header is in one line of text, as the importer reads headers (same keys, same dates): the whole
 * line for `key: value`, `key - value` and a line that is one date; only the `date 2016-10-25` head when a
 * headline follows it on the line; null for body text. The reader dims these (renderer/editor/metadataLines.ts).
 * Offsets are UTF-16 indexes into `line`, end exclusive.
 * @example headerExtent(' date 2016-10-25 The Russian military is accusing') // { start: 1, end: 16 }
 * @example headerExtent('Source: Reuters') // { start: 0, end: 15 }
 */
export function headerExtent(line: string): { start: number; end: number } | null {
  const t = line.trim();
  if (!t) return null;
  const start = line.indexOf(t);
  const h = parseHeaderLine(t);
  if (h?.trailingRaw) {
    const at = t.lastIndexOf(h.trailingRaw);
    if (at > 0) return { start, end: start + t.slice(0, at).trimEnd().length };
  }
  return h || parseDateLine(t) ? { start, end: start + t.length } : null;
}

/** Markdown-style front matter: `---`, `key: value` lines, then `---` (or `...`). */
function frontMatter(text: string): { fields: [string, string][]; body: string } | null {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return null;
  const fields: [string, string][] = [];
  let pos = open[0].length;
  for (let i = 0; i < 200 && pos < text.length; i++) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (/^(---|\.\.\.)\s*$/.test(line)) return { fields, body: text.slice(Math.min(pos, text.length)) };
    const kv = /^([\p{L}_][\p{L}\p{N}_ -]*?)\s*:\s*(.*)$/u.exec(line);
    if (kv) fields.push([kv[1], kv[2]]);
  }
  return null;
}

function cleanTitle(line: string): string | null {
  let t = line
    .replace(/^#+\s*/, '')
    .replace(/\s+#+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const wrapped = /^(\*\*|__)(.+)\1$/.exec(t);
  if (wrapped) t = wrapped[2].trim();
  return HAS_WORD.test(t) ? t : null;
}

/** An outlet's or agency's name has a few words ("RIA Novosti", "The Associated Press"); more is a sentence. */
const MAX_SOURCE_WORDS = 6;

function cleanSource(value: string): string | null {
  const link = /^\[([^\]]+)\]\([^)]*\)$/.exec(value);
  const s = (link ? link[1] : value).replace(/^[*_]+|[*_]+$/g, '').replace(/[\s.,;]+$/, '').trim();
  return s && s.length <= MAX_SOURCE_LENGTH && HAS_WORD.test(s) && s.split(/\s+/).length <= MAX_SOURCE_WORDS ? s : null;
}

// `/` only: a `\` is part of a Linux file name ("a\b.txt"); the importer passes the name (node:path basename).
function baseName(fileName: string): string {
  return fileName.split('/').filter(Boolean).pop() ?? fileName;
}

/**
 * Cuts a title to MAX_TITLE_LENGTH code points at a word boundary (mid-word only when the text has no
 * usable space, and then never inside a grapheme such as 👩‍👩‍👧) and appends "…".
 *
 * @example
 * truncateTitle('short') // 'short'
 */
export function truncateTitle(title: string): string {
  // Two UTF-16 units per code point at most: enough to know whether the title is over the limit.
  const cps = Array.from(title.slice(0, (MAX_TITLE_LENGTH + 1) * 2));
  if (cps.length <= MAX_TITLE_LENGTH) return title;
  const room = MAX_TITLE_LENGTH - 1; // for the ellipsis
  // Include the character after the room: if it is a space, the room ends exactly on a word.
  const window = cps.slice(0, room + 1).join('');
  const atWord = /^([\s\S]*\S)\s/u.exec(window);
  let cut: string;
  if (atWord && Array.from(atWord[1]).length >= room / 2) {
    cut = atWord[1];
  } else {
    cut = '';
    let n = 0;
    for (const { segment } of segmenter.segment(cps.slice(0, room + 16).join(''))) {
      const len = Array.from(segment).length;
      if (n + len > room) break;
      cut += segment;
      n += len;
    }
  }
  return cut.replace(/[\s,;:–—-]+$/u, '') + '…';
}
