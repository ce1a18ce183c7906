// What the UI benches (`npm run bench -- ui`, and the UI measures of `npm run bench -- scale`) share: the browser host
// served as users run it, Chromium launched the same way, the processes whose memory and CPU time are read from
// /proc, and the tagging method (key → highlight drawn + row committed) timed inside the page.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { repoRoot } from '../../services/paths.js';
import { sampleThreads } from './sched.js';
import { untilQuiet } from './timing.js';

/** How long the host may take to print its URL (a 100,000-document project is opened and migrated first). */
const SERVE_TIMEOUT_MS = 120_000;

/** A memory field of /proc/<pid>/status (proc(5)) in bytes; 0 once the process is gone. */
function statusBytes(pid: number, field: 'VmRSS' | 'RssFile'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in bytes (VmRSS of /proc/<pid>/status); 0 once it is gone. */
export const rssOf = (pid: number): number => statusBytes(pid, 'VmRSS');

/**
 * The part of `pid`'s resident memory mapped from files (bytes; RssFile): for a renderer mostly the Chromium
 * binary's code, shared with Chromium's other processes. 0 for a process that is gone.
 */
export const rssFileOf = (pid: number): number => statusBytes(pid, 'RssFile');

/**
 * The processes of the Chromium this process launched (its descendants with "chromium" on their command line), with
 * their `--type` (renderer, gpu-process, utility, zygote; '' for the browser process): other programs' Chromiums on
 * the machine (another bench, an e2e run) are left out.
 */
export function chromiumProcesses(): { pid: number; type: string }[] {
  const children = new Map<number, number[]>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
    } catch {
      /* gone */
    }
  }
  const out: { pid: number; type: string }[] = [];
  const todo = [...(children.get(process.pid) ?? [])];
  while (todo.length) {
    const pid = todo.pop()!;
    todo.push(...(children.get(pid) ?? []));
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('chromium')) out.push({ pid, type: /--type=([a-z-]+)/.exec(cmd)?.[1] ?? '' });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** The renderer processes of the Chromium this process launched (see chromiumProcesses). */
export const rendererPids = (): number[] => chromiumProcesses().filter((p) => p.type === 'renderer').map((p) => p.pid);

/** CPU time a process has used so far, in clock ticks (utime + stime of /proc/<pid>/stat); 0 once it is gone. */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * The renderer process that hosts `page`: Chromium also keeps renderers of its own (a spare one, the
 * initial blank page), which an Electron window would not have. The page spins its main thread for a
 * moment and the process whose CPU time moves is the one.
 */
export async function pageRendererPid(page: Page): Promise<{ pid: number; others: number }> {
  const pids = rendererPids();
  const before = new Map(pids.map((p) => [p, cpuTicks(p)]));
  await page.evaluate(() => {
    const end = performance.now() + 500;
    while (performance.now() < end);
  });
  let best = { pid: 0, delta: -1 };
  for (const p of pids) {
    const delta = cpuTicks(p) - before.get(p)!;
    if (delta > best.delta) best = { pid: p, delta };
  }
  return { pid: best.pid, others: pids.length - 1 };
}

/**
 * Chromium as the benches run it: the system build, no sandbox (containers), no GPU, no background traffic, and no
 * spare renderer, as an Electron window runs (Electron turns SpareRendererForSitePerProcess off in
 * shell/browser/feature_list.cc): Chromium otherwise starts a renderer in advance for the next site, and its start-up
 * (~200 ms of a main thread, measured) runs beside the page being opened.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-features=SpareRendererForSitePerProcess'],
  });
}

/**
 * Waits until the Chromium this process launched has gone quiet: its processes' threads together used under 8 % of a
 * core over the last quarter second (or 15 s have passed). A new page's blank first document starts a renderer whose
 * start-up (~400 ms of main thread and as much again in its pool, measured) an Electron window does not have before
 * its page loads: the page's own renderer is another process (site isolation).
 */
export async function settleChromium(): Promise<void> {
  const cpuMs = () => {
    let ns = 0;
    for (const t of sampleThreads(chromiumProcesses().map((p) => p.pid)).values()) ns += t.cpuNs;
    return ns / 1e6;
  };
  await untilQuiet(cpuMs, 0.08, 15_000);
}

/** A 1440×900 page that can run functions written in the bench's TypeScript (see the init script). */
export async function benchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names by wrapping them in __name(); code sent to the page needs that helper too.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  return page;
}

