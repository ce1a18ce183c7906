import { basename } from 'node:path';
import { AppError } from '../../common/errors.js';
import { cpLength } from '../../common/offsets.js';
import type { Exporter, ParsedDoc, ParsedSpan, Sink } from './types.js';

/**
 * doccano JSONL (https://github.com/doccano/doccano): one JSON object per document.
 *
 * Offsets are Unicode CODE POINTS, the same unit Crosscheck stores, so nothing is converted. doccano's
 * backend is Python and checks and slices offsets as `text[start_offset:end_offset]` on `str`, which counts
 * code points; tools that read doccano exports do the same (medkit's doccano reader slices Python strings
 * and warns only about projects made with doccano's "Count grapheme clusters as one character" option,
 * whose offsets count grapheme clusters: its test has "medkit was\r\ncreated in 2022" with DATE at 22..26,
 * where code points give 23..27). A file from such a project is not readable here without its clusters;
 * its spans fail the range or text checks when the text holds multi-code-point clusters.
 *
 * Export: `export.jsonl`, `{"id", "text", "entities": [{id, label, start_offset, end_offset}],
 * "relations": [{id, from_id, to_id, type}], "title", "date", "source"}` (doccano's relation-extraction
 * shape; extra keys become doccano's metadata on import). doccano has no span notes or attributes, and a
 * relation joins two spans of one document: what is dropped is counted in the export's notes.
 */

interface SinkCount {
  crossDoc: number;
  notes: number;
  attributes: number;
}

const counts = new WeakMap<Sink, SinkCount>();
const countOf = (sink: Sink) => {
  let c = counts.get(sink);
  if (!c) counts.set(sink, (c = { crossDoc: 0, notes: 0, attributes: 0 }));
  return c;
};

export const doccanoExporter: Exporter = {
  format: 'doccano',
  begin: (_ctx, sink) => void countOf(sink),
  doc(d, _ctx, sink) {
    const c = countOf(sink);
    const ids = new Set(d.spans.map((s) => s.id));
    const relations = [];
    for (const l of d.links) {
      if (l.toDocId !== d.id || !ids.has(l.to)) c.crossDoc++;
      else relations.push({ id: l.id, from_id: l.from, to_id: l.to, type: l.type });
    }
    for (const s of d.spans) {
      if (s.note) c.notes++;
      if (Object.keys(s.attributes).length) c.attributes++;
    }
    const line = {
      id: d.id,
      text: d.text,
      entities: d.spans.map((s) => ({ id: s.id, label: s.label, start_offset: s.start, end_offset: s.end })),
      relations,
      title: d.title,
      date: d.date,
      source: d.source,
    };
    sink.write('export.jsonl', JSON.stringify(line) + '\n');
  },
  end(_ctx, sink) {
    const c = countOf(sink);
    counts.delete(sink);
    const notes: string[] = [];
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    if (c.crossDoc) notes.push(`doccano: ${n(c.crossDoc, 'link joins spans of two documents and was left out', 'links join spans of two documents and were left out')} (a doccano relation stays inside one document).`);
    if (c.notes) notes.push(`doccano: ${n(c.notes, 'span note was', 'span notes were')} left out (doccano spans have no notes).`);
    if (c.attributes) notes.push(`doccano: the attributes of ${n(c.attributes, 'span were', 'spans were')} left out (doccano spans have no attributes).`);
    return { notes };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Import

const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One JSON value of the file and the line it starts on. */
interface DoccanoRecord {
  value: unknown;
  line: number;
}

function parseAt(text: string, at: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(at, `not JSON (${(e as Error).message})`);
  }
}

/**
 * The records of a file: JSONL (one object a line), a JSON array of objects, or objects pretty-printed over
 * several lines one after another (doccano's own export example is written so). Each keeps its first line.
 */
export function readRecords(raw: string, file: string): DoccanoRecord[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = text.split('\n');
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx === -1) return [];
  const first = lines[firstIdx].trim();
  // JSONL when the first line is a whole JSON object on its own: then every line must be one.
  if (first.startsWith('{') && first.endsWith('}')) {
    let wholeLine = true;
    try {
      JSON.parse(first);
    } catch {
      wholeLine = false;
    }
    if (wholeLine) {
      const out: DoccanoRecord[] = [];
      lines.forEach((l, i) => {
        if (l.trim()) out.push({ value: parseAt(l, `${file}:${i + 1}`), line: i + 1 });
      });
      return out;
    }
  }
  return scanValues(text, file);
}

/** Splits a text into its top-level JSON values (the elements, when it is one array), by bracket depth. */
function scanValues(text: string, file: string): DoccanoRecord[] {
  const out: DoccanoRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  let inArray = false;
  const skipSpace = () => {
    while (i < n) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  skipSpace();
  if (text[i] === '[') {
    inArray = true;
    i++;
  }
  for (;;) {
    skipSpace();
    if (i >= n) {
      if (inArray) fail(`${file}:${line}`, 'the JSON array is not closed (missing "]")');
      break;
    }
    if (inArray && text[i] === ']') {
      i++;
      skipSpace();
      if (i < n) fail(`${file}:${line}`, 'text after the end of the JSON array');
      break;
    }
    if (inArray && out.length) {
      if (text[i] !== ',') fail(`${file}:${line}`, `expected "," or "]" between the records, found ${JSON.stringify(text[i])}`);
      i++;
      skipSpace();
    }
    const startLine = line;
    const start = i;
    if (text[i] !== '{') fail(`${file}:${line}`, `expected a JSON object, found ${JSON.stringify(text.slice(i, i + 20))}`);
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i];
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) fail(`${file}:${startLine}`, 'the JSON object that starts here is not closed');
    out.push({ value: parseAt(text.slice(start, i), `${file}:${startLine}`), line: startLine });
  }
  return out;
}

