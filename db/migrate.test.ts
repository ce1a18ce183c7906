import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../common/errors.js';
import { openDatabase } from './open.js';
import { appliedVersion, checkHistory, latestVersion, migrate } from './migrate.js';
import { migrations } from './migrations/index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-migrate-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const fresh = () => join(dir, `p${++n}.crosscheck`);

type Applied = { version: number; name: string; checksum: string; applied_at: string };
const history = (db: Database.Database) =>
  db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version').all() as Applied[];

function appError(fn: () => unknown, name: string): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.name, name, e.message);
    return e;
  }
  assert.fail(`expected AppError ${name}`);
}

describe('migrate', () => {
  test('a fresh database gets every migration in schema_migrations, each with its name and a checksum', () => {
    const db = openDatabase(fresh());
    try {
      const rows = history(db);
      assert.deepEqual(
        rows.map((r) => [r.version, r.name]),
        migrations.map((m) => [m.version, m.name]),
      );
      assert.equal(rows[0].name, 'init');
      for (const r of rows) assert.match(r.checksum, /^[0-9a-f]{16}$/);
      assert.ok(!Number.isNaN(Date.parse(rows[0].applied_at)));
      assert.equal(appliedVersion(db), latestVersion);
      assert.equal(latestVersion, migrations[migrations.length - 1].version);
      // The schema itself is there: tables and the seeded labels.
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
      for (const t of ['annotations', 'documents', 'documents_fts', 'labels']) assert.ok(tables.includes(t), t);
      assert.deepEqual(db.prepare('SELECT name FROM labels ORDER BY position').pluck().all(), ['claim', 'speaker', 'figure']);
    } finally {
      db.close();
    }
  });

  test('the checksum is stable across databases (same migration text, same checksum)', () => {
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    try {
      assert.equal(history(a)[0].checksum, history(b)[0].checksum);
    } finally {
      a.close();
      b.close();
    }
  });

  test('reopening an up-to-date project is a no-op: no new rows, no re-run SQL, data kept', () => {
    const path = fresh();
    const db1 = openDatabase(path);
    db1.prepare("INSERT INTO labels (name, color, key, position) VALUES ('extra', '#000000', NULL, 9)").run();
    const before = history(db1);
    db1.close();

    const db2 = openDatabase(path);
    try {
      assert.deepEqual(history(db2), before);
      assert.equal(db2.prepare("SELECT COUNT(*) FROM labels WHERE name = 'extra'").pluck().get(), 1);
      assert.equal(db2.prepare('SELECT COUNT(*) FROM labels').pluck().get(), 4);
      assert.deepEqual(migrate(db2), { from: latestVersion, to: latestVersion });
      assert.deepEqual(history(db2), before);
    } finally {
      db2.close();
    }
  });

  test('migrate reports from/to and runs only newer migrations', () => {
    const db = new Database(':memory:');
    try {
      assert.deepEqual(migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' }]), { from: 0, to: 1 });
      const r = migrate(db, [
        { version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' },
        { version: 2, name: 'two', sql: 'CREATE TABLE t2 (y)' },
      ]);
      assert.deepEqual(r, { from: 1, to: 2 });
      assert.deepEqual(history(db).map((h) => [h.version, h.name]), [[1, 'one'], [2, 'two']]);
    } finally {
      db.close();
    }
  });

  test('a failing migration rolls back its own SQL and is not recorded', () => {
    const db = new Database(':memory:');
    try {
      const ms = [
        { version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' },
        { version: 2, name: 'broken', sql: 'CREATE TABLE t2 (y); INSERT INTO nowhere VALUES (1);' },
      ];
      assert.throws(() => migrate(db, ms), /nowhere/);
      assert.equal(appliedVersion(db), 1);
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 't2'").pluck().get(), 0);
    } finally {
      db.close();
    }
  });

  test('a project with an applied version unknown to this build is refused as Unsupported', () => {
    const path = fresh();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', 'abcdef0123456789', '2030-01-01')").run();
    raw.close();
    const e = appError(() => openDatabase(path), 'Unsupported');
    assert.match(e.message, /newer Crosscheck/);
    assert.match(e.message, /99/);
  });

  test('a project whose applied checksum differs is refused as Conflict and left untouched', () => {
    const path = fresh();
    openDatabase(path).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_migrations SET checksum = '0000000000000000' WHERE version = 1").run();
    raw.close();
    const e = appError(() => openDatabase(path), 'Conflict');
    assert.match(e.message, /migration 1/);
    const check = new Database(path, { readonly: true });
    assert.equal(check.prepare('SELECT checksum FROM schema_migrations').pluck().get(), '0000000000000000');
    check.close();
  });

  test('checkHistory reads without writing: the applied version of a known history, a newer one refused naming the subject', () => {
    const db = new Database(':memory:');
    try {
      const ms = [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' }];
      assert.equal(checkHistory(db, 'x.crosscheck', ms), 0, 'no schema_migrations table: version 0');
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get(), 0, 'and none was created');
      migrate(db, ms);
      assert.equal(checkHistory(db, 'x.crosscheck', ms), 1);
      migrate(db, [...ms, { version: 2, name: 'two', sql: 'CREATE TABLE t2 (y)' }]);
      const e = appError(() => checkHistory(db, '/media/x.crosscheck', ms), 'Unsupported');
      assert.equal(e.message, '/media/x.crosscheck was written by a newer Crosscheck (schema 2 "two"; this build reads up to 1); update Crosscheck to open it.');
    } finally {
      db.close();
    }
  });

  test('migrate itself refuses a history whose SQL was edited', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x)' }]);
      appError(() => migrate(db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (x, y)' }]), 'Conflict');
    } finally {
      db.close();
    }
  });
});

describe('openDatabase', () => {
  test('sets WAL, foreign keys on, synchronous FULL and a busy timeout', () => {
    const db = openDatabase(fresh());
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(db.pragma('synchronous', { simple: true }), 2);
      assert.equal(db.pragma('busy_timeout', { simple: true }), 5000);
    } finally {
      db.close();
    }
  });

  test('foreign keys are enforced (an annotation on a missing document is refused)', () => {
    const db = openDatabase(':memory:');
    try {
      assert.throws(
        () =>
          db.prepare(
            "INSERT INTO annotations (doc_id, label_id, start, end, text, created_at, updated_at) VALUES (42, 1, 0, 1, 'x', '', '')",
          ).run(),
        /FOREIGN KEY/,
      );
    } finally {
      db.close();
    }
  });

  test('a file that is not a database gives a clear InvalidInput error and is not modified', () => {
    const path = join(dir, 'notes.crosscheck');
    const content = 'These are my notes, not a SQLite database.\n'.repeat(200);
    writeFileSync(path, content);
    const e = appError(() => openDatabase(path), 'InvalidInput');
    assert.match(e.message, /not a Crosscheck project/);
    assert.ok(e.message.includes(path));
    assert.equal(readFileSync(path, 'utf8'), content);
  });

  test('mustExist on a missing path gives NotFound and creates nothing', () => {
    const path = join(dir, 'missing.crosscheck');
    const e = appError(() => openDatabase(path, { mustExist: true }), 'NotFound');
    assert.ok(e.message.includes(path));
    assert.ok(!existsSync(path));
  });

  test('readOnly on a missing path gives NotFound', () => {
    appError(() => openDatabase(join(dir, 'missing-ro.crosscheck'), { readOnly: true }), 'NotFound');
  });

  test('readOnly opens an existing project without writing to it', () => {
    const path = fresh();
    openDatabase(path).close();
    const db = openDatabase(path, { readOnly: true });
    try {
      assert.equal(appliedVersion(db), latestVersion);
      assert.throws(() => db.prepare("INSERT INTO labels (name, color, position) VALUES ('x', '#000000', 5)").run(), /readonly/i);
    } finally {
      db.close();
    }
  });

  test('a path in a folder that does not exist is refused with a clear error naming it', () => {
    const path = join(dir, 'no', 'such', 'folder', 'p.crosscheck');
    const e = appError(() => openDatabase(path), 'InvalidInput');
    assert.ok(e.message.includes(path));
  });
});
