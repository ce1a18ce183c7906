import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uiRows, type UiRun } from './ui.js';
import { noShares } from './sched.js';

/** Shares where the page's main thread ran `cpu` ms and waited `wait` ms, the host a tenth of that. */
const shares = (cpu: number, wait: number) => ({ ...noShares(), pageMain: { cpuMs: cpu, waitMs: wait }, host: { cpuMs: cpu / 10, waitMs: wait / 10 } });

const run = (ms: number, rss: number): UiRun => ({
  openMs: ms,
  scroll: { max: ms / 10, count: 1 },
  sortP95: ms,
  filterP95: ms,
  sortFilterLong: { max: 0, count: 0 },
  phraseP95: ms,
  prefixP95: ms,
  claimsMs: ms,
  speakersMs: ms,
  tagP95: ms / 20,
  tagP50: ms / 40,
  rssBrowsed: { backend: rss, renderer: rss },
  rssSettled: { backend: rss / 2, renderer: rss / 2 },
  rendererFileSettled: rss / 4,
  cpu: { scroll: ms * 2, sortFilter: ms / 2, search: 10, board: ms, tag: ms / 10 },
  sched: { open: shares(ms / 2, ms / 4), sortFilter: shares(ms / 10, ms / 20), tag: shares(ms / 50, ms / 100) },
});

test('each UI figure is the median over the runs, judged against its target', () => {
  // Three runs: the median is the middle one, not the mean (which an outlier would drag over the target).
  const rows = uiRows([run(900, 300e6), run(2000, 100e6), run(100, 200e6)], { documents: 10_001, annotations: 110_000 }, false);
  const open = rows.find((r) => r.metric.startsWith('open project'))!;
  assert.equal(open.value, 900);
  assert.equal(open.pass, true);
  const sort = rows.find((r) => r.metric.startsWith('sort the list'))!;
  assert.equal(sort.value, 900);
  assert.equal(sort.pass, false);
  const tag = rows.find((r) => r.metric.startsWith('tag a span'))!;
  assert.equal(tag.value, 45);
  assert.equal(tag.pass, true);
  // CPU time beside the wall time, also the median over the runs.
  assert.match(tag.metric, /CPU \(host \+ page\) 90 ms per tag/);
  // Where each answer's time went, each figure the median over the runs: what ran, and what waited for a core.
  assert.match(tag.metric, /key to shown, per tag: page main thread ran 18\.0 ms and waited 9\.0 ms for a core; ran \/ waited summed over threads: host 1\.8 \/ 0\.9, rest of Chromium 0\.0 \/ 0\.0 ms/);
  assert.match(open.metric, /meanwhile: page main thread ran 450\.0 ms and waited 225\.0 ms for a core/);
  // Memory: the median of each run's backend + renderer total, in MB.
  const settled = rows.find((r) => r.metric.startsWith('RSS, project browsed'))!;
  assert.equal(settled.value, 200);
  // What the renderer has mapped from files (Chromium's code) is said beside it: the median run's 50 MB.
  assert.match(settled.metric, /page renderer 100 \(50 of it mapped from files/);
  assert.equal(rows.find((r) => r.metric.startsWith('RSS right after'))!.value, 400);
  assert.ok(rows.every((r) => r.metric.includes('10,001 docs / 110,000 annotations; median of 3 runs')));
  assert.ok(rows.every((r) => !r.metric.includes('one core busy')));
  // Search from the box has no target of its own (the server-side p95 carries it).
  assert.equal(rows.find((r) => r.metric.startsWith('phrase search'))!.target, undefined);
});

test('rows of a contention run say so', () => {
  const rows = uiRows([run(500, 100e6)], { documents: 1001, annotations: 20_000 }, true);
  assert.ok(rows.every((r) => r.metric.includes('1,001 docs / 20,000 annotations, one core busy; median of 1 run)')));
});
