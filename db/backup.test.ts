import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { backupsDir, discardStaged, stageRestore, swapIn } from './backup.js';
import { closeDatabase, openDatabase } from './open.js';
import { labelsRepo } from './labels.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-backup-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A project with one extra label, `name`, closed. */
function project(file: string, name: string): string {
  const path = join(dir, file);
  const db = openDatabase(path);
  labelsRepo(db).create(name, '#000000', null);
  closeDatabase(db, false);
  return path;
}

const labelNames = (db: Database.Database) => labelsRepo(db).list().map((l) => l.name);

test('a swap that SQLite cannot finish is rolled back: the live project keeps its data and its open connection answers', async () => {
  const live = project('live.crosscheck', 'live label');
  const db = openDatabase(live);
  // A candidate whose page size differs from the live WAL file's: SQLite refuses to copy it part-way in.
  const other = project('other.crosscheck', 'other label');
  const raw = new Database(other);
  raw.pragma('page_size = 8192');
  raw.exec('VACUUM');
  raw.close();
  try {
    await assert.rejects(swapIn(other, live));
    assert.ok(labelNames(db).includes('live label'));
    assert.ok(!labelNames(db).includes('other label'));
  } finally {
    closeDatabase(db, false);
  }
});

test('a staged restore is a checked copy in the backups folder, of the live page size; the swap brings its data into the open project', async () => {
  const live = project('target.crosscheck', 'target label');
  const from = project('source.crosscheck', 'source label');
  const raw = new Database(from);
  raw.pragma('page_size = 8192');
  raw.exec('VACUUM');
  raw.close();
  const db = openDatabase(live);
  try {
    const staged = await stageRestore(from, live, db);
    assert.ok(staged.startsWith(backupsDir(live)));
    assert.ok(!staged.endsWith('.crosscheck'), 'never listed as a backup');
    await swapIn(staged, live);
    discardStaged(staged);
    assert.deepEqual(readdirSync(backupsDir(live)), [], 'nothing staged is left');
    assert.ok(labelNames(db).includes('source label'), 'the open connection sees the restored state');
    assert.ok(!labelNames(db).includes('target label'));
  } finally {
    closeDatabase(db, false);
  }
});
