// The UI measures of `npm run bench -- scale` (issue 15): the browser host over a generated scale project, driven in
// Chromium at 1440×900 as an analyst uses it. Each run starts a fresh host and browser and measures, in order: open
// until the document list is interactive, scroll the list top to bottom, sort and filter it, search from the box,
// open the claims and speakers boards, tag spans in the 1 MB report, browse twenty documents, then memory right
// after and after 25 s idle. Each figure is the median over the runs of the run's figure (its p95 where it has many).
import type { Page } from '@playwright/test';
import { openBackend } from '../../services/backend.js';
import type { CurrentAnnotator } from '../../common/annotators.js';
import type { Annotation } from '../../common/model.js';
import type { BenchRow } from '../types.js';
import type { ScaleProject } from './project.js';
import { median, percentile, round } from './stats.js';
import { benchPage, chromiumProcesses, launchChromium, pageRendererPid, rssFileOf, rssOf, serveProject, settleChromium, tagSpans } from './browser.js';
import { addShares, hostAndChromium, noShares, perAnswer, sampleThreads, sharesText, type Shares, type ThreadSample } from './sched.js';
import { OPEN_PROBE, boardAnswer, clearSearch, listAnswer, listReadyAt, longTasks, rowsOnScreen, scrollList, searchAnswer, watchLongTasks, type ListAction } from './ui-page.js';

/** Long enough for V8's memory reducer, which collects a page that has stopped allocating. */
const SETTLE_MS = 25_000;
/** Enough tags that p95 is a percentile, not the slowest one. */
const TAGS = 60;
/** Every wait in the page gives up after this (a 100,000-document board is a 23 MB answer today). */
const WAIT_MS = 60_000;
/** How many documents are marked done before the first run, so that the done filter has something to find. */
const DONE_DOCS = 500;
const SORT_REPEATS = 2;
const FILTER_REPEATS = 2;
const SEARCH_REPEATS = 3;
const PHRASES = ['"residential areas"', '"were displaced in Aleppo"', '"general staff"', '"Sergey Rudskoy"', '"said that 120"'];
const PREFIXES = ['konash*', 'quinro*', 'Kharki*', 'Mariup*', 'evacuat*'];
const COLUMNS = ['Title', 'Date', 'Source', 'Tags'];

/** One run's figures (ms unless named otherwise; memory in bytes). */
export interface UiRun {
  openMs: number;
  scroll: { max: number; count: number };
  sortP95: number;
  filterP95: number;
  sortFilterLong: { max: number; count: number };
  phraseP95: number;
  prefixP95: number;
  claimsMs: number;
  speakersMs: number;
  tagP95: number;
  tagP50: number;
  rssBrowsed: { backend: number; renderer: number };
  rssSettled: { backend: number; renderer: number };
  /** Of the settled RSS, what the page renderer has mapped from files (mostly the Chromium binary's code). */
  rendererFileSettled: number;
  /** CPU time (ms) of the host and the page's renderer: the whole scroll, and per sort/filter answer, search, board, tag. */
  cpu: { scroll: number; sortFilter: number; search: number; board: number; tag: number };
  /**
   * Per answer, from its start to when the page said it was shown: what each party's threads ran and how long they
   * waited for a core (bench/scale/sched.ts). Open is one answer; sort and filter answers are pooled.
   */
  sched: { open: Shares; sortFilter: Shares; tag: Shares };
}

/**
 * Measures the UI over the project at `projectPath` (a working copy of `info`'s project, written to: documents are
 * marked done, the annotator chosen, spans tagged and deleted again before the next run) `opts.runs` times, and returns the table rows: the median over the runs of each run's
 * figure. With `opts.contention` the rows say "(one core busy)" (the caller runs the busy loop). Throws, with what
 * was awaited, when the UI does not answer within a minute.
 */
export async function measureUi(projectPath: string, info: ScaleProject, opts: { runs: number; contention: boolean; log: (s: string) => void }): Promise<BenchRow[]> {
  const runs: UiRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    opts.log(`ui ${info.documents} docs${opts.contention ? ', one core busy' : ''}: run ${i + 1} of ${opts.runs}`);
    await prepareProject(projectPath, info);
    runs.push(await oneRun(projectPath, info, opts.log));
  }
  return uiRows(runs, info, opts.contention);
}

/**
 * Readies the working copy for a run, as an analyst's project is: the annotator has said who they are (else the
 * first-run dialog would cover the page), DONE_DOCS documents spread over the project are marked done (the same ones
 * every time) so that the done filter has something to find, and the spans an earlier run tagged in the 1 MB report
 * are deleted, so that every run tags the same text under the same conditions. The generated spans have ids
 * 1..info.annotations (bench/scale/project.ts).
 */
