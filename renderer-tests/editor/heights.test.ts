import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOffsetIndex } from '../../common/offsets';
import { buildChunks } from '../../renderer/editor/chunks';
import { ChunkHeights, chunkRows, KEEP_SCREENS, MARGIN_SCREENS, nextWindow, type ChunkSpan } from '../../renderer/editor/heights';

// Estimated and measured chunk heights, and the choice of chunks to render for a viewport.

const RUNS = { numRuns: 300 };
const chunksOf = (t: string, target = 1_000_000) => buildChunks(t, buildOffsetIndex(t), target);
const rowsOf = (t: string, per: number, target?: number) => Array.from(chunkRows(t, chunksOf(t, target), per));

describe('chunkRows', () => {
  test('an empty line is one row, a long line wraps into ceil(length / charsPerRow) rows', () => {
    assert.deepEqual(rowsOf('a\n\nbbbb', 2), [4]);
    assert.deepEqual(rowsOf('aaaaa\nbb\n\nccc', 2, 1), [3, 1, 1 + 2]); // the empty line joins 'ccc' in one chunk
    assert.deepEqual(rowsOf('', 80), [1]);
    assert.deepEqual(rowsOf('\n\n', 80), [3]);
    assert.deepEqual(rowsOf('aaaa', 2), [2]);
    assert.deepEqual(rowsOf('aaaaa', 2), [3]);
    assert.deepEqual(rowsOf('abc\n', 1, 1), [3, 1]); // the empty last chunk still takes a row
    assert.deepEqual(rowsOf('abc', 0), [3], 'charsPerRow below 1 counts as 1');
  });

  test('property: the rows of all chunks add up to the rows of all lines, whatever the chunking', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '😀'), maxLength: 30 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (lines, tg, per) => {
        const t = lines.join('\n');
        const rows = rowsOf(t, per, tg);
        assert.equal(rows.length, chunksOf(t, tg).length);
        for (const r of rows) assert.ok(Number.isInteger(r) && r >= 1);
        assert.equal(rows.reduce((a, b) => a + b, 0), lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / per)), 0));
      }),
      RUNS,
    );
  });
});

