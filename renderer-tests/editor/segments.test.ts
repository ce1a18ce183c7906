import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleIds, segmentAt, segmentize, type Segment, type SpanLike } from '../../renderer/editor/segments';
import { mulberry32 } from '../../common/random';

const span = (id: number, start: number, end: number): SpanLike => ({ id, start, end });

test('nested spans', () => {
  assert.deepEqual(segmentize([span(1, 0, 10), span(2, 3, 5)]), [
    { start: 0, end: 3, ids: [1] },
    { start: 3, end: 5, ids: [1, 2] },
    { start: 5, end: 10, ids: [1] },
  ]);
});

test('nesting order does not depend on input order or ids', () => {
  assert.deepEqual(segmentize([span(9, 4, 6), span(5, 2, 8), span(1, 0, 10)]), [
    { start: 0, end: 2, ids: [1] },
    { start: 2, end: 4, ids: [1, 5] },
    { start: 4, end: 6, ids: [1, 5, 9] },
    { start: 6, end: 8, ids: [1, 5] },
    { start: 8, end: 10, ids: [1] },
  ]);
});

test('overlapping spans: the longer is outer, then the earlier', () => {
  assert.deepEqual(segmentize([span(2, 4, 10), span(1, 0, 6)]), [
    { start: 0, end: 4, ids: [1] },
    { start: 4, end: 6, ids: [1, 2] },
    { start: 6, end: 10, ids: [2] },
  ]);
  assert.deepEqual(segmentize([span(1, 0, 5), span(2, 3, 12)])[1], { start: 3, end: 5, ids: [2, 1] });
});

test('identical spans share one segment, older id outside', () => {
  assert.deepEqual(segmentize([span(7, 2, 5), span(3, 2, 5)]), [{ start: 2, end: 5, ids: [3, 7] }]);
});

test('adjacent spans, gaps and empty spans', () => {
  assert.deepEqual(segmentize([span(1, 0, 3), span(2, 3, 6), span(3, 8, 9), span(4, 7, 7), span(5, 9, 2)]), [
    { start: 0, end: 3, ids: [1] },
    { start: 3, end: 6, ids: [2] },
    { start: 8, end: 9, ids: [3] },
  ]);
  assert.deepEqual(segmentize([]), []);
});

test('the input array is not reordered', () => {
  const spans = [span(2, 4, 6), span(1, 0, 10)];
  segmentize(spans);
  assert.deepEqual(spans.map((s) => s.id), [2, 1]);
});

test('property: segments tile exactly the covered offsets, in painting order', () => {
  const rnd = mulberry32(1);
  for (let round = 0; round < 300; round++) {
    const spans = Array.from({ length: Math.floor(rnd() * 12) }, (_, i) => {
      const a = Math.floor(rnd() * 30);
      const b = a + Math.floor(rnd() * 12);
      return span(i + 1, a, b);
    });
    // Occasionally duplicate a span to exercise identical ranges.
    if (spans.length && rnd() < 0.3) spans.push({ ...spans[0], id: 100 });
    const segments = segmentize(spans);
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      assert.ok(s.start < s.end && s.ids.length > 0);
      if (i > 0) {
        const p = segments[i - 1];
        assert.ok(p.end <= s.start);
        if (p.end === s.start) assert.notDeepEqual(p.ids, s.ids, 'adjacent segments should have been one');
      }
    }
    for (let cp = 0; cp < 45; cp++) {
      const expected = spans
        .filter((s) => s.start <= cp && cp < s.end)
        .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.id - b.id)
        .map((s) => s.id);
      assert.deepEqual(segmentAt(segments, cp)?.ids ?? [], expected, `round ${round} cp ${cp}`);
    }
  }
});

test('clicking: innermost first, then each enclosing span, then around again', () => {
  // What a click does: the highlighter reports the ids of the segment clicked, the app cycles through them.
  const pick = (segments: Segment[], cp: number, previousId?: number | null) => cycleIds(segmentAt(segments, cp)?.ids ?? [], previousId);
  const segments = segmentize([span(1, 0, 20), span(2, 5, 15), span(3, 8, 10)]);
  assert.equal(pick(segments, 9), 3);
  assert.equal(pick(segments, 9, 3), 2);
  assert.equal(pick(segments, 9, 2), 1);
  assert.equal(pick(segments, 9, 1), 3);
  // A previous pick that does not cover the click starts over at the innermost.
  assert.equal(pick(segments, 6, 3), 2);
  assert.equal(pick(segments, 2, 2), 1);
  assert.equal(pick(segments, 20), null);
  assert.equal(pick(segments, 25, 1), null);
  assert.equal(pick([], 0), null);
});

test('segmentAt: half-open, by bisection', () => {
  const segments = segmentize([span(1, 2, 4), span(2, 6, 8)]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => segmentAt(segments, cp)?.ids[0] ?? null), [
    null, null, 1, 1, null, null, 2, 2, null,
  ]);
});

test('cycleIds', () => {
  assert.equal(cycleIds([3, 7], null), 7);
  assert.equal(cycleIds([3, 7], 7), 3);
  assert.equal(cycleIds([3, 7], 3), 7);
  assert.equal(cycleIds([3, 7], 99), 7);
  assert.equal(cycleIds([], 3), null);
});

test('10,000 spans: the work is O(n log n) plus the output, not quadratic', () => {
  // Spans behind a proxy that counts reads of their fields: the work segmentize does, which unlike a clock
  // cannot flake. Sorting reads a few fields per comparison, and each id in the output is one read.
  let reads = 0;
  const counted = (s: SpanLike): SpanLike => new Proxy(s, { get: (target, key) => (reads++, Reflect.get(target, key)) });
  const rnd = mulberry32(3);
  const n = 10_000;
  const spans = Array.from({ length: n }, (_, i) => {
    const a = Math.floor(rnd() * 1_000_000);
    return counted(span(i, a, a + 1 + Math.floor(rnd() * 200)));
  });
  const segments = segmentize(spans);
  assert.ok(segments.length > n);
  const ids = segments.reduce((sum, s) => sum + s.ids.length, 0);
  // About 640,000 reads today (the sort's ~n log2 n comparisons); comparing every span with every other, or
  // scanning the spans for each segment, would read hundreds of millions.
  const bound = 12 * n * Math.log2(n) + 2 * ids;
  assert.ok(reads > ids, 'the proxies see the reads');
  assert.ok(reads <= bound, `${reads} reads for ${n} spans and ${ids} ids out (bound ${Math.round(bound)})`);
});
