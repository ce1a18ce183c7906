import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOffsetIndex } from '../../common/offsets.js';
import { sentenceAround, splitSentences } from './sentences.js';
import { charsRead } from '../count-calls.test-helpers.js';

const corpus = (name: string) => readFileSync(fileURLToPath(new URL(`../../samples/corpus/${name}`, import.meta.url)), 'utf8');
const py = (text: string, a: number, b: number) => Array.from(text).slice(a, b).join('');
const cpIndexOf = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
const cpLen = (s: string) => Array.from(s).length;
const sentences = (text: string, from?: number, to?: number) => splitSentences(text, from, to).map((r) => py(text, r.start, r.end));

describe('splitSentences', () => {
  test('abbreviations, initials and acronyms do not end a sentence', () => {
    assert.deepEqual(sentences('Gen. Sergey Rudskoy spoke. Lt. Col. J. Smith agreed. The U.S. air force denied it.'), [
      'Gen. Sergey Rudskoy spoke.',
      'Lt. Col. J. Smith agreed.',
      'The U.S. air force denied it.',
    ]);
    assert.deepEqual(sentences('Mr. Putin spoke on Oct. 27. No. 5 was hit.'), ['Mr. Putin spoke on Oct. 27.', 'No. 5 was hit.']);
    // A dotted acronym at the end of a sentence, before a typical opener.
    assert.deepEqual(sentences('The strikes were by the U.S. The general said so.'), ['The strikes were by the U.S.', 'The general said so.']);
    // Decimals, domains and "e.g." are no breaks either.
    assert.deepEqual(sentences('It rose 3.5 times, see rt.com for more, e.g. this. Done!'), [
      'It rose 3.5 times, see rt.com for more, e.g. this.',
      'Done!',
    ]);
  });

  test('quotes: a sentence ends after the closing quote; a quoted question followed by a dash continues', () => {
    const t = 'He said: “We see no progress.” The general left. “What motives drive them?” — it asked a question.';
    assert.deepEqual(sentences(t), [
      'He said: “We see no progress.”',
      'The general left.',
      '“What motives drive them?” — it asked a question.',
    ]);
    assert.deepEqual(sentences('“Let’s not forget,” said the President of Russia. Putin left.'), [
      '“Let’s not forget,” said the President of Russia.',
      'Putin left.',
    ]);
  });

  test('line breaks always end a sentence; blank lines and spaces are trimmed', () => {
    assert.deepEqual(sentences('  RT reports:\n\nAccording to the Russian military, a school was hit\nNext line.  '), [
      'RT reports:',
      'According to the Russian military, a school was hit',
      'Next line.',
    ]);
  });

  test('a window: offsets are absolute, sentences cut by the window are cut', () => {
    const t = 'First one here. Second one here. Third one here.';
    const from = t.indexOf('ne here. Second');
    const to = t.indexOf('Third') + 3;
    assert.deepEqual(sentences(t, from, to), ['ne here.', 'Second one here.', 'Thi']);
    assert.deepEqual(splitSentences(t, 16, 32), [{ start: 16, end: 32 }]);
  });

  test('code points with emoji, Cyrillic, CJK', () => {
    const t = '😀 Один. 👩‍👩‍👧 Два! Три?';
    const rs = splitSentences(t);
    assert.deepEqual(rs, [
      { start: 0, end: 7 },
      { start: 8, end: 18 },
      { start: 19, end: 23 },
    ]);
    assert.deepEqual(rs.map((r) => py(t, r.start, r.end)), ['😀 Один.', '👩‍👩‍👧 Два!', 'Три?']);
    assert.deepEqual(sentences('他说了。我们走吧！好'), ['他说了。', '我们走吧！', '好']);
  });

  test('empty input', () => {
    assert.deepEqual(splitSentences(''), []);
    assert.deepEqual(splitSentences('   \n  '), []);
    assert.deepEqual(splitSentences('abc', 2, 1), []);
  });
});

