import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, dataVersion, openDatabase } from './open.js';
import { labelsRepo } from './labels.js';

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
