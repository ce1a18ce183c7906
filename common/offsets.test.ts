import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildOffsetIndex, cpLength, cpToUtf16, graphemeAt, graphemeSplit, isGraphemeBoundary, sliceCp, utf16ToCp } from './offsets.js';

const GRIN = '😀'; // U+1F600, two UTF-16 units
const FAMILY = '👩‍👩‍👧'; // woman ZWJ woman ZWJ girl: 5 code points, 8 units
const FLAG_UA = '🇺🇦'; // two regional indicators: 2 code points, 4 units
const E_ACUTE = 'e\u0301'; // e + combining acute: 2 code points, 2 units

/** Python's text[a:b] on code points, the reference every stored offset must agree with. */
const pySlice = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');

/** Reference UTF-16 index of each code point (plus the end), computed by walking Array.from. */
function reference(text: string): number[] {
  const out = [0];
  let u = 0;
  for (const ch of text) {
    u += ch.length;
    out.push(u);
  }
  return out;
}

const samples: Record<string, string> = {
  empty: '',
  ascii: 'Mosul, 25 October 2016: 60 civilians.',
  cyrillic: 'Генерал Рудской заявил: «60 мирных жителей»',
  emoji: `a${GRIN}b${GRIN}${GRIN}c`,
  zwj: `family ${FAMILY} here`,
  flags: `${FLAG_UA}${FLAG_UA} Kyiv`,
  combining: `caf${E_ACUTE} cr${E_ACUTE}me`,
  onlyEmoji: `${GRIN}${GRIN}${GRIN}`,
  mixed: `Рудской ${GRIN} said "${FAMILY}" in ${FLAG_UA} caf${E_ACUTE} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 end`,
  loneHigh: `a\uD83Db${GRIN}`,
  loneLow: `a\uDE00b${GRIN}`,
  highAtEnd: `${GRIN}x\uD83D`,
  reversedPair: `\uDE00\uD83D${GRIN}`,
};

describe('cpLength', () => {
  test('counts code points like Array.from for every sample, including lone surrogates', () => {
    for (const [name, text] of Object.entries(samples)) {
      assert.equal(cpLength(text), Array.from(text).length, name);
    }
  });

  test('ASCII and Cyrillic are one code point per UTF-16 unit', () => {
    assert.equal(cpLength(samples.ascii), samples.ascii.length);
    assert.equal(cpLength(samples.cyrillic), samples.cyrillic.length);
  });

  test('an emoji is one code point; a ZWJ family is five; a flag is two; e+acute is two', () => {
    assert.equal(cpLength(GRIN), 1);
    assert.equal(cpLength(FAMILY), 5);
    assert.equal(cpLength(FLAG_UA), 2);
    assert.equal(cpLength(E_ACUTE), 2);
  });

  test('a lone surrogate counts as one code point', () => {
    assert.equal(cpLength('\uD83D'), 1);
    assert.equal(cpLength('\uDE00'), 1);
    assert.equal(cpLength('\uDE00\uD83D'), 2);
  });

  test('agrees with the index built for the same text', () => {
    for (const [name, text] of Object.entries(samples)) {
      const idx = buildOffsetIndex(text);
      assert.equal(idx.length, cpLength(text), name);
      assert.equal(idx.utf16Length, text.length, name);
    }
  });
});

describe('cpToUtf16', () => {
  test('documented example: a😀b, code point 2 is UTF-16 index 3', () => {
    assert.equal(cpToUtf16(buildOffsetIndex('a😀b'), 2), 3);
  });

  test('is the identity on ASCII and Cyrillic text', () => {
    for (const text of [samples.ascii, samples.cyrillic]) {
      const idx = buildOffsetIndex(text);
      for (let cp = 0; cp <= text.length; cp++) assert.equal(cpToUtf16(idx, cp), cp);
    }
  });

  test('maps every code point offset of every sample to the reference UTF-16 index', () => {
    for (const [name, text] of Object.entries(samples)) {
      const idx = buildOffsetIndex(text);
      const ref = reference(text);
      for (let cp = 0; cp < ref.length; cp++) assert.equal(cpToUtf16(idx, cp), ref[cp], `${name} @${cp}`);
    }
  });

  test('throws RangeError outside 0..length and for non-integers', () => {
    const idx = buildOffsetIndex(samples.mixed);
    const len = cpLength(samples.mixed);
    assert.throws(() => cpToUtf16(idx, -1), RangeError);
    assert.throws(() => cpToUtf16(idx, len + 1), RangeError);
    assert.throws(() => cpToUtf16(idx, 1.5), RangeError);
    assert.throws(() => cpToUtf16(idx, Number.NaN), RangeError);
    // The UTF-16 length is past the code-point end when the text holds astral characters.
    assert.throws(() => cpToUtf16(idx, samples.mixed.length), RangeError);
    assert.doesNotThrow(() => cpToUtf16(idx, len));
  });

  test('the RangeError message names the offset and the bounds', () => {
    assert.throws(() => cpToUtf16(buildOffsetIndex('a😀'), 3), /3 is outside 0\.\.2/);
  });
});

