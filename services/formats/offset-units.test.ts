import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseOffsetUnit, fromCodePoints, inconsistency, toCodePoints, type UnitSpan } from './offset-units.js';
import { offsetUnits } from '../../common/formats.js';
import { mulberry32 } from '../../common/random.js';

// Texts where the three units differ: an astral emoji (2 UTF-16 units, 1 code point, 1 cluster), a ZWJ family
// (8 units, 5 code points, 1 cluster), an accent as a combining mark (2 code points, 1 cluster), a flag.
const THUMBS = '👍 Zoë said';
const FAMILY = '👩‍👩‍👧 Kyiv said';
const FIREMAN = '👨🏻‍🚒 firemen drive firetrucks'; // doccano issue #2290: 22,32 in doccano, 19,29 in Python
const MIXED = 'Cafe\u0301 🇺🇦 said 😀 no.';
const at = (start: number, end: number, text?: string): UnitSpan => ({ start, end, at: 'line 1', ...(text === undefined ? {} : { text }) });

test('toCodePoints: each unit maps onto code points; offsets that are not boundaries of the unit are null', () => {
  const u = toCodePoints(THUMBS, 'utf16');
  assert.deepEqual([0, 2, 3, 6, THUMBS.length].map(u), [0, 1, 2, 5, Array.from(THUMBS).length]);
  assert.equal(u(1), null, 'between the halves of 👍');
  assert.equal(u(THUMBS.length + 1), null, 'past the text');
  assert.equal(u(-1), null);
  assert.equal(u(1.5), null);
  const c = toCodePoints(THUMBS, 'codepoint');
  assert.deepEqual([c(2), c(10), c(11)], [2, 10, null]);
  const g = toCodePoints(FAMILY, 'grapheme');
  // Clusters: the family, the space, K…: cluster 2 starts at code point 6 (5 for the family, 1 for the space).
  assert.deepEqual([g(0), g(1), g(2), g(6)], [0, 5, 6, 10]);
  assert.equal(g(Array.from(FAMILY).length), null, 'grapheme offsets end at the cluster count, not the code point count');
  assert.equal(toCodePoints(MIXED, 'grapheme')(4), 5, 'e + U+0301 is one cluster');
});

test('fromCodePoints inverts toCodePoints at every cluster boundary, in every unit', () => {
  for (const text of [THUMBS, FAMILY, FIREMAN, MIXED, 'a\r\nb']) {
    const cps = Array.from(text);
    const boundaries = [0];
    for (const { index } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) if (index) boundaries.push(Array.from(text.slice(0, index)).length);
    boundaries.push(cps.length);
    for (const unit of offsetUnits) {
      const from = fromCodePoints(text, unit);
      const to = toCodePoints(text, unit);
      for (const b of boundaries) assert.equal(to(from(b)), b, `${JSON.stringify(text)} ${unit} at ${b}`);
    }
  }
  assert.equal(fromCodePoints(THUMBS, 'utf16')(2), 3);
  assert.equal(fromCodePoints(MIXED, 'grapheme')(4), 3, 'a code point inside a cluster maps to that cluster');
  assert.throws(() => fromCodePoints(THUMBS, 'grapheme')(99), RangeError);
  assert.throws(() => fromCodePoints(THUMBS, 'utf16')(99), RangeError);
});

test('inconsistency names the span and the reason in the unit read', () => {
  assert.equal(inconsistency(THUMBS, [at(3, 6, 'Zoë')], 'utf16'), null);
  assert.equal(inconsistency(THUMBS, [at(3, 6, 'Zoë')], 'codepoint'), 'line 1: 3..6 covers "oë " in code points, not "Zoë"');
  assert.equal(inconsistency(THUMBS, [at(1, 3)], 'utf16'), 'line 1: 1..3 splits a surrogate pair in UTF-16 code units');
  assert.equal(inconsistency(THUMBS, [at(5, 12)], 'utf16'), 'line 1: 5..12 ends past the text (11 UTF-16 code units)');
  assert.equal(inconsistency(THUMBS, [at(5, 11)], 'grapheme'), 'line 1: 5..11 ends past the text (10 grapheme clusters)');
  assert.equal(inconsistency(THUMBS, [at(-1, 2)], 'codepoint'), 'line 1: -1..2 is not an offset');
  assert.equal(inconsistency(FAMILY, [at(2, 6)], 'codepoint'), 'line 1: 2..6 splits a character in code points');
  assert.equal(inconsistency(THUMBS, [at(4, 2)], 'codepoint'), 'line 1: 4..2 ends before it starts');
  assert.equal(inconsistency(THUMBS, [], 'codepoint'), null);
});

test("chooseOffsetUnit: doccano's own offsets in the issue's example read as UTF-16 (all readings fit; the default wins)", () => {
  const c = chooseOffsetUnit([{ text: THUMBS, spans: [at(3, 6)] }], 'utf16');
  assert.equal(c.unit, 'utf16');
  assert.equal(c.note, "offsets read as UTF-16 code units (the format's default; code points and grapheme clusters would fit too)");
});

