import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { addShares, hostAndChromium, noShares, parseSchedstat, perAnswer, sampleThreads, sharesText, type ThreadSample } from './sched.js';

test('a schedstat line is CPU time and run-queue wait in ns; anything else is refused with the text', () => {
  assert.deepEqual(parseSchedstat('373136142 313807 31\n'), { cpuNs: 373136142, waitNs: 313807 });
  assert.throws(() => parseSchedstat(''), /not a schedstat line: ""/);
  assert.throws(() => parseSchedstat('12 x 3'), /not a schedstat line: "12 x 3"/);
});

test("each party's threads are summed between two samples; a thread born meanwhile counts from zero, strangers not at all", () => {
  const t = (pid: number, tid: number, cpuMs: number, waitMs: number) => [`${pid}/${tid}`, { pid, tid, cpuNs: cpuMs * 1e6, waitNs: waitMs * 1e6 }] as const;
  const before: ThreadSample = new Map([t(10, 10, 100, 50), t(10, 11, 20, 5), t(20, 20, 7, 1), t(30, 30, 0, 0), t(99, 99, 1, 1)]);
  const after: ThreadSample = new Map([t(10, 10, 117, 56), t(10, 11, 23, 9), t(20, 20, 9, 4), t(30, 30, 1, 2), t(30, 31, 5, 5), t(99, 99, 500, 0)]);
  const { partyOf, pids } = hostAndChromium(10, 20, [10, 30]);
  assert.deepEqual(pids, [20, 10, 30]);
  const s = addShares(noShares(), before, after, partyOf);
  assert.deepEqual(s.pageMain, { cpuMs: 17, waitMs: 6 });
  assert.deepEqual(s.pageOther, { cpuMs: 3, waitMs: 4 });
  assert.deepEqual(s.host, { cpuMs: 2, waitMs: 3 });
  // Process 30's second thread started within the stretch; process 99 (the busy loop, say) is no party.
  assert.deepEqual(s.chromium, { cpuMs: 6, waitMs: 7 });
  // Stretches add up; per answer divides.
  addShares(s, before, after, partyOf);
  assert.deepEqual(perAnswer(s, 4).pageMain, { cpuMs: 8.5, waitMs: 3 });
  assert.equal(sharesText(perAnswer(s, 2)), 'page main thread ran 17.0 ms and waited 6.0 ms for a core; ran / waited summed over threads: host 2.0 / 3.0, rest of Chromium 9.0 / 11.0 ms');
});

test("a spinning process's threads are read from /proc: its CPU time grows; a process gone is left out", async () => {
  const child = spawn(process.execPath, ['-e', 'const e = Date.now() + 5000; while (Date.now() < e);'], { stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  const main = (s: ThreadSample) => s.get(`${child.pid}/${child.pid}`);
  try {
    const first = main(sampleThreads([child.pid!]));
    assert.ok(first, 'the main thread is listed under its pid');
    // However loaded the machine, the spinning thread gets 50 ms of CPU within its 5 s.
    let grown = 0;
    for (const until = Date.now() + 5000; grown <= 50e6 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 100));
      grown = (main(sampleThreads([child.pid!]))?.cpuNs ?? 0) - first.cpuNs;
    }
    assert.ok(grown > 50e6, `CPU time grew by ${grown / 1e6} ms`);
  } finally {
    child.kill();
  }
  await exited;
  assert.equal(sampleThreads([child.pid!]).size, 0);
});