describe('sentenceAround', () => {
  test('the sentence holding a span in a sample article', () => {
    const t = corpus('001_ffe4602930e352e0.txt');
    const start = cpIndexOf(t, 'Sergey Rudskoy');
    const r = sentenceAround(t, start, start + 'Sergey Rudskoy'.length);
    assert.equal(r.text, py(t, r.start, r.end));
    // The quote opens the sentence, "Gen." does not end it, and 320 code points are plenty… but not all of it.
    assert.ok(r.text.includes('Gen. Sergey Rudskoy, head of Operations in the Russian General Staff, told journalists on Tuesday.'));
    assert.ok(cpLen(r.text) <= 320);
    assert.ok(r.start <= start && r.end >= start + 14);
  });

  test('a short sentence comes back whole and exact', () => {
    const t = 'Gen. Sergey Rudskoy spoke on Tuesday. He said 60 civilians were killed. RT reports.';
    const at = t.indexOf('60');
    assert.deepEqual(sentenceAround(t, at, at + 2), { start: 38, end: 71, text: 'He said 60 civilians were killed.' });
    // A span across two sentences takes both.
    const r = sentenceAround(t, t.indexOf('Tuesday'), at);
    assert.equal(r.text, 'Gen. Sergey Rudskoy spoke on Tuesday. He said 60 civilians were killed.');
  });

  test('clipped at line breaks', () => {
    const t = 'Title of the piece\n60 civilians killed, 200 injured as US-led coalition strikes Mosul\n25/10/2016';
    const at = cpIndexOf(t, '200');
    const r = sentenceAround(t, at, at + 3);
    assert.equal(r.text, '60 civilians killed, 200 injured as US-led coalition strikes Mosul');
  });

  test('a long sentence is cut around the span at word boundaries, without ellipses', () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
    words[100] = 'TARGET';
    const t = words.join(' ') + '.';
    const at = t.indexOf('TARGET');
    const r = sentenceAround(t, at, at + 6, 60);
    assert.ok(cpLen(r.text) <= 60, r.text);
    assert.ok(cpLen(r.text) >= 50, r.text);
    assert.equal(r.text, t.slice(r.start, r.end));
    assert.match(r.text, /^w\d+ .* w\d+$/); // whole words at both ends, no "…"
    const left = r.text.indexOf('TARGET');
    const right = r.text.length - left - 6;
    assert.ok(Math.abs(left - right) <= 8, `centred: ${left} vs ${right}`);
  });

  test('near the start of a long sentence the budget goes to the right', () => {
    const t = 'Start ' + 'word '.repeat(100) + 'end.';
    const r = sentenceAround(t, 0, 5, 40);
    assert.equal(r.start, 0);
    assert.ok(r.text.startsWith('Start word'));
    assert.ok(cpLen(r.text) <= 40 && cpLen(r.text) >= 34);
  });

  test('a span longer than maxChars: its head, cut at a word', () => {
    const t = 'One two three four five six seven eight nine ten.';
    const r = sentenceAround(t, 4, 45, 20);
    assert.equal(r.start, 4);
    assert.equal(r.text, 'two three four five');
  });

  test('code points: emoji before the span', () => {
    const t = '😀😀 Intro. 👩‍👩‍👧 Over 60 civilians 😀 were killed. Next.';
    const at = cpIndexOf(t, 'Over 60');
    const r = sentenceAround(t, at, at + 7);
    assert.equal(r.text, '👩‍👩‍👧 Over 60 civilians 😀 were killed.');
    assert.equal(py(t, r.start, r.end), r.text);
    // A caller-supplied index gives the same answer.
    assert.deepEqual(sentenceAround(t, at, at + 7, 320, buildOffsetIndex(t)), r);
  });

  test('empty span, offsets out of range, empty text', () => {
    const t = 'One. Two three. Four.';
    assert.equal(sentenceAround(t, 8, 8).text, 'Two three.');
    assert.equal(sentenceAround(t, 1000, 2000).text, 'Four.'); // clamped to the end of the text
    assert.deepEqual(sentenceAround('', 0, 0), { start: 0, end: 0, text: '' });
    assert.equal(sentenceAround(t, 9, 5).text, 'Two three.'); // reversed ends
  });

  test('a 1 MB document: only a window is read', () => {
    const doc = corpus('000_ec3e15b4c642490e.txt');
    // The work, counted rather than timed (a clock flakes on a busy machine): characters read with charCodeAt,
    // which the window scan and the sentence splitter use for every character they look at.
    const read = (copies: number, d = doc) => {
      const big = d.repeat(copies) + '😀'; // an emoji at the end forces the code-point index
      const at = cpLen(big) - 1 - cpLen(d) + cpIndexOf(d, 'Sergey Rudskoy');
      const indexing = charsRead(() => sentenceAround(big, at, at + 14)); // builds and caches the index
      assert.ok(indexing >= big.length, 'the first call indexes the document');
      let r = sentenceAround(big, at, at + 14);
      const chars = charsRead(() => (r = sentenceAround(big, at, at + 14)));
      assert.ok(r.text.startsWith('The Russian General Staff Sergey Rudskoy told journalists on Tuesday:'), r.text);
      assert.equal(py(big, r.start, r.end), r.text);
      return chars;
    };
    // A 1 MB document costs what 7 kB do: the paragraph around the span (500 characters today).
    const paragraph = read(3);
    assert.ok(paragraph > 0 && paragraph < 1000, `${paragraph} characters read`);
    assert.equal(read(450), paragraph);
    // On a single 1 MB line the window stops at 2 × 320 characters each side (2,701 characters read today).
    const oneLine = doc.replace(/\n/g, ' ');
    const line = read(3, oneLine);
    assert.ok(line > 0 && line <= 10 * 320, `${line} characters read`);
    assert.equal(read(450, oneLine), line);
  });

});
