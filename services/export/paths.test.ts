import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { importPaths } from '../import/run.js';
import { runExport } from './run.js';
import { exporters } from '../formats/index.js';
import { publishedPath } from './stream.js';
import { writeJsonlFile } from './jsonl.js';

/** Issue 11, item 15: a published dataset carries paths relative to the folder imported from, not the home folder. */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-paths-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const pathsIn = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { path: string | null }).path)
    .sort();

test('documents imported from a folder are stored and exported relative to the folder it is in; the absolute path only on request', async () => {
  const home = join(dir, 'home', 'analyst', 'news');
  mkdirSync(join(home, 'corpus', 'rt'), { recursive: true });
  writeFileSync(join(home, 'corpus', 'rt', 'a.txt'), 'Gen. Rudskoy said 60 civilians were killed.\n');
  writeFileSync(join(home, 'corpus', 'b.txt'), 'Over 60 civilians have been killed, TASS reports.\n');
  writeFileSync(join(home, 'single.txt'), 'A file named on its own keeps its name only.\n');
  writeFileSync(join(home, 'tasks.jsonl'), JSON.stringify({ text: 'Port officials said no.', label: [[0, 14, 'speaker']] }) + '\n');
  const p = openProject(join(dir, 'p.crosscheck'));
  const r = await importPaths(p, [join(home, 'corpus'), join(home, 'single.txt'), join(home, 'tasks.jsonl')], 'auto');
  assert.equal(r.imported.length, 4);
  assert.ok(r.imported.some((i) => i.path === join(home, 'corpus', 'rt', 'a.txt')), 'the report still names the files as given');

  const plain = join(dir, 'out-plain');
  await runExport(p, exporters, { format: 'jsonl', dest: plain, docs: { kind: 'all' } });
  const published = pathsIn(join(plain, 'export.jsonl'));
  // An annotated file's documents are named by the file (and line, for formats with a document per line).
  assert.deepEqual(published.slice(0, 3), ['corpus/b.txt', 'corpus/rt/a.txt', 'single.txt']);
  assert.match(published[3]!, /^tasks\.jsonl(:1)?$/);
  assert.ok(!readFileSync(join(plain, 'export.jsonl'), 'utf8').includes('analyst'), 'no folder above the imported one is named');

  const full = join(dir, 'out-full');
  await runExport(p, exporters, { format: 'jsonl', dest: full, docs: { kind: 'all' }, absolutePaths: true });
  const absolute = pathsIn(join(full, 'export.jsonl'));
  assert.deepEqual(absolute.slice(0, 3), [join(home, 'corpus', 'b.txt'), join(home, 'corpus', 'rt', 'a.txt'), join(home, 'single.txt')]);
  assert.equal(absolute[3], join(home, published[3]!));
  p.close();
});

test('uploaded files keep the path as uploaded, with no absolute path (the private folder is never stored)', async () => {
  const staged = join(dir, 'staged');
  mkdirSync(join(staged, 'corpus'), { recursive: true });
  writeFileSync(join(staged, 'corpus', 'c.txt'), 'Uploaded article text.\n');
  const p = openProject(join(dir, 'u.crosscheck'));
  await importPaths(p, ['corpus/c.txt'], 'auto', { base: staged });
  const out = join(dir, 'out-upload');
  await runExport(p, exporters, { format: 'jsonl', dest: out, docs: { kind: 'all' }, absolutePaths: true });
  assert.deepEqual(pathsIn(join(out, 'export.jsonl')), ['corpus/c.txt']);
  p.close();
});

test('publishedPath: paths stored before this rule (absolute) publish their file name only; relative ones as stored', () => {
  assert.equal(publishedPath('/home/analyst/news/a.txt'), 'a.txt');
  assert.equal(publishedPath('C:\\Users\\analyst\\news\\b.txt'), 'b.txt');
  assert.equal(publishedPath('\\\\server\\share\\c.txt'), 'c.txt');
  assert.equal(publishedPath('corpus/rt/a.txt'), 'corpus/rt/a.txt');
  assert.equal(publishedPath(null), null);
});

test('the one-file JSONL export (export.toFile) takes absolutePaths too', async () => {
  const home = join(dir, 'home2', 'analyst');
  mkdirSync(join(home, 'corpus'), { recursive: true });
  writeFileSync(join(home, 'corpus', 'a.txt'), 'One article, for the one-file export.\n');
  const p = openProject(join(dir, 'one.crosscheck'));
  await importPaths(p, [join(home, 'corpus')], 'auto');
  writeJsonlFile(p.db, join(dir, 'rel.jsonl'));
  writeJsonlFile(p.db, join(dir, 'abs.jsonl'), false, true);
  assert.deepEqual(pathsIn(join(dir, 'rel.jsonl')), ['corpus/a.txt']);
  assert.deepEqual(pathsIn(join(dir, 'abs.jsonl')), [join(home, 'corpus', 'a.txt')]);
  p.close();
});
