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

test('every path of the report is escaped the same way, as the import report dialog shows it (common/file-names.ts)', () => {
  const text = formatReport({
    imported: [],
    duplicates: [{ path: 'a\rb.txt', of: 3, ofTitle: 'T', ofPath: 'old\nname.txt' }],
    skipped: [{ path: 'bell\u0007.txt', reason: 'r' }],
    dropped: [{ path: 'nl/new\nline.jsonl', where: 'line 1', what: 'span', why: 'off the text' }],
  } as never);
  const lines = text.split('\n');
  assert.equal(lines.length, 4, text);
  assert.equal(lines[1], '  duplicate  a\\rb.txt  (same text as #3 T, old\\nname.txt)');
  assert.equal(lines[2], '  skipped    bell\\u0007.txt: r');
  assert.equal(lines[3], '  dropped    nl/new\\nline.jsonl: line 1: span: off the text');
});

test('a reason that quotes the name is escaped too: "trail.txt" with a line break after it stays on one line', () => {
  const text = formatReport({
    imported: [],
    duplicates: [],
    skipped: [{ path: 'odd/trail.txt\n', reason: 'unsupported file type (.txt\n)' }],
    notes: ['odd/a\nb.txt: read as windows-1252'],
  } as never);
  const lines = text.split('\n');
  assert.equal(lines.length, 3, text);
  assert.equal(lines[1], '  skipped    odd/trail.txt\\n: unsupported file type (.txt\\n)');
  assert.equal(lines[2], '  note       odd/a\\nb.txt: read as windows-1252');
});
