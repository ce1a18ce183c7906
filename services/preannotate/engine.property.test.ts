// Property tests of the pre-annotation engine on hostile text: propose() never throws, on strings built from
// news-ish tokens (every kind of quotation mark, colons, reporting verbs, "according to", names, numbers,
// punctuation, newlines, astral characters) and on arbitrary unicode; every span lies inside the text, is
// non-empty and not edged with white space; links index existing spans; a claim's `cites` are figures inside it
// and its `said-by` a speaker. PROPERTY_RUNS=n runs more (the hostile tester's cases needed a few thousand).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cpLength } from '../../common/offsets.js';
import { propose } from './engine.js';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 600), seed: 14 };

const PIECES = [
  '“', '”', '"', '‘', '’', "'", '«', '»', '„', ':', ': ', ',', '.', '. ', ';', '!', '?', '—', '–', '-', '(', ')', ' ', ' ', ' ',
  '\n', '\n\n', '\t', 'said', 'says', 'told', 'added', 'warned', 'that', 'according to', 'according', 'to', 'he', 'she',
  'He', 'Bob', 'Mr Smith', 'Gen. Sergey Rudskoy', 'WHO', 'the', 'The', 'ministry', 'the Russian MoD', 'a spokesman for the coalition',
  'who', 'and', 'but', 'Q', 'A', 'report', 'at least', 'over', 'about', 'percent', '%', 'million', 'hundreds of', '5', '60',
  '1,200', '3.5', '2024', '555-1234', 'ISO 9001', 'forty-one', 'people', 'civilians', 'died', '$', '€', '😀', '𝔸', '東', '\u0301',
  'called', 'what', 'It was reported that', 'The court heard that', 'Solheim:', '[@RT_com](#)', 'LONDON (Wire) — ',
];

const newsish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 80 });
const anyUnits = fc.string({ unit: 'binary', maxLength: 80 });

/** Throws (with the text) when propose()'s result breaks an invariant. */
function check(text: string): void {
  const n = cpLength(text);
  const { spans, links } = propose(text);
  const cps = Array.from(text);
  for (const s of spans) {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `integer offsets in ${JSON.stringify(text)}`);
    assert.ok(s.start >= 0 && s.end <= n && s.start < s.end, `span ${s.start}-${s.end} inside ${n} code points: ${JSON.stringify(text)}`);
    assert.ok(!/\s/u.test(cps[s.start]) && !/\s/u.test(cps[s.end - 1]), `span edged with white space in ${JSON.stringify(text)}`);
  }
  for (const l of links) {
    const from = spans[l.from];
    const to = spans[l.to];
    assert.ok(from && to, `link ${l.from}→${l.to} of ${spans.length} spans in ${JSON.stringify(text)}`);
    assert.equal(from.label, 'claim');
    if (l.type === 'cites') {
      assert.equal(to.label, 'figure');
      assert.ok(to.start >= from.start && to.end <= from.end, `cited figure inside its claim in ${JSON.stringify(text)}`);
    } else assert.equal(to.label, 'speaker');
  }
}

test('propose never throws on the hostile tester’s texts, and keeps its invariants', () => {
  for (const t of [
    'Bob: “We will win 5 wars.”', 'Q: “x”', 'the report: “x”', 'Mr Smith, WHO: “We found 5 cases.”', '1: “x”',
    ' Bob: “We will win.”', 'Bob: "We will win 5 wars."', '", said: percent ‘ the million Bob who “ the “', '', ' ', ':', '“', '”',
  ]) check(t);
  const bob = propose('Bob: “We will win 5 wars.”');
  assert.deepEqual(bob.spans.map((s) => s.label), ['speaker', 'claim', 'figure']);
});

test('propose keeps its invariants on news-ish token soup', () => {
  fc.assert(fc.property(newsish, (t) => check(t)), RUNS);
});

test('propose keeps its invariants on arbitrary unicode (graphemes and lone surrogates)', () => {
  fc.assert(fc.property(anyText, (t) => check(t)), RUNS);
  fc.assert(fc.property(anyUnits, (t) => check(t)), RUNS);
});