async function prepareProject(path: string, info: ScaleProject): Promise<void> {
  const b = openBackend(path);
  try {
    const me = (await b.call('annotators.current', {})) as CurrentAnnotator;
    if (!me.chosen) await b.call('annotators.choose', { name: me.name });
    const step = Math.max(1, Math.floor(info.documents / DONE_DOCS));
    for (let id = 2; id <= info.documents; id += step) await b.call('documents.setDone', { id, done: true });
    const spans = (await b.call('annotations.listForDocument', { docId: info.bigId })) as Annotation[];
    for (const a of spans) if (a.id > info.annotations) await b.call('annotations.delete', { id: a.id });
  } finally {
    b.close();
  }
}

async function oneRun(path: string, info: ScaleProject, log: (s: string) => void): Promise<UiRun> {
  // As a person opens the app: the window is there, then the backend opens the project while the page loads. Chromium
  // settles first (settleChromium: the blank first document's renderer is no part of opening the project).
  const browser = await launchChromium();
  let server: Awaited<ReturnType<typeof serveProject>> | null = null;
  try {
    const page = await benchPage(browser);
    page.on('console', (m) => m.text().startsWith('tag not shown') && log(m.text()));
    await page.addInitScript({ content: OPEN_PROBE });
    await settleChromium();
    server = await serveProject(path);
    const hostPid = server.process.pid!;
    const everyone = () => sampleThreads([hostPid, ...chromiumProcesses().map((p) => p.pid)]);
    const openStart = everyone();
    const ready = listReadyAt(page, WAIT_MS);
    await page.goto(server.url, { waitUntil: 'commit' });
    const openMs = await ready;
    const openEnd = everyone();
    const host = await pageRendererPid(page);
    const parties = hostAndChromium(host.pid, hostPid, chromiumProcesses().map((p) => p.pid));
    const sample = () => sampleThreads(parties.pids);
    const openSched = addShares(noShares(), openStart, openEnd, parties.partyOf);
    log(`  open ${Math.round(openMs)} ms: ${sharesText(openSched)}`);
    /** Adds what happens from now to the returned function's call into `into`. */
    const stretch = (into: Shares) => {
      const start: ThreadSample = sample();
      return () => void addShares(into, start, sample(), parties.partyOf);
    };
    // CPU time of the host and the page's renderer (all their threads) over each phase, beside the wall times.
    const cpuMs = () => {
      let ns = 0;
      for (const t of sample().values()) if (t.pid === hostPid || t.pid === host.pid) ns += t.cpuNs;
      return ns / 1e6;
    };
    let lastCpu = cpuMs();
    const cpuSince = () => {
      const now = cpuMs();
      const d = now - lastCpu;
      lastCpu = now;
      return d;
    };

    await watchLongTasks(page);
    const { lastIndex } = await scrollList(page, WAIT_MS * 2);
    const scroll = await longTasks(page);
    // A scroll that never got to the last row would have measured nothing.
    if (lastIndex !== info.documents - 1) throw new Error(`scrolling the list stopped at row ${lastIndex + 1} of ${info.documents}`);
    const scrollCpu = Math.round(cpuSince());
    log(`  scroll: longest task ${Math.round(scroll.max)} ms, ${scroll.count} over 50 ms; CPU ${scrollCpu} ms`);

    await watchLongTasks(page);
    const listSched = noShares();
    const timedList = async (action: ListAction) => {
      const end = stretch(listSched);
      const ms = await listAnswer(page, action, WAIT_MS);
      end();
      return ms;
    };
    const sorts: number[] = [];
    for (let r = 0; r < SORT_REPEATS; r++) for (const column of COLUMNS) for (let dir = 0; dir < 2; dir++) sorts.push(await timedList({ kind: 'sort', column }));
    const filters: number[] = [];
    for (let r = 0; r < FILTER_REPEATS; r++)
      for (const action of FILTERS) {
        if (action.kind === 'option') {
          // The Source filter is a combobox: opened (untimed) before its choice is timed.
          await page.getByRole('combobox', { name: 'Source' }).click();
          await page.getByRole('listbox', { name: action.listbox }).getByRole('option').nth(action.option).waitFor();
        }
        filters.push(await timedList(action));
      }
    const sortFilterLong = await longTasks(page);
    const sortFilterCpu = cpuSince() / (sorts.length + filters.length);
    const sortFilterSched = perAnswer(listSched, sorts.length + filters.length);
    log(`  sort p95 ${Math.round(percentile(sorts, 95))} ms, filter p95 ${Math.round(percentile(filters, 95))} ms, longest task ${Math.round(sortFilterLong.max)} ms; per answer ${sharesText(sortFilterSched)}`);

    const phrase: number[] = [];
    const prefix: number[] = [];
    for (let r = 0; r < SEARCH_REPEATS; r++) {
      for (const q of PHRASES) phrase.push(await searchAnswer(page, q, WAIT_MS)), await clearSearch(page, WAIT_MS);
      for (const q of PREFIXES) prefix.push(await searchAnswer(page, q, WAIT_MS)), await clearSearch(page, WAIT_MS);
    }
    const searchCpu = cpuSince() / (phrase.length + prefix.length);
    log(`  search p95: phrase ${Math.round(percentile(phrase, 95))} ms, prefix ${Math.round(percentile(prefix, 95))} ms`);

    const claimsMs = await boardAnswer(page, 'Claims', WAIT_MS);
    const speakersMs = await boardAnswer(page, 'Speakers', WAIT_MS);
    const boardCpu = cpuSince() / 2;
    await page.locator('nav.views button', { hasText: 'Documents' }).click();
    log(`  boards: claims ${Math.round(claimsMs)} ms, speakers ${Math.round(speakersMs)} ms`);

    // The sorts ended on Tags ↓: the 1 MB report, with the most spans, is the first row.
    await page.locator('.doclist-scroll').evaluate((el) => (el.scrollTop = 0));
    await page.locator(`.docrow[data-id="${info.bigId}"]`).click({ timeout: WAIT_MS });
    await page.locator('.reader-text .cc-ann').first().waitFor({ timeout: WAIT_MS });
    cpuSince();
    const tagShares = noShares();
    let endTag = () => {};
    const tags = await tagSpans(page, TAGS, { pressed: () => (endTag = stretch(tagShares)), shown: () => endTag() });
    const tagCpu = cpuSince() / tags.length;
    const tagSched = perAnswer(tagShares, tags.length);
    log(`  tag p95 ${Math.round(percentile(tags, 95))} ms; per tag ${sharesText(tagSched)}`);

    await browseDocuments(page, 20);
    const measure = () => ({ backend: rssOf(hostPid), renderer: rssOf(host.pid) });
    const rssBrowsed = measure();
    await page.waitForTimeout(SETTLE_MS);
    const rssSettled = measure();
    const rendererFileSettled = rssFileOf(host.pid);
    log(`  RSS settled ${Math.round((rssSettled.backend + rssSettled.renderer) / 1e6)} MB`);
    return {
      openMs,
      scroll,
      sortP95: percentile(sorts, 95),
      filterP95: percentile(filters, 95),
      sortFilterLong,
      phraseP95: percentile(phrase, 95),
      prefixP95: percentile(prefix, 95),
      claimsMs,
      speakersMs,
      tagP95: percentile(tags, 95),
      tagP50: percentile(tags, 50),
      rssBrowsed,
      rssSettled,
      rendererFileSettled,
      cpu: { scroll: scrollCpu, sortFilter: sortFilterCpu, search: searchCpu, board: boardCpu, tag: tagCpu },
      sched: { open: perAnswer(openSched, 1), sortFilter: sortFilterSched, tag: tagSched },
    };
  } finally {
    await browser.close();
    await server?.stop();
  }
}

