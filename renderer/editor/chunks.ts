/**
 * A long text cut into chunks of whole paragraphs, so the reader can put only the chunks near the viewport
 * into the editor. A paragraph is a line of the text, or, for a line longer than the chunk target (a
 * 200,000-character article on one line), a piece of it cut at a soft break: after a space where there is
 * one, else between two grapheme clusters, never inside one. A piece is always a chunk of its own, so a
 * window of whole chunks is a text whose paragraphs are its lines plus soft breaks at the starts of the
 * pieces it shows, and `positions.ts` applies to it with those breaks (TextWindow.soft).
 */
import type { Range } from '../../common/model';
import { segmentAround, utf16ToCp, type OffsetIndex } from '../../common/offsets';

export interface Chunk {
  /**
   * Code points into the whole text; `endCp` excludes the "\n" that separates this chunk from the next (a
   * chunk that ends at a soft break has none: the next one starts where it ends).
   */
  startCp: number;
  endCp: number;
  /** The same bounds in UTF-16 units. */
  startU16: number;
  endU16: number;
  /** Index of the chunk's first paragraph (a line, or a piece of a long one) in the whole text, and how many it holds. */
  firstLine: number;
  lines: number;
}

/**
 * About a screen of ordinary prose (2,000 characters, ~700 px at the reader's width): the window grows and shrinks
 * in steps of a chunk, so with a margin of a screen each way (heights.ts nextWindow) it stays near three screens
 * high instead of rounding out to whole multi-screen chunks; a tag repaints the whole window (issue 15).
 */
export const CHUNK_TARGET = 2000;
/** The longest paragraph the reader lays out, in UTF-16 units; a longer line is cut into pieces (pieceEnd). */
export const MAX_PARAGRAPH = 6000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const SPACE = /\s/;

/**
 * Where the piece of a long line that starts at UTF-16 index `start` ends: at most `max` units on (but at least
 * one grapheme cluster), just after the last whitespace in the second half of that stretch, else at the last
 * grapheme boundary in it; never past `lineEnd`.
 * @example pieceEnd('aaaa bbbb cccc', 0, 14, 8) === 5 // after "aaaa "
 */
export function pieceEnd(text: string, start: number, lineEnd: number, max: number): number {
  if (lineEnd - start <= max) return lineEnd;
  const limit = start + max;
  for (let u = limit; u > start + (max >> 1); u--) if (SPACE.test(text[u - 1])) return u;
  const g = segmentAround(text, limit, graphemes, 64);
  return g.start > start ? g.start : g.end;
}

/**
 * Cuts `text` into chunks of whole paragraphs: a chunk closes at the first line end where it has reached
 * `target` UTF-16 units, and a line longer than `maxLine` is cut into pieces of at most `maxLine` units (see
 * pieceEnd), each a chunk of its own; so no chunk exceeds `target + maxLine` units, whatever the text. Every
 * character belongs to exactly one chunk or is a separating "\n".
 * @example buildChunks('ab\ncd\nef', offsets, 4).map((c) => [c.startU16, c.endU16]) // [[0, 5], [6, 8]]
 */
export function buildChunks(text: string, offsets: OffsetIndex, target = CHUNK_TARGET, maxLine = MAX_PARAGRAPH): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let firstLine = 0;
  let lines = 0;
  const close = (end: number) => {
    chunks.push({ startCp: utf16ToCp(offsets, start), endCp: utf16ToCp(offsets, end), startU16: start, endU16: end, firstLine, lines });
    firstLine += lines;
    lines = 0;
  };
  for (let pos = 0; ; ) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    if (lineEnd - pos > maxLine) {
      // A long line: what is gathered so far closes, then every piece is a chunk.
      if (lines > 0) {
        close(pos - 1);
        start = pos;
      }
      for (let at = pos; at < lineEnd; ) {
        const end = pieceEnd(text, at, lineEnd, maxLine);
        lines = 1;
        if (end < lineEnd) {
          close(end);
          start = end;
        }
        at = end;
      }
    } else lines++;
    if (nl === -1 || lineEnd - start >= target) {
      close(lineEnd);
      if (nl === -1) return chunks;
      start = nl + 1;
    }
    pos = nl + 1;
  }
}

/**
 * Index of the chunk holding code point `cp`; a separating "\n" belongs to the chunk it ends, the text's
 * end to the last chunk.
 * @example chunkOfCp(chunks, 0) === 0
 */
export function chunkOfCp(chunks: readonly Chunk[], cp: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (chunks[mid].startCp <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Chunks `first..last` (inclusive) shown together: their text, where it starts and its length, in code points. */
export interface TextWindow {
  first: number;
  last: number;
  text: string;
  base: number;
  length: number;
  /** UTF-16 indices into `text` where a chunk starts at a soft break (a piece of a long line): paragraph starts without a "\n". */
  soft: number[];
}

/**
 * True when chunk `c` starts inside a line (a piece of a long line after the first).
 * @example startsMidLine(text, chunks[0]) === false
 */
export function startsMidLine(text: string, c: Chunk): boolean {
  return c.startU16 > 0 && text.charCodeAt(c.startU16 - 1) !== 10;
}

/**
 * The text the editor shows for chunks `first..last`.
 * @example windowText(text, chunks, 0, chunks.length - 1).text === text
 */
export function windowText(text: string, chunks: readonly Chunk[], first: number, last: number): TextWindow {
  const a = chunks[first];
  const b = chunks[last];
  const soft: number[] = [];
  for (let c = first + 1; c <= last; c++) if (startsMidLine(text, chunks[c])) soft.push(chunks[c].startU16 - a.startU16);
  return { first, last, text: text.slice(a.startU16, b.endU16), base: a.startCp, length: b.endCp - a.startCp, soft };
}

/**
 * The part of `range` inside a window, in the window's own code points, or null when nothing of it is.
 * Empty ranges count when they sit inside the window (a caret, a collapsed match).
 * @example toWindow({ start: 10, end: 20 }, { base: 15, length: 100 }) // { start: 0, end: 5 }
 */
export function toWindow(range: Range, win: { base: number; length: number }): Range | null {
  const start = Math.max(0, range.start - win.base);
  const end = Math.min(win.length, range.end - win.base);
  if (end < start || (end === start && range.end > range.start)) return null;
  return { start, end };
}

/**
 * Everything of `items` that shows in the window, clipped and shifted into its code points.
 * @example clipToWindow(spans, win) // spans of the window only, offsets relative to win.base
 */
export function clipToWindow<T extends Range>(items: readonly T[], win: { base: number; length: number }): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (item.end < win.base || item.start > win.base + win.length) continue;
    const r = toWindow(item, win);
    if (r) out.push({ ...item, start: r.start, end: r.end });
  }
  return out;
}
