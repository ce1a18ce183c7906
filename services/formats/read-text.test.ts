import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openProject } from '../project.js';
import { importAnnotatedPaths } from './importers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-read-text-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const line = JSON.stringify({ text: 'Rząd przyjął ustawę', label: [[0, 4, 'claim']] }) + '\n';

test('an annotated file that is not UTF-8 is refused naming the byte, never stored with U+FFFD; --encoding reads it', () => {
  const file = join(dir, 'cp1250.jsonl');
  writeFileSync(file, iconv.encode(line, 'windows-1250'));
  const p = openProject(join(dir, 'a.crosscheck'));
  assert.throws(() => importAnnotatedPaths(p, [file], 'doccano'), /cp1250\.jsonl: not UTF-8 \(byte 12 is not\); annotated files are read as UTF-8 — name another encoding with --encoding/);
  assert.equal(p.documents.count(), 0);
  const { report } = importAnnotatedPaths(p, [file], 'doccano', { options: { strict: false, encoding: 'windows-1250' } });
  assert.equal(report.spans, 1);
  const [doc] = p.documents.list('title', 'asc', 0, 1).items;
  assert.equal(p.documents.get(doc.id).text, 'Rząd przyjął ustawę');
  assert.deepEqual(p.annotations.listForDocument(doc.id).map((a) => a.text), ['Rząd']);
  p.close();
});

test('a UTF-16 file with its byte order mark is read as UTF-16', () => {
  const file = join(dir, 'utf16.jsonl');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(line, 'utf-16le')]));
  const p = openProject(join(dir, 'b.crosscheck'));
  const { report } = importAnnotatedPaths(p, [file], 'doccano');
  assert.equal(report.spans, 1);
  p.close();
});