test('chooseOffsetUnit: grapheme-cluster offsets are the only consistent reading, and the note says why the default is not', () => {
  const c = chooseOffsetUnit([{ text: FAMILY, spans: [at(2, 6)] }], 'utf16');
  assert.equal(c.unit, 'grapheme');
  assert.match(c.note, /^offsets read as grapheme clusters, the only reading consistent with the file \(in UTF-16 code units, line 1: 2\.\.6 splits a character/);
});

test('chooseOffsetUnit: Python offsets with the span text given are told apart (doccano issue #2290)', () => {
  const c = chooseOffsetUnit([{ text: FIREMAN, spans: [at(19, 29, 'firetrucks')] }], 'utf16');
  assert.equal(c.unit, 'codepoint');
  const u = chooseOffsetUnit([{ text: FIREMAN, spans: [at(22, 32, 'firetrucks')] }], 'utf16');
  assert.equal(u.unit, 'utf16');
  // Without the text, 19..29 fits in UTF-16 too ("ive firetr"): undecidable, so the default.
  assert.equal(chooseOffsetUnit([{ text: FIREMAN, spans: [at(19, 29)] }], 'utf16').unit, 'utf16');
});

test('chooseOffsetUnit: a span no reading places does not hide the evidence of the others', () => {
  const c = chooseOffsetUnit([{ text: FAMILY, spans: [at(2, 6), at(100, 120), at(5, 5)] }, { text: 'plain', spans: [at(7, 3)] }], 'utf16');
  assert.equal(c.unit, 'grapheme');
});

test('chooseOffsetUnit: forced, no spans, units that agree, several readings but not the default, none at all', () => {
  assert.deepEqual(chooseOffsetUnit([{ text: FAMILY, spans: [at(2, 6)] }], 'utf16', 'codepoint'), { unit: 'codepoint', note: 'offsets read as code points (as asked)' });
  assert.deepEqual(chooseOffsetUnit([{ text: FAMILY, spans: [] }], 'utf16'), { unit: 'utf16', note: "offsets read as UTF-16 code units (the format's default; no span of the file tells the units apart)" });
  assert.deepEqual(chooseOffsetUnit([{ text: 'Port officials said no.', spans: [at(0, 4)] }], 'utf16'), {
    unit: 'utf16',
    note: "offsets read as UTF-16 code units (the format's default; the three units agree on this file's texts)",
  });
  // 1..3 is inside 😀 in UTF-16; code points and clusters both read " a".
  const several = chooseOffsetUnit([{ text: '😀 ab', spans: [at(1, 3)] }], 'utf16');
  assert.equal(several.unit, 'codepoint');
  assert.match(several.note, /^offsets read as code points, consistent with the file, unlike the format's default \(line 1: 1\.\.3 splits a surrogate pair/);
  // One span fits clusters only, the other code points only.
  const none = chooseOffsetUnit([{ text: FAMILY, spans: [at(2, 6)] }, { text: FIREMAN, spans: [at(19, 29, 'firetrucks')] }], 'utf16');
  assert.equal(none.unit, 'utf16');
  assert.equal(none.note, "offsets read as UTF-16 code units (the format's default); no reading fits every span (line 1: 2..6 splits a character in UTF-16 code units)");
  // A span whose text fits no reading is no evidence (ingest drops it whatever the unit).
  assert.match(chooseOffsetUnit([{ text: THUMBS, spans: [at(3, 6, 'nobody')] }], 'utf16').note, /no span of the file tells the units apart/);
});

test('grapheme offsets of a long text are the clusters one whole segmenter pass finds, read in slices (linear time)', () => {
  // Every kind of cluster that joins across characters, next to the letters, spaces and punctuation slices are cut at.
  const pieces = ['a', 'é', 'e\u0301', ' ', ' ', '\n', '\r\n', '\t', '.', '👍🏽', '👩‍👩‍👧', '🇺🇦', '🇺🇦🇵🇱', '각', '\u1100\u1161\u11a8', 'क्ष', '\u0d4eക', 'ｶﾞ', '\u200d', '\u0301', '😀', 'Ж', '中文', '\u0600ب', '#\ufe0f\u20e3', 'x\u{e0067}'];
  const random = mulberry32(7);
  for (let round = 0; round < 20; round++) {
    let text = '';
    while (text.length < 5000) text += pieces[Math.floor(random() * pieces.length)];
    const whole = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].map((s) => [...text.slice(0, s.index)].length);
    whole.push([...text].length);
    const conv = toCodePoints(text, 'grapheme');
    const sliced: number[] = [];
    for (let k = 0; conv(k) !== null; k++) sliced.push(conv(k)!);
    assert.deepEqual(sliced, whole, `round ${round}`);
  }
});

test('a zero-length span (dropped anyway) is no evidence for a unit: the issue\'s doccano example stays UTF-16', () => {
  const text = '👍 Zoë said';
  const c = chooseOffsetUnit([{ text, spans: [{ start: 1, end: 1, at: 'line 1' }, { start: 3, end: 6, at: 'line 1' }] }], 'utf16');
  assert.equal(c.unit, 'utf16');
  assert.equal([...text].slice(toCodePoints(text, 'utf16')(3)!, toCodePoints(text, 'utf16')(6)!).join(''), 'Zoë');
});
