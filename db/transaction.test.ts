import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from './open.js';
import { labelsRepo } from './labels.js';
import { inAsyncTransaction, transaction } from './transaction.js';
import { readSnapshot } from './snapshot.js';

const names = (db: Db) => labelsRepo(db).list().map((l) => l.name);

test('transaction commits what fn wrote and returns its result; a throw rolls all of it back', () => {
  const db = openDatabase(':memory:');
  const labels = labelsRepo(db);
  assert.equal(transaction(db, () => labels.create('a', '#000000', null).name), 'a');
  assert.throws(() =>
    transaction(db, () => {
      labels.create('b', '#000000', null);
      labels.create('c', '#000000', null);
      throw new Error('boom');
    }),
  /boom/);
  assert.deepEqual(names(db), ['claim', 'speaker', 'figure', 'a'], 'repository writes inside compose into the one transaction');
  db.close();
});

test('inAsyncTransaction holds one transaction across awaits: committed on resolve, rolled back on reject', async () => {
  const db = openDatabase(':memory:');
  const labels = labelsRepo(db);
  await inAsyncTransaction(db, 'immediate', async () => {
    labels.create('kept', '#000000', null);
    await new Promise((r) => setImmediate(r));
    assert.ok(db.inTransaction);
  });
  await assert.rejects(
    inAsyncTransaction(db, 'immediate', async () => {
      labels.create('lost', '#000000', null);
      await new Promise((r) => setImmediate(r));
      throw new Error('cancelled');
    }),
    /cancelled/,
  );
  assert.equal(db.inTransaction, false);
  assert.deepEqual(names(db), ['claim', 'speaker', 'figure', 'kept']);
  db.close();
});

test('readSnapshot reads one state of the file while another connection commits, then closes its connection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-snapshot-'));
  try {
    const path = join(dir, 'p.crosscheck');
    const db = openDatabase(path);
    let snapshotDb: Db | undefined;
    const seen = await readSnapshot(db, path, async (snapshot) => {
      snapshotDb = snapshot;
      const before = names(snapshot);
      labelsRepo(db).create('later', '#000000', null);
      await new Promise((r) => setImmediate(r));
      return { before, after: names(snapshot) };
    });
    assert.notEqual(snapshotDb, db, 'a second connection');
    assert.equal(snapshotDb!.open, false);
    assert.deepEqual(seen.after, seen.before, 'the commit made meanwhile is not seen');
    assert.ok(names(db).includes('later'));
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readSnapshot of an in-memory project reads through its own connection, inside a transaction, left open', async () => {
  const db = openDatabase(':memory:');
  const inside = await readSnapshot(db, ':memory:', async (snapshot) => snapshot === db && db.inTransaction);
  assert.equal(inside, true);
  assert.equal(db.inTransaction, false);
  assert.equal(db.open, true);
  db.close();
});
