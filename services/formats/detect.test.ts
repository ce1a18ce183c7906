import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat } from './detect.js';
import { openBackend } from '../backend.js';

test('our JSONL export of a long first document is told apart from doccano and re-imports with every span', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-detect-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = openBackend(join(dir, 'a.crosscheck'));
  const b = openBackend(join(dir, 'b.crosscheck'));
  t.after(() => (a.close(), b.close()));
  // A first document of 40 kB: "spans" and "links" come after its text, far past the 16 kB head detection reads.
  const text = `Mosul ${'word '.repeat(8000)}end`;
  const file = join(dir, 'long.txt');
  writeFileSync(file, `Long report\n\n${text}\n`);
  const imported = (await a.call('import.paths', { paths: [file] })) as { imported: { id: number }[] };
  const docId = imported.imported[0].id;
  for (let i = 0; i < 5; i++) await a.call('annotations.create', { docId, labelId: 1, start: 20 + i * 10, end: 24 + i * 10 });
  const out = join(dir, 'export.jsonl');
  await a.call('export.toFile', { format: 'jsonl', path: out });

  assert.equal(detectFormat(out), 'jsonl');
  const r = (await b.call('import.paths', { paths: [out] })) as { spans: number; skipped: unknown[] };
  assert.equal(r.spans, 5, JSON.stringify(r.skipped));
  // doccano's own lines still go to the doccano importer.
  const doccano = join(dir, 'doccano.jsonl');
  writeFileSync(doccano, `${JSON.stringify({ id: 1, text: 'Zoe said', label: [[0, 3, 'speaker']] })}\n`);
  assert.equal(detectFormat(doccano), 'doccano');
});

test('our JSONL with string ids and a long first document is ours, not doccano', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-detect-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'strings.jsonl');
  const line = { id: 'doc-17', title: 'T', date: null, source: null, path: null, text: `Mosul ${'word '.repeat(8000)}`, spans: [], links: [] };
  writeFileSync(file, JSON.stringify(line) + '\n');
  assert.equal(detectFormat(file), 'jsonl');
  writeFileSync(file, JSON.stringify({ ...line, id: 'say "hi"\\' }) + '\n');
  assert.equal(detectFormat(file), 'jsonl', 'escaped quotes and backslashes inside the id');
});

test('a CoNLL file under another name is told by its content; prose and Markdown stay text', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-detect-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const put = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  assert.equal(detectFormat(put('conll2003.txt', '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n')), 'conll');
  const tokens = 'Sergey\tB-speaker\nRudskoy\tI-speaker\nsaid\tO\n60\tB-figure\ncivilians\tI-figure\nwere\tO\nkilled\tO\n.\tO\n';
  assert.equal(detectFormat(put('eng.train', tokens)), 'conll');
  assert.equal(detectFormat(put('notes.md', '-DOCSTART- -X- O O\n\nA\tO\n')), 'text');
  assert.equal(detectFormat(put('article.txt', 'Gen. Rudskoy said 60 civilians were killed.\nThe ministry said so.\nOne\nTwo\nThree O\n')), 'text');
  assert.equal(detectFormat(put('short.txt', 'Mosul\tB-LOC\nsaid\tO\n')), 'text', 'too few lines to tell');
});
