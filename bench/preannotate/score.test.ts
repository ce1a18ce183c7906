import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maximumMatching, prf, scoreDocument, scoreSet, formatScores, type ScoredSpan } from './score.js';

const f = (start: number, end: number, label = 'figure'): ScoredSpan => ({ label, start, end });

test('exact match needs the same label and offsets; overlap needs one shared code point', () => {
  const gold = [f(0, 10)];
  const s = scoreDocument(gold, [f(0, 9)]);
  assert.deepEqual([s.exact.tp, s.exact.fp, s.exact.fn], [0, 1, 1]);
  assert.deepEqual([s.overlap.tp, s.overlap.fp, s.overlap.fn], [1, 0, 0]);
  // Touching half-open spans share no code point.
  const t = scoreDocument(gold, [f(10, 12)]);
  assert.deepEqual([t.overlap.tp, t.overlap.fp, t.overlap.fn], [0, 1, 1]);
});

test('one-to-one: two predictions over one gold span are one TP and one FP', () => {
  const s = scoreDocument([f(0, 20)], [f(0, 8), f(10, 20)]);
  assert.deepEqual([s.overlap.tp, s.overlap.fp, s.overlap.fn], [1, 1, 0]);
  // And one prediction over two gold spans: one TP, one FN.
  const t = scoreDocument([f(0, 8), f(10, 20)], [f(0, 20)]);
  assert.deepEqual([t.overlap.tp, t.overlap.fp, t.overlap.fn], [1, 0, 1]);
  assert.deepEqual(t.overlap.falseNegatives, [1]);
});

test('a label mismatch is a false positive and a false negative under both criteria', () => {
  const s = scoreDocument([f(0, 10, 'speaker')], [f(0, 10, 'claim')]);
  assert.deepEqual([s.exact.tp, s.exact.fp, s.exact.fn], [0, 1, 1]);
  assert.deepEqual([s.overlap.tp, s.overlap.fp, s.overlap.fn], [0, 1, 1]);
});

test('the overlap matching is maximum where greedy-by-largest-overlap is not', () => {
  // Gold A [0,10), B [9,11); prediction X [0,10) overlaps A by 10 and B by 1, Y [2,9) overlaps A only.
  // Greedy takes X–A first (largest overlap) and leaves Y and B unmatched: 1 pair. The maximum is X–B, Y–A.
  const gold = [f(0, 10), f(9, 11)];
  const pred = [f(0, 10), f(2, 9)];
  const pairs = maximumMatching(gold, pred, (g, p) => g.start < p.end && p.start < g.end);
  assert.deepEqual(pairs.sort(), [[0, 1], [1, 0]]);
  const s = scoreDocument(gold, pred);
  assert.deepEqual([s.overlap.tp, s.overlap.fp, s.overlap.fn], [2, 0, 0]);
  // Exact: only X–A.
  assert.deepEqual([s.exact.tp, s.exact.fp, s.exact.fn], [1, 1, 1]);
});

test('precision, recall and F1 by hand, micro-averaged over documents', () => {
  // Doc 1: gold 3 figures, predictions hit 2 exactly, 1 more overlaps the third, 1 wrong. Doc 2: 1 gold missed.
  const docs = [
    { gold: [f(0, 5), f(10, 15), f(20, 30)], pred: [f(0, 5), f(10, 15), f(22, 30), f(40, 45)] },
    { gold: [f(0, 4)], pred: [] },
  ];
  const s = scoreSet(docs, ['figure']).figure;
  assert.deepEqual([s.exact.tp, s.exact.fp, s.exact.fn], [2, 2, 2]);
  assert.equal(s.exact.precision, 0.5);
  assert.equal(s.exact.recall, 0.5);
  assert.equal(s.exact.f1, 0.5);
  assert.deepEqual([s.overlap.tp, s.overlap.fp, s.overlap.fn], [3, 1, 1]);
  assert.equal(s.overlap.precision, 0.75);
  assert.equal(s.overlap.recall, 0.75);
  assert.equal(s.overlap.f1, 0.75);
});

test('empty sets: nothing on either side is P = R = F1 = 1; predictions without gold P = 0, R = 1, F1 = 0', () => {
  assert.deepEqual(prf({ tp: 0, fp: 0, fn: 0 }), { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(prf({ tp: 0, fp: 3, fn: 0 }), { tp: 0, fp: 3, fn: 0, precision: 0, recall: 1, f1: 0 });
  assert.deepEqual(prf({ tp: 0, fp: 0, fn: 2 }), { tp: 0, fp: 0, fn: 2, precision: 1, recall: 0, f1: 0 });
  const s = scoreSet([{ gold: [], pred: [] }], ['claim']).claim;
  assert.equal(s.overlap.f1, 1);
});

test('the table has a row per label with both criteria', () => {
  const table = formatScores(scoreSet([{ gold: [f(0, 5)], pred: [f(0, 4)] }], ['figure', 'speaker']));
  const lines = table.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^figure\s+0\.000\s+0\.000\s+0\.000\s+0\/1\/1\s+1\.000\s+1\.000\s+1\.000\s+1\/0\/0$/);
  assert.match(lines[2], /^speaker\s+1\.000/);
});
