// The server-side operations `npm run bench -- scale` times at each corpus size (issue 15), through openBackend as
// the hosts call them: what the window does on open, the document list's ids and rows for each sort and filter,
// search and suggestions (query sets), the boards, tagging in the 1 MB report, and the project-wide counts.
import { unpackIds } from '../../common/packed-ids.js';
import { openBackend, type Backend } from '../../services/backend.js';
import type { Call } from '../../common/contract.js';
import type { ScaleProject } from './project.js';
import { measureRequest, measureSet, type Budget, type Measured } from './timing.js';
import { searchQueries, suggestionIds } from './queries.js';

/** What an operation's figure is held to at 100,000 documents (issue 15's table), beside its growth exponent. */
export interface Target {
  /** Which figure: the median wall time, or the p95 wall time of a set. */
  on: 'median' | 'p95';
  maxMs: number;
  /** As the issue words it. */
  text: string;
}

/** A per-request operation ('request': median of repeats) or a set of calls ('set': median and p95). */
export interface ServerOp {
  name: string;
  kind: 'request' | 'set';
  target?: Target;
  run(ctx: OpContext): Promise<Measured>;
}

export interface OpContext {
  call: Call;
  info: ScaleProject;
  /** The working copy measured (opened again by "open project"). */
  path: string;
  /** Generated articles (the big report not counted). */
  docs: number;
  /** Label ids by name. */
  labels: Map<string, number>;
}

/** The typed `call` of a backend (its own is untyped). */
export const callOf = (b: Backend): Call => ((method, args) => b.call(method, args)) as Call;

const REQUEST: Budget = { calls: 7, min: 5, budgetMs: 40_000, timeoutMs: 120_000 };
const SET: Budget & { warmup: number } = { calls: 60, min: 50, budgetMs: 90_000, timeoutMs: 120_000, warmup: 3 };
/** A set too slow for 50 calls in its budget at 100,000 documents stops at this many (the JSON says how many). */
const SET_MIN_WHEN_SLOW = 10;

const request = (name: string, f: (ctx: OpContext, i: number) => Promise<unknown>, target?: Target, budget = REQUEST): ServerOp => ({
  name,
  kind: 'request',
  target,
  run: (ctx) => measureRequest((i) => f(ctx, i), budget),
});

/**
 * A set of calls, one per item of a query set (bench/scale/queries.ts) for a project of `docs` articles, cycled
 * until the budget's count.
 */
function querySet<T>(name: string, target: Target, items: (docs: number) => readonly T[], f: (ctx: OpContext, item: T) => Promise<unknown>, budget: Parameters<typeof measureSet>[1]): ServerOp {
  return {
    name,
    kind: 'set',
    target,
    run: (ctx) => {
      const set = items(ctx.docs);
      return measureSet((i) => f(ctx, set[i % set.length]), budget);
    },
  };
}

/** The list's server part of "filter/sort answer ≤ 150 ms" (the UI answer itself is measured in Chromium). */
const listTarget: Target = { on: 'median', maxMs: 150, text: 'list answer ≤ 150 ms' };
const sorts = ['imported', 'title', 'date', 'source', 'annotations'] as const;

/** The calls the window makes on open until the first screen of the list shows (renderer/app/commands/). */
async function openProjectOnce(path: string) {
  const b = openBackend(path);
  try {
    const call = callOf(b);
    await Promise.all([
      call('project.info', {}),
      call('labels.list', {}),
      call('linkTypes.list', {}),
      call('annotators.current', {}),
      call('annotators.list', {}),
      call('documents.sources', {}),
    ]);
    const { packed } = await call('documents.ids', { sort: 'imported', dir: 'asc' });
    await call('documents.summaries', { ids: unpackIds(packed).slice(0, 40) });
  } finally {
    b.close();
  }
}

const isRefusal = (e: unknown) => e instanceof Error && e.name === 'InvalidInput' && /too broad/i.test(e.message);

