import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildProject } from '../project.js';
import { article } from '../corpus.js';
import { mulberry32 } from '../../common/random.js';
import { openBackend } from '../../services/backend.js';
import { repoRoot } from '../../services/paths.js';
import type { BenchEntry, BenchRow } from '../types.js';

const DOCS = Number(process.env.BENCH_UI_DOCS ?? 10_000);
const BIG_ANNOTATIONS = 10_000;
/** Long enough for V8's memory reducer, which collects a page that has stopped allocating. */
const SETTLE_MS = 25_000;
/** Enough tags that p95 is a percentile, not the slowest one. */
const TAGS = 60;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Chromium's renderer processes, found by their command line. */
function rendererPids(): number[] {
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('chromium') && cmd.includes('--type=renderer')) out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** CPU time a process has used so far, in clock ticks (utime + stime of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
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
async function pageRendererPid(page: Page): Promise<{ pid: number; others: number }> {
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
 * The workbench at scale, measured as an analyst meets it: the browser host in Chromium over a project of
 * 10,000 documents / 100,000 annotations plus one 1 MB report with 10,000 annotations.
 */
export const uiEntry: BenchEntry = {
  name: 'ui',
  description: `browser host: 1 MB document with ${BIG_ANNOTATIONS} annotations; project of ${DOCS} documents`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-ui-'));
    const rows: BenchRow[] = [];
    try {
      const path = join(dir, 'p.crosscheck');
      // The big report first (id 1, top of the list), then the corpus.
      const { project } = buildProject(path, 0, 0);
      const r = mulberry32(11);
      let big = '';
      for (let i = 0; big.length < 1_000_000; i++) big += article(r, i, 2000).replace(/\(\d+\)/, '') + '\n';
      const bigId = project.documents.insert({ title: 'Big report (1 MB)', date: '2017-03-01', source: 'UN', path: null, hash: 'big', text: big, length: big.length }, 'bench');
      project.transaction(() => {
        const step = Math.floor(big.length / BIG_ANNOTATIONS);
        for (let i = 0; i < BIG_ANNOTATIONS; i++) {
          const s = i * step + 1;
          const e = s + 5 + (i % 40);
          // Some spans nest inside their neighbour, as real tagging does.
          project.annotations.insertChecked({ docId: bigId, labelId: 1 + (i % 3), start: s, end: e, text: big.slice(s, e), note: '', attributes: {}, at: 'b', annotatorId: 1 });
        }
      });
      project.close();
      const corpus = buildProject(path, DOCS, 10, 5);
      corpus.project.close();

      // Phrase search p95 straight on the backend (10k documents).
      const b = openBackend(path);
      const phrases = ['"civilians were killed"', '"residential areas"', '"said that"', '"in Mosul"', 'coalition airstrikes', '"general staff"', 'Rudskoy', 'konash*', '"red cross"', 'aleppo'];
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        await b.call('search.query', { q: phrases[i % phrases.length], limit: 50 });
        times.push(performance.now() - t0);
      }
      b.close();
      const sp95 = percentile(times, 95);
      rows.push({ entry: 'ui', metric: `corpus phrase search p95 (${DOCS + 1} docs)`, value: Number(sp95.toFixed(1)), unit: 'ms', target: 'p95 ≤ 50 ms', pass: sp95 <= 50 });

      const server = spawn(process.execPath, ['dist/cli/crosscheck.mjs', 'serve', '--db', path, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout!.on('data', (d) => resolve(String(d).split('\n')[0].trim()));
        server.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
      });
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // tsx keeps function names by wrapping them in __name(); code sent to the page needs that helper too.
        await page.addInitScript({ content: 'window.__name = (f) => f;' });
        page.on('console', (m) => m.text().startsWith('tag not shown') && console.error(m.text()));
        await page.goto(url);
        await page.locator('.docrow').first().waitFor();

        // Open the 1 MB document until interactive: highlights painted and the main thread free again.
        const t0 = Date.now();
        await page.locator('.docrow', { hasText: 'Big report' }).click();
        await page.locator('.reader-text .cc-ann').first().waitFor();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        const openMs = Date.now() - t0;
        rows.push({ entry: 'ui', metric: `open 1 MB document with ${BIG_ANNOTATIONS} annotations until interactive`, value: openMs, unit: 'ms', target: '≤ 1000 ms', pass: openMs <= 1000 });

        // Tag: key press → highlight drawn (selected span painted) and the row committed (list shows it).
        const tagTimes: number[] = [];
        for (let i = 0; i < TAGS; i++) {
          const word = await page.evaluate((i) => {
            const ps = document.querySelectorAll('.reader-text p');
            // The first paragraph from 3 + 2i on with a free word to tag.
            for (let k = Math.min(ps.length - 1, 3 + i * 2); k < ps.length; k++) {
            const p = ps[k];
            // As a person would: the text to tag is on screen (the reader renders what is near the viewport).
            p.scrollIntoView({ block: 'center' });
            const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            let n: Node | null;
            while ((n = w.nextNode())) {
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
          if (!word) throw new Error(`no word left to tag for tag ${i + 1}`);
          // A person's selection settles (and the scroll repaints) before they press a key; the latency is
          // measured from the keydown.
          await page.waitForTimeout(100);
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
                  console.log(`tag not shown: toast=${JSON.stringify(document.querySelector(".toast")?.textContent)} quote=${JSON.stringify(document.querySelector(".editor-quote")?.textContent)} word=${word} selected=${!!document.querySelector('.reader-text .cc-ann-selected')}`);
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
          tagTimes.push(ms);
        }
        const tp95 = percentile(tagTimes, 95);
        rows.push({ entry: 'ui', metric: `tag a span in that document: key → highlight + row, p95 of ${tagTimes.length} (p50 ${percentile(tagTimes, 50).toFixed(1)} ms)`, value: Number(tp95.toFixed(1)), unit: 'ms', target: 'p95 ≤ 50 ms', pass: tp95 <= 50 });

        // Scroll through it, watching for long tasks.
        const longest = await page.evaluate(async () => {
          const tasks: number[] = [];
          const po = new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push(e.duration)));
          po.observe({ type: 'longtask', buffered: false });
          const el = document.querySelector('.reader') as HTMLElement;
          for (let y = 0; y < el.scrollHeight; y += 900) {
            el.scrollTop = y;
            await new Promise((r) => requestAnimationFrame(() => r(null)));
          }
          await new Promise((r) => setTimeout(r, 100));
          po.disconnect();
          const text = document.querySelector('.reader-text') as HTMLElement;
          const reachedEnd = Number(text.dataset.windowLast) === Number(text.dataset.windowChunks) - 1;
          return { max: tasks.length ? Math.max(...tasks) : 0, count: tasks.length, reachedEnd };
        });
        // A scroll that never got to the end would have measured nothing.
        if (!longest.reachedEnd) throw new Error('scrolling did not reach the end of the document');
        rows.push({ entry: 'ui', metric: `scroll through it: longest task (${longest.count} over 50 ms)`, value: Math.round(longest.max), unit: 'ms', target: 'no task > 50 ms', pass: longest.max <= 50 });

        // Browse the project: scroll the document list, open twenty documents.
        for (let i = 0; i < 20; i++) {
          await page.locator('.doclist-scroll').evaluate((el, i) => (el.scrollTop = i * 4000), i);
          await page.locator('.docrow').nth(3).click();
          await page.locator('.reader-title').waitFor();
        }
        // Memory right after browsing still holds the garbage of it (DOM of every window the reader showed,
        // decoded answers) until the collectors run; Chromium's memory reducer runs them once the page has
        // been quiet for a while. Both figures are reported; the target is judged on the settled one,
        // which is what an open project costs while the analyst reads.
        const host = await pageRendererPid(page);
        const measure = () => ({ backend: rssOf(server.pid!), renderer: rssOf(host.pid) });
        const busy = measure();
        const label = (m: { backend: number; renderer: number }) =>
          `backend ${Math.round(m.backend / 1e6)} + page renderer ${Math.round(m.renderer / 1e6)}`;
        rows.push({
          entry: 'ui',
          metric: `RSS right after browsing, garbage not yet collected (${label(busy)})`,
          value: Math.round((busy.backend + busy.renderer) / 1e6),
          unit: 'MB',
        });
        await page.waitForTimeout(SETTLE_MS);
        const settled = measure();
        const total = (settled.backend + settled.renderer) / 1e6;
        rows.push({
          entry: 'ui',
          metric: `RSS with ${DOCS} docs / ${DOCS * 10 + BIG_ANNOTATIONS} annotations open and browsed, after ${SETTLE_MS / 1000} s idle (${label(settled)}; ${host.others} other Chromium renderers not counted)`,
          value: Math.round(total),
          unit: 'MB',
          target: '≤ 400 MB',
          pass: total <= 400,
        });
      } finally {
        await browser.close();
        server.kill('SIGTERM');
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
