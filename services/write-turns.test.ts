import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { inTurnWithOthers, isBusy, type TurnDeps } from './write-turns.js';
import { openBackend } from './backend.js';
import { openDatabase } from '../db/open.js';
import type { Call } from '../common/contract.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

/** Fake surroundings: a clock that moves only when slept, a change counter the test moves, what was told. */
function fakes(maxWaitMs = 60_000) {
  let clock = 0;
  const told: boolean[] = [];
  const state = { changes: 0 };
  const deps: TurnDeps = {
    changes: () => state.changes,
    waiting: (w) => told.push(w),
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
    maxWaitMs,
  };
  return { deps, told, state };
}

test('SQLITE_BUSY codes are recognised, other errors are not', () => {
  assert.ok(isBusy(busy()));
  assert.ok(isBusy({ code: 'SQLITE_BUSY_SNAPSHOT' }));
  assert.ok(!isBusy({ code: 'SQLITE_CONSTRAINT' }));
  assert.ok(!isBusy(new Error('database is locked')));
  assert.ok(!isBusy(null));
});

test('a write that found the file held is run again until it goes through, and the windows are told', async () => {
  const { deps, told } = fakes();
  let attempts = 0;
  const result = await inTurnWithOthers(async () => {
    if (++attempts < 4) throw busy();
    return 'written';
  }, deps);
  assert.equal(result, 'written');
  assert.equal(attempts, 4);
  assert.deepEqual(told, [true, false]);
});

test('a write that wrote something before SQLITE_BUSY is not run again (it could write twice)', async () => {
  const { deps, told, state } = fakes();
  let attempts = 0;
  await assert.rejects(
    inTurnWithOthers(async () => {
      attempts++;
      state.changes += 3;
      throw busy();
    }, deps),
    (e: Error & { code?: string }) => e.code === 'SQLITE_BUSY',
  );
  assert.equal(attempts, 1);
  assert.deepEqual(told, []);
});

test('other errors are thrown at once; a wait past the limit ends with a message that the change was not saved', async () => {
  const { deps } = fakes();
  await assert.rejects(inTurnWithOthers(async () => Promise.reject(new RangeError('bad')), deps), RangeError);
  const slow = fakes(5_000);
  let attempts = 0;
  await assert.rejects(
    inTurnWithOthers(async () => {
      attempts++;
      throw busy();
    }, slow.deps),
    (e: Error) => e.name === 'Conflict' && /not saved/.test(e.message) && /another window or the command line/i.test(e.message),
  );
  assert.ok(attempts > 1);
  assert.deepEqual(slow.told, [true, false]);
});

test('a transaction that reads and then writes does not fail when another connection commits in between', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-turns-'));
  try {
    const path = join(dir, 'p.crosscheck');
    const db = openDatabase(path);
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    let otherWrote = true;
    // The first read of a DEFERRED transaction fixes its snapshot; a commit by another connection after it made the
    // first write fail with SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out. IMMEDIATE holds the lock instead.
    db.transaction(() => {
      db.prepare('SELECT COUNT(*) FROM labels').get();
      try {
        other.prepare("INSERT INTO labels (name, color, position) VALUES ('From elsewhere', '#123456', 90)").run();
      } catch (e) {
        assert.ok(isBusy(e), String(e));
        otherWrote = false;
      }
      db.prepare("INSERT INTO labels (name, color, position) VALUES ('Mine', '#654321', 91)").run();
    })();
    assert.equal(otherWrote, false, 'the other connection could write inside this transaction: it was not IMMEDIATE');
    assert.equal(db.prepare("SELECT COUNT(*) FROM labels WHERE name = 'Mine'").pluck().get(), 1);
    other.close();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit made while another process holds the project for longer than the busy timeout is saved once it lets go', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-turns-'));
  const path = join(dir, 'p.crosscheck');
  openDatabase(path).close();
  // Another process takes the write lock and holds it past the 5 s busy timeout, as a CLI import does.
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(path)});
       db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO labels (name, color, position) VALUES ('Imported meanwhile', '#111111', 92)").run();
       console.log('held'); setTimeout(() => { db.exec('COMMIT'); db.close(); console.log('released'); }, 6500);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: holder.stdout! });
  const said: string[] = [];
  const held = new Promise<void>((resolve) => lines.on('line', (l) => (said.push(l), l === 'held' && resolve())));
  const backend = openBackend(path);
  try {
    await held;
    const waits: boolean[] = [];
    backend.on('project.waiting', ({ waiting }) => waits.push(waiting));
    const label = await (backend.call as Call)('labels.create', { name: 'Made in the UI', color: '#222222' });
    assert.equal(label.name, 'Made in the UI');
    assert.deepEqual(waits, [true, false]);
    const names = (await (backend.call as Call)('labels.list', {})).map((l) => l.name);
    assert.ok(names.includes('Made in the UI') && names.includes('Imported meanwhile'));
  } finally {
    backend.close();
    holder.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
