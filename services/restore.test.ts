import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openBackend, type Backend } from './backend.js';
import { beside, runScript } from './child-script.test-helpers.js';
import { backupsDir } from '../db/backup.js';
import { latestVersion } from '../db/migrate.js';
import type { Annotation, ProjectInfo, Stats } from '../common/model.js';

const fixtures = fileURLToPath(new URL('../db/fixtures/', import.meta.url));
let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-restore-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a committed fixture in a folder of its own: the originals are never opened for writing. */
function fixture(name: string): string {
  const path = join(mkdtempSync(join(dir, 'fx-')), name);
  copyFileSync(join(fixtures, name), path);
  return path;
}

/** What the project answers: everything a refused restore must leave exactly as it was. */
async function answers(b: Backend) {
  return {
    stats: await b.call('stats.get', {}),
    documents: await b.call('documents.list', {}),
    spans: await b.call('annotations.listForDocument', { docId: 1 }),
    labels: await b.call('labels.list', {}),
  };
}

/** Backups a restore must refuse, each made from a good backup of the same project (`good`) in `at`. */
const candidates: [string, (good: string, at: string) => string][] = [
  [
    'a backup written by a newer schema (schema_migrations row 99)',
    (good, at) => {
      copyFileSync(good, at);
      const raw = new Database(at);
      raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', 'abcdef0123456789', '2030-01-01')").run();
      raw.close();
      return at;
    },
  ],
  [
    'a truncated backup (its first half)',
    (good, at) => {
      copyFileSync(good, at);
      truncateSync(at, Math.floor(statSync(at).size / 2));
      return at;
    },
  ],
  [
    'a backup with a trigger of its own (it would delete labels on every later write)',
    (good, at) => {
      copyFileSync(good, at);
      const raw = new Database(at);
      raw.exec('CREATE TRIGGER evil AFTER INSERT ON annotations BEGIN DELETE FROM labels WHERE id > 1; END');
      raw.close();
      return at;
    },
  ],
  [
    'a backup whose annotations.note column was renamed',
    (good, at) => {
      copyFileSync(good, at);
      const raw = new Database(at);
      raw.exec('ALTER TABLE annotations RENAME COLUMN note TO remark');
      raw.close();
      return at;
    },
  ],
  ['a file that is not SQLite', (_good, at) => (writeFileSync(at, 'notes, not a database\n'.repeat(300)), at)],
  [
    "a SQLite database without Crosscheck's tables",
    (_good, at) => {
      const raw = new Database(at);
      raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('someone else''s data')");
      raw.close();
      return at;
    },
  ],
  ['an empty (0-byte) file', (_good, at) => (writeFileSync(at, ''), at)],
  ['a folder', (_good, at) => (mkdirSync(at), at)],
];

for (const [kind, make] of candidates) {
  test(`restoring ${kind} is refused with InvalidInput naming it; the project stays open and answers as before`, async () => {
    const path = fixture('v2.crosscheck');
    const b = openBackend(path);
    try {
      const good = ((await b.call('project.backup', {})) as { path: string }).path;
      // A change after the backup: a restore that went ahead, even in part, would lose it.
      await b.call('labels.create', { name: 'after the backup', color: '#123456' });
      const was = await answers(b);
      const bad = make(good, join(dir, `bad-${basename(path, '.crosscheck')}-${Math.random().toString(36).slice(2)}.crosscheck`));
      const refused = await b.call('project.restore', { path: bad }).then(
        () => assert.fail('the restore went ahead'),
        (e: Error) => e,
      );
      // First what matters most: the project is still open and answers exactly as before.
      assert.deepEqual(await answers(b), was, 'the project answers exactly as before');
      assert.equal(refused.name, 'InvalidInput', refused.message);
      assert.ok(refused.message.includes(bad), `the message names the file: ${refused.message}`);
      assert.match(refused.message, /It was not restored; the project is unchanged\./);
      await b.call('labels.create', { name: 'still writable', color: '#654321' });
      assert.deepEqual(readdirSync(backupsDir(path)).filter((f) => !f.endsWith('.crosscheck')), [], 'no staged copy is left behind');
    } finally {
      b.close();
    }
    const again = openBackend(path, { mustExist: true });
    try {
      const labels = (await again.call('labels.list', {})) as { name: string }[];
      assert.ok(labels.some((l) => l.name === 'still writable'), 'the project still opens, with every change');
    } finally {
      again.close();
    }
  });
}

test('restoring from a FIFO is refused from lstat at once, never opened (in a child process, so a hang fails the test instead of stopping the runner)', () => {
  const path = fixture('v2.crosscheck');
  const fifo = join(dir, 'pipe.crosscheck');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
  const out = runScript(
    `import { openBackend } from ${beside('./backend.ts')};
    const b = openBackend(${JSON.stringify(path)});
    let err = null;
    try { await b.call('project.restore', { path: ${JSON.stringify(fifo)} }); } catch (e) { err = { name: e.name, message: e.message }; }
    const stats = await b.call('stats.get', {});
    b.close();
    console.log(JSON.stringify({ err, annotations: stats.annotations }));`,
    { timeoutMs: 60_000 },
  ) as { err: { name: string; message: string } | null; annotations: number };
  assert.equal(out.err?.name, 'InvalidInput');
  assert.ok(out.err.message.includes(fifo), out.err.message);
  assert.match(out.err.message, /named pipe \(FIFO\)/);
  assert.equal(out.annotations, 2, 'the project still answers');
});

test("restoring a backup of an older schema (v1) brings its data in at this build's schema and leaves the backup file as it was", async () => {
  const path = fixture('v2.crosscheck');
  const old = fixture('v1.crosscheck');
  const bytes = readFileSync(old);
  const b = openBackend(path);
  try {
    await b.call('annotations.delete', { id: 1 });
    await b.call('project.restore', { path: old });
    assert.equal(((await b.call('project.info', {})) as ProjectInfo).schemaVersion, latestVersion);
    const spans = (await b.call('annotations.listForDocument', { docId: 1 })) as Annotation[];
    assert.deepEqual(spans.map((s) => s.text), ['Sergey Rudskoy', '60 civilians']);
    assert.equal(((await b.call('stats.get', {})) as Stats).links, 0, 'v1 had no links: the restored state has none');
  } finally {
    b.close();
  }
  assert.ok(readFileSync(old).equals(bytes), 'the backup itself is not upgraded in place');
});
