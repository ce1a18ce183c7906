import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { buildPositionMap, cpToPm, pmRangeToCp, pmToCp, rangeToPm, rangeToPmLines, textToDoc } from '../../renderer/editor/positions';

// Property tests of code point <-> ProseMirror position conversion over arbitrary multi-line texts with
// astral characters, against the document the real editor schema builds.

const schema = getSchema([Document, Paragraph, Text]);
const RUNS = { numRuns: 250 };

const unit = fc.oneof(
  { arbitrary: fc.constant('\n'), weight: 4 },
  { arbitrary: fc.constantFrom('a', 'b', ' ', 'Ж', '東', '😀', '𝔘', '👩‍👩‍👧', '🇺🇦', 'e\u0301', '\u200d', '\t', '\u00a0'), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
);
/** Texts with leading, trailing and consecutive newlines and astral characters. */
const text = fc.oneof(
  fc.string({ unit, maxLength: 40, size: 'max' }),
  fc.tuple(fc.string({ unit, maxLength: 10 }), fc.nat(3), fc.nat(3)).map(([t, lead, trail]) => '\n'.repeat(lead) + t + '\n'.repeat(trail)),
);

const cpLen = (t: string) => Array.from(t).length;

describe('positions (properties)', () => {
  test('textToDoc: paragraphs joined with "\\n" give the text back; no empty text node', () => {
    fc.assert(
      fc.property(text, (t) => {
        const d = textToDoc(t);
        assert.equal(d.content.map((p) => (p.content ?? []).map((n) => n.text).join('')).join('\n'), t);
        for (const p of d.content) for (const n of p.content ?? []) assert.ok(n.text.length > 0);
        assert.equal(d.content.length, t.split('\n').length);
        // The real schema accepts it and shows the same text; the map knows its size.
        const doc = schema.nodeFromJSON(d);
        assert.equal(doc.textBetween(0, doc.content.size, '\n'), t);
        assert.equal(buildPositionMap(t).docSize, doc.content.size);
      }),
      RUNS,
    );
  });

  test('pmToCp(cpToPm(c)) === c for every code point offset (either bias), and c lands on its character', () => {
    fc.assert(
      fc.property(text, (t) => {
        const map = buildPositionMap(t);
        const doc = schema.nodeFromJSON(textToDoc(t));
        const chars = Array.from(t);
        let prev = 0;
        for (let c = 0; c <= chars.length; c++) {
          const pos = cpToPm(map, c);
          assert.ok(pos > prev || c === 0, `cpToPm is increasing (${JSON.stringify(t)} at ${c})`);
          prev = pos;
          assert.equal(pmToCp(map, pos), c, `${JSON.stringify(t)} at ${c}`);
          assert.equal(pmToCp(map, pos, -1), c, `${JSON.stringify(t)} at ${c}, bias -1`);
          if (c < chars.length) assert.equal(doc.textBetween(pos, cpToPm(map, c + 1), '\n'), chars[c]);
        }
      }),
      RUNS,
    );
  });

  test('rangeToPm then pmRangeToCp gives the range back, for all 0 <= a <= b <= length', () => {
    fc.assert(
      fc.property(text, (t) => {
        const map = buildPositionMap(t);
        const doc = schema.nodeFromJSON(textToDoc(t));
        const chars = Array.from(t);
        for (let a = 0; a <= chars.length; a++) {
          for (let b = a; b <= chars.length; b++) {
            const { from, to } = rangeToPm(map, { start: a, end: b });
            assert.deepEqual(pmRangeToCp(map, from, to), { start: a, end: b }, `${JSON.stringify(t)} [${a}, ${b})`);
            assert.deepEqual(pmRangeToCp(map, to, from), { start: a, end: b });
            assert.equal(doc.textBetween(from, to, '\n'), chars.slice(a, b).join(''));
            // Line pieces are non-empty and together show the range without its line breaks.
            const pieces = rangeToPmLines(map, a, b);
            for (const r of pieces) assert.ok(r.from < r.to);
            assert.equal(pieces.map((r) => doc.textBetween(r.from, r.to)).join(''), chars.slice(a, b).join('').replace(/\n/g, ''));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test('pmToCp over every PM position (and beyond) is in range, monotonic, and ranges are never inverted', () => {
    fc.assert(
      fc.property(text, fc.array(fc.double({ min: -10, max: 200, noNaN: true }), { maxLength: 10 }), (t, extra) => {
        const map = buildPositionMap(t);
        const n = cpLen(t);
        let prev = 0;
        for (let pos = -2; pos <= map.docSize + 2; pos++) {
          const c = pmToCp(map, pos);
          const back = pmToCp(map, pos, -1);
          assert.ok(Number.isInteger(c) && c >= prev && c <= n, `${JSON.stringify(t)} at pos ${pos}`);
          assert.ok(Number.isInteger(back) && back <= c && back >= 0, `bias -1 at ${pos}`);
          prev = c;
        }
        for (const x of [...extra, NaN, Infinity, -Infinity]) {
          const c = pmToCp(map, x);
          assert.ok(Number.isInteger(c) && c >= 0 && c <= n, `pmToCp(${x})`);
          const r = pmRangeToCp(map, x, map.docSize / 2);
          assert.ok(r.start <= r.end && r.start >= 0 && r.end <= n);
        }
      }),
      RUNS,
    );
  });
});
