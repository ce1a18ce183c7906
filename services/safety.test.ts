import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openBackend } from './backend.js';
import { openProject } from './project.js';
import { beside, runScript } from './child-script.test-helpers.js';
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
    // The backend's watch timer does not hold the process open; this one keeps the test alive while it waits for
    // the event (the watch looks once a second). Its length is only a hang guard: when it runs out with the event
    // still awaited, the runner fails the test; minutes, so that it cannot trip on a slow but healthy machine.
    const alive = setTimeout(() => {}, 300_000);
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

/**
 * Opens `path` from read-only media, as "nobody" when this runs as root (root ignores permissions): makes the
 * file and its folder read-only (`dir` stays passable), opens a backend, reads, tries a write, and says what it
 * saw, with the read-only banner's note. The folder is made writable again afterwards.
 */
function openedFromMedia(path: string) {
  const media = join(path, '..');
  chmodSync(path, 0o444);
  chmodSync(media, 0o555);
  chmodSync(dir, 0o755);
  try {
    return runScript(
      `import { openBackend } from ${beside('./backend.ts')};
      import { openProject } from ${beside('./project.ts')};
      const b = openBackend(${JSON.stringify(path)});
      const info = await b.call('project.info', {});
      const stats = await b.call('stats.get', {});
      const labels = (await b.call('labels.list', {})).map((l) => l.name);
      let err = null;
      try { await b.call('labels.create', { name: 'x', color: '#000000' }); } catch (e) { err = { name: e.name, message: e.message }; }
      b.close();
      const p = openProject(${JSON.stringify(path)}, { readOnly: true });
      const note = p.readOnlyNote;
      p.close();
      console.log(JSON.stringify({ readOnly: info.readOnly, err, documents: stats.documents, annotations: stats.annotations, labels, note }));`,
      { unprivileged: true },
    ) as { readOnly: boolean; err: unknown; documents: number; annotations: number; labels: string[]; note: string };
  } finally {
    chmodSync(media, 0o755);
  }
}

test('a project on read-only media opens read-only and refuses changes with a clear error (as "nobody" when root, which permissions do not stop)', () => {
  const path = join(mkdtempSync(join(dir, 'media-')), 'p.crosscheck');
  openBackend(path).close();
  // A closed project is one file: its WAL was checkpointed away on close.
  const out = openedFromMedia(path);
  assert.equal(out.readOnly, true);
  assert.deepEqual(out.err, { name: 'ReadOnly', message: 'This project is open read-only; changes cannot be saved.' });
  assert.equal(out.documents, 0);
  assert.match(out.note, /^Read-only: this project is on read-only media/);
});

test('a WAL project in a read-only folder (no -shm possible) opens read-only from a private copy, writing nothing beside it (as "nobody" when root)', async () => {
  const path = fixture('v2.crosscheck');
  const b = openBackend(path);
  await b.call('labels.create', { name: 'made before the copy to media', color: '#000000' });
  b.close();
  // As a project copied while open, or left by a crash, would be: WAL in its header, nothing beside it.
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.close();
  const before = readdirSync(join(path, '..')).sort();
  const out = openedFromMedia(path);
  assert.equal(out.readOnly, true);
  assert.ok(out.labels.includes('made before the copy to media'));
  assert.deepEqual([out.documents, out.annotations], [1, 2]);
  assert.equal((out.err as { name: string }).name, 'ReadOnly');
  assert.match(out.note, /private copy taken when it was opened/);
  assert.deepEqual(readdirSync(join(path, '..')).sort(), before, 'no -shm, -wal or anything else was written beside the project');
});