/** A running browser host: its URL (with the session token) and process. */
export interface Served {
  url: string;
  process: ChildProcess;
  /** Stops the host and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Serves the project at `dbPath` with the browser host as users run it (`crosscheck serve --db … --port 0`, from
 * dist/ or CROSSCHECK_DIST), resolving with the URL it prints on its first line. Rejects if the host exits first
 * or prints nothing within two minutes (with what it wrote to stderr).
 */
export function serveProject(dbPath: string): Promise<Served> {
  const dist = process.env.CROSSCHECK_DIST ? resolve(process.env.CROSSCHECK_DIST) : join(repoRoot, 'dist');
  const child = spawn(process.execPath, [join(dist, 'cli', 'crosscheck.mjs'), 'serve', '--db', dbPath, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(late);
  };
  return new Promise<Served>((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`crosscheck serve printed no URL within ${SERVE_TIMEOUT_MS / 1000} s: ${stderr.trim()}`));
    }, SERVE_TIMEOUT_MS);
    child.stdout!.on('data', (d) => {
      out += String(d);
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolvePromise({ url: out.split('\n')[0].trim(), process: child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`crosscheck serve exited ${code} before printing its URL: ${stderr.trim()}`));
    });
  });
}

/**
 * Tags `count` spans in the document open in the reader, as a person would: a free word of a paragraph on screen is
 * selected, then the claim key (1) is pressed. Each figure is the time from the keydown to the frame after the
 * highlight is drawn and the editor shows the new annotation's quote (ms; Infinity for a tag that did not show
 * within 5 s, logged to the page console as "tag not shown"). `around` hears each tag's key press just before it is
 * sent and the tag shown (once the page has said so). Only words outside every highlight are taken, so a later
 * round over the same document does not meet its own earlier tags. Throws when no free word is left to tag.
 */
export async function tagSpans(page: Page, count: number, around?: { pressed(): void; shown(): void }): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    let word: string | null = null;
    for (let attempt = 0; attempt < 5 && !word; attempt++) {
      const chosen = await page.evaluate((i) => {
        const ps = document.querySelectorAll('.reader-text p');
        // The first paragraph from 3 + 2i on with a free word to tag.
        for (let k = Math.min(ps.length - 1, 3 + i * 2); k < ps.length; k++) {
          const p = ps[k];
          // As a person would: the text to tag is on screen (the reader renders what is near the viewport).
          p.scrollIntoView({ block: 'center' });
          const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let n: Node | null;
          while ((n = w.nextNode())) {
            // Text already highlighted may be a span tagged by an earlier round over this document (a duplicate
            // would be refused): only text outside every highlight is taken.
            if (n.parentElement?.closest('.cc-ann')) continue;
            const t = (n as Text).data;
            const m = /(?<![\p{L}])[a-z]{6,}(?![\p{L}])/u.exec(t);
            // (a match at a text-node edge may be half a word split by a highlight; snapping then grows it)
            if (m) {
              const r = document.createRange();
              r.setStart(n, m.index);
              r.setEnd(n, m.index + m[0].length);
              getSelection()!.removeAllRanges();
              getSelection()!.addRange(r);
              (window as unknown as { __tagStart: number }).__tagStart = 0;
              window.addEventListener('keydown', (e) => ((window as unknown as { __tagStart: number }).__tagStart = e.timeStamp), { once: true, capture: true });
              return m[0];
            }
          }
        }
        return null;
      }, i);
      if (!chosen) throw new Error(`no word left to tag for tag ${i + 1}`);
      // A person's selection settles (and the scroll repaints) before they press a key; the latency is
      // measured from the keydown.
      await page.waitForTimeout(100);
      // The reader may have re-rendered the text under the selection as it scrolled: then select again.
      if ((await page.evaluate(() => getSelection()?.toString() ?? '')) === chosen) word = chosen;
    }
    if (!word) throw new Error(`the selection for tag ${i + 1} did not hold in 5 attempts`);
    around?.pressed();
    await page.keyboard.press('1');
    const ms = await page.evaluate(
      (word) =>
        new Promise<number>((resolve) => {
          const done = () => {
            const q = document.querySelector('.editor-quote');
            // A half word (split by a highlight) snaps to the whole word: the quote contains it.
            return !!q?.textContent?.includes(word) && document.querySelector('.reader-text .cc-ann-selected');
          };
          let timer: ReturnType<typeof setTimeout> | undefined;
          const finish = () => {
            clearTimeout(timer);
            requestAnimationFrame(() => resolve(performance.now() - (window as unknown as { __tagStart: number }).__tagStart));
          };
          if (done()) return finish();
          // A tag that never shows up is a failure to report, not a reason to wait forever.
          timer = setTimeout(() => {
            console.log(`tag not shown: toast=${JSON.stringify(document.querySelector('.toast')?.textContent)} quote=${JSON.stringify(document.querySelector('.editor-quote')?.textContent)} word=${word} selected=${!!document.querySelector('.reader-text .cc-ann-selected')}`);
            resolve(Number.POSITIVE_INFINITY);
          }, 5000);
          const mo = new MutationObserver(() => {
            if (done()) {
              mo.disconnect();
              finish();
            }
          });
          mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }),
      word,
    );
    around?.shown();
    times.push(ms);
  }
  return times;
}
