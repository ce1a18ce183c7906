import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOffsetIndex, cpLength, cpToUtf16, graphemeAt, isGraphemeBoundary, sliceCp, utf16ToCp } from './offsets.js';

// Property tests of the code point <-> UTF-16 conversions against the obvious reference (Array.from, which
// iterates by code point and yields a lone surrogate as one element, as Python would count it).

const RUNS = { numRuns: 300 };

/** One "character" of a tricky text: astral, ZWJ/combining pieces, lone surrogates, anything Unicode has. */
const unit = fc.oneof(
  { arbitrary: fc.constantFrom('a', ' ', '\n', 'é', 'Ж', '東', '😀', '𝔘', '👩‍👩‍👧', '🇺🇦', 'e\u0301', '\u0301', '\u200d', '\ufe0f', '\ufeff'), weight: 4 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 1 },
);
const tricky = fc.string({ unit, maxLength: 40, size: 'max' });

const cps = (text: string) => Array.from(text);
/** UTF-16 index where each code point starts, plus the end. */
function reference(text: string): number[] {
  const out = [0];
  let u = 0;
  for (const ch of text) out.push((u += ch.length));
  return out;
}

/** Offsets no conversion may accept. */
const badOffset = (limit: number) =>
  fc.oneof(
    fc.integer({ min: -1_000_000, max: -1 }),
    fc.integer({ min: limit + 1, max: limit + 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
    fc.constantFrom(NaN, Infinity, -Infinity, 0.5, limit + 0.5, Number.MAX_SAFE_INTEGER, 2 ** 32, 2 ** 32 + 1),
  );

describe('offsets (properties)', () => {
  test('cpLength and the index agree with Array.from', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const idx = buildOffsetIndex(text);
        assert.equal(cpLength(text), cps(text).length);
        assert.equal(idx.length, cps(text).length);
        assert.equal(idx.utf16Length, text.length);
      }),
      RUNS,
    );
  });

  test('cpToUtf16 is the reference, and utf16ToCp inverts it for every code point offset', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const idx = buildOffsetIndex(text);
        const ref = reference(text);
        for (let c = 0; c <= idx.length; c++) {
          const u = cpToUtf16(idx, c);
          assert.equal(u, ref[c], `cpToUtf16(${c}) in ${JSON.stringify(text)}`);
          assert.equal(utf16ToCp(idx, u), c, `utf16ToCp(cpToUtf16(${c})) in ${JSON.stringify(text)}`);
        }
      }),
      RUNS,
    );
  });

  test('utf16ToCp rounds a UTF-16 index inside a surrogate pair down, and is exact elsewhere', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const idx = buildOffsetIndex(text);
        const ref = reference(text);
        const starts = new Set(ref);
        for (let u = 0; u <= text.length; u++) {
          const c = utf16ToCp(idx, u);
          assert.ok(Number.isInteger(c) && c >= 0 && c <= idx.length);
          const back = cpToUtf16(idx, c);
          if (starts.has(u)) assert.equal(back, u, `index ${u} of ${JSON.stringify(text)} is a code point start`);
          else assert.equal(back, u - 1, `index ${u} of ${JSON.stringify(text)} is inside a pair`);
        }
      }),
      RUNS,
    );
  });

  test('sliceCp(text, a, b) equals Array.from(text).slice(a, b).join("") for all 0 <= a <= b <= length', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const chars = cps(text);
        const idx = buildOffsetIndex(text);
        for (let a = 0; a <= chars.length; a++) {
          for (let b = a; b <= chars.length; b++) {
            assert.equal(sliceCp(text, a, b, idx), chars.slice(a, b).join(''), `[${a}:${b}] of ${JSON.stringify(text)}`);
          }
        }
        // Without a prebuilt index too.
        assert.equal(sliceCp(text, 0, chars.length), text);
      }),
      { numRuns: 200 },
    );
  });

  test('out-of-range or non-integer offsets throw RangeError, never a garbage value', () => {
    fc.assert(
      fc.property(
        tricky.chain((text) => {
          const n = cps(text).length;
          return fc.tuple(fc.constant(text), badOffset(n), badOffset(text.length), fc.integer({ min: 0, max: n }));
        }),
        ([text, badCp, badU, goodCp]) => {
          const idx = buildOffsetIndex(text);
          assert.throws(() => cpToUtf16(idx, badCp), RangeError, `cpToUtf16(${badCp}) on ${JSON.stringify(text)}`);
          assert.throws(() => utf16ToCp(idx, badU), RangeError, `utf16ToCp(${badU}) on ${JSON.stringify(text)}`);
          assert.throws(() => sliceCp(text, badCp, goodCp, idx), RangeError);
          assert.throws(() => sliceCp(text, goodCp, badCp, idx), RangeError);
          assert.throws(() => sliceCp(text, badCp, goodCp), RangeError);
        },
      ),
      RUNS,
    );
  });

  test('isGraphemeBoundary and graphemeAt agree with segmenting the whole text, also past their windows', () => {
    // Long runs of the pieces whose rules look back (regional indicators pair from the start of their run; ZWJ
    // sequences and combining marks attach to what precedes) push the windowed segmenting past its first window.
    const piece = fc.oneof(
      { arbitrary: fc.constantFrom('\u{1F1FA}', '\u{1F1F8}'), weight: 6 },
      { arbitrary: fc.constantFrom('\u0301', '\u200d', '\u{1F3FD}', '\ufe0f'), weight: 3 },
      { arbitrary: fc.constantFrom('a', ' ', '\n', '\r', '👩', '👍', 'क', '\u094d', '\u0600', '\ud83d'), weight: 3 },
    );
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ unit: piece, minLength: 100, maxLength: 300, size: 'max' }), (text) => {
        const idx = buildOffsetIndex(text);
        const starts = new Set([...segmenter.segment(text)].map((s) => utf16ToCp(idx, s.index)));
        const segments = [...segmenter.segment(text)].map((s) => ({ start: utf16ToCp(idx, s.index), end: utf16ToCp(idx, s.index + s.segment.length) }));
        for (let c = 0; c <= idx.length; c++) {
          assert.equal(isGraphemeBoundary(text, c, idx), c === idx.length || starts.has(c), `${c} in ${JSON.stringify(text)}`);
        }
        for (const seg of segments) {
          for (let c = seg.start; c < seg.end; c++) assert.deepEqual(graphemeAt(text, c, idx), seg, `${c} in ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
