import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { searchRepo } from './search.js';
import { BULK_CACHE_KIB, bulkDocuments, withBulkSettings } from './ingest.js';

const doc = (i: number) => {
  const text = `Article ${i}: the word marker${i} stands in it.`;
  return { title: `Article ${i}`, date: '2016-10-25', source: 'RT', path: `a/${i}.txt`, origin: `/abs/a/${i}.txt`, hash: `hash-${i}`, text, length: text.length };
};

/** Whether FTS5's own check finds the index and the documents it mirrors in agreement (throws SQLite's error if not). */
const indexAgrees = (db: Db) => db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)");

test('bulk documents: rows as documents.insert writes them, their index entries and list rows written when each batch ends', () => {
  const db = openDatabase(':memory:');
  const rows = bulkDocuments(db);
  const documents = documentsRepo(db);
  const search = searchRepo(db);
  db.exec('BEGIN');
  const [first, second] = rows.batch(() => {
    const ids = [rows.insert(doc(1), '2024-01-01T00:00:00.000Z'), rows.insert(doc(2), '2024-01-01T00:00:00.000Z')];
    assert.deepEqual(search.search('marker1', 10).hits, [], 'held back until the batch ends');
    return ids;
  });
  assert.deepEqual(search.search('marker1', 10).hits.map((h) => h.docId), [first]);
  const third = rows.batch(() => rows.insert(doc(3), 'now'));
  rows.batch(() => {});
  assert.deepEqual(search.search('marker2 OR marker3', 10).hits.map((h) => h.docId).sort(), [second, third]);
  db.exec('COMMIT');
  indexAgrees(db);
  const stored = documents.get(second);
  assert.equal(stored.text, doc(2).text);
  assert.equal(stored.path, 'a/2.txt');
  assert.equal(stored.date, '2016-10-25');
  assert.equal(documents.idByHash('hash-2'), second);
  // The hash stays unique: a duplicate is the importer's to find first, and SQLite refuses one that slips through.
  db.exec('BEGIN');
  assert.throws(() => rows.batch(() => rows.insert(doc(2), 'now')), /UNIQUE/);
  db.exec('ROLLBACK');
  db.close();
});

test('bulk settings: a bigger page cache and in-memory statement journals for the import, the connection\'s own after, also when it fails', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bulk-'));
  const db = openDatabase(join(dir, 'p.crosscheck'));
  try {
    const cache = db.pragma('cache_size', { simple: true });
    const temp = db.pragma('temp_store', { simple: true });
    const inside = await withBulkSettings(db, async () => [db.pragma('cache_size', { simple: true }), db.pragma('temp_store', { simple: true })]);
    assert.deepEqual(inside, [-BULK_CACHE_KIB, 2]);
    assert.equal(db.pragma('cache_size', { simple: true }), cache);
    assert.equal(db.pragma('temp_store', { simple: true }), temp);
    await assert.rejects(
      withBulkSettings(db, async () => {
        throw new Error('import failed');
      }),
      /import failed/,
    );
    assert.equal(db.pragma('cache_size', { simple: true }), cache);
    assert.equal(db.pragma('temp_store', { simple: true }), temp);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