/** Every server-side operation of the bench, in the order they run (and are reported). */
export function serverOps(): ServerOp[] {
  let renameTarget: number | undefined;
  return [
    request('open project (backend + first screen of the list)', (ctx) => openProjectOnce(ctx.path), { on: 'median', maxMs: 1000, text: 'open until list interactive ≤ 1 s' }, { ...REQUEST, calls: 5 }),
    ...sorts.map((sort) => request(`documents.ids sort by ${sort}`, (ctx) => ctx.call('documents.ids', { sort, dir: sort === 'annotations' ? 'desc' : 'asc' }), listTarget)),
    request('documents.ids filter label', (ctx) => ctx.call('documents.ids', { filter: { labelId: ctx.labels.get('figure')! } }), listTarget),
    request('documents.ids filter source', (ctx) => ctx.call('documents.ids', { filter: { source: 'TASS' } }), listTarget),
    request('documents.ids filter no source', (ctx) => ctx.call('documents.ids', { filter: { source: null } }), listTarget),
    request('documents.ids filter date range', (ctx) => ctx.call('documents.ids', { filter: { from: '2018-01-01', to: '2018-03-01' } }), listTarget),
    request('documents.ids filter not done', (ctx) => ctx.call('documents.ids', { filter: { done: false } }), listTarget),
    request('documents.summaries of a screen (40 rows)', (ctx, i) => ctx.call('documents.summaries', { ids: screen(ctx.docs, i) })),
    request('documents.list deep page (offset 90 %)', (ctx) => ctx.call('documents.list', { sort: 'title', dir: 'asc', offset: Math.floor(ctx.docs * 0.9), limit: 100 })),
    querySet('search query set', { on: 'p95', maxMs: 50, text: 'search p95 ≤ 50 ms' }, () => searchQueries, (ctx, q) => ctx.call('search.query', { q, limit: 100 }), { ...SET, refused: isRefusal }),
    querySet('suggestions set', { on: 'p95', maxMs: 100, text: 'suggestions p95 ≤ 100 ms' }, suggestionIds, (ctx, id) => ctx.call('suggest.forAnnotation', { id, limit: 10 }), { ...SET, min: SET_MIN_WHEN_SLOW }),
    // The board's order is kept until the project changes: a write before each call makes every sample pay for
    // working it out again (the first open after an edit), the worst case of "first screen".
    request('boards.claims first page after a change', async (ctx, i) => {
      // A cluster renamed (a change the board's order depends on), then the board's first screen. The cluster to
      // rename comes from the previous sample's answer (the first sample reads it first).
      renameTarget ??= (await ctx.call('boards.claims', { limit: 1 })).clusters[0].id;
      await ctx.call('clusters.rename', { id: renameTarget, name: `renamed ${i}` });
      const page = await ctx.call('boards.claims', { limit: 24 });
      renameTarget = page.clusters[page.clusters.length - 1].id;
      return page;
    }, { on: 'median', maxMs: 500, text: 'boards first screen ≤ 500 ms' }),
    request('boards.claims page while scrolling', (ctx, i) => ctx.call('boards.claims', { offset: 24 * (i + 1) * 7, limit: 24 })),
    request('boards.speakers page while scrolling', (ctx, i) => ctx.call('boards.speakers', { offset: 24 * (i + 1) * 7, limit: 24 })),
    ...bigReportOps(),
    request('documents.get (1 MB report)', (ctx) => ctx.call('documents.get', { id: ctx.info.bigId })),
    request('annotations.listForDocument (1 MB report)', (ctx) => ctx.call('annotations.listForDocument', { docId: ctx.info.bigId })),
    request('project.dashboard', (ctx) => ctx.call('project.dashboard', {})),
    request('annotators.list', (ctx) => ctx.call('annotators.list', {})),
    request('stats.get', (ctx) => ctx.call('stats.get', {})),
  ];
}

/** Forty ids of a screen of the list, a different screen for each call (ids are 1..docs+1 in a scale project). */
function screen(docs: number, i: number): number[] {
  const first = 2 + ((i * 997) % Math.max(1, docs - 40));
  return Array.from({ length: 40 }, (_, k) => first + k);
}

/**
 * Tagging in the 1 MB report (10,000 spans): create a span at a fresh place each call (p95 is the target), and
 * delete it again, timed as its own set so that the report keeps its size.
 */
function bigReportOps(): ServerOp[] {
  const created: number[] = [];
  let at = 0;
  const place = () => 400_000 + 97 * at++;
  return [
    {
      name: 'annotations.create in the 1 MB report',
      kind: 'set',
      target: { on: 'p95', maxMs: 50, text: 'tag a span p95 ≤ 50 ms' },
      run: (ctx) =>
        measureSet(async () => {
          const start = place();
          const a = await ctx.call('annotations.create', { docId: ctx.info.bigId, labelId: ctx.labels.get('claim')!, start, end: start + 12 });
          created.push(a.id);
        }, SET),
    },
    {
      name: 'annotations.delete in the 1 MB report',
      kind: 'set',
      run: async (ctx) => {
        // As many deletes as creates (warm-up included): the report ends as it began.
        const todo = created.splice(0);
        return measureSet((i) => ctx.call('annotations.delete', { id: todo[i] }), { ...SET, warmup: SET.warmup, calls: todo.length - SET.warmup, min: Math.min(SET.min, todo.length - SET.warmup) });
      },
    },
  ];
}
