import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boardsWarmer, type WarmSource } from './warm.js';

/** A thread whose version and idleness a test sets, recording each build. */
function thread() {
  const s = { version: 1, idle: true, builds: [] as number[], fail: false };
  const source: WarmSource = {
    version: () => s.version,
    idle: () => s.idle,
    build: async () => {
      s.builds.push(s.version);
      if (s.fail) throw new Error('closed');
    },
  };
  return { s, w: boardsWarmer(source) };
}

test('the order is built once the project has held still for a check and the thread is idle, not at the first check', async () => {
  const { s, w } = thread();
  await w.tick();
  assert.deepEqual(s.builds, [], 'the first check only looks (the page is still opening)');
  s.idle = false;
  await w.tick();
  assert.deepEqual(s.builds, [], 'never while a call waits or runs');
  s.idle = true;
  await w.tick();
  assert.deepEqual(s.builds, [1]);
  await w.tick();
  assert.deepEqual(s.builds, [1], 'built once while nothing changes');
});

test('after changes the order is rebuilt only once a board was asked for, and only after the changes stop', async () => {
  const { s, w } = thread();
  await w.tick();
  await w.tick();
  assert.deepEqual(s.builds, [1]);
  // Tagging without ever looking at a board: no more builds.
  for (const v of [2, 3, 3, 3]) {
    s.version = v;
    await w.tick();
  }
  assert.deepEqual(s.builds, [1]);
  w.asked();
  s.version = 4;
  await w.tick();
  s.version = 5;
  await w.tick();
  assert.deepEqual(s.builds, [1], 'not while the project keeps changing');
  await w.tick();
  assert.deepEqual(s.builds, [1, 5], 'one rebuild, at the version it settled on');
  await w.tick();
  assert.deepEqual(s.builds, [1, 5]);
});

test('a failed build (the project closed) is not retried at the same version and does not stop later builds', async () => {
  const { s, w } = thread();
  w.asked();
  s.fail = true;
  await w.tick();
  await w.tick();
  await w.tick();
  assert.deepEqual(s.builds, [1]);
  s.fail = false;
  s.version = 2;
  await w.tick();
  await w.tick();
  assert.deepEqual(s.builds, [1, 2]);
});

test('a version that cannot be read (the project closed) builds nothing', async () => {
  let builds = 0;
  const w = boardsWarmer({
    version: () => {
      throw new Error('The database connection is not open');
    },
    idle: () => true,
    build: async () => void builds++,
  });
  await w.tick();
  await w.tick();
  assert.equal(builds, 0);
});
