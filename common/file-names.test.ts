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
