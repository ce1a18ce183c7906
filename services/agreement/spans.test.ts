// Exact and overlapping span match, worked by hand: recall and precision with `a` as the key, F1, nulls for 0/0,
// the documents annotated by both, and the greedy one-to-one rule with its ties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentsAnnotatedByBoth, exactMatch, overlapMatch, overlapPairs, type SpanRow } from './spans.js';

const span = (doc: number, start: number, end: number, label: string): SpanRow => ({ doc, start, end, label });

test('exact: same document, start, end and label; per label and overall, a as the key', () => {
  const a = [span(1, 0, 5, 'x'), span(1, 6, 9, 'y'), span(1, 10, 12, 'x')];
  const b = [span(1, 0, 5, 'x'), span(1, 6, 9, 'x'), span(1, 10, 13, 'x')];
  const m = exactMatch(a, b);
  assert.deepEqual(m.overall, { r: 1 / 3, p: 1 / 3, f1: 1 / 3 });
  assert.deepEqual(m.labels.get('x'), { r: 1 / 2, p: 1 / 3, f1: 2 / 5 });
  // b has no y: recall 0, precision 0/0, F1 0 (one side has spans, so it is not 0/0).
  assert.deepEqual(m.labels.get('y'), { r: 0, p: null, f1: 0 });
  assert.deepEqual([...m.labels.keys()], ['x', 'y']);
  // Swapping the sides swaps recall and precision and keeps F1.
  const s = exactMatch(b, a);
  assert.deepEqual(s.labels.get('x'), { r: 1 / 3, p: 1 / 2, f1: 2 / 5 });
  assert.deepEqual(s.labels.get('y'), { r: null, p: 0, f1: 0 });
});

test('exact: a different document or label is no match; equal spans match as a multiset', () => {
  assert.equal(exactMatch([span(1, 0, 3, 'x'), span(2, 0, 1, 'x')], [span(2, 0, 3, 'x'), span(1, 0, 1, 'x')]).overall.f1, 0);
  assert.equal(exactMatch([span(1, 0, 3, 'x')], [span(1, 0, 3, 'y')]).overall.f1, 0);
  const twice = exactMatch([span(1, 0, 3, 'x'), span(1, 0, 3, 'x')], [span(1, 0, 3, 'x')]);
  assert.deepEqual(twice.overall, { r: 1 / 2, p: 1, f1: 2 / 3 });
});

test('only documents annotated by both count: spans in a document one side never touched are left out', () => {
  const a = [span(1, 0, 3, 'x'), span(2, 0, 3, 'x'), span(2, 4, 6, 'y')];
  const b = [span(1, 0, 3, 'x'), span(3, 0, 3, 'x')];
  assert.deepEqual([...documentsAnnotatedByBoth(a, b)], [1]);
  const m = exactMatch(a, b);
  assert.deepEqual(m.overall, { r: 1, p: 1, f1: 1 });
  assert.deepEqual([...m.labels.keys()], ['x'], 'y is used only in document 2, which b did not annotate');
  assert.equal(overlapMatch(a, b).overall.f1, 1);
});

test('nothing in common: every figure is 0/0, so null, and no labels are listed', () => {
  const none = { r: null, p: null, f1: null };
  assert.deepEqual(exactMatch([], []).overall, none);
  assert.deepEqual(exactMatch([span(1, 0, 1, 'x')], [span(2, 0, 1, 'x')]).overall, none);
  assert.equal(overlapMatch([span(1, 0, 1, 'x')], []).labels.size, 0);
});

test('overlap: same label and at least one shared code point; touching spans and other labels do not match', () => {
  const m = overlapMatch(
    [span(1, 0, 5, 'x'), span(1, 10, 12, 'x'), span(1, 20, 25, 'y')],
    [span(1, 4, 9, 'x'), span(1, 12, 14, 'x'), span(1, 20, 25, 'x')],
  );
  // Only 0..5 ~ 4..9 (one code point in common). 10..12 and 12..14 touch; 20..25 differ in label.
  assert.deepEqual(m.labels.get('x'), { r: 1 / 2, p: 1 / 3, f1: 2 / 5 });
  assert.deepEqual(m.labels.get('y'), { r: 0, p: null, f1: 0 });
  assert.deepEqual(m.overall, { r: 1 / 3, p: 1 / 3, f1: 1 / 3 });
});

