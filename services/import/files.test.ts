import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readRegularFile } from './files.js';
import { openBackend } from '../backend.js';

/**
 * A folder walk's stat stands in for the read's own (one syscall less per file); the fstat after the open must
 * then catch a file swapped in between the walk and the read, as a fresh stat would have.
 */
describe('readRegularFile with the stat a walk took', () => {
  const withDir = (fn: (dir: string) => Promise<void> | void) => async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-files-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('reads the file as it is now when another regular file took its place', withDir((dir) => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'walked');
    const seen = statSync(path);
    writeFileSync(join(dir, 'b.txt'), 'swapped in, longer');
    renameSync(join(dir, 'b.txt'), path);
    assert.equal(readRegularFile(path, undefined, seen).toString(), 'swapped in, longer');
  }));

  test('refuses a named pipe swapped in after the walk, without waiting for a writer', withDir((dir) => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'walked');
    const seen = statSync(path);
    rmSync(path);
    const made = spawnSync('mkfifo', [path]);
    assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
    assert.throws(() => readRegularFile(path, undefined, seen), /not a regular file \(a named pipe \(FIFO\)\)/);
  }));

  test('refuses this process\'s open project swapped in after the walk, and keeps its locks', withDir(async (dir) => {
    const project = join(dir, 'p.crosscheck');
    const b = openBackend(project);
    try {
      await b.call('labels.create', { name: 'before', color: '#123456' });
      assert.ok(existsSync(`${project}-wal`));
      writeFileSync(join(dir, 'a.txt'), 'walked');
      // As if the walk had stat'ed a.txt at the project's path and the project had been put there since.
      const seen = statSync(join(dir, 'a.txt'));
      assert.throws(() => readRegularFile(project, undefined, seen), /a Crosscheck project file open here/);
      // Had the descriptor been closed, our POSIX locks would be gone and this other process would checkpoint and
      // delete the -wal under our connection (services/import/open-project-source.test.ts).
      const other = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(project)});d.prepare('select 1').get();d.close()`], { encoding: 'utf8' });
      assert.equal(other.status, 0, other.stderr);
      assert.ok(existsSync(`${project}-wal`), 'our locks held');
      await b.call('labels.create', { name: 'after', color: '#654321' });
      assert.ok(((await b.call('labels.list', {})) as { name: string }[]).some((l) => l.name === 'after'));
    } finally {
      b.close();
    }
  }));
});
