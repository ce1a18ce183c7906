import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, randomInt } from '../../common/random.js';
import { conllTokens, tokenTable, type Token } from './conll-tokens.js';

/**
 * The rule at the top of conll-tokens.ts applied the direct way: the whole text through one Intl.Segmenter (what
 * conll.ts did before item 16). Quadratic, so only for short texts; the fast tokenizer must give the same tokens.
 */
function reference(text: string): Token[] {
  const out: Token[] = [];
  let cp = 0;
  let word: Token | null = null;
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    const n = Array.from(segment).length;
    if (/^[\p{L}\p{M}\p{N}]/u.test(segment)) {
      if (word) {
        word.end += n;
        word.text += segment;
      } else out.push((word = { start: cp, end: cp + n, text: segment }));
    } else {
      word = null;
      if (!/^[\s\p{Cf}\p{Cc}]*$/u.test(segment)) {
        const lead = /^\s*/.exec(segment)![0].length;
        out.push({ start: cp + lead, end: cp + n, text: segment.slice(lead) });
      }
    }
    cp += n;
  }
  return out;
}

// Every kind of code point UAX #29 treats specially, and plain ones around them.
const PIECES = [
  'a', 'Z', 'é', 'ж', 'ß', '中', '7', '٣', ' ', ' ', ' ', '\n', '\r\n', '\r', '\t', '\u00a0', '\u3000', '.', ',', '-', '“', '$',
  '\u0301', '\u0483', '\u200d', '\u200c', '\u200b', '\u00ad', '\u0001', '\ufeff', '\ufe0f', '👩', '👍', '🏽', '❤', '©', '🇺', '🇦',
  '\u1100', '\u1161', '\u11a8', '한', '\u0600', '\u0d4e', 'क', '\u094d', 'ष', '\u0e33', 'ﾊ', '\uff9e', '\u{1d165}', '\u{e0061}',
];

test('the fast tokenizer gives what segmenting the whole text gives, on random text of every cluster kind', () => {
  const r = mulberry32(11);
  for (let round = 0; round < 3000; round++) {
    const n = randomInt(r, 0, 40);
    let s = '';
    for (let i = 0; i < n; i++) s += PIECES[randomInt(r, 0, PIECES.length - 1)];
    assert.deepEqual(conllTokens(s), reference(s), JSON.stringify(s));
  }
});

test('windows longer than one segmenter slice: long runs with no white space, a cluster of 600 marks', () => {
  const r = mulberry32(5);
  const cases = [
    'x' + '\u0301'.repeat(600) + 'y z',
    ' \u0301'.repeat(300),
    '🇺🇦'.repeat(200) + '🇺',
    ('ab👍🏽cd' + '\u200d❤').repeat(80) + ' end',
    'क\u094dष'.repeat(150),
  ];
  for (let i = 0; i < 40; i++) {
    let s = '';
    // Half with no white space at all (one window), half with it (windows between plain stretches).
    for (let j = 0; j < 700; j++) s += i % 2 ? PIECES[randomInt(r, 0, PIECES.length - 1)] : PIECES[randomInt(r, 0, PIECES.length - 1)].replace(/\s/g, '');
    cases.push(s);
  }
  for (const s of cases) assert.deepEqual(conllTokens(s), reference(s), JSON.stringify(s.slice(0, 80)));
});

test('the token table holds UTF-16 bounds and code-point offsets of the same tokens', () => {
  const text = 'A 👍🏽 b\u0301c, 中文.';
  const t = tokenTable(text);
  assert.deepEqual(
    Array.from({ length: t.count }, (_, k) => [text.slice(t.from[k], t.to[k]), t.start[k], t.end[k]]),
    conllTokens(text).map((tok) => [tok.text, tok.start, tok.end]),
  );
  assert.deepEqual(conllTokens(text).map((tok) => tok.text), ['A', '👍🏽', 'b\u0301c', ',', '中文', '.']);
});

test('work grows linearly: a text 8 times longer costs about 8 times the segmenter calls, not 64', () => {
  // Counted, not timed: Intl.Segmenter.prototype.segment calls and the UTF-16 units they are given.
  const proto = Intl.Segmenter.prototype;
  const original = proto.segment;
  let units = 0;
  let longest = 0;
  proto.segment = function (this: Intl.Segmenter, input: string) {
    units += input.length;
    longest = Math.max(longest, input.length);
    return original.call(this, input);
  };
  try {
    const unit = 'Plain words, then an emoji 👍🏽 and an accent: cafe\u0301. ';
    const measure = (k: number) => {
      units = 0;
      const tokens = conllTokens(unit.repeat(k));
      assert.equal(tokens.length, 13 * k);
      return units;
    };
    const small = measure(500);
    const large = measure(4000);
    assert.ok(small > 0);
    assert.equal(large, small * 8, 'segmenter input grows with the text, window by window');
    // Only the runs holding a complex code point (and the space before each) reach the segmenter.
    assert.ok(small < unit.length * 500 * 0.3, `${small} units segmented`);
    assert.ok(longest <= 512, `one call was given ${longest} units`);
  } finally {
    proto.segment = original;
  }
});
