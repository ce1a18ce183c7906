/**
 * The windowed document list (issue 15): the workbench holds every id and only the rows on screen; rows come in
 * batches of at most 1000, are cached by id in a bounded cache, and stay true through tags, done marks and outside
 * changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSummary } from '../../../common/model';
import { initialState, reducer, type Action, type WorkbenchState } from '../../../renderer/app/workbench';
import { rowsToFetch, withRows, ROW_CACHE_LIMIT } from '../../../renderer/state/docRows';
import { nextSelection } from '../../../renderer/features/documents/selection';
import { fakeBackend, idsAnswer, workbenchOn } from '../../app/fakeBackend';
import { ann, doc, listed, rowOf, summary } from '../../fixtures';

const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reducer, s);

/** A backend of `n` documents (ids 1..n) answering ids by title either way and summaries as asked; it logs both. */
function bigBackend(n: number) {
  const backend = fakeBackend();
  const all = Array.from({ length: n }, (_, i) => ({ ...summary(i + 1), title: `Doc ${String(i + 1).padStart(6, '0')}` }));
  const asked: number[][] = [];
  backend.answer('documents.ids', ({ dir }) => idsAnswer(all.map((d) => d.id).sort((a, b) => (dir === 'desc' ? b - a : a - b))));
  backend.answer('documents.summaries', ({ ids }) => {
    asked.push(ids);
    return ids.flatMap((id) => (id <= n ? [all[id - 1]] : []));
  });
  return { backend, asked };
}

test('the cache keeps at most its limit, dropping the rows fetched longest ago; a row fetched again counts as new', () => {
  const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => summary(from + i));
  let cache = withRows(new Map(), rows(1, 4), 0, 5);
  cache = withRows(cache, rows(1, 1), 0, 5); // 1 again: now the newest
  cache = withRows(cache, rows(5, 6), 0, 5);
  assert.deepEqual([...cache.keys()], [3, 4, 1, 5, 6]);
  assert.equal(withRows(new Map(), rows(1, ROW_CACHE_LIMIT + 500), 0).size, ROW_CACHE_LIMIT);
});

test('rows to fetch: missing or from an older generation, on-screen first, at most a batch', () => {
  const cache = withRows(withRows(new Map(), [summary(1), summary(2)], 0), [summary(3)], 1);
  assert.deepEqual(rowsToFetch(cache, [3, 2, 4, 1, 5], 1), [2, 4, 1, 5]);
  assert.deepEqual(rowsToFetch(cache, [3, 2, 4, 1, 5], 1, 2), [2, 4]);
  assert.deepEqual(rowsToFetch(cache, [1, 2, 3], 0), []);
});

test('a sort or filter change makes the list busy until its ids arrive; a failed load stops it being busy', () => {
  let s = run(initialState, ...listed(summary(1)));
  assert.equal(s.docsLoading, false);
  s = run(s, { type: 'sort', by: 'title' });
  assert.equal(s.docsLoading, true);
  assert.equal(run(s, { type: 'docIds', ids: [1] }).docsLoading, false);
  assert.equal(run(s, { type: 'docsFailed' }).docsLoading, false);
  assert.equal(run(initialState, ...listed(summary(1)), { type: 'docFilter', filter: { done: true } }).docsLoading, true);
});

test('on open only ids and the rows shown are fetched, in batches of at most 1000, each row once', async () => {
  const { backend, asked } = bigBackend(5000);
  const wb = workbenchOn(backend);
  await wb.commands.load();
  assert.equal(wb.state.docsTotal, 5000);
  assert.equal(wb.state.docRows.size, 0, 'no row before the list shows it');
  assert.ok(!backend.calls.some(([m]) => m === 'documents.list'), 'the list never pages through every row');
  await wb.commands.showRows(wb.state.docIds.slice(0, 60));
  await wb.commands.showRows(wb.state.docIds.slice(30, 90));
  assert.deepEqual(asked, [wb.state.docIds.slice(0, 60), wb.state.docIds.slice(60, 90)]);
  await wb.commands.showRows(wb.state.docIds.slice(1000, 3500));
  assert.deepEqual(asked.slice(2).map((b) => b.length), [1000, 1000, 500]);
  assert.equal(rowOf(wb.state, 3500)?.title, 'Doc 003500');
});

test('scrolling fast: while a batch is on its way, only what is wanted when it returns is asked next', async () => {
  const { backend, asked } = bigBackend(5000);
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const ids = wb.state.docIds;
  const first = wb.commands.showRows(ids.slice(0, 50));
  void wb.commands.showRows(ids.slice(1000, 1050)); // passed over before its turn
  const last = wb.commands.showRows(ids.slice(4000, 4050));
  await Promise.all([first, last]);
  assert.deepEqual(asked, [ids.slice(0, 50), ids.slice(4000, 4050)]);
});