test('a project written by a newer Crosscheck, opened read-only, is refused as Unsupported naming it (never shown with wrong data)', () => {
  const path = join(mkdtempSync(join(dir, 'future-')), 'p.crosscheck');
  openBackend(path).close();
  const raw = new Database(path);
  raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', 'abcdef0123456789', '2030-01-01')").run();
  raw.close();
  for (const opts of [{ readOnly: true }, { readOnly: true, mustExist: true }]) {
    assert.throws(() => openBackend(path, opts), (e: Error) => {
      assert.equal(e.name, 'Unsupported', e.message);
      assert.ok(e.message.includes(path), e.message);
      assert.match(e.message, /newer Crosscheck \(schema 99/);
      return true;
    });
  }
});

test('an older project (v1) opened read-only is shown from an upgraded private copy: every query works and the file is left as it was', async () => {
  const path = fixture('v1.crosscheck');
  const bytes = readFileSync(path);
  const b = openBackend(path, { readOnly: true });
  try {
    const info = (await b.call('project.info', {})) as ProjectInfo;
    assert.deepEqual([info.readOnly, info.schemaVersion], [true, latestVersion]);
    assert.equal(((await b.call('stats.get', {})) as Stats).links, 0, 'the links table of v2 is there (v1 had none)');
    const spans = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
    assert.deepEqual(spans.map((s) => s.text), ['Sergey Rudskoy', '60 civilians']);
    await assert.rejects(b.call('annotations.delete', { id: 1 }), { name: 'ReadOnly' });
  } finally {
    b.close();
  }
  const p = openProject(path, { readOnly: true });
  assert.match(p.readOnlyNote ?? '', /older Crosscheck .* upgraded private copy/);
  p.close();
  assert.ok(readFileSync(path).equals(bytes), 'the file is not upgraded in place');
  assert.deepEqual(readdirSync(join(path, '..')), ['v1.crosscheck'], 'no backup or journal was written beside it');
});

const openWays: [string, { mustExist?: boolean; readOnly?: boolean }][] = [
  ['as the CLI import and serve --db do', {}],
  ['as the CLI stats/export and Electron\'s Open do (mustExist)', { mustExist: true }],
  ['read-only', { readOnly: true }],
];

test('an existing 0-byte file given as the project is refused naming it, every way a project is opened, and stays 0 bytes', () => {
  const path = join(mkdtempSync(join(dir, 'empty-')), 'empty.crosscheck');
  writeFileSync(path, '');
  for (const [way, opts] of openWays) {
    assert.throws(() => openBackend(path, opts), (e: Error) => {
      assert.equal(e.name, 'InvalidInput', `${way}: ${e.message}`);
      assert.equal(e.message, `${path} is empty (0 bytes), not a Crosscheck project.`);
      return true;
    });
  }
  assert.equal(statSync(path).size, 0);
  assert.deepEqual(readdirSync(join(path, '..')), ['empty.crosscheck'], 'nothing was written beside it');
});

test("someone else's SQLite database given as the project is refused naming it and left byte for byte as it was", () => {
  const path = join(mkdtempSync(join(dir, 'foreign-')), 'theirs.db');
  const raw = new Database(path);
  raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('their data')");
  raw.close();
  const bytes = readFileSync(path);
  for (const [way, opts] of openWays) {
    assert.throws(() => openBackend(path, opts), (e: Error) => {
      assert.equal(e.name, 'InvalidInput', `${way}: ${e.message}`);
      assert.ok(e.message.startsWith(`${path} is a SQLite database but not a Crosscheck project`), e.message);
      return true;
    });
  }
  assert.ok(readFileSync(path).equals(bytes));
});

test('a path with nothing there yet still becomes a new project (not with mustExist)', async () => {
  const path = join(mkdtempSync(join(dir, 'new-')), 'new.crosscheck');
  assert.throws(() => openBackend(path, { mustExist: true }), { name: 'NotFound' });
  const b = openBackend(path);
  try {
    assert.equal(((await b.call('project.info', {})) as ProjectInfo).schemaVersion, latestVersion);
  } finally {
    b.close();
  }
  openBackend(path, { mustExist: true }).close();
});

test('a FIFO or a folder given as the project is refused from lstat, never opened (in a child process, so a hang fails the test)', () => {
  const fifo = join(mkdtempSync(join(dir, 'fifo-')), 'pipe.crosscheck');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
  const folder = mkdtempSync(join(dir, 'folder-'));
  const out = runScript(
    `import { openBackend } from ${beside('./backend.ts')};
    const errs = [];
    for (const [path, opts] of [[${JSON.stringify(fifo)}, {}], [${JSON.stringify(fifo)}, { readOnly: true }], [${JSON.stringify(folder)}, {}]]) {
      try { openBackend(path, opts).close(); errs.push(null); } catch (e) { errs.push({ name: e.name, message: e.message }); }
    }
    console.log(JSON.stringify(errs));`,
    { timeoutMs: 60_000 },
  ) as ({ name: string; message: string } | null)[];
  assert.deepEqual(out, [
    { name: 'InvalidInput', message: `${fifo} is a named pipe (FIFO), not a Crosscheck project; only regular files are opened.` },
    { name: 'InvalidInput', message: `${fifo} is a named pipe (FIFO), not a Crosscheck project; only regular files are opened.` },
    { name: 'InvalidInput', message: `${folder} is a folder, not a Crosscheck project; only regular files are opened.` },
  ]);
});