describe('utf16ToCp', () => {
  test('documented example: a😀b, UTF-16 index 3 is code point 2', () => {
    assert.equal(utf16ToCp(buildOffsetIndex('a😀b'), 3), 2);
  });

  test('inverts cpToUtf16 on every code point boundary of every sample', () => {
    for (const [name, text] of Object.entries(samples)) {
      const idx = buildOffsetIndex(text);
      for (let cp = 0; cp <= idx.length; cp++) {
        assert.equal(utf16ToCp(idx, cpToUtf16(idx, cp)), cp, `${name} @${cp}`);
      }
    }
  });

  test('an index between two surrogate halves rounds down to the start of that character', () => {
    const text = samples.emoji; // a😀b😀😀c
    const idx = buildOffsetIndex(text);
    const ref = reference(text);
    for (let u = 0; u <= text.length; u++) {
      // Reference: the number of code points that start strictly before or at u, rounding down.
      let expected = 0;
      while (expected + 1 < ref.length && ref[expected + 1] <= u) expected++;
      assert.equal(utf16ToCp(idx, u), expected, `@${u}`);
    }
    assert.equal(utf16ToCp(idx, 2), 1); // inside the first 😀
    assert.equal(utf16ToCp(idx, 5), 3); // inside the second 😀
  });

  test('every UTF-16 index maps to the code point whose UTF-16 start is at or before it', () => {
    for (const [name, text] of Object.entries(samples)) {
      const idx = buildOffsetIndex(text);
      for (let u = 0; u <= text.length; u++) {
        const cp = utf16ToCp(idx, u);
        const back = cpToUtf16(idx, cp);
        assert.ok(back <= u && u - back <= 1, `${name} @${u}: cp ${cp} -> ${back}`);
        // Rounding never lands between halves of a pair: the prefix is well-formed where the text is.
        assert.equal(text.slice(0, back), pySlice(text, 0, cp), `${name} @${u}`);
      }
    }
  });

  test('lone surrogates stay one code point each', () => {
    const text = samples.loneHigh; // a \uD83D b 😀
    const idx = buildOffsetIndex(text);
    assert.deepEqual(
      Array.from({ length: text.length + 1 }, (_, u) => utf16ToCp(idx, u)),
      [0, 1, 2, 3, 3, 4],
    );
  });

  test('throws RangeError outside 0..utf16Length and for non-integers', () => {
    const idx = buildOffsetIndex(samples.mixed);
    assert.throws(() => utf16ToCp(idx, -1), RangeError);
    assert.throws(() => utf16ToCp(idx, samples.mixed.length + 1), RangeError);
    assert.throws(() => utf16ToCp(idx, 0.5), RangeError);
    assert.doesNotThrow(() => utf16ToCp(idx, samples.mixed.length));
  });
});

describe('sliceCp', () => {
  test('equals Python-like slicing for every (start, end) pair of every sample', () => {
    for (const [name, text] of Object.entries(samples)) {
      const idx = buildOffsetIndex(text);
      const n = idx.length;
      for (let a = 0; a <= n; a++) {
        for (let b = a; b <= n; b++) {
          assert.equal(sliceCp(text, a, b, idx), pySlice(text, a, b), `${name}[${a}:${b}]`);
        }
      }
    }
  });

  test('builds its own index when none is given', () => {
    assert.equal(sliceCp(samples.mixed, 8, 9), GRIN);
    assert.equal(sliceCp(`x${FAMILY}y`, 1, 6), FAMILY);
    assert.equal(sliceCp(`x${FLAG_UA}y`, 1, 3), FLAG_UA);
    assert.equal(sliceCp(`caf${E_ACUTE}!`, 3, 5), E_ACUTE);
  });

  test('can split a ZWJ sequence or a flag at code points, as Python does', () => {
    assert.equal(sliceCp(FAMILY, 0, 1), '👩');
    assert.equal(sliceCp(FAMILY, 1, 2), '\u200D');
    assert.equal(sliceCp(FLAG_UA, 1, 2), '🇦');
    assert.equal(sliceCp(E_ACUTE, 1, 2), '\u0301');
  });

  test('empty slices are empty, and start > end gives empty like Python', () => {
    assert.equal(sliceCp(samples.emoji, 2, 2), '');
    assert.equal(sliceCp(samples.emoji, 3, 1), pySlice(samples.emoji, 3, 1));
  });

  test('throws RangeError past the end', () => {
    assert.throws(() => sliceCp('a😀', 0, 3), RangeError);
    assert.throws(() => sliceCp('a😀', -1, 1), RangeError);
  });

  test('works on a long text with many astral characters (binary search path)', () => {
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) parts.push(i % 3 === 0 ? GRIN : i % 3 === 1 ? 'ж' : FAMILY);
    const text = parts.join('');
    const arr = Array.from(text);
    const idx = buildOffsetIndex(text);
    assert.equal(idx.length, arr.length);
    for (let a = 0; a < arr.length; a += 97) {
      const b = Math.min(arr.length, a + 13);
      assert.equal(sliceCp(text, a, b, idx), arr.slice(a, b).join(''));
      assert.equal(utf16ToCp(idx, cpToUtf16(idx, a)), a);
    }
  });
});

