import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBusyLoop } from './busy.js';
import { cpuTicks } from './browser.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Whether `pid` has ended: gone from /proc, or a zombie waiting for a parent that is not ours to reap it. */
function ended(pid: number): boolean {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2)[0] === 'Z';
  } catch {
    return true;
  }
}

/** Resolves once `pid` has ended; rejects after `ms`. */
async function waitEnded(pid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!ended(pid)) {
    if (Date.now() > until) throw new Error(`process ${pid} still running after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the busy loop burns CPU until stopped, then its process is gone', async () => {
  const busy = startBusyLoop();
  try {
    await new Promise((r) => setTimeout(r, 300));
    const before = cpuTicks(busy.pid);
    // A second spinning a free core is 100 ticks (10 ms each); a process that sleeps gets none. On a machine whose
    // cores are shared with many others the loop gets a share only: 20 ticks (200 ms of CPU) within 5 s.
    const until = Date.now() + 5000;
    while (cpuTicks(busy.pid) - before < 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.ok(cpuTicks(busy.pid) - before >= 20, `CPU ticks rose by ${cpuTicks(busy.pid) - before} in 5 s`);
    assert.equal(ended(busy.pid), false);
  } finally {
    await busy.stop();
  }
  assert.equal(ended(busy.pid), true);
  // Stopping twice is harmless.
  await busy.stop();
});

test('the busy loop exits by itself at its deadline', async () => {
  const busy = startBusyLoop({ deadlineMs: 500 });
  assert.equal(ended(busy.pid), false);
  await waitEnded(busy.pid, 5000);
});

test('the busy loop exits when the process that started it is killed', async () => {
  // A parent that starts a loop, prints its pid and waits; then it is killed without a chance to stop the loop.
  const code = "import('./bench/scale/busy.ts').then((m) => { console.log(m.startBusyLoop().pid); setInterval(() => {}, 1000); });";
  const parent = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const pid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the parent printed no busy loop pid within 20 s')), 20_000);
      parent.stdout!.once('data', (d) => {
        clearTimeout(timer);
        resolve(Number(String(d).trim()));
      });
    });
    assert.ok(pid > 0);
    assert.equal(ended(pid), false);
    parent.kill('SIGKILL');
    await waitEnded(pid, 5000);
  } finally {
    parent.kill('SIGKILL');
  }
});
