// Property tests of the span measures on random documents (emoji, combining marks, CJK) and random layers:
// identical layers agree fully (or are null when constant), symmetric measures are symmetric, figures stay in
// range, and two-annotator α is Scott's π corrected for sample size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exactMatch, overlapMatch, type Prf, type SpanRow } from './spans.js';
import { cohenKappa, spanKappa } from './kappa.js';
import { alphaNominal, spanAlpha } from './alpha.js';
import { wordCoding, wordUnits, wordUnitsByDoc } from './words.js';
import { cpLength } from '../../common/offsets.js';

const RUNS = { numRuns: 200, seed: 13 };
const near = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-9);

/** Up to three documents of 0..30 characters drawn from letters, spaces, punctuation, an emoji, a mark, Han. */
const textsArb = fc
  .array(fc.array(fc.constantFrom('a', 'b', ' ', ' ', '.', '😀', '\u0301', '東'), { maxLength: 30 }).map((cs) => cs.join('')), { minLength: 1, maxLength: 3 })
  .map((list) => new Map(list.map((t, i) => [i + 1, t] as const)));

/** Random non-empty spans inside the texts, labels x, y, z. */
function layerArb(texts: ReadonlyMap<number, string>): fc.Arbitrary<SpanRow[]> {
  const docs = [...texts.entries()].filter(([, t]) => cpLength(t) > 0);
  if (!docs.length) return fc.constant([]);
  const one = fc
    .tuple(fc.constantFrom(...docs), fc.nat(), fc.nat(), fc.constantFrom('x', 'y', 'z'))
    .map(([[doc, t], p, q, label]) => {
      const n = cpLength(t);
      const start = p % n;
      return { doc, start, end: start + 1 + (q % (n - start)), label };
    });
  return fc.array(one, { maxLength: 8 });
}

const caseArb = textsArb.chain((texts) => fc.record({ texts: fc.constant(texts), a: layerArb(texts), b: layerArb(texts), c: layerArb(texts) }));

const f1s = (m: { overall: Prf; labels: ReadonlyMap<string, Prf> }) => [m.overall.f1, ...[...m.labels.values()].map((x) => x.f1)];

test('identical layers: F1 (exact and overlap) is 1 wherever a label has spans; κ and α are 1 or null', () => {
  fc.assert(
    fc.property(caseArb, ({ texts, a }) => {
      const words = wordUnitsByDoc(texts);
      const copy = a.map((s) => ({ ...s }));
      for (const m of [exactMatch(a, copy), overlapMatch(a, copy)]) {
        for (const f of f1s(m)) assert.equal(f, a.length ? 1 : null);
        assert.deepEqual([m.overall.r, m.overall.p], a.length ? [1, 1] : [null, null]);
      }
      const k = spanKappa(a, copy, words);
      const al = spanAlpha(new Map([['a', a], ['b', copy], ['c', copy]]), words);
      for (const v of [k.overall, ...k.labels.values(), al.overall, ...al.labels.values()]) assert.ok(v === null || near(v, 1), String(v));
    }),
    RUNS,
  );
});

test('F1 (exact, and overlap overall) and κ are symmetric; swapping sides swaps recall and precision', () => {
  fc.assert(
    fc.property(caseArb, ({ texts, a, b }) => {
      const words = wordUnitsByDoc(texts);
      const ab = exactMatch(a, b);
      const ba = exactMatch(b, a);
      assert.deepEqual(f1s(ab), f1s(ba));
      assert.deepEqual([ab.overall.r, ab.overall.p], [ba.overall.p, ba.overall.r]);
      assert.equal(overlapMatch(a, b).overall.f1, overlapMatch(b, a).overall.f1);
      assert.deepEqual(spanKappa(a, b, words), spanKappa(b, a, words));
    }),
    RUNS,
  );
});