describe('extended grapheme clusters', () => {
  /** One of each kind of cluster a span edge could cut; each sits in `see … now`, starting at code point 4. */
  const clusters = { flag: '🇺🇸', family: FAMILY, combining: 'e\u0301\u0323', skinTone: '👍🏽' };

  test('isGraphemeBoundary: false inside a flag, ZWJ family, combining sequence or skin tone; true at their edges', () => {
    for (const [kind, cluster] of Object.entries(clusters)) {
      const text = `see ${cluster} now`;
      const end = 4 + cpLength(cluster);
      assert.equal(isGraphemeBoundary(text, 4), true, `${kind}: before`);
      assert.equal(isGraphemeBoundary(text, end), true, `${kind}: after`);
      for (let c = 5; c < end; c++) assert.equal(isGraphemeBoundary(text, c), false, `${kind}: ${c}`);
    }
    assert.equal(isGraphemeBoundary('abc', 0), true);
    assert.equal(isGraphemeBoundary('abc', 3), true);
    assert.equal(isGraphemeBoundary('a\r\nb', 2), false, 'CR LF is one cluster');
    assert.throws(() => isGraphemeBoundary('abc', 4), RangeError);
  });

  test('graphemeAt gives the whole cluster holding a code point', () => {
    for (const cluster of Object.values(clusters)) {
      const text = `see ${cluster} now`;
      const whole = { start: 4, end: 4 + cpLength(cluster) };
      for (let c = whole.start; c < whole.end; c++) assert.deepEqual(graphemeAt(text, c), whole, `${cluster} at ${c}`);
    }
    assert.deepEqual(graphemeAt('ab', 1), { start: 1, end: 2 });
    assert.throws(() => graphemeAt('ab', 2), RangeError);
  });

  test('graphemeSplit names the cut cluster and where; null when both edges are between clusters', () => {
    const text = 'see 🇺🇸 now';
    assert.match(graphemeSplit(text, 5, 6)!, /^span 5\.\.6 cuts "🇺🇸" in two \(5 is inside the character at 4\.\.6\)/);
    assert.match(graphemeSplit(text, 0, 5)!, /span 0\.\.5 cuts "🇺🇸".*5 is inside/);
    assert.equal(graphemeSplit(text, 4, 6), null);
    assert.equal(graphemeSplit(text, 0, cpLength(text)), null);
  });

  test('regional indicators pair from the start of their run, however long the run', () => {
    const run = '🇺🇸'.repeat(300); // one line, far longer than a segmenting window
    const text = `x ${run} y`;
    for (const flag of [0, 31, 32, 150, 299]) {
      const start = 2 + 2 * flag;
      assert.equal(isGraphemeBoundary(text, start), true, `before flag ${flag}`);
      assert.equal(isGraphemeBoundary(text, start + 1), false, `inside flag ${flag}`);
      assert.deepEqual(graphemeAt(text, start + 1), { start, end: start + 2 });
    }
  });

  test('a megabyte on one line: only a window around the offset is segmented', () => {
    const line = 'Reuters reported that 60 civilians were killed near Бахмут on Tuesday, officials said. ';
    /** Characters given to Intl.Segmenter to answer one isGraphemeBoundary in the middle of a text of `bytes`. */
    const segmented = (bytes: number) => {
      const text = line.repeat(Math.ceil(bytes / line.length));
      const index = buildOffsetIndex(text);
      const original = Intl.Segmenter.prototype.segment;
      let chars = 0;
      Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, input: string) {
        chars += input.length;
        return original.call(this, input);
      };
      try {
        assert.equal(isGraphemeBoundary(text, Math.floor(index.length / 2), index), true);
      } finally {
        Intl.Segmenter.prototype.segment = original;
      }
      return chars;
    };
    const small = segmented(10_000);
    assert.ok(small > 0 && small <= 2 * 64, `${small} characters segmented`);
    assert.equal(segmented(1_000_000), small);
  });
});
