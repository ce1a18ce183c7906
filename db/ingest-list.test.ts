// The bulk import's own `document_list` rows (db/ingest.ts bulkDocuments): the same rows migration 0008's trigger
// writes, the trigger itself back after every batch, and a process killed inside a batch leaves the project as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type NewDocument } from './documents.js';
import { bulkDocuments } from './ingest.js';

const doc = (i: number): NewDocument => {
  const text = `Article ${i}: the word marker${i} stands in it.`;
  // Some without a date or a source, titles that sort differently by case: every column the list keeps varies.
  return {
    title: i % 3 ? `Article ${i}` : `article ${i}`,
    date: i % 4 ? `2016-10-${String(10 + (i % 20)).padStart(2, '0')}` : null,
    source: i % 5 ? ['RT', 'rt', 'TASS'][i % 3] : null,
    path: `a/${i}.txt`,
    origin: null,
    hash: `hash-${i}`,
    text,
    length: text.length,
  };
};

const listRows = (db: Db) => db.prepare('SELECT * FROM document_list ORDER BY doc_id').all();
const triggerSql = (db: Db) => db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'document_list_insert'").pluck().get();
/** The list rows computed afresh from `documents` (what migration 0008's backfill writes; no spans here). */
const freshList = (db: Db) =>
  db.prepare('SELECT id AS doc_id, title, date, source, done, done_at, 0 AS annotations FROM documents ORDER BY id').all();
/** Throws SQLite's error unless the full-text index and the documents it mirrors agree. */
const indexAgrees = (db: Db) => db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)");
const countOf = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

test('bulk documents: the list rows a bulk import writes are the ones the trigger writes, also beside documents the trigger listed', () => {
  const bulk = openDatabase(':memory:');
  const byTrigger = openDatabase(':memory:');
  const original = triggerSql(bulk);
  assert.match(String(original), /CREATE TRIGGER document_list_insert/);
  const rows = bulkDocuments(bulk);
  const plain = documentsRepo(bulk);
  bulk.exec('BEGIN');
  rows.batch(() => {
    for (let i = 1; i <= 40; i++) rows.insert(doc(i), 'now');
  });
  // Between batches the trigger is back: a document inserted the ordinary way is listed by it, once.
  plain.insert(doc(41), 'now');
  rows.batch(() => {
    for (let i = 42; i <= 60; i++) rows.insert(doc(i), 'now');
  });
  bulk.exec('COMMIT');
  const reference = documentsRepo(byTrigger);
  for (let i = 1; i <= 60; i++) reference.insert(doc(i), 'now');
  assert.equal(countOf(bulk, 'document_list'), 60);
  assert.deepEqual(listRows(bulk), listRows(byTrigger));
  assert.deepEqual(listRows(bulk), freshList(bulk));
  assert.equal(triggerSql(bulk), original, 'the trigger is back, word for word');
  indexAgrees(bulk);
  bulk.close();
  byTrigger.close();
});

test('bulk documents: a batch that throws still lists and indexes what it inserted and puts the trigger back', () => {
  const db = openDatabase(':memory:');
  const original = triggerSql(db);
  const rows = bulkDocuments(db);
  assert.throws(() => rows.batch(() => rows.insert(doc(1), 'now')), /only inside a transaction/);
  assert.equal(triggerSql(db), original);
  db.exec('BEGIN');
  assert.throws(() => rows.insert(doc(1), 'now'), /only inside batch/);
  assert.throws(
    () =>
      rows.batch(() => {
        rows.insert(doc(1), 'now');
        rows.insert(doc(2), 'now');
        rows.batch(() => {});
      }),
    /does not nest/,
  );
  assert.equal(triggerSql(db), original);
  assert.throws(
    () =>
      rows.batch(() => {
        rows.insert(doc(3), 'now');
        throw new Error('reading the next file failed');
      }),
    /reading the next file failed/,
  );
  assert.equal(triggerSql(db), original);
  // A caller that commits anyway finds every row listed and indexed.
  db.exec('COMMIT');
  assert.deepEqual(listRows(db), freshList(db));
  assert.equal(countOf(db, 'document_list'), 3);
  indexAgrees(db);
  // The trigger works again for the ordinary path.
  documentsRepo(db).insert(doc(4), 'now');
  assert.deepEqual(listRows(db), freshList(db));
  db.close();
});

/** The child of the kill test: one committed bulk import, then a second killed inside its second batch. */
function killedChild(path: string): void {
  const db = openDatabase(path);
  const rows = bulkDocuments(db);
  db.exec('BEGIN IMMEDIATE');
  rows.batch(() => {
    for (let i = 1; i <= 30; i++) rows.insert(doc(i), 'now');
  });
  db.exec('COMMIT');
  db.exec('BEGIN IMMEDIATE');
  rows.batch(() => {
    for (let i = 31; i <= 60; i++) rows.insert(doc(i), 'now');
  });
  rows.batch(() => {
    for (let i = 61; i <= 70; i++) rows.insert(doc(i), 'now');
    // Mid-chunk: the trigger dropped, rows inserted, neither listed nor indexed, nothing committed.
    process.kill(process.pid, 'SIGKILL');
  });
}

const CHILD = 'CROSSCHECK_INGEST_KILL_CHILD';
if (process.env[CHILD]) killedChild(process.env[CHILD]!);
else {
  test('bulk documents: a process killed inside a batch leaves the trigger, the list and the index as the last commit left them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bulk-kill-'));
    const path = join(dir, 'p.crosscheck');
    try {
      const setup = openDatabase(path);
      const original = triggerSql(setup);
      setup.close();
      const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { env: { ...process.env, [CHILD]: path }, encoding: 'utf8' });
      assert.equal(r.signal, 'SIGKILL', `the child should have been killed mid-batch: ${r.stderr}`);
      const db = openDatabase(path);
      assert.equal(triggerSql(db), original);
      assert.equal(countOf(db, 'documents'), 30, 'the first import whole, nothing of the second');
      assert.deepEqual(listRows(db), freshList(db));
      indexAgrees(db);
      assert.equal(db.prepare("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'marker30 OR marker31'").pluck().get(), 1);
      // And the project takes ordinary writes as before.
      documentsRepo(db).insert(doc(31), 'now');
      assert.deepEqual(listRows(db), freshList(db));
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
