import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchPage, cpuTicks, launchChromium, pageRendererPid, rendererPids, rssFileOf, rssOf } from './browser.js';

test('memory and CPU time of a live process are read from /proc, and are 0 once it is gone', () => {
  assert.ok(rssOf(process.pid) > 10e6, 'a Node process holds more than 10 MB');
  // Node's own code is mapped from its binary: part of the resident memory, never all of it.
  assert.ok(rssFileOf(process.pid) > 0 && rssFileOf(process.pid) < rssOf(process.pid));
  const before = cpuTicks(process.pid);
  const end = Date.now() + 300;
  while (Date.now() < end);
  assert.ok(cpuTicks(process.pid) > before, 'spinning 300 ms moves the CPU time');
  const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  const pid = Number(gone.stdout.trim());
  assert.equal(rssOf(pid), 0);
  assert.equal(rssFileOf(pid), 0);
  assert.equal(cpuTicks(pid), 0);
});

test("the page's renderer is found among this process's Chromium renderers only", async () => {
  const browser = await launchChromium();
  try {
    const page = await benchPage(browser);
    await page.goto('data:text/html,<p>renderer</p>');
    const ours = rendererPids();
    assert.ok(ours.length >= 1);
    // Each is a descendant of this process (another program's Chromium would not be).
    for (const pid of ours) {
      let p = pid;
      while (p > 1 && p !== process.pid) {
        const s = readFileSync(`/proc/${p}/stat`, 'utf8');
        p = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      }
      assert.equal(p, process.pid, `renderer ${pid} is not ours`);
    }
    const host = await pageRendererPid(page);
    assert.ok(ours.includes(host.pid));
    assert.equal(host.others, ours.length - 1);
    assert.ok(rssOf(host.pid) > 0);
  } finally {
    await browser.close();
  }
});
