import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openBackend } from './backend.js';
import { latestVersion } from '../db/migrate.js';
import type { Annotation, ProjectInfo, Stats } from '../common/model.js';

const fixtures = fileURLToPath(new URL('../db/fixtures/', import.meta.url));
let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-safety-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a committed fixture: the originals are never opened for writing. */
function fixture(name: string): string {
  const sub = mkdtempSync(join(dir, 'fx-'));
  const path = join(sub, name);
  copyFileSync(join(fixtures, name), path);
  return path;
}

for (const v of [1, 2]) {
  test(`a v${v} project opens, upgrades to the current schema after a backup, and keeps its data`, async () => {
    const path = fixture(`v${v}.crosscheck`);
    const b = openBackend(path);
    try {
      const info = (await b.call('project.info', {})) as ProjectInfo;
      assert.equal(info.schemaVersion, latestVersion);
      const spans = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
      assert.deepEqual(spans.map((s) => s.text), ['Sergey Rudskoy', '60 civilians']);
      assert.equal(spans[0].note, 'chief of operations');
      const stats = (await b.call('stats.get', {})) as Stats;
      assert.equal(stats.links, v >= 2 ? 1 : 0);
      const hits = (await b.call('search.query', { q: 'Rudskoy' })) as { hits: unknown[] };
      assert.equal(hits.hits.length, 1, 'the FTS index came through the upgrade');
    } finally {
      b.close();
    }
    const backups = readdirSync(join(path, '..', `v${v} backups`));
    assert.equal(backups.length, 1);
    assert.match(backups[0], new RegExp(`before upgrade to v${latestVersion}`));
    const old = new Database(join(path, '..', `v${v} backups`, backups[0]), { readonly: true });
    assert.equal(old.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get(), v, 'the backup is the project as it was');
    old.close();
  });
}

test('opening an up-to-date project makes no backup', () => {
  const path = join(mkdtempSync(join(dir, 'fresh-')), 'p.crosscheck');
  openBackend(path).close();
  openBackend(path).close();
  assert.equal(existsSync(join(path, '..', 'p backups')), false);
});

test('back up, change, restore: the project is as it was at the backup, and the state before the restore is kept too', async () => {
  const path = fixture('v2.crosscheck');
  const b = openBackend(path);
  try {
    const backup = (await b.call('project.backup', {})) as { path: string };
    assert.ok(existsSync(backup.path));
    await b.call('annotations.delete', { id: 1 });
    await b.call('labels.create', { name: 'after backup', color: '#000000' });
    const listed = (await b.call('project.backups', {})) as { path: string }[];
    assert.ok(listed.some((x) => x.path === backup.path));

    const r = (await b.call('project.restore', { path: backup.path })) as { safetyBackup: string };
    const spans = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
    assert.deepEqual(spans.map((s) => s.id), [1, 2], 'the deleted annotation is back');
    const labels = (await b.call('labels.list', {})) as { name: string }[];
    assert.ok(!labels.some((l) => l.name === 'after backup'));

    // The state just before the restore was saved first: restoring it brings the change back.
    await b.call('project.restore', { path: r.safetyBackup });
    const again = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
    assert.deepEqual(again.map((s) => s.id), [2]);
  } finally {
    b.close();
  }
});

test('restoring from a file that is not a project is refused and changes nothing', async () => {
  const path = fixture('v2.crosscheck');
  const bogus = join(dir, 'bogus.crosscheck');
  copyFileSync(join(fixtures, 'make.ts'), bogus);
  const b = openBackend(path);
  try {
    await assert.rejects(b.call('project.restore', { path: bogus }), (e: Error) => e.name === 'InvalidInput' && /not a Crosscheck project/.test(e.message));
    await assert.rejects(b.call('project.restore', { path: join(dir, 'missing.crosscheck') }), { name: 'NotFound' });
    assert.equal(((await b.call('stats.get', {})) as Stats).annotations, 2);
  } finally {
    b.close();
  }
});

test('a second backend on the same file is told when the first one commits, and sees the change', async () => {
  const path = fixture('v2.crosscheck');
  const a = openBackend(path);
  const b = openBackend(path);
  try {
    // The backend's watch timer does not hold the process open; this one keeps the test alive while it waits.
    const alive = setTimeout(() => {}, 10_000);
    const told = new Promise<string>((resolve) => b.on('project.changed', (e) => resolve(e.reason))).finally(() => clearTimeout(alive));
    await a.call('annotations.update', { id: 1, note: 'edited in window A' });
    assert.equal(await told, 'changed elsewhere');
    const spans = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
    assert.equal(spans.find((s) => s.id === 1)!.note, 'edited in window A');
    // Both write; SQLite serialises them and neither is lost.
    await Promise.all([a.call('labels.create', { name: 'from A', color: '#000000' }), b.call('labels.create', { name: 'from B', color: '#000000' })]);
    const names = ((await a.call('labels.list', {})) as { name: string }[]).map((l) => l.name);
    assert.ok(names.includes('from A') && names.includes('from B'));
  } finally {
    a.close();
    b.close();
  }
});

test('a project on read-only media opens read-only and refuses changes with a clear error', () => {
  // Root ignores file permissions (and CI runs as root), so the check runs as the unprivileged user "nobody".
  const media = mkdtempSync(join(dir, 'media-'));
  const path = join(media, 'p.crosscheck');
  const w = openBackend(path);
  w.close();
  // A closed project is one file: its WAL was checkpointed away on close.
  chmodSync(path, 0o444);
  chmodSync(media, 0o555);
  chmodSync(dir, 0o755);
  const script = `
    import { openBackend } from ${JSON.stringify(fileURLToPath(new URL('./backend.ts', import.meta.url)))};
    const b = openBackend(${JSON.stringify(path)});
    const info = await b.call('project.info', {});
    let err = null;
    try { await b.call('labels.create', { name: 'x', color: '#000000' }); } catch (e) { err = { name: e.name, message: e.message }; }
    const stats = await b.call('stats.get', {});
    b.close();
    console.log(JSON.stringify({ readOnly: info.readOnly, err, documents: stats.documents }));`;
  const run = process.getuid?.() === 0
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() })
    : spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  chmodSync(media, 0o755);
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
  assert.equal(out.readOnly, true);
  assert.deepEqual(out.err, { name: 'ReadOnly', message: 'This project is open read-only; changes cannot be saved.' });
  assert.equal(out.documents, 0);
  mkdirSync(join(dir, 'done'), { recursive: true });
});