export interface DoccanoOptions {
  /** The column holding the text (doccano's import dialog calls it "column_data"); default "text". */
  textColumn?: string;
  /** The column holding `[[start, end, label], …]`; default "label" (and "labels" of older exports). */
  labelColumn?: string;
}

const metaString = (rec: Json, key: string): string | null => {
  const v = rec[key] ?? (isObj(rec.meta) ? rec.meta[key] : undefined);
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null;
};

/**
 * Reads doccano JSONL: relation-extraction records (`entities` with ids, `relations` with or without ids)
 * and sequence-labelling records (`label: [[start, end, "TAG"], …]`), with custom column names, `meta`, and
 * empty label lists. A record without its text column is an error naming file:line (doccano itself refuses
 * such a line), as is any bad offset or relation: a file imports whole or not at all.
 */
export function parseDoccano(text: string, file: string, opts: DoccanoOptions = {}): ParsedDoc[] {
  const textColumn = opts.textColumn ?? 'text';
  const name = basename(file);
  const docs: ParsedDoc[] = [];
  for (const { value, line } of readRecords(text, file)) {
    const at = `${file}:${line}`;
    if (!isObj(value)) fail(at, 'not a JSON object');
    const rec = value as Json;
    const body = rec[textColumn];
    if (body === undefined) {
      const keys = Object.keys(rec);
      fail(at, `no "${textColumn}" field${keys.length ? ` (the record has ${keys.map((k) => JSON.stringify(k)).join(', ')}; name its text column)` : ''}`);
    }
    if (typeof body !== 'string') fail(at, `"${textColumn}" is not a string`);
    if (!(body as string).trim()) fail(at, `"${textColumn}" is empty`);
    const docText = body as string;
    const length = cpLength(docText);
    const spans: ParsedSpan[] = [];
    const links: ParsedDoc['links'] = [];
    const keyOf = new Map<string, string>();
    const prefix = `${file}:${line}:`;

    const addSpan = (what: string, start: unknown, end: unknown, label: unknown, key: string) => {
      if (!Number.isInteger(start) || !Number.isInteger(end)) fail(at, `${what}: offsets ${JSON.stringify(start)}..${JSON.stringify(end)} are not whole numbers`);
      const s = start as number;
      const e = end as number;
      if (s < 0 || e <= s || e > length) fail(at, `${what}: ${s}..${e} is outside the text (0..${length} code points)`);
      if (typeof label !== 'string' || !label.trim()) fail(at, `${what}: no label`);
      spans.push({ key, start: s, end: e, label: label as string, at });
    };

    if (rec.entities !== undefined) {
      if (!Array.isArray(rec.entities)) fail(at, '"entities" is not a list');
      (rec.entities as unknown[]).forEach((ent, i) => {
        if (!isObj(ent)) return fail(at, `entity ${i + 1} is not an object`);
        const id = ent.id === undefined ? `#${i}` : String(ent.id);
        if (keyOf.has(id)) fail(at, `entity id ${id} is used twice`);
        const key = prefix + 'e' + id;
        keyOf.set(id, key);
        addSpan(`entity ${id}`, ent.start_offset, ent.end_offset, ent.label, key);
      });
    }
    const labelColumn = opts.labelColumn ?? (rec.label !== undefined ? 'label' : rec.labels !== undefined ? 'labels' : 'label');
    const labels = rec[labelColumn];
    if (labels !== undefined && labels !== null) {
      if (!Array.isArray(labels)) fail(at, `"${labelColumn}" is not a list`);
      (labels as unknown[]).forEach((l, i) => {
        // Sequence labelling: [start, end, label]. A list of strings is text classification: not spans.
        if (typeof l === 'string') fail(at, `"${labelColumn}" holds document categories (${JSON.stringify(l)}), not spans; Crosscheck imports span labels`);
        if (!Array.isArray(l) || l.length !== 3) return fail(at, `label ${i + 1} is not [start, end, "label"]`);
        addSpan(`label ${i + 1}`, l[0], l[1], l[2], `${prefix}l${i}`);
      });
    }
    if (rec.relations !== undefined) {
      if (!Array.isArray(rec.relations)) fail(at, '"relations" is not a list');
      (rec.relations as unknown[]).forEach((r, i) => {
        if (!isObj(r)) return fail(at, `relation ${i + 1} is not an object`);
        const what = `relation ${r.id === undefined ? i + 1 : String(r.id)}`;
        const from = keyOf.get(String(r.from_id));
        const to = keyOf.get(String(r.to_id));
        if (from === undefined || to === undefined) fail(at, `${what}: entity ${from === undefined ? String(r.from_id) : String(r.to_id)} is not in this record`);
        if (typeof r.type !== 'string' || !r.type.trim()) fail(at, `${what}: no type`);
        links.push({ from: from!, to: to!, type: r.type as string });
      });
    }
    const id = rec.id === undefined || rec.id === null ? null : String(rec.id);
    docs.push({
      title: metaString(rec, 'title') ?? (id !== null ? `${name} #${id}` : `${name}:${line}`),
      text: docText,
      path: `${file}:${line}`,
      date: metaString(rec, 'date'),
      source: metaString(rec, 'source'),
      spans,
      links,
    });
  }
  if (!docs.length) fail(file, 'no records');
  return docs;
}
