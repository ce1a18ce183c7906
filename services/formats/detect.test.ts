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
