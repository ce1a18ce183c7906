import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapedPath, MAX_UPLOAD_PATH, nameFallbacks, nameLengthRefusal, oneLineName, SHOWN_PATH_MAX, shownPath, uploadPathRefusal } from './file-names.js';

test('escapedPath shows every control character escaped and leaves the rest of a path alone', () => {
  assert.equal(escapedPath('nl/new\nline.txt'), 'nl/new\\nline.txt');
  assert.equal(escapedPath('a\tb\r.md'), 'a\\tb\\r.md');
  assert.equal(escapedPath('bell\u0007 del\u007f c1\u0085.txt'), 'bell\\u0007 del\\u007f c1\\u0085.txt');
  assert.equal(escapedPath('C:\\corpus\\Новости 😀.txt'), 'C:\\corpus\\Новости 😀.txt');
});

test('oneLineName turns each run of control characters and whitespace into one space, trimmed', () => {
  assert.equal(oneLineName('RT\nnews  2016.txt'), 'RT news 2016.txt');
  assert.equal(oneLineName('\t AFP\r\n\u0007\u0085wire \n'), 'AFP wire');
  assert.equal(oneLineName('plain.txt'), 'plain.txt');
});

test('bidi controls, zero-width spaces, line separators and the BOM are shown escaped; joiners are left (a tester: a U+202E showed a name reversed)', () => {
  assert.equal(escapedPath('odd/rtl\u202Ename.txt'), 'odd/rtl\\u202ename.txt');
  assert.equal(escapedPath('\u200E\u200F\u061C\u2066x\u2069\u200B\u2028\u2029\uFEFF.txt'), '\\u200e\\u200f\\u061c\\u2066x\\u2069\\u200b\\u2028\\u2029\\ufeff.txt');
  // A zero-width space and three spaces no longer look alike in a report.
  assert.notEqual(escapedPath('\u200B.txt'), escapedPath('   .txt'));
  const family = '👩\u200D👩\u200D👧 نامه\u200Cها.txt';
  assert.equal(escapedPath(family), family);
  assert.equal(oneLineName('rtl\u202Ename.txt'), 'rtlname.txt');
  assert.equal(oneLineName('ps\u2029x\u2028y.txt'), 'ps x y.txt');
  assert.equal(oneLineName('\uFEFF\u200Bname\u2066.txt'), 'name.txt');
  assert.equal(oneLineName(family), family);
});

test('nameFallbacks: a name of only spaces, dots or invisible characters before its extension gives "Untitled" and no source (a tester: "   .txt" got the source ".txt")', () => {
  assert.deepEqual(nameFallbacks('RT\nnews 2016.txt'), { title: 'RT news 2016.txt', source: 'RT news 2016' });
  assert.deepEqual(nameFallbacks('README'), { title: 'README', source: 'README' });
  assert.deepEqual(nameFallbacks('a\\b.txt'), { title: 'a\\b.txt', source: 'a\\b' });
  for (const name of ['   .txt', ' . .md', '...txt', '\u200b\u202e.txt', '\t\n.txt', '.txt', '   ']) {
    assert.deepEqual(nameFallbacks(name), { title: 'Untitled', source: null }, JSON.stringify(name));
  }
});

test('nameLengthRefusal counts UTF-8 bytes against the 255 a file name holds; uploadPathRefusal adds the path bound (a tester: a 5,000-character name)', () => {
  assert.equal(nameLengthRefusal('x'.repeat(251) + '.txt'), null);
  assert.equal(nameLengthRefusal('x'.repeat(5000) + '.txt'), 'the name is too long (5,004 characters; a file name holds at most 255 bytes)');
  // Two bytes per Cyrillic letter: 125 of them and ".txt" are 254 bytes, 128 are 260.
  assert.equal(nameLengthRefusal('ж'.repeat(125) + '.txt'), null);
  assert.equal(nameLengthRefusal('ж'.repeat(128) + '.txt'), 'the name is too long (132 characters, 260 bytes in UTF-8; a file name holds at most 255 bytes)');
  assert.equal(uploadPathRefusal('corpus/sub/000.txt'), null);
  assert.equal(uploadPathRefusal(`corpus/${'x'.repeat(5000)}.txt`), 'the name is too long (5,004 characters; a file name holds at most 255 bytes)');
  assert.equal(uploadPathRefusal(`${'folder/'.repeat(700)}a.txt`), `the path is too long (4,905 characters; the limit is ${MAX_UPLOAD_PATH.toLocaleString('en')})`);
});

test('shownPath keeps a long path to SHOWN_PATH_MAX code points, its start and its end (the extension) whole', () => {
  assert.equal(shownPath('corpus/new\nline.txt'), 'corpus/new\\nline.txt');
  const long = shownPath(`corpus/${'x'.repeat(5000)}.txt`);
  assert.match(long, /^corpus\/x+…\(4,851 more\)…x+\.txt$/);
  assert.equal(Array.from(long.replace(/…\(.*\)…/, '')).length, SHOWN_PATH_MAX);
});
