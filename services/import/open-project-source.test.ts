import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../backend.js';

const corpus = fileURLToPath(new URL('../../samples/corpus', import.meta.url));

/**
 * POSIX locks belong to the process: had the importer opened and closed the live project with fs, another
 * process's next open/close would delete its -wal under our connection, and the project would read as 5
 * documents while holding more, then be malformed (the fault a hostile test found). The open project's files
 * are refused as sources, never opened.
 */
test('the open project and its -wal are refused as import sources; another process cannot then pull the WAL from under it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-self-import-'));
  const path = join(dir, 'p.crosscheck');
  const b = openBackend(path);
  t.after(() => {
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await b.call('import.paths', { paths: [corpus] });
  await b.call('labels.create', { name: 'extra', color: '#123456' });
  assert.ok(existsSync(`${path}-wal`), 'the project is in WAL mode with a -wal beside it');
  for (const source of [path, `${path}-wal`]) {
    for (const format of ['jsonl', 'doccano', 'auto'] as const) {
      const r = await b.call('import.paths', { paths: [source], format }).then(
        (v) => ({ ok: true as const, v }),
        (e: Error) => ({ ok: false as const, e }),
      );
      const said = r.ok ? JSON.stringify((r.v as { skipped: unknown[] }).skipped) : r.e.message;
      // auto may already pass over a .crosscheck by its extension; either way it is named, never read.
      const why = format === 'auto' ? /Crosscheck project file open here|unsupported file type/ : /Crosscheck project file open here/;
      assert.match(said, why, `${source} as ${format}: ${said}`);
    }
  }
  // Another process opens and closes the file with SQLite, as the hostile test did with Python's sqlite3.
  const other = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path)});d.prepare('select 1').get();d.close()`], {
    encoding: 'utf8',
  });
  assert.equal(other.status, 0, other.stderr);
  assert.ok(existsSync(`${path}-wal`), 'our locks held: the other process did not checkpoint and delete the WAL');
  const stats = (await b.call('stats.get', {})) as { documents: number };
  assert.equal(stats.documents, 5);
  await b.call('labels.create', { name: 'after', color: '#654321' });
  assert.ok(((await b.call('labels.list', {})) as { name: string }[]).some((l) => l.name === 'after'));
});
