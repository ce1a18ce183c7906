// Krippendorff's α, nominal: the worked examples of Krippendorff (2011), "Computing Krippendorff's
// Alpha-Reliability", and span α over word units with missing annotators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alphaNominal, spanAlpha } from './alpha.js';
import { spanKappa } from './kappa.js';
import { wordUnitsByDoc } from './words.js';
import type { SpanRow } from './spans.js';

const span = (doc: number, start: number, end: number, label: string): SpanRow => ({ doc, start, end, label });
const close = (got: number | null, want: number, eps = 1e-12) => assert.ok(got !== null && Math.abs(got - want) < eps, `${got} ≠ ${want}`);

/** Observers × units (Krippendorff's layout), null for a missing value, as the units alphaNominal takes. */
const unitsOf = <V>(table: (V | null)[][]): V[][] => table[0].map((_, u) => table.map((row) => row[u]).filter((v): v is V => v !== null));

test('Krippendorff 2011, section A: binary data, two observers, no missing data: α = 0.095', () => {
  const table = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  ];
  // n = 20, n_0 = 14, n_1 = 6, o_01 + o_10 = 8: α = 1 − 19 · 8 / (2 · 14 · 6) = 1 − 152/168.
  close(alphaNominal(unitsOf(table)), 1 - 152 / 168);
  assert.equal(alphaNominal(unitsOf(table))!.toFixed(3), '0.095');
});

test('Krippendorff 2011, section C: nominal data, 4 observers × 12 units with missing values: α = 0.743', () => {
  const _ = null;
  const table = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  const alpha = alphaNominal(unitsOf(table))!;
  assert.equal(alpha.toFixed(3), '0.743');
  // The paper's coincidence figures: unit 12 has one value and drops out, leaving n = 40 pairable values with
  // n_1..n_5 = 9, 13, 10, 5, 3; the units that disagree add Σ_{c≠k} o_ck = 2 (unit 2) + 4 (unit 6) + 2 (unit 8).
  // α = 1 − (n − 1) · 8 / (n² − Σ n_c²) = 1 − 39 · 8 / (1600 − 384).
  close(alpha, 1 - (39 * 8) / 1216);
});

test('α is 1 for perfect agreement, null when every pairable value is the same or nothing is pairable', () => {
  close(alphaNominal([['a', 'a'], ['b', 'b', 'b'], ['c']]), 1);
  assert.equal(alphaNominal([['a', 'a'], ['a', 'a', 'a']]), null);
  assert.equal(alphaNominal([['a'], ['b'], []]), null);
  assert.equal(alphaNominal([]), null);
});

const texts = new Map([
  [1, 'one two three four'], // words 0..3 4..7 8..13 14..18
  [2, 'five six'], // 0..4 5..8
  [3, 'seven'], // 0..5
]);
const words = wordUnitsByDoc(texts);

test('span α: units are the words of documents annotated by at least two; a layer without spans there is missing', () => {
  const layers = new Map([
    ['ann', [span(1, 0, 7, 'x'), span(2, 0, 4, 'x'), span(3, 0, 5, 'x')]],
    ['bob', [span(1, 0, 3, 'x'), span(2, 0, 8, 'y')]],
    ['cat', [span(1, 0, 7, 'x')]],
  ]);
  // Document 3 (ann only) drops out. Document 2 has ann and bob; cat is missing there.
  // Overall values per word — doc 1: one (x,x,x) two (x,–,x) three (–,–,–) four (–,–,–) where – is none;
  // doc 2: five (x,y) six (–,y).
  const none = null;
  const expected = alphaNominal<string | null>([
    ['x', 'x', 'x'],
    ['x', none, 'x'],
    [none, none, none],
    [none, none, none],
    ['x', 'y'],
    [none, 'y'],
  ]);
  close(spanAlpha(layers, words).overall, expected!);
  const perLabel = spanAlpha(layers, words).labels;
  assert.deepEqual([...perLabel.keys()], ['x', 'y']);
  close(perLabel.get('x')!, alphaNominal([[1, 1, 1], [1, 0, 1], [0, 0, 0], [0, 0, 0], [1, 0], [0, 0]])!);
  close(perLabel.get('y')!, alphaNominal([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 1], [0, 1]])!);
});

test('span α of two annotators on shared documents is Scott\'s π corrected for sample size, next to κ', () => {
  const a = [span(1, 0, 7, 'x'), span(1, 8, 13, 'y'), span(2, 0, 4, 'x')];
  const b = [span(1, 0, 3, 'x'), span(1, 8, 18, 'y'), span(2, 5, 8, 'x')];
  // Overall codes: a = x x y – x –, b = x – y y – x (– none), N = 6 units, 2N = 12 values.
  // p_o = 2/6; pooled shares: x 5/12, y 3/12, none 4/12; p_e(π) = (25 + 9 + 16)/144 = 50/144.
  const po = 2 / 6;
  const pe = 50 / 144;
  const pi = (po - pe) / (1 - pe);
  close(spanAlpha(new Map([['a', a], ['b', b]]), words).overall, pi + (1 - pi) / 12);
  // Cohen's p_e uses each side's own shares: x 3/6·2/6 + y 1/6·2/6 + none 2/6·2/6 = 12/36; κ = 0 here, and κ ≥ π.
  close(spanKappa(a, b, words).overall!, 0);
  assert.ok(pi < 0);
});

test('span α refuses a malformed row and names a document without text', () => {
  assert.throws(() => spanAlpha(new Map([['a', [span(1, 3, 1, 'x')]]]), words), /not a span/);
  assert.throws(() => spanAlpha(new Map([['a', [span(9, 0, 1, 'x')]], ['b', [span(9, 0, 1, 'x')]]]), words), /document 9/);
});
