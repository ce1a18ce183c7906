/**
 * What the list and the search say while they work and when they fail (issue 15, a new user on 100,000
 * documents): a delete and its undo show progress; a refused search says why where its hits would be; an error in
 * the toast goes when its own operation next works, and only then.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSummary } from '../../../common/model';
import { docsWorkOf } from '../../../renderer/app/commands/docsWork';
import { initialState, reducer, type Action, type WorkbenchState } from '../../../renderer/app/workbench';
import { fakeBackend, idsAnswer, workbenchOn } from '../../app/fakeBackend';
import { doc, summary } from '../../fixtures';
import { documentsCountText } from '../../../renderer/features/documents/DocumentsCount';

const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reducer, s);

test('an error goes when the operation it came from next works; an error from elsewhere stays', () => {
  const listFailed = run(initialState, { type: 'error', message: 'list failed', op: 'list' });
  assert.equal(run(listFailed, { type: 'succeeded', op: 'list' }).error, null);
  assert.equal(run(listFailed, { type: 'succeeded', op: 'open' }).error, 'list failed', 'another operation working says nothing about it');
  const unnamed = run(initialState, { type: 'error', message: 'span out of range' });
  assert.equal(run(unnamed, { type: 'succeeded', op: 'list' }).error, 'span out of range');
  // A newer error replaces the older one with its own operation.
  const replaced = run(listFailed, { type: 'error', message: 'no document 9', op: 'open' });
  assert.equal(run(replaced, { type: 'succeeded', op: 'list' }).error, 'no document 9');
  assert.equal(run(replaced, { type: 'succeeded', op: 'open' }).error, null);
});

test('a failed list load leaves its toast until the next load works; an edit failure is not cleared by it', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  let down = true;
  backend.answer('documents.ids', () => {
    if (down) throw new Error('The backend is not answering.');
    return idsAnswer([1, 2, 3]);
  });
  await wb.commands.filterDocs({ source: 'RT' });
  assert.equal(wb.state.error, 'The backend is not answering.');
  down = false;
  await wb.commands.filterDocs({});
  assert.equal(wb.state.error, null, 'the next load worked');

  backend.answer('annotations.create', () => {
    throw new Error('span out of range');
  });
  await wb.commands.openDoc(1);
  await wb.commands.tag(1, { start: 0, end: 3 });
  assert.equal(wb.state.error, 'span out of range');
  await wb.commands.filterDocs({ source: 'RT' });
  assert.equal(wb.state.error, 'span out of range', 'a list load says nothing about the tag that failed');
});

test('a refused search says why in its results, not in a toast, and the next search or a cleared box drops it', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const refusal = 'Query too broad: "a*" stands for more than 2,000 different words in this project. Type more letters before the *.';
  backend.answer('search.query', ({ q }) => {
    if (q === 'a*') throw Object.assign(new Error(refusal), { name: 'InvalidInput' });
    return { hits: [{ docId: 1 } as never], query: q };
  });
  await wb.commands.search('a*');
  assert.deepEqual(wb.state.search, { q: 'a*', hits: [], busy: false, error: refusal });
  assert.equal(wb.state.error, null, 'no toast: the results say it');
  await wb.commands.search('aleppo');
  assert.equal(wb.state.search.error, undefined);
  assert.equal(wb.state.search.hits.length, 1);
  await wb.commands.search('a*');
  await wb.commands.search('');
  assert.deepEqual(wb.state.search, { q: '', hits: [], busy: false });
});

test('deleting documents: the list says "Deleting 2 documents…" with their rows until done; undo says "Restoring"', async () => {
  const backend = fakeBackend();
  let rows: DocumentSummary[] = [1, 2, 3].map((id) => summary(id));
  backend.answer('documents.ids', () => idsAnswer(rows.map((d) => d.id)));
  backend.answer('documents.summaries', ({ ids }) => rows.filter((d) => ids.includes(d.id)));
  backend.answer('documents.deleteImpact', ({ ids }) => ({ documents: ids.length, annotations: 0, links: 0 }));
  const seen: WorkbenchState['docsWork'][] = [];
  const wb = workbenchOn(backend);
  let release!: () => void;
  backend.answer('documents.deleteMany', async ({ ids }) => {
    seen.push(wb.state.docsWork);
    await new Promise<void>((r) => (release = r));
    const gone = rows.filter((d) => ids.includes(d.id));
    rows = rows.filter((d) => !ids.includes(d.id));
    return { deleted: { documents: gone.map((d) => ({ ...d, ...doc(d.id), origin: null, externalId: null })), annotations: [], links: [], clusters: [], dismissed: [] } };
  });
  backend.answer('documents.restore', ({ deleted }) => {
    seen.push(wb.state.docsWork);
    rows = [...rows, ...deleted.documents.map((d) => summary(d.id))].sort((x, y) => x.id - y.id);
    return { ids: deleted.documents.map((d) => d.id) };
  });
  await wb.commands.load();
  await wb.commands.deleteDocs([2, 3]);
  wb.commands.answerConfirm(true);
  while (!seen.length) await new Promise((r) => setTimeout(r, 1));
  assert.deepEqual(wb.state.docsWork, { verb: 'Deleting', count: 2, ids: [2, 3] }, 'while the backend works');
  assert.deepEqual(wb.state.docIds, [1, 2, 3], 'the rows stay, dimmed, until they are gone');
  release();
  await wb.commands.update(-1, {}); // settles the edit queue
  assert.equal(wb.state.docsWork, null);
  assert.deepEqual(wb.state.docIds, [1]);
  await wb.commands.undo();
  assert.deepEqual(seen[1], { verb: 'Restoring', count: 2, ids: [] });
  assert.equal(wb.state.docsWork, null);
  assert.deepEqual(wb.state.docIds, [1, 2, 3]);
});

test('docsWorkOf: deletes and restores only', () => {
  assert.deepEqual(docsWorkOf({ kind: 'deleteDocs', ids: [4, 5] }), { verb: 'Deleting', count: 2, ids: [4, 5] });
  assert.equal(docsWorkOf({ kind: 'rename', clusterId: 1, before: 'a', after: 'b' }), null);
});

test('a failed delete still ends the busy note', async () => {
  const backend = fakeBackend();
  backend.answer('documents.deleteImpact', ({ ids }) => ({ documents: ids.length, annotations: 0, links: 0 }));
  backend.answer('documents.deleteMany', () => {
    throw new Error('The project is read-only.');
  });
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.deleteDocs([2]);
  wb.commands.answerConfirm(true);
  await wb.commands.update(-1, {});
  assert.equal(wb.state.docsWork, null);
  assert.equal(wb.state.error, 'The project is read-only.');
  assert.deepEqual(wb.state.docIds, [1, 2, 3]);
});

test('the list header: grouped digits, agreement, and no stale number while a new filter loads', () => {
  assert.equal(documentsCountText(100001, false, false, 'en'), '100,001');
  assert.equal(documentsCountText(1, false, true, 'en'), '1 matches the filter');
  assert.equal(documentsCountText(5493, false, true, 'en'), '5,493 match the filter');
  assert.equal(documentsCountText(110001, true, true, 'en'), '…');
  // What the workbench gives it: after a filter is chosen and before its ids come, loading.
  const s = run(initialState, { type: 'docIds', ids: [1, 2, 3] }, { type: 'docFilter', filter: { source: 'RT' } });
  assert.equal(documentsCountText(s.docsTotal, s.docsLoading, true, 'en'), '…');
});