/** One repetition of the filters: a label, a source, a date range, done, each on its own and then cleared. */
const FILTERS: ListAction[] = [
  { kind: 'select', label: 'Label present', option: 'With speaker' },
  { kind: 'select', label: 'Label present', option: 0 },
  { kind: 'option', listbox: 'Sources', option: 1 },
  { kind: 'option', listbox: 'Sources', option: 0 },
  { kind: 'date', label: 'From date', value: '2016-01-01' },
  { kind: 'date', label: 'To date', value: '2016-06-30' },
  { kind: 'clear' },
  { kind: 'select', label: 'Done', option: 'Done' },
  { kind: 'clear' },
];

/** Opens `count` documents from down the list, each from a screenful further on, until the reader shows its title. */
async function browseDocuments(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await page.locator('.doclist-scroll').evaluate((el, i) => (el.scrollTop = i * 4000), i);
    const ids = await rowsOnScreen(page, WAIT_MS);
    const row = page.locator(`.doclist-scroll .docrow[data-id="${ids[Math.min(3, ids.length - 1)]}"]`);
    const title = (await row.locator('.docrow-title').textContent({ timeout: WAIT_MS }))!.trim();
    await row.click({ timeout: WAIT_MS });
    await page.locator('.reader-title', { hasText: title.slice(0, 40) }).waitFor({ timeout: WAIT_MS });
  }
}

const mb = (bytes: number) => Math.round(bytes / 1e6);

/**
 * The table rows of `runs`: each figure the median over the runs, with its target and whether it is met; labelled
 * with the project size and, under `contention`, "(one core busy)".
 */
