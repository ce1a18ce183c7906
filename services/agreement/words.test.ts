// Word units (maximal runs of L*, N*, M* code points, offsets in code points) and how spans code them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordCoding, wordUnits, wordUnitsByDoc, wordsOf } from './words.js';
import { sliceCp } from '../../common/offsets.js';

/** The words of `text` as strings, read back through their code-point offsets. */
const texts = (text: string) => wordUnits(text).map((w) => sliceCp(text, w.start, w.end));

test('words are runs of letters, numbers and marks; offsets count code points, so they shift by one per emoji, not two', () => {
  assert.deepEqual(wordUnits('Ça va, 😀 東京!'), [
    { start: 0, end: 2 },
    { start: 3, end: 5 },
    { start: 9, end: 11 },
  ]);
  assert.deepEqual(wordUnits('a😀b'), [
    { start: 0, end: 1 },
    { start: 2, end: 3 },
  ]);
  // Astral letters (U+1D400 MATHEMATICAL BOLD CAPITAL A, category Lu): one code point each.
  assert.deepEqual(wordUnits('𝐀𝐁 c'), [
    { start: 0, end: 2 },
    { start: 3, end: 4 },
  ]);
  assert.deepEqual(wordUnits(''), []);
  assert.deepEqual(wordUnits(' ,.; '), []);
});

test('punctuation, apostrophes, hyphens and decimal points split words; digits are words', () => {
  assert.deepEqual(texts("don't re-run 3.14, 2024"), ['don', 't', 're', 'run', '3', '14', '2024']);
});

test('combining marks stay in their word (decomposed é, Arabic harakat, Devanagari vowel signs)', () => {
  assert.deepEqual(wordUnits('cafe\u0301 ok'), [
    { start: 0, end: 5 },
    { start: 6, end: 8 },
  ]);
  assert.deepEqual(texts('كَتَبَ الرَّئِيسُ'), ['كَتَبَ', 'الرَّئِيسُ']);
  assert.deepEqual(wordUnits('كَتَبَ')[0], { start: 0, end: 6 });
  assert.deepEqual(texts('नमस्ते दुनिया'), ['नमस्ते', 'दुनिया']);
});

test('Arabic words split at spaces and Arabic punctuation', () => {
  assert.deepEqual(texts('قال الرئيس، إن التقرير كاذب؟'), ['قال', 'الرئيس', 'إن', 'التقرير', 'كاذب']);
  assert.deepEqual(wordUnits('قال الرئيس').map((w) => [w.start, w.end]), [
    [0, 3],
    [4, 10],
  ]);
});

test('CJK without spaces is one word per run between punctuation (no dictionary segmentation)', () => {
  assert.deepEqual(texts('東京は晴れ。市長が否定した'), ['東京は晴れ', '市長が否定した']);
  assert.deepEqual(texts('서울 시장이 부인했다'), ['서울', '시장이', '부인했다']);
});

test('emoji are not words, modifiers and ZWJ sequences included; a keycap is a digit with its marks', () => {
  assert.deepEqual(wordUnits('👍🏽 👩‍👩‍👧 🇺🇸'), []);
  assert.deepEqual(texts('x👩‍👩‍👧y'), ['x', 'y']);
  // 1 (Nd) + U+FE0F (Mn) + U+20E3 (Me): three code points of the word categories.
  assert.deepEqual(wordUnits('1️⃣'), [{ start: 0, end: 3 }]);
  // ❤ is a symbol (So) but its variation selector U+FE0F is a mark (Mn): by the definition, a word of its own.
  assert.deepEqual(wordUnits('❤️'), [{ start: 1, end: 2 }]);
});

test('wordUnitsByDoc keeps document ids; wordsOf names a document given no text', () => {
  const byDoc = wordUnitsByDoc(new Map([[7, 'a b'], [9, '']]));
  assert.deepEqual(byDoc.get(7), [
    { start: 0, end: 1 },
    { start: 2, end: 3 },
  ]);
  assert.deepEqual(byDoc.get(9), []);
  assert.throws(() => wordsOf(byDoc, 8), /no text \(word units\) given for document 8/);
});

test('wordCoding: a word counts for a label only when wholly inside a span of it', () => {
  const words = wordUnits('one two three four'); // 0..3 4..7 8..13 14..18
  const c = wordCoding(words, [
    { doc: 1, start: 0, end: 7, label: 'x' },
    { doc: 1, start: 5, end: 18, label: 'y' }, // cuts "two": covers only three and four
  ]);
  assert.deepEqual(c.labels, [['x'], ['x'], ['y'], ['y']]);
  assert.deepEqual(c.category, ['x', 'x', 'y', 'y']);
  assert.deepEqual(wordCoding(words, []).category, [null, null, null, null]);
});

test('wordCoding: the category is the shortest covering span, then the earliest start, then the label name', () => {
  const words = wordUnits('aa bb cc'); // 0..2 3..5 6..8
  const c = wordCoding(words, [
    { doc: 1, start: 0, end: 8, label: 'long' },
    { doc: 1, start: 3, end: 8, label: 'mid' },
    { doc: 1, start: 0, end: 5, label: 'early' }, // as long as "mid", starts earlier: wins "bb"
    { doc: 1, start: 6, end: 8, label: 'zeta' },
    { doc: 1, start: 6, end: 8, label: 'alpha' }, // same span: the label name decides
  ]);
  assert.deepEqual(c.category, ['early', 'early', 'alpha']);
  assert.deepEqual(c.labels, [['early', 'long'], ['early', 'long', 'mid'], ['alpha', 'long', 'mid', 'zeta']]);
});

test('wordCoding: a label named "none" is a label, distinct from no span (null)', () => {
  const c = wordCoding(wordUnits('a b'), [{ doc: 1, start: 0, end: 1, label: 'none' }]);
  assert.deepEqual(c.category, ['none', null]);
});

test('wordCoding refuses a malformed span with a clear error', () => {
  assert.throws(() => wordCoding(wordUnits('a b'), [{ doc: 1, start: 2, end: 1, label: 'x' }]), /not a span/);
  assert.throws(() => wordCoding(wordUnits('a b'), [{ doc: 1, start: 0.5, end: 1, label: 'x' }]), RangeError);
});
