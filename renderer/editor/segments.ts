/**
 * Overlapping and nested spans, flattened.
 *
 * Inline decorations cannot overlap without the inner one hiding the outer one, so the highlighter
 * paints non-overlapping segments, each knowing every span that covers it. A click reports the ids of its
 * segment in the same order and cycleIds picks from them, so painting and picking always agree on which
 * span is "inner".
 */

/** What segmenting needs of a span: its id and its code points, half-open. */
export interface SpanLike {
  id: number;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Spans covering the segment, outermost first, innermost last. */
  ids: number[];
}

/**
 * Outer before inner: longer first; for equal lengths (overlaps, duplicates) the earlier start, then
 * the lower (older) id, so that a newly added duplicate is the one a click hits first.
 */
function outerFirst(a: SpanLike, b: SpanLike): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || a.id - b.id;
}

/** Index of the first entry >= value. */
function lowerBound(arr: number[], value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts spans into maximal non-overlapping segments, skipping gaps and empty spans. O(n log n) plus the
 * size of the output (which is quadratic only for pathologically deep nesting).
 * @example segmentize([{id: 1, start: 0, end: 10}, {id: 2, start: 3, end: 5}])
 * // [{start: 0, end: 3, ids: [1]}, {start: 3, end: 5, ids: [1, 2]}, {start: 5, end: 10, ids: [1]}]
 */
export function segmentize(spans: readonly SpanLike[]): Segment[] {
  const ranked = spans.filter((s) => s.end > s.start).sort(outerFirst);
  // Events as [position, rank, +1 start | -1 end]; ranks keep the active list in outer-first order.
  const events: [number, number, number][] = [];
  ranked.forEach((s, rank) => events.push([s.start, rank, 1], [s.end, rank, -1]));
  events.sort((a, b) => a[0] - b[0]);

  const out: Segment[] = [];
  const active: number[] = [];
  for (let i = 0; i < events.length; ) {
    const at = events[i][0];
    for (; i < events.length && events[i][0] === at; i++) {
      const [, rank, kind] = events[i];
      if (kind === 1) active.splice(lowerBound(active, rank), 0, rank);
      else active.splice(lowerBound(active, rank), 1);
    }
    if (active.length > 0 && i < events.length) {
      out.push({ start: at, end: events[i][0], ids: active.map((r) => ranked[r].id) });
    }
  }
  return out;
}

/**
 * Index of the segment covering code point `cp` (half-open: the character at `cp`), or -1; bisection.
 * @example segments[segmentIndexAt(segments, 42)]
 */
export function segmentIndexAt(segments: readonly Segment[], cp: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo < segments.length && segments[lo].start <= cp ? lo : -1;
}

/**
 * The segment covering code point `cp`, or null.
 * @example segmentAt(segmentize(spans), 42)?.ids
 */
export function segmentAt(segments: readonly Segment[], cp: number): Segment | null {
  return segments[segmentIndexAt(segments, cp)] ?? null;
}

/**
 * The click-cycling rule on an outer-first id list (e.g. the `ids` a click handler received): the
 * innermost id, or the one enclosing `previousId`, wrapping from the outermost back to the innermost.
 * @example cycleIds([3, 7], null) === 7; cycleIds([3, 7], 7) === 3; cycleIds([3, 7], 3) === 7
 */
export function cycleIds(ids: readonly number[], previousId?: number | null): number | null {
  if (ids.length === 0) return null;
  const k = previousId == null ? -1 : ids.indexOf(previousId);
  return k <= 0 ? ids[ids.length - 1] : ids[k - 1];
}