test('overlap is one to one: two spans of b over one span of a match once', () => {
  const m = overlapMatch([span(1, 0, 10, 'x')], [span(1, 0, 4, 'x'), span(1, 5, 10, 'x')]);
  assert.deepEqual(m.overall, { r: 1, p: 1 / 2, f1: 2 / 3 });
});

test('overlap is greedy by the largest overlap, not a maximum matching', () => {
  // a1 0..10 ~ b1 1..10 share 9; a2 0..2 ~ b1 share 1; a1 ~ b2 8..12 share 2. Greedy takes a1~b1 first, which
  // leaves a2 and b2 without a partner: 1 match, where a maximum matching (a2~b1, a1~b2) would have 2.
  const a = [span(1, 0, 10, 'x'), span(1, 0, 2, 'x')];
  const b = [span(1, 1, 10, 'x'), span(1, 8, 12, 'x')];
  assert.deepEqual(overlapPairs(a, b), [[0, 0]]);
  assert.deepEqual(overlapMatch(a, b).overall, { r: 1 / 2, p: 1 / 2, f1: 1 / 2 });
});

test("overlap ties go to a's span first in (document, start, end, label) order, whatever the input order", () => {
  // a 0..4 and a 2..6 both share 2 code points with b 2..4: the earlier a span takes it.
  const b = [span(1, 2, 4, 'x')];
  assert.deepEqual(overlapPairs([span(1, 0, 4, 'x'), span(1, 2, 6, 'x')], b), [[0, 0]]);
  assert.deepEqual(overlapPairs([span(1, 2, 6, 'x'), span(1, 0, 4, 'x')], b), [[1, 0]]);
  // Same start: the shorter end comes first.
  assert.deepEqual(overlapPairs([span(1, 2, 8, 'x'), span(1, 2, 4, 'x')], [span(1, 0, 4, 'x')]), [[1, 0]]);
});

test("overlap ties between b's spans go to b's earlier span", () => {
  // a 2..6 shares 2 code points with b 0..4 and with b 4..8.
  assert.deepEqual(overlapPairs([span(1, 2, 6, 'x')], [span(1, 4, 8, 'x'), span(1, 0, 4, 'x')]), [[0, 1]]);
  assert.deepEqual(overlapPairs([span(1, 2, 6, 'x')], [span(1, 0, 4, 'x'), span(1, 4, 8, 'x')]), [[0, 0]]);
});

test('a tie decides how many match: the earlier a span takes the contested b span, the later one still finds another', () => {
  // a1 0..4 and a2 2..6 share 2 code points with b1 2..4; a2 also shares 1 with b2 5..9. Greedy: b1 goes to a1
  // (tie, a1 earlier), then a2~b2 (1): both match. Had b1 gone to a2, a1 would have been left alone.
  const a = [span(1, 2, 6, 'x'), span(1, 0, 4, 'x')];
  const b = [span(1, 5, 9, 'x'), span(1, 2, 4, 'x')];
  assert.deepEqual(overlapPairs(a, b), [[1, 1], [0, 0]]);
  assert.equal(overlapMatch(a, b).overall.f1, 1);
});

test('spans in different documents never overlap', () => {
  assert.equal(overlapMatch([span(1, 0, 5, 'x'), span(2, 9, 10, 'y')], [span(2, 0, 5, 'x'), span(1, 9, 10, 'y')]).overall.f1, 0);
});

test('a malformed row is refused with a clear error', () => {
  assert.throws(() => exactMatch([span(1, 5, 2, 'x')], [span(1, 0, 1, 'x')]), /not a span.*"start":5/);
  assert.throws(() => overlapMatch([span(1, -1, 2, 'x')], []), RangeError);
  assert.throws(() => exactMatch([{ doc: 1, start: 0, end: Number.NaN, label: 'x' }], []), RangeError);
  assert.throws(() => exactMatch([span(1, 3, 3, 'x')], []), /not a span/, 'an empty span');
});
