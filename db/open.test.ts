import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { closeDatabase, dataVersion, openDatabase, readOnlySource } from './open.js';
import { labelsRepo } from './labels.js';
import { appliedVersion, latestVersion } from './migrate.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-open-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('dataVersion changes when another connection commits, not when this one does', () => {
  const path = join(dir, 'two.crosscheck');
  const a = openDatabase(path);
  const b = openDatabase(path);
  const start = dataVersion(a);
  labelsRepo(a).create('own', '#000000', null);
  assert.equal(dataVersion(a), start);
  labelsRepo(b).create('other', '#000000', null);
  assert.notEqual(dataVersion(a), start);
  b.close();
  a.close();
});

test('closeDatabase leaves one self-contained file (no -wal) after a write, and a read-only close changes nothing', () => {
  const path = join(dir, 'close.crosscheck');
  const db = openDatabase(path);
  labelsRepo(db).create('x', '#000000', null);
  assert.ok(existsSync(`${path}-wal`), 'WAL while open');
  closeDatabase(db, false);
  assert.equal(existsSync(`${path}-wal`), false);
  const ro = openDatabase(path, { readOnly: true });
  assert.equal(labelsRepo(ro).list().map((l) => l.name).at(-1), 'x');
  closeDatabase(ro, true);
  assert.equal(ro.open, false);
});

/** A project file of the current schema with schema_migrations row 99 added, as a newer Crosscheck leaves it. */
function futureProject(name: string): string {
  const path = join(dir, name);
  closeDatabase(openDatabase(path), false);
  const raw = new Database(path);
  raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', 'abcdef0123456789', '2030-01-01')").run();
  raw.close();
  return path;
}

test('a read-only open of an up-to-date project reads the file in place', () => {
  const path = join(dir, 'current.crosscheck');
  closeDatabase(openDatabase(path), false);
  const db = openDatabase(path, { readOnly: true });
  assert.equal(readOnlySource(db), 'file');
  assert.equal(db.name, path);
  closeDatabase(db, true);
});

test('a read-only open of an older schema reads an upgraded private copy in the temp folder, removed on close; the file is untouched', () => {
  const folder = mkdtempSync(join(dir, 'v1-'));
  const path = join(folder, 'v1.crosscheck');
  copyFileSync(join(fixtures, 'v1.crosscheck'), path);
  const bytes = readFileSync(path);
  const db = openDatabase(path, { readOnly: true });
  assert.equal(readOnlySource(db), 'upgraded private copy');
  assert.equal(appliedVersion(db), latestVersion);
  assert.notEqual(db.name, path);
  assert.ok(db.name.startsWith(tmpdir()) && existsSync(db.name), db.name);
  assert.throws(() => labelsRepo(db).create('x', '#000000', null), /readonly/i, 'the copy is query-only');
  closeDatabase(db, true);
  assert.equal(existsSync(db.name), false, 'the private copy is removed on close');
  assert.ok(readFileSync(path).equals(bytes));
  assert.deepEqual(readdirSync(folder), ['v1.crosscheck']);
});

test('a read-only open refuses a newer schema (Unsupported) naming the file, instead of reading it', () => {
  const path = futureProject('future-ro.crosscheck');
  assert.throws(() => openDatabase(path, { readOnly: true }), (e: Error) => e.name === 'Unsupported' && e.message.startsWith(`${path} was written by a newer Crosscheck (schema 99`));
});

test('a writable open of a newer project refuses before writing anything: not even the WAL switch in its header', () => {
  const path = futureProject('future-rw.crosscheck');
  const bytes = readFileSync(path);
  assert.throws(() => openDatabase(path), { name: 'Unsupported' });
  assert.ok(readFileSync(path).equals(bytes), 'the file is byte for byte as it was');
});

test("an existing file that is not a Crosscheck project (empty, someone else's SQLite, a folder) is refused naming it; a missing path becomes a project", () => {
  const empty = join(dir, 'empty.crosscheck');
  writeFileSync(empty, '');
  const theirs = join(dir, 'theirs.sqlite');
  const raw = new Database(theirs);
  raw.exec('CREATE TABLE notes (body TEXT)');
  raw.close();
  for (const [path, why] of [
    [empty, 'is empty (0 bytes), not a Crosscheck project.'],
    [theirs, 'is a SQLite database but not a Crosscheck project (no schema_migrations, documents, labels, annotations tables).'],
    [dir, 'is a folder, not a Crosscheck project; only regular files are opened.'],
  ]) {
    for (const opts of [{}, { mustExist: true }, { readOnly: true }]) {
      assert.throws(() => openDatabase(path, opts), (e: Error) => e.name === 'InvalidInput' && e.message === `${path} ${why}`);
    }
  }
  const fresh = join(dir, 'brand-new.crosscheck');
  const db = openDatabase(fresh);
  assert.equal(appliedVersion(db), latestVersion);
  closeDatabase(db, false);
});
