import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport } from './commands.js';

test('an import report keeps each file on one line: a line break in a file name is shown escaped', () => {
  const text = formatReport({
    imported: [{ path: 'nl/new\nline.txt', id: 1, title: 'T' }],
    duplicates: [],
    skipped: [{ path: 'x\ty.pdf', reason: 'unsupported file type (.pdf)' }],
  } as never);
  const lines = text.split('\n');
  assert.equal(lines.length, 3, text);
  assert.equal(lines[1], '  imported   nl/new\\nline.txt  →  #1 T');
  assert.equal(lines[2], '  skipped    x\\ty.pdf: unsupported file type (.pdf)');
});
