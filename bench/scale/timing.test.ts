import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { backgroundDone, measureRequest, measureSet, untilQuiet } from './timing.js';

const budget = { calls: 12, min: 10, budgetMs: 60_000, timeoutMs: 10_000 };

test('a set runs its warm-up untimed, then each later index once, and counts refusals', async () => {
  const seen: number[] = [];
  const m = await measureSet(
    async (i) => {
      seen.push(i);
      if (i % 4 === 0) throw Object.assign(new Error('Query too broad: …'), { name: 'InvalidInput' });
    },
    { ...budget, warmup: 2, refused: (e) => e instanceof Error && e.name === 'InvalidInput' },
  );
  assert.deepEqual(seen, Array.from({ length: 14 }, (_, i) => i));
  assert.equal(m.calls, 12);
  assert.equal(m.refused, 3); // 4, 8, 12 among the timed calls 2..13
  assert.ok(m.p95WallMs! >= m.wallMs && m.p95CpuMs! >= 0);
});

test('an error a set does not expect is thrown, not timed', async () => {
  await assert.rejects(
    measureSet(async (i) => {
      if (i === 5) throw new Error('boom');
    }, { ...budget, warmup: 0 }),
    /boom/,
  );
});

test('a call with no answer times out instead of hanging the bench', async () => {
  await assert.rejects(measureSet(() => new Promise(() => {}), { ...budget, warmup: 0, timeoutMs: 50 }), /no answer within 0.05 s/);
});

test('a per-request operation runs a warm-up and at least `min` samples, several calls each when it is quick', async () => {
  let n = 0;
  const m = await measureRequest(async () => void n++, budget);
  assert.ok(m.calls >= budget.min);
  assert.equal(n, m.calls + 1);
  assert.ok(Number.isFinite(m.wallMs) && Number.isFinite(m.cpuMs));
});

test("the wait for the backend's background work lasts while another thread of this process spins, and ends after", async () => {
  // A thread of this process busy for 800 ms of wall time, as the reader thread reading after open.
  const spinner = new Worker('const end = Date.now() + 800; while (Date.now() < end);', { eval: true });
  const ended = new Promise((r) => spinner.once('exit', r));
  await new Promise((r) => setTimeout(r, 50));
  const waited = await backgroundDone(20_000);
  assert.ok(waited >= 400, `waited ${waited} ms while the thread spun`);
  await ended;
  // Nothing runs now: one quiet quarter second ends the wait (well before the 20 s bound).
  assert.ok((await backgroundDone(20_000)) < 20_000);
});

test('a CPU total that keeps growing is waited on until the bound; one that stands still ends the wait at once', async () => {
  let total = 0;
  // A core and a half busy whenever it is read: never quiet.
  const busy = await untilQuiet(() => (total += 400), 0.1, 600);
  assert.ok(busy >= 600, `gave up after ${busy} ms`);
  const still = await untilQuiet(() => 5, 0.1, 60_000);
  assert.ok(still < 60_000);
});