test('scrolling through many thousand rows keeps the cache bounded', async () => {
  const { backend } = bigBackend(20_000);
  const wb = workbenchOn(backend);
  await wb.commands.load();
  for (let at = 0; at < 20_000; at += 100) await wb.commands.showRows(wb.state.docIds.slice(at, at + 120));
  assert.ok(wb.state.docRows.size <= ROW_CACHE_LIMIT, `${wb.state.docRows.size} rows cached`);
  assert.equal(rowOf(wb.state, 20_000)?.title, 'Doc 020000');
});

test('an answer to an older sort never replaces the list of a newer one', async () => {
  const { backend } = bigBackend(10);
  const wb = workbenchOn(backend);
  await wb.commands.load();
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  backend.answer('documents.ids', async ({ dir }) => {
    if (dir === 'asc') await slow; // the first click's answer comes last
    return idsAnswer(dir === 'desc' ? [10, 9] : [1, 2]);
  });
  wb.commands.sortBy('title'); // title ↑
  wb.commands.sortBy('title'); // title ↓
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(wb.state.docIds, [10, 9]);
  release();
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(wb.state.docIds, [10, 9]);
  assert.equal(wb.state.docsLoading, false);
});

test('a Shift+click range and "All" tick ids whose rows were never loaded', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => 10_000 - i);
  const s = run(initialState, { type: 'docIds', ids }, { type: 'docRows', rows: [summary(10_000), summary(1)], gen: 0, edits: 0 });
  const range = nextSelection(s.docIds, [10_000], 10_000, { id: 1, range: true });
  assert.equal(range.length, 10_000);
  assert.deepEqual([range[0], range[5000], range.at(-1)], [10_000, 5000, 1]);
  assert.equal(run(s, { type: 'docSelection', ids: s.docIds }).docSelection.length, 10_000);
});

test('a tag counts on the open row at once; a batch asked before the tag does not undo the count', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.showRows(wb.state.docIds);
  await wb.commands.openDoc(1);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let answers = 0;
  backend.answer('documents.summaries', async ({ ids }) => {
    const counts: Record<string, number> = answers++ === 0 ? {} : { 1: 1 }; // the first answer is read before the tag, later ones after
    await held;
    return ids.map((id) => ({ ...summary(id), counts: id === 1 ? counts : {} }));
  });
  await wb.commands.refreshDocs(); // another window changed things: shown rows are fetched again…
  const refetch = wb.commands.showRows(wb.state.docIds);
  await wb.commands.tag(1, { start: 0, end: 5 }); // …and a tag lands while they are on their way
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 1 });
  release();
  await refetch;
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 1 });
  assert.equal(rowOf(wb.state, 2)!.title, 'Doc 2');
});

test('after an outside change the rows shown stay until their fresh copy arrives', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.showRows(wb.state.docIds);
  backend.answer('documents.summaries', ({ ids }) => ids.map((id) => ({ ...summary(id), title: `Renamed ${id}` })));
  await wb.commands.refreshDocs();
  assert.equal(rowOf(wb.state, 1)?.title, 'Doc 1', 'still shown, not a placeholder');
  await wb.commands.showRows(wb.state.docIds);
  assert.equal(rowOf(wb.state, 1)?.title, 'Renamed 1');
});

test('a row deleted elsewhere is not asked for again: the list reloads without it', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  backend.answer('documents.summaries', ({ ids }) => ids.filter((id) => id !== 2).map((id) => summary(id)));
  backend.answer('documents.ids', () => idsAnswer([1, 3]));
  await wb.commands.showRows(wb.state.docIds);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(wb.state.docIds, [1, 3]);
  assert.equal(backend.calls.filter(([m]) => m === 'documents.summaries').length, 1);
});

test('done and next: the next document not done after the open one, by the backend, with its title', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(1);
  backend.answer('documents.ids', ({ filter }) => idsAnswer(filter?.done === false ? [3] : [1, 2, 3]));
  backend.answer('documents.summaries', ({ ids }) => ids.map((id) => ({ ...doc(id), title: `Title ${id}` })));
  assert.deepEqual(await wb.commands.nextUndone(1), { id: 3, title: 'Title 3' });
  backend.answer('documents.ids', () => idsAnswer([]));
  assert.equal(await wb.commands.nextUndone(1), null);
  // Only done documents listed: none is next.
  await wb.commands.filterDocs({ done: true });
  assert.equal(await wb.commands.nextUndone(1), null);
});

test('marking done changes the cached row and the open document', () => {
  const s = run(initialState, ...listed(summary(1), summary(2)), { type: 'opened', doc: doc(1), annotations: [ann(1)] }, { type: 'docDone', id: 1, done: true });
  assert.equal(rowOf(s, 1)!.done, true);
  assert.equal(s.doc!.done, true);
  const rows: DocumentSummary[] = [...s.docRows.values()].map((c) => c.row);
  assert.deepEqual(rows.map((r) => r.done), [true, false]);
});
