import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickedPath } from '../../../renderer/features/import/upload';

test('a picked folder keeps its folders; a backslash Chromium wrote as "/" in webkitRelativePath goes back into the name', () => {
  assert.equal(pickedPath({ name: '000.txt', webkitRelativePath: 'corpus/sub/000.txt' }), 'corpus/sub/000.txt');
  assert.equal(pickedPath({ name: 'notes.txt', webkitRelativePath: '' }), 'notes.txt');
  // A Linux name "a\b.txt" in folder f1: Chromium gives name "a\b.txt" and webkitRelativePath "f1/a/b.txt".
  assert.equal(pickedPath({ name: 'a\\b.txt', webkitRelativePath: 'f1/a/b.txt' }), 'f1/a\\b.txt');
  assert.equal(pickedPath({ name: 'x\\y\\z.txt', webkitRelativePath: 'f1/deep/x/y/z.txt' }), 'f1/deep/x\\y\\z.txt');
  // A picked file (no folder) is its name, backslash and all.
  assert.equal(pickedPath({ name: 'a\\b.txt', webkitRelativePath: '' }), 'a\\b.txt');
  // Where the tail does not spell the name, the relative path is taken as it is.
  assert.equal(pickedPath({ name: 'a\\b.txt', webkitRelativePath: 'f1/other.txt' }), 'f1/other.txt');
});
