import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './commands.js';
import { openBackend } from '../services/backend.js';

const corpus = fileURLToPath(new URL('../samples/corpus', import.meta.url));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-cli-delete-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in this process, collecting what it prints; `ask` answers delete's question (null: no terminal). */
async function cli(argv: string[], ask: ((q: string) => Promise<boolean>) | null = null) {
  const log: string[] = [];
  const error: string[] = [];
  const code = await runCli(argv, { log: (s) => log.push(s), error: (s) => error.push(s) }, ask);
  return { code, log: log.join('\n'), error: error.join('\n') };
}

let n = 0;
async function project() {
  const db = join(dir, `p${++n}.crosscheck`);
  assert.equal((await cli(['import', corpus, '--db', db])).code, 0);
  const b = openBackend(db);
  await b.call('annotations.create', { docId: 2, labelId: 2, start: 0, end: 2 });
  await b.call('annotations.create', { docId: 3, labelId: 2, start: 0, end: 6 });
  await b.call('links.create', { fromId: 1, toId: 2, typeId: 1 });
  b.close();
  return db;
}

async function remaining(db: string) {
  const b = openBackend(db, { mustExist: true });
  try {
    const page = (await b.call('documents.list', {})) as { items: { id: number }[] };
    return page.items.map((d) => d.id);
  } finally {
    b.close();
  }
}

describe('crosscheck delete', () => {
  test('without a terminal and without --yes it refuses, saying what it would delete, and deletes nothing', async () => {
    const db = await project();
    const r = await cli(['delete', '--db', db, '2', '3']);
    assert.equal(r.code, 1);
    assert.match(r.error, /would delete 2 documents with 2 annotations and 1 link; .*--yes/);
    assert.deepEqual(await remaining(db), [1, 2, 3, 4, 5]);
  });

  test('--yes deletes by id and by the path a document was imported from, and prints what went', async () => {
    const db = await project();
    const r = await cli(['delete', '--db', db, '2', join(corpus, '002_b2ffd15867aef55a.txt'), '--yes']);
    assert.equal(r.code, 0, r.error);
    assert.match(r.log, /deleted {2}#2 .*\(corpus\/001_ffe4602930e352e0\.txt\): 1 annotation/);
    assert.match(r.log, /deleted {2}#3 Russia insists/);
    assert.match(r.error, /Deleted 2 documents, 2 annotations and 1 link\./);
    assert.deepEqual(await remaining(db), [1, 4, 5]);
  });

  test('on a terminal it asks first; "no" deletes nothing', async () => {
    const db = await project();
    const asked: string[] = [];
    const r = await cli(['delete', '--db', db, '4'], async (q) => (asked.push(q), false));
    assert.deepEqual(asked, ['Delete 1 document with 0 annotations and 0 links?']);
    assert.equal(r.code, 1);
    assert.deepEqual(await remaining(db), [1, 2, 3, 4, 5]);
    const yes = await cli(['delete', '--db', db, '4'], async () => true);
    assert.equal(yes.code, 0);
    assert.deepEqual(await remaining(db), [1, 2, 3, 5]);
  });

  test('an id or path that names no document fails clearly and deletes nothing', async () => {
    const db = await project();
    await assert.rejects(cli(['delete', '--db', db, '2', '99', '--yes']), /there is no document 99/);
    await assert.rejects(cli(['delete', '--db', db, 'nowhere/a.txt', '--yes']), /no document was imported from nowhere\/a\.txt/);
    await assert.rejects(cli(['delete', '--db', db, '--yes']), { name: 'UsageError' });
    assert.deepEqual(await remaining(db), [1, 2, 3, 4, 5]);
  });
});