describe('ChunkHeights', () => {
  test('estimates, measurements, prefix sums and reset', () => {
    const h = new ChunkHeights(Float64Array.of(1, 2, 3), 20);
    assert.equal(h.count, 3);
    assert.deepEqual([0, 1, 2].map((i) => h.height(i)), [20, 40, 60]);
    assert.deepEqual([-1, 0, 1, 2, 3, 99].map((i) => h.top(i)), [0, 0, 20, 60, 120, 120]);
    assert.equal(h.total(), 120);
    assert.equal(h.isMeasured(1), false);

    h.measure([[1, 100]]); // 50 px per row
    assert.ok(h.isMeasured(1));
    assert.deepEqual([0, 1, 2].map((i) => h.height(i)), [50, 100, 150]);
    assert.equal(h.top(2), 150);
    assert.equal(h.total(), 300);

    h.measure([[0, 30]]); // (30 + 100) px over 3 rows
    assert.deepEqual([h.height(0), h.height(1)], [30, 100]);
    assert.equal(h.height(2), 3 * (130 / 3));

    h.measure([[2, -5], [2, Number.NaN], [2, Number.POSITIVE_INFINITY]]);
    assert.equal(h.isMeasured(2), false, 'negative or non-finite heights are ignored');

    h.reset(Float64Array.of(2, 2, 2));
    assert.deepEqual([0, 1, 2].map((i) => [h.isMeasured(i), h.height(i)]), [[false, 40], [false, 40], [false, 40]]);
    assert.equal(h.total(), 120);
  });

  test('a chunk measured at 0 px is exactly 0 and does not change the estimate of the others', () => {
    const h = new ChunkHeights(Float64Array.of(1, 1, 1), 10);
    h.measure([[1, 0]]);
    assert.deepEqual([0, 1, 2].map((i) => h.height(i)), [10, 0, 10]);
    assert.equal(h.chunkAt(10), 2, 'the empty chunk holds no pixel');
  });

  test('chunkAt: top(i) <= y < top(i + 1), clamped at both ends', () => {
    const h = new ChunkHeights(Float64Array.of(1, 2, 3), 20); // tops 0, 20, 60; total 120
    const at = [-1000, -1, 0, 19.9, 20, 59, 60, 119, 120, 5000].map((y) => h.chunkAt(y));
    assert.deepEqual(at, [0, 0, 0, 0, 1, 1, 2, 2, 2, 2]);
  });

  const heightsArb = fc
    .array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 40 })
    .chain((rows) => fc.tuple(fc.constant(rows), fc.integer({ min: 1, max: 30 }), fc.array(fc.tuple(fc.nat(rows.length - 1), fc.integer({ min: 0, max: 600 })), { maxLength: rows.length })));
  const build = ([rows, lh, ms]: [number[], number, [number, number][]]) => {
    const h = new ChunkHeights(Float64Array.from(rows), lh);
    if (ms.length) h.measure(ms);
    return h;
  };

  test('property: measured chunks are exact, the rest scale by the observed px per row; top and chunkAt agree', () => {
    fc.assert(
      fc.property(heightsArb, fc.double({ min: -100, max: 1, noNaN: true }), ([rows, lh, ms], frac) => {
        const h = build([rows, lh, ms]);
        const measured = new Map(ms);
        let px = 0;
        let mrows = 0;
        rows.forEach((r, i) => (measured.has(i) ? ((px += measured.get(i)!), (mrows += r)) : 0));
        const per = px > 0 ? px / mrows : lh;
        let top = 0;
        rows.forEach((r, i) => {
          assert.equal(h.isMeasured(i), measured.has(i));
          assert.ok(Math.abs(h.height(i) - (measured.has(i) ? measured.get(i)! : r * per)) < 1e-9);
          assert.ok(Math.abs(h.top(i) - top) < 1e-6);
          top += h.height(i);
        });
        assert.ok(Math.abs(h.total() - top) < 1e-6);
        const y = frac < 0 ? frac : frac * h.total();
        const i = h.chunkAt(y);
        assert.ok(i >= 0 && i < rows.length);
        if (y < 0) assert.equal(i, 0);
        else if (y >= h.total()) assert.equal(i, rows.length - 1);
        else assert.ok(h.top(i) <= y && y < h.top(i + 1), `y ${y} in chunk ${i}`);
        assert.equal(h.chunkAt(h.total() + 1), rows.length - 1);
      }),
      RUNS,
    );
  });

  describe('nextWindow', () => {
    const hundred = () => new ChunkHeights(new Float64Array(100).fill(10), 10); // 100 chunks of 100 px
    test('from nothing: the viewport and a screen each way', () => {
      const h = hundred();
      assert.deepEqual(nextWindow(h, { top: 0, bottom: 500 }, null, null), { first: 0, last: 10 });
      assert.deepEqual(nextWindow(h, { top: 5000, bottom: 5500 }, null, null), { first: 45, last: 60 });
      assert.deepEqual(nextWindow(h, { top: 20000, bottom: 20500 }, null, null), { first: 99, last: 99 });
      assert.deepEqual(nextWindow(h, { top: 300, bottom: 300 }, null, null), { first: 2, last: 3 }, 'an empty viewport is one pixel high');
    });
    test('hysteresis: null while half a screen beyond each edge is rendered, a new window once it is not', () => {
      const h = hundred();
      const cur = { first: 45, last: 60 };
      assert.equal(nextWindow(h, { top: 5000, bottom: 5500 }, cur, null), null);
      assert.equal(nextWindow(h, { top: 5200, bottom: 5700 }, cur, null), null);
      assert.equal(nextWindow(h, { top: 4800, bottom: 5300 }, cur, null), null);
      assert.deepEqual(nextWindow(h, { top: 5400, bottom: 5900 }, cur, null), { first: 49, last: 64 });
      // Less than half a screen rendered above or below the viewport: rebuild.
      assert.deepEqual(nextWindow(h, { top: 5000, bottom: 5500 }, { first: 48, last: 70 }, null), { first: 45, last: 60 });
      assert.deepEqual(nextWindow(h, { top: 5000, bottom: 5500 }, { first: 40, last: 56 }, null), { first: 45, last: 60 });
      assert.deepEqual(nextWindow(h, { top: 9500, bottom: 10000 }, { first: 0, last: 10 }, null), { first: 90, last: 99 });
    });
    test('keep is always rendered', () => {
      const h = hundred();
      const keep = { first: 70, last: 72 };
      assert.deepEqual(nextWindow(h, { top: 0, bottom: 500 }, null, keep), { first: 0, last: 72 });
      assert.deepEqual(nextWindow(h, { top: 0, bottom: 500 }, { first: 0, last: 10 }, keep), { first: 0, last: 72 });
      assert.equal(nextWindow(h, { top: 0, bottom: 500 }, { first: 0, last: 72 }, keep), null);
      assert.deepEqual(nextWindow(h, { top: 9500, bottom: 10000 }, null, { first: 3, last: 3 }), { first: 3, last: 99 });
    });

    const span = (n: number) => fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([a, b]): ChunkSpan => ({ first: Math.min(a, b), last: Math.max(a, b) }));
    test('property: in range, covers viewport, margins and keep, and is stable under scrolls of up to half a screen', () => {
      fc.assert(
        fc.property(
          heightsArb.chain((hs) => fc.tuple(fc.constant(hs), fc.option(span(hs[0].length)), fc.option(span(hs[0].length)))),
          fc.double({ min: -0.2, max: 1.2, noNaN: true }),
          fc.integer({ min: 0, max: 3000 }),
          fc.double({ min: -1, max: 1, noNaN: true }),
          ([hs, current, keep], f, height, shift) => {
            const h = build(hs);
            const top = f * h.total();
            const view = { top, bottom: top + height };
            const screen = Math.max(1, height);
            const covers = (w: ChunkSpan) =>
              w.first <= h.chunkAt(top - KEEP_SCREENS * screen) &&
              w.last >= h.chunkAt(view.bottom + KEEP_SCREENS * screen) &&
              (!keep || (w.first <= keep.first && w.last >= keep.last));
            const next = nextWindow(h, view, current, keep);
            if (next === null) {
              assert.ok(current && covers(current), 'null only when the current window already covers');
              return;
            }
            assert.ok(0 <= next.first && next.first <= next.last && next.last < h.count, JSON.stringify(next));
            assert.ok(covers(next));
            assert.ok(next.first <= h.chunkAt(top - MARGIN_SCREENS * screen) && next.last >= h.chunkAt(view.bottom + MARGIN_SCREENS * screen), 'a full margin each way');
            assert.ok(!current || current.first !== next.first || current.last !== next.last);
            assert.equal(nextWindow(h, view, next, keep), null, 'stable');
            const d = shift * (MARGIN_SCREENS - KEEP_SCREENS) * screen;
            assert.equal(nextWindow(h, { top: top + d, bottom: view.bottom + d }, next, keep), null, `scroll by ${d}`);
          },
        ),
        RUNS,
      );
    });
  });
});
