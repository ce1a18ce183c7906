/**
 * A long text cut into chunks of whole lines, so the reader can put only the chunks near the viewport into
 * the editor. A chunk never splits a line: a paragraph is the smallest thing ProseMirror lays out, and a
 * window of whole chunks is again a text whose lines are paragraphs, so `positions.ts` applies to it as is.
 */
import type { Range } from '../../common/model';
import { utf16ToCp, type OffsetIndex } from '../../common/offsets';

export interface Chunk {
  /** Code points into the whole text; `endCp` excludes the "\n" that separates this chunk from the next. */
  startCp: number;
  endCp: number;
  /** The same bounds in UTF-16 units. */
  startU16: number;
  endU16: number;
  /** Index of the chunk's first line in the whole text, and how many lines it holds. */
  firstLine: number;
  lines: number;
}

/** A few screens of ordinary prose: small enough to lay out in a few milliseconds. */
export const CHUNK_TARGET = 6000;

/**
 * Cuts `text` into chunks of whole lines: a chunk closes at the first line end where it has reached `target`
 * UTF-16 units, so a chunk is at most a line longer than that (a single long line can make one big chunk).
 * Every character belongs to exactly one chunk or is a separating "\n".
 * @example buildChunks('ab\ncd\nef', offsets, 4).map((c) => [c.startU16, c.endU16]) // [[0, 5], [6, 8]]
 */
export function buildChunks(text: string, offsets: OffsetIndex, target = CHUNK_TARGET): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let firstLine = 0;
  let lines = 0;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    lines++;
    if (nl === -1 || lineEnd - start >= target) {
      chunks.push({
        startCp: utf16ToCp(offsets, start),
        endCp: utf16ToCp(offsets, lineEnd),
        startU16: start,
        endU16: lineEnd,
        firstLine,
        lines,
      });
      if (nl === -1) return chunks;
      start = nl + 1;
      firstLine += lines;
      lines = 0;
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
}

/**
 * The text the editor shows for chunks `first..last`.
 * @example windowText(text, chunks, 0, chunks.length - 1).text === text
 */
export function windowText(text: string, chunks: readonly Chunk[], first: number, last: number): TextWindow {
  const a = chunks[first];
  const b = chunks[last];
  return { first, last, text: text.slice(a.startU16, b.endU16), base: a.startCp, length: b.endCp - a.startCp };
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