export function uiRows(runs: readonly UiRun[], info: Pick<ScaleProject, 'documents' | 'annotations'>, contention: boolean): BenchRow[] {
  const m = (f: (r: UiRun) => number) => median(runs.map(f));
  const where = `${info.documents.toLocaleString('en')} docs / ${info.annotations.toLocaleString('en')} annotations${contention ? ', one core busy' : ''}; median of ${runs.length} run${runs.length === 1 ? '' : 's'}`;
  const row = (metric: string, value: number, unit: string, target?: { text: string; max: number }): BenchRow => ({
    entry: 'scale-ui',
    metric: `${metric} (${where})`,
    value: round(value),
    unit,
    ...(target ? { target: target.text, pass: value <= target.max } : {}),
  });
  const cpu = (f: (c: UiRun['cpu']) => number, what: string) => `; CPU (host + page) ${Math.round(m((r) => f(r.cpu)))} ms ${what}`;
  // Where the time went: each party's median over the runs of what it ran and how long it waited for a core.
  const sched = (f: (s: UiRun['sched']) => Shares, what: string) => {
    const s = noShares();
    for (const p of Object.keys(s) as (keyof Shares)[]) s[p] = { cpuMs: m((r) => f(r.sched)[p].cpuMs), waitMs: m((r) => f(r.sched)[p].waitMs) };
    return `; ${what}: ${sharesText(s)}`;
  };
  const settled = { backend: m((r) => r.rssSettled.backend), renderer: m((r) => r.rssSettled.renderer) };
  const browsed = { backend: m((r) => r.rssBrowsed.backend), renderer: m((r) => r.rssBrowsed.renderer) };
  return [
    row(`open project until the document list is interactive${sched((s) => s.open, 'meanwhile')}`, m((r) => r.openMs), 'ms', { text: '≤ 1000 ms', max: 1000 }),
    row(`scroll the document list top to bottom: longest task; ${m((r) => r.scroll.count)} over 50 ms${cpu((c) => c.scroll, 'in all')}`, m((r) => r.scroll.max), 'ms', { text: 'no task > 50 ms', max: 50 }),
    row(`sort the list by each column, both ways: answer p95${cpu((c) => c.sortFilter, 'per sort or filter answer')}${sched((s) => s.sortFilter, 'per sort or filter answer')}`, m((r) => r.sortP95), 'ms', { text: '≤ 150 ms', max: 150 }),
    row(`filter the list (label, source, dates, done): answer p95${cpu((c) => c.sortFilter, 'per sort or filter answer')}`, m((r) => r.filterP95), 'ms', { text: '≤ 150 ms', max: 150 }),
    row(`sort and filter: longest task; ${m((r) => r.sortFilterLong.count)} over 50 ms`, m((r) => r.sortFilterLong.max), 'ms', { text: 'no task > 50 ms', max: 50 }),
    row(`phrase search from the box until hits show, p95, with the box’s 150 ms typing pause${cpu((c) => c.search, 'per search')}`, m((r) => r.phraseP95), 'ms'),
    row(`prefix search from the box until hits show, p95, with the box’s 150 ms typing pause${cpu((c) => c.search, 'per search')}`, m((r) => r.prefixP95), 'ms'),
    row(`claims board: open until the first screen of cards${cpu((c) => c.board, 'per board')}`, m((r) => r.claimsMs), 'ms', { text: '≤ 500 ms', max: 500 }),
    row(`speakers board: open until the first screen of cards${cpu((c) => c.board, 'per board')}`, m((r) => r.speakersMs), 'ms', { text: '≤ 500 ms', max: 500 }),
    row(`tag a span in the 1 MB report: key → highlight + row, p95 of ${TAGS}, p50 ${round(m((r) => r.tagP50))} ms${cpu((c) => c.tag, 'per tag, selecting its word included')}${sched((s) => s.tag, 'key to shown, per tag')}`, m((r) => r.tagP95), 'ms', { text: 'p95 ≤ 50 ms', max: 50 }),
    row(`RSS right after browsing, garbage not yet collected: backend ${mb(browsed.backend)} + page renderer ${mb(browsed.renderer)}`, mb(m((r) => r.rssBrowsed.backend + r.rssBrowsed.renderer)), 'MB'),
    row(`RSS, project browsed, after ${SETTLE_MS / 1000} s idle: backend ${mb(settled.backend)} + page renderer ${mb(settled.renderer)} (${mb(m((r) => r.rendererFileSettled))} of it mapped from files: Chromium's code)`, mb(m((r) => r.rssSettled.backend + r.rssSettled.renderer)), 'MB', { text: '≤ 400 MB', max: 400 }),
  ];
}
