import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { WINDOW_AFTER, WINDOW_BEFORE, phrasesPattern, snippetWindow, windowSnippet } from './snippet-windows.js';

const pattern = (...phrases: (string | [string, boolean])[]) =>
  phrasesPattern(phrases.map((p) => (typeof p === 'string' ? { words: p.split(' '), prefix: false } : { words: p[0].split(' '), prefix: p[1] })))!;

/** Words of filler with no query word in them, `n` of them, as sentences of eight words. */
const filler = (n: number, word = 'lorem') =>
  Array.from({ length: n }, (_, i) => `${word}${i % 8 === 7 ? '.' : ''}`).join(' ') + ' ';

describe('phrasesPattern', () => {
  test('finds whole words, in any case, words of a phrase across any separators; a prefix matches longer words', () => {
    const re = pattern('smart bombs', ['rudsk', true]);
    const found = (text: string) => [...text.matchAll(re)].map((m) => m[0]);
    assert.deepEqual(found('SMART bombs, smart—bombs; smartbombs smart bomb'), ['SMART bombs', 'smart—bombs']);
    assert.deepEqual(found('Rudskoy rudsk XRudskoy'), ['Rudsk', 'rudsk']);
    assert.deepEqual(found('Gen. Rudskoy'), ['Rudsk']);
  });

  test('takes the words literally and says which phrase matched; no phrase with words gives no pattern', () => {
    const re = pattern('a.b', 'c+');
    assert.deepEqual([...'axb a.b c+ cc'.matchAll(re)].map((m) => [m[0], m[1] !== undefined ? 1 : 2]), [['a.b', 1], ['c+', 2]]);
    assert.equal(phrasesPattern([]), null);
    assert.equal(phrasesPattern([{ words: [], prefix: false }]), null);
  });
});

describe('snippetWindow', () => {
  test('nothing found: null', () => {
    assert.equal(snippetWindow('no such word here', pattern('target')), null);
  });

  test('a match near the start: the window starts at the text start and reaches WINDOW_AFTER past the match, ending at a word end', () => {
    const text = `Target ${filler(300)}`;
    const w = snippetWindow(text, pattern('target'))!;
    assert.equal(w.from, 0);
    assert.ok(w.to >= WINDOW_AFTER && w.to < WINDOW_AFTER + 64, String(w.to));
    assert.match(text[w.to], /\s/);
    assert.deepEqual([w.before, w.after], [false, true]);
  });

  test('a match deep in the text: the window starts at a sentence start before it and holds the match', () => {
    const text = `${filler(400)}target ${filler(400)}`;
    const at = text.indexOf('target');
    const w = snippetWindow(text, pattern('target'))!;
    assert.ok(w.from < at && at - w.from <= WINDOW_BEFORE, `${w.from} ${at}`);
    assert.match(text.slice(0, w.from), /\. $/, 'starts right after a full stop and a space');
    assert.ok(w.to > at + WINDOW_AFTER);
    assert.deepEqual([w.before, w.after], [true, true]);
  });

  test('the place is where most different phrases meet, as snippet() scores fragments, not the first match', () => {
    const text = `${filler(100)}alpha ${filler(100)}alpha beta ${filler(100)}`;
    const w = snippetWindow(text, pattern('alpha', 'beta'))!;
    const both = text.indexOf('alpha beta');
    assert.ok(w.from <= both && w.to > both, 'the window holds the two words together');
    assert.ok(w.from > text.indexOf('alpha'), 'and not the first alpha');
  });

  test('a match near a sentence start beats an earlier one deep in a long sentence (snippet() adds 100 for it)', () => {
    const longSentence = Array.from({ length: 60 }, () => 'lorem').join(' ');
    const text = `${longSentence} target ${longSentence}. Then a Target here. ${filler(100)}`;
    const w = snippetWindow(text, pattern('target'))!;
    assert.ok(w.from > text.indexOf('target'), 'the first target is passed over');
    assert.equal(w.from, text.indexOf('Then'));
  });

  test('occurrences outside `within` are not looked at', () => {
    const text = `target ${filler(300)}target ${filler(300)}`;
    const second = text.indexOf('target', 1);
    const w = snippetWindow(text, pattern('target'), { start: 10, end: text.length })!;
    assert.ok(w.from <= second && w.to > second && w.from > 0);
    assert.equal(snippetWindow(text, pattern('target'), { start: 10, end: second }), null);
  });

  test('text without white space: the window is cut on whole code points, never inside a surrogate pair', () => {
    for (let shift = 0; shift < 2; shift++) {
      const text = `${'x'.repeat(shift)}${'😀'.repeat(400)}target${'😀'.repeat(400)}`;
      const w = snippetWindow(text, pattern('target'))!;
      for (const i of [w.from, w.to]) {
        const c = text.charCodeAt(i);
        assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `index ${i} is inside a pair`);
      }
      assert.ok(text.slice(w.from, w.to).includes('target'));
    }
  });

  test('a short text with fewer tokens than a snippet: the window is all of it', () => {
    const text = 'Only a target here.';
    assert.deepEqual(snippetWindow(text, pattern('target')), { from: 0, to: text.length, before: false, after: false });
  });
});

describe('windowSnippet', () => {
  test('adds … where the window cut tokens off and snippet() did not say so', () => {
    assert.equal(windowSnippet('a \u0002b\u0003 c', { before: true, after: true }), '…a \u0002b\u0003 c…');
    assert.equal(windowSnippet('…a \u0002b\u0003 c…', { before: true, after: true }), '…a \u0002b\u0003 c…');
    assert.equal(windowSnippet('a \u0002b\u0003 c', { before: false, after: false }), 'a \u0002b\u0003 c');
  });
});
