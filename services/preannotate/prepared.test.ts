/**
 * What prepared.ts checks in the engine's output whatever its rules do (issue 14 bug fixes): a document the
 * engine throws on is a note, edges fall on whole characters, runaway claims and links are bounded, and figure
 * values are plain decimals. A stand-in engine makes each fault on purpose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOffsetIndex, cpLength, graphemeSplit } from '../../common/offsets.js';
import { decimalText, MAX_CLAIM_CP, MAX_LINKS_PER_SPAN, prepareChunk, wholeCharacters, type Engine } from './prepared.js';
import type { ProposedSpan } from './types.js';

const LABELS = ['figure', 'speaker', 'claim'] as const;
const span = (label: ProposedSpan['label'], start: number, end: number, attributes: Record<string, string> = {}): ProposedSpan => ({ label, start, end, attributes, rule: 'test', confidence: 1 });

test('a document the engine throws on gets no proposals and a note with the error; the others are kept', () => {
  const engine: Engine = (text) => {
    if (text.startsWith('Bob:')) throw new TypeError("Cannot read properties of undefined (reading 'start')");
    return { spans: [span('figure', 0, 2, { value: '60' })], links: [] };
  };
  const c = prepareChunk(['60 dead', 'Bob: “We will win 5 wars.”', '70 dead'], LABELS, engine);
  assert.deepEqual(c.spanCounts, [1, 0, 1]);
  assert.deepEqual(c.texts, ['60', '70']);
  assert.deepEqual(c.notes, [{ doc: 1, kind: 'failed', message: "TypeError: Cannot read properties of undefined (reading 'start')" }]);
});

test('span edges move outward to whole characters: ZWNJ, ZWJ, combining marks, emoji', () => {
  const cases: [string, number, number, string][] = [
    // text, engine start, engine end, the span written
    ['60\u200c civilians', 0, 2, '60\u200c'],
    ['the 👩‍👩‍👧 family', 4, 6, '👩‍👩‍👧'],
    ['cafe\u0301 owners', 0, 4, 'cafe\u0301'],
    ['5 👍🏽 votes', 2, 3, '👍🏽'],
    ['flag 🇺🇸 here', 6, 7, '🇺🇸'],
    ['plain 42 text', 6, 8, '42'],
  ];
  for (const [text, start, end, want] of cases) {
    const c = prepareChunk([text], LABELS, () => ({ spans: [span('figure', start, end)], links: [] }));
    assert.equal(c.texts[0], want, JSON.stringify(text));
    assert.equal(graphemeSplit(text, c.starts[0], c.ends[0]), null, `${JSON.stringify(text)} ${c.starts[0]}..${c.ends[0]}`);
    assert.equal(cpLength(want), c.ends[0] - c.starts[0]);
  }
  const text = 'x\u0301y';
  assert.deepEqual(wholeCharacters(text, 1, 2, buildOffsetIndex(text)), { start: 0, end: 2 });
});

test('the real engine on a figure before a ZWNJ: every edge is a character boundary', () => {
  const text = 'At least 60\u200c civilians were killed, Bob said.';
  const c = prepareChunk([text], LABELS);
  for (let i = 0; i < c.starts.length; i++) if (c.starts[i] >= 0) assert.equal(graphemeSplit(text, c.starts[i], c.ends[i]), null, c.texts[i]);
});

test('claims over MAX_CLAIM_CP are left out with their links; links are capped per document; both counted', () => {
  const text = 'He said 5 people died and '.repeat(2000);
  const n = 2000;
  // The run-on text as a faulty rule saw it: a claim from each "He said" to the end, citing every figure after it.
  const engine: Engine = () => {
    const spans: ProposedSpan[] = [];
    for (let i = 0; i < n; i++) spans.push(span('figure', i * 26 + 8, i * 26 + 16, { value: '5' }));
    for (let i = 0; i < n; i++) spans.push(span('claim', i * 26 + 8, text.length - 5));
    const links = [];
    for (let i = 0; i < n; i++) for (let f = i; f < n; f++) links.push({ type: 'cites' as const, from: n + i, to: f });
    return { spans, links };
  };
  const c = prepareChunk([text], LABELS, engine);
  const kept = c.labels.filter((l) => l === 'claim').length;
  const long = n - kept;
  assert.ok(kept > 0 && long > 0);
  for (let i = 0; i < c.labels.length; i++) if (c.labels[i] === 'claim') assert.ok(c.ends[i] - c.starts[i] <= MAX_CLAIM_CP);
  assert.equal(c.spanCounts[0], n + kept);
  assert.ok(c.linkCounts[0] <= MAX_LINKS_PER_SPAN * c.spanCounts[0], `${c.linkCounts[0]} links for ${c.spanCounts[0]} spans`);
  assert.equal(c.links.length, c.linkCounts[0] * 3);
  for (let j = 0; j < c.links.length; j += 3) assert.ok(c.links[j + 1] < c.spanCounts[0] && c.links[j + 2] < c.spanCounts[0]);
  assert.deepEqual(c.notes, [{ doc: 0, kind: 'long-claims', count: long }]);

  // Short claims each citing every figure: the links over the cap are left out and counted.
  const many: Engine = () => {
    const spans = Array.from({ length: 200 }, (_, i) => span(i < 100 ? 'figure' : 'claim', (i % 100) * 26 + 8, (i % 100) * 26 + 16));
    const links = [];
    for (let cl = 100; cl < 200; cl++) for (let f = 0; f < 100; f++) links.push({ type: 'cites' as const, from: cl, to: f });
    return { spans, links };
  };
  const capped = prepareChunk([text], LABELS, many);
  assert.equal(capped.linkCounts[0], MAX_LINKS_PER_SPAN * 200);
  assert.deepEqual(capped.notes, [{ doc: 0, kind: 'links', count: 100 * 100 - MAX_LINKS_PER_SPAN * 200 }]);
});

test('value and value_high are plain decimals; a value that is not finite is left out and counted', () => {
  const big = '12345678901234567890';
  const text = `${'9'.repeat(500)} a, ${big} b, 1e21 c, 0.5 d`;
  const at = (s: string) => text.indexOf(s);
  const engine: Engine = () => ({
    spans: [
      span('figure', 0, 502, { value: 'Infinity', unit: 'a' }),
      span('figure', at(big), at(big) + big.length + 2, { value: String(Number(big)), value_high: '1e+21' }),
      span('figure', at('1e21'), at('1e21') + 6, { value: '1e+21', value_high: '1e-37' }),
      span('figure', at('0.5'), at('0.5') + 5, { value: '0.5' }),
    ],
    links: [],
  });
  const c = prepareChunk([text], LABELS, engine);
  const attrs = c.attributes.map((a) => JSON.parse(a) as Record<string, string>);
  assert.equal(attrs[0].value, undefined);
  assert.equal(attrs[0].unit, 'a');
  assert.equal(attrs[1].value, big, 'all the digits the text writes');
  assert.equal(attrs[1].value_high, '1000000000000000000000');
  assert.equal(attrs[2].value, '1000000000000000000000');
  assert.equal(attrs[2].value_high, `0.${'0'.repeat(36)}1`);
  assert.equal(attrs[3].value, '0.5');
  for (const a of attrs) for (const k of ['value', 'value_high']) if (a[k] !== undefined) assert.match(a[k], /^-?\d+(\.\d+)?$/);
  assert.deepEqual(c.notes, [{ doc: 0, kind: 'values', count: 1 }]);

  assert.equal(decimalText(1e21), '1000000000000000000000');
  assert.equal(decimalText(-1.5e-7), '-0.00000015');
  assert.equal(decimalText(1.25e22), '12500000000000000000000');
  assert.equal(decimalText(60), '60');
  assert.equal(decimalText(Infinity), null);
  assert.equal(decimalText(NaN), null);
});
