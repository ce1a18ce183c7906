/**
 * Heights of the reader's chunks, in pixels: measured once a chunk has been laid out, estimated before.
 * The estimate counts wrapped rows (a line of n characters takes ceil(n / charsPerRow) rows, an empty one
 * still one) and scales them by the pixels per row seen in the chunks measured so far, so the scrollbar is
 * about right from the start and exact wherever the analyst has been.
 */
import type { Chunk } from './chunks';

/**
 * Wrapped rows each chunk would take at `charsPerRow` characters per row.
 * @example chunkRows('a\n\nbbbb', [chunk], 2) // Float64Array [4]: 1 + 1 + 2
 */
export function chunkRows(text: string, chunks: readonly Chunk[], charsPerRow: number): Float64Array {
  const per = Math.max(1, charsPerRow);
  return Float64Array.from(chunks, (c) => {
    let rows = 0;
    let pos = c.startU16;
    while (pos <= c.endU16) {
      const nl = text.indexOf('\n', pos);
      const end = nl === -1 || nl > c.endU16 ? c.endU16 : nl;
      rows += Math.max(1, Math.ceil((end - pos) / per));
      pos = end + 1;
    }
    return rows;
  });
}

export class ChunkHeights {
  private measured: Float64Array;
  private prefix: Float64Array | null = null;
  private pxPerRow: number;

  /**
   * @param rows estimated rows per chunk (chunkRows)
   * @param pxPerRow the line height, until measurements say better
   */
  constructor(
    private rows: Float64Array,
    private readonly lineHeight: number,
  ) {
    this.measured = new Float64Array(rows.length).fill(Number.NaN);
    this.pxPerRow = lineHeight;
  }

  get count(): number {
    return this.rows.length;
  }

  /** Forgets every measurement, e.g. when the column width changed and every line wraps anew. */
  reset(rows: Float64Array): void {
    this.rows = rows;
    this.measured = new Float64Array(rows.length).fill(Number.NaN);
    this.pxPerRow = this.lineHeight;
    this.prefix = null;
  }

  isMeasured(i: number): boolean {
    return !Number.isNaN(this.measured[i]);
  }

  height(i: number): number {
    const m = this.measured[i];
    return Number.isNaN(m) ? this.rows[i] * this.pxPerRow : m;
  }

  /** Records laid-out heights and re-derives the estimate for the chunks not seen yet. */
  measure(entries: Iterable<[index: number, px: number]>): void {
    for (const [i, px] of entries) if (px >= 0 && Number.isFinite(px)) this.measured[i] = px;
    let px = 0;
    let rows = 0;
    for (let i = 0; i < this.rows.length; i++) {
      if (Number.isNaN(this.measured[i])) continue;
      px += this.measured[i];
      rows += this.rows[i];
    }
    if (rows > 0 && px > 0) this.pxPerRow = px / rows;
    this.prefix = null;
  }

  private prefixSums(): Float64Array {
    if (!this.prefix) {
      const p = new Float64Array(this.rows.length + 1);
      for (let i = 0; i < this.rows.length; i++) p[i + 1] = p[i] + this.height(i);
      this.prefix = p;
    }
    return this.prefix;
  }

  /** Distance from the top of the text to the top of chunk `i` (`i === count` gives the total). */
  top(i: number): number {
    return this.prefixSums()[Math.max(0, Math.min(i, this.rows.length))];
  }

  total(): number {
    return this.top(this.rows.length);
  }

  /**
   * The chunk at distance `y` from the top of the text, clamped to the first and last.
   * @example heights.chunkAt(heights.top(3) + 1) === 3
   */
  chunkAt(y: number): number {
    const p = this.prefixSums();
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (p[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export interface ChunkSpan {
  first: number;
  last: number;
}

/** Screens of text rendered beyond each edge of the viewport when the window is (re)built. */
export const MARGIN_SCREENS = 1;
/** The window is rebuilt once less than this many screens beyond an edge are rendered (hysteresis). */
export const KEEP_SCREENS = 0.5;

/**
 * Which chunks to render for a viewport `[top, bottom)` (pixels from the top of the text): null while the
 * rendered ones still cover KEEP_SCREENS beyond each edge, otherwise MARGIN_SCREENS each way (hysteresis, so
 * small scrolls cost nothing), widened to include `keep` (the chunks of a selection in progress).
 * One screen each way rather than more: every frame paints and lays out the whole rendered window, and a tag
 * repaints it, so its height is what a tag costs in the browser (issue 15); a scroll moves the window by the
 * same sync before the frame is drawn, so a smaller margin shows no gap.
 * @example nextWindow(heights, { top: 0, bottom: 900 }, null, null) // { first: 0, last: … }
 */
export function nextWindow(heights: ChunkHeights, view: { top: number; bottom: number }, current: ChunkSpan | null, keep: ChunkSpan | null): ChunkSpan | null {
  const screen = Math.max(1, view.bottom - view.top);
  const covers = (w: ChunkSpan) =>
    w.first <= heights.chunkAt(view.top - KEEP_SCREENS * screen) &&
    w.last >= heights.chunkAt(view.bottom + KEEP_SCREENS * screen) &&
    (!keep || (w.first <= keep.first && w.last >= keep.last));
  if (current && covers(current)) return null;
  let first = heights.chunkAt(view.top - MARGIN_SCREENS * screen);
  let last = heights.chunkAt(view.bottom + MARGIN_SCREENS * screen);
  if (keep) {
    first = Math.min(first, keep.first);
    last = Math.max(last, keep.last);
  }
  return current && current.first === first && current.last === last ? null : { first, last };
}
