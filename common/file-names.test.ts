import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapedPath, oneLineName } from './file-names.js';

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