test('figures stay in range: P, R, F1 in 0..1, κ in −1..1, α ≤ 1; without nesting, overlap finds at least the exact matches', () => {
  fc.assert(
    fc.property(caseArb, ({ texts, a, b, c }) => {
      const words = wordUnitsByDoc(texts);
      const exact = exactMatch(a, b);
      const overlap = overlapMatch(a, b);
      for (const m of [exact, overlap]) {
        for (const x of [m.overall, ...m.labels.values()]) for (const v of [x.r, x.p, x.f1]) assert.ok(v === null || (v >= 0 && v <= 1));
      }
      // An exact pair overlaps by its whole length, which only a span holding it (longer, same label) can equal or
      // beat: with no such nesting, the greedy pass keeps every exact pair, so it never finds fewer matches.
      if (!hasNesting(a, b)) assert.ok((overlap.overall.f1 ?? 0) >= (exact.overall.f1 ?? 0) - 1e-12);
      const k = spanKappa(a, b, words);
      for (const v of [k.overall, ...k.labels.values()]) assert.ok(v === null || (v >= -1 - 1e-12 && v <= 1 + 1e-12));
      const al = spanAlpha(new Map([['a', a], ['b', b], ['c', c]]), words);
      for (const v of [al.overall, ...al.labels.values()]) assert.ok(v === null || v <= 1 + 1e-12);
    }),
    RUNS,
  );
});

/** True when some span of a lies in a longer span of b of its label, or the reverse. */
function hasNesting(a: readonly SpanRow[], b: readonly SpanRow[]): boolean {
  const inside = (s: SpanRow, t: SpanRow) => s.doc === t.doc && s.label === t.label && t.start <= s.start && s.end <= t.end && t.end - t.start > s.end - s.start;
  return a.some((s) => b.some((t) => inside(s, t) || inside(t, s)));
}

test('two annotators on the same documents: α = π + (1 − π)/2N (Scott\'s π over the same N words), and π ≤ κ', () => {
  fc.assert(
    fc.property(caseArb, ({ texts, a, b }) => {
      const words = wordUnitsByDoc(texts);
      const docs = [...texts.keys()].filter((d) => a.some((s) => s.doc === d) && b.some((s) => s.doc === d));
      const codes = (rows: SpanRow[]) => docs.flatMap((d) => wordCoding(words.get(d)!, rows.filter((s) => s.doc === d)).category);
      const ca = codes(a);
      const cb = codes(b);
      const n = ca.length;
      const shares = new Map<string | null, number>();
      for (const v of [...ca, ...cb]) shares.set(v, (shares.get(v) ?? 0) + 1);
      const pe = [...shares.values()].reduce((sum, c) => sum + (c / (2 * n)) ** 2, 0);
      const po = ca.filter((v, i) => v === cb[i]).length / n;
      const alpha = spanAlpha(new Map([['a', a], ['b', b]]), words).overall;
      const kappa = cohenKappa(ca, cb);
      assert.ok(near(kappa, spanKappa(a, b, words).overall));
      if (n === 0 || pe === 1) return assert.equal(alpha, null);
      const pi = (po - pe) / (1 - pe);
      assert.ok(near(alpha, pi + (1 - pi) / (2 * n)), `α ${alpha}, π ${pi}, N ${n}`);
      if (kappa !== null) assert.ok(pi <= kappa + 1e-12, `π ${pi} > κ ${kappa}`);
    }),
    RUNS,
  );
});

test('alphaNominal does not depend on the order of units or of values within a unit', () => {
  const unitsArb = fc.array(fc.array(fc.constantFrom('p', 'q', 'r'), { maxLength: 4 }), { maxLength: 12 });
  fc.assert(
    fc.property(unitsArb, (units) => {
      const shuffled = [...units].reverse().map((u) => [...u].reverse());
      assert.ok(near(alphaNominal(units), alphaNominal(shuffled)));
    }),
    RUNS,
  );
});

test('word units partition nothing twice: words are disjoint, in order, inside the text, and hold no separator', () => {
  fc.assert(
    fc.property(textsArb, (texts) => {
      for (const t of texts.values()) {
        const w = wordUnits(t);
        const chars = [...t];
        let last = 0;
        for (const { start, end } of w) {
          assert.ok(start >= last && end > start && end <= chars.length);
          assert.ok(chars.slice(start, end).every((ch) => /[\p{L}\p{N}\p{M}]/u.test(ch)));
          if (start > 0) assert.ok(!/[\p{L}\p{N}\p{M}]/u.test(chars[start - 1]), 'maximal on the left');
          if (end < chars.length) assert.ok(!/[\p{L}\p{N}\p{M}]/u.test(chars[end]), 'maximal on the right');
          last = end;
        }
      }
    }),
    RUNS,
  );
});
