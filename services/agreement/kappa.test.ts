// Cohen's κ: a textbook example, constant codings, and κ over word units worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohenKappa, spanKappa } from './kappa.js';
import { wordUnitsByDoc } from './words.js';
import type { SpanRow } from './spans.js';

const span = (doc: number, start: number, end: number, label: string): SpanRow => ({ doc, start, end, label });
const close = (got: number | null, want: number) => assert.ok(got !== null && Math.abs(got - want) < 1e-12, `${got} ≠ ${want}`);
const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

test('the 50 grant proposals of the Wikipedia article "Cohen\'s kappa": p_o 0.7, p_e 0.5, κ = 0.4', () => {
  // Both yes 20, A yes B no 5, A no B yes 10, both no 15.
  const a = [...repeat(20, 'yes'), ...repeat(5, 'yes'), ...repeat(10, 'no'), ...repeat(15, 'no')];
  const b = [...repeat(20, 'yes'), ...repeat(5, 'no'), ...repeat(10, 'yes'), ...repeat(15, 'no')];
  close(cohenKappa(a, b), 0.4);
  close(cohenKappa(b, a), 0.4);
});

test('perfect agreement is 1, chance-level agreement 0, systematic disagreement negative', () => {
  close(cohenKappa(['x', 'y', 'z'], ['x', 'y', 'z']), 1);
  close(cohenKappa(['y', 'y', 'n', 'n'], ['y', 'n', 'y', 'n']), 0);
  close(cohenKappa(['y', 'n'], ['n', 'y']), -1);
});

test('a constant coding (both give every unit the same one category) and no units are 0/0: null', () => {
  assert.equal(cohenKappa(['x', 'x', 'x'], ['x', 'x', 'x']), null);
  assert.equal(cohenKappa([], []), null);
  // Constant on one side only is defined: p_e = p_o, κ = 0.
  close(cohenKappa(['x', 'x', 'x', 'x'], ['x', 'y', 'x', 'y']), 0);
  assert.throws(() => cohenKappa(['x'], []), /1 and 0 units/);
});

const texts = new Map([
  [1, 'one two three four'], // words 0..3 4..7 8..13 14..18
  [2, 'five six'], // 0..4 5..8
]);
const words = wordUnitsByDoc(texts);

test('span κ per label: a word is 1 only when wholly inside a span of the label', () => {
  // a: "one two" x. b: 5..13 x cuts "two", so b covers only "three". a = 1100, b = 0010:
  // p_o = 1/4 (four), p_e = (2·1 + 2·3)/16 = 1/2, κ = (1/4 − 1/2)/(1/2) = −1/2.
  const k = spanKappa([span(1, 0, 7, 'x')], [span(1, 5, 13, 'x')], words);
  close(k.labels.get('x')!, -0.5);
  close(k.overall!, -0.5);
});

test('span κ overall uses the shortest covering span; per label each label is coded on its own', () => {
  // a: x over all four words, y over "two". b: x over all four words only.
  // Overall a = x y x x, b = x x x x: b is constant but a is not, κ = (3/4 − 3/4)/(1 − 3/4) = 0.
  // Label x: both 1111, constant, null. Label y: a 0100, b 0000: κ = 0 (p_o = 3/4 = p_e).
  const k = spanKappa([span(1, 0, 18, 'x'), span(1, 4, 7, 'y')], [span(1, 0, 18, 'x')], words);
  close(k.overall!, 0);
  assert.equal(k.labels.get('x'), null);
  close(k.labels.get('y')!, 0);
});

test('span κ pools the documents annotated by both and leaves out the others', () => {
  // Document 1: a x on "one", b x on "one". Document 2: both x on "five". Units: 6 words.
  // a = 100010, b = 100010 → 1.
  const a = [span(1, 0, 3, 'x'), span(2, 0, 4, 'x')];
  const b = [span(1, 0, 3, 'x'), span(2, 0, 4, 'x')];
  close(spanKappa(a, b, words).overall!, 1);
  // Document 2 annotated by a only: not counted, even though b leaves "five" uncoded.
  const k = spanKappa([span(1, 0, 3, 'x'), span(1, 4, 7, 'x'), span(2, 0, 4, 'x')], [span(1, 0, 3, 'x'), span(1, 4, 7, 'x')], words);
  close(k.overall!, 1);
  assert.deepEqual(spanKappa(a, [], words), { overall: null, labels: new Map() });
});

test('span κ is symmetric and names a document that has spans but no text', () => {
  const a = [span(1, 0, 7, 'x'), span(1, 8, 18, 'y')];
  const b = [span(1, 0, 3, 'x'), span(1, 4, 13, 'y')];
  assert.deepEqual(spanKappa(a, b, words), spanKappa(b, a, words));
  assert.throws(() => spanKappa([span(5, 0, 1, 'x')], [span(5, 0, 1, 'x')], words), /document 5/);
});
