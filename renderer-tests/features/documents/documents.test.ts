import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeletedDocuments, DocumentFilter, DocumentMeta, DocumentSummary } from '../../../common/model';
import { movedFocus, nextSelection } from '../../../renderer/features/documents/selection';
import { deleteQuestion } from '../../../renderer/app/commands/documents';
import { initialState, reducer, type Action, type WorkbenchState } from '../../../renderer/app/workbench';
import { inverse } from '../../../renderer/state/history';
import { fakeBackend, idsAnswer, workbenchOn } from '../../app/fakeBackend';
import { MAX_DOCS_PER_CALL, tooManyDocs } from '../../../common/document-meta';
import { doc, listed, rowOf, summary } from '../../fixtures';

const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reducer, s);

test('ticking: a click toggles one row, Shift+click adds the range from the last toggled row, in list order', () => {
  const order = [5, 3, 9, 1, 7];
  assert.deepEqual(nextSelection(order, [], null, { id: 9, range: false }), [9]);
  assert.deepEqual(nextSelection(order, [9], 9, { id: 9, range: false }), []);
  assert.deepEqual(nextSelection(order, [9], 9, { id: 7, range: true }), [9, 1, 7]);
  assert.deepEqual(nextSelection(order, [7], 9, { id: 5, range: true }), [5, 3, 9, 7]);
  // No anchor yet: Shift+click ticks the one row.
  assert.deepEqual(nextSelection(order, [], null, { id: 1, range: true }), [1]);
});

test('list keys move focus within the list and stop at its ends', () => {
  assert.equal(movedFocus('ArrowDown', 0, 3, 10), 1);
  assert.equal(movedFocus('ArrowDown', 2, 3, 10), 2);
  assert.equal(movedFocus('ArrowUp', 0, 3, 10), 0);
  assert.equal(movedFocus('PageDown', 0, 30, 10), 10);
  assert.equal(movedFocus('End', 0, 30, 10), 29);
  assert.equal(movedFocus('Home', 12, 30, 10), 0);
  assert.equal(movedFocus('Enter', 1, 3, 10), null);
});

test('the confirmation counts documents, annotations and links', () => {
  assert.equal(deleteQuestion({ documents: 3, annotations: 41, links: 7 }), 'Delete 3 documents with 41 annotations and 7 links?');
  assert.equal(deleteQuestion({ documents: 1, annotations: 1, links: 0 }), 'Delete 1 document with 1 annotation and 0 links?');
  // Counts grouped as everywhere else in the UI (a tester read "Delete 1000 documents with 10012 annotations").
  assert.equal(deleteQuestion({ documents: 1000, annotations: 10_012, links: 3000 }), `Delete ${(1000).toLocaleString()} documents with ${(10_012).toLocaleString()} annotations and ${(3000).toLocaleString()} links?`);
});

test('deleted documents leave the list and the selection; the open one closes', () => {
  const s = run(
    initialState,
    ...listed(summary(1), summary(2), summary(3)),
    { type: 'opened', doc: doc(2), annotations: [] },
    { type: 'docSelection', ids: [2, 3] },
    { type: 'docsRemoved', ids: [2] },
  );
  assert.deepEqual(s.docIds, [1, 3]);
  assert.equal(rowOf(s, 2), undefined, 'its row leaves the cache too');
  assert.equal(s.docsTotal, 2);
  assert.deepEqual(s.docSelection, [3]);
  assert.equal(s.doc, null);
});

test('a list reload keeps ticked only what it shows; a metadata edit shows in the list and the open document', () => {
  let s = run(initialState, ...listed(summary(1), summary(2)), { type: 'docSelection', ids: [1, 2] });
  s = run(s, { type: 'docIds', ids: [2] });
  assert.deepEqual(s.docSelection, [2]);
  s = run(s, { type: 'opened', doc: doc(2), annotations: [] }, { type: 'docsUpdated', docs: [{ ...summary(2), source: 'RT', url: 'https://rt.com/a' }] });
  assert.deepEqual([rowOf(s, 2)?.source, s.doc?.source, s.doc?.url, s.doc?.text.length], ['RT', 'RT', 'https://rt.com/a', 200]);
});

test('the inverse of a delete is a restore of the same rows, and a metadata edit swaps before and after', () => {
  const deleted = { documents: [], annotations: [], links: [], clusters: [], dismissed: [] } as DeletedDocuments;
  assert.deepEqual(inverse({ kind: 'deleteDocs', deleted }), { kind: 'restoreDocs', deleted });
  const a: DocumentMeta = { id: 1, title: 'a', date: null, source: null, url: null };
  const b: DocumentMeta = { ...a, source: 'RT' };
  assert.deepEqual(inverse({ kind: 'docMeta', before: [a], after: [b] }), { kind: 'docMeta', before: [b], after: [a] });
});

/** The list's rows once the list has shown every id (fetching what the cache lacks). */
async function shown(wb: ReturnType<typeof workbenchOn>) {
  await wb.commands.showRows(wb.state.docIds);
  return wb.state.docIds.map((id) => rowOf(wb.state, id)!);
}

/** A fake backend whose documents can be deleted, restored, edited and filtered (by source only). */
function documentsBackend() {
  const backend = fakeBackend();
  let rows: DocumentSummary[] = [1, 2, 3].map((id) => summary(id));
  const filters: DocumentFilter[] = [];
  backend.answer('documents.ids', (a) => {
    filters.push(a.filter ?? {});
    return idsAnswer(rows.filter((d) => a.filter?.source === undefined || d.source === a.filter.source).map((d) => d.id));
  });
  backend.answer('documents.summaries', ({ ids }) => ids.flatMap((id) => rows.filter((d) => d.id === id)));
  backend.answer('documents.deleteImpact', ({ ids }) => ({ documents: ids.length, annotations: 4, links: 1 }));
  backend.answer('documents.deleteMany', ({ ids }) => {
    const gone = rows.filter((d) => ids.includes(d.id));
    rows = rows.filter((d) => !ids.includes(d.id));
    const documents = gone.map((d) => ({ ...d, ...doc(d.id), origin: null, externalId: null }));
    return { deleted: { documents, annotations: [], links: [], clusters: [], dismissed: [] } };
  });
  backend.answer('documents.restore', ({ deleted }) => {
    rows = [...rows, ...deleted.documents.map((d) => summary(d.id))].sort((x, y) => x.id - y.id);
    return { ids: deleted.documents.map((d) => d.id) };
  });
  backend.answer('documents.update', ({ changes }) => {
    const before = changes.map((c) => {
      const d = rows.find((r) => r.id === c.id)!;
      return { id: d.id, title: d.title, date: d.date, source: d.source, url: d.url };
    });
    rows = rows.map((d) => ({ ...d, ...(changes.find((c) => c.id === d.id) ?? {}) }) as DocumentSummary);
    return { before, documents: rows.filter((d) => changes.some((c) => c.id === d.id)) };
  });
  return { backend, filters };
}

test('deleting waits for the confirmation, then is one undoable step: undo restores, redo deletes again', async () => {
  const { backend } = documentsBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(2);
  await wb.commands.deleteDocs([2, 3]);
  assert.equal(wb.state.confirm?.message, 'Delete 2 documents with 4 annotations and 1 link? Undo (Ctrl+Z) brings them back.');
  assert.equal(wb.state.docIds.length, 3, 'nothing deleted before the answer');
  wb.commands.answerConfirm(true);
  await wb.commands.update(-1, {}); // settles the edit queue
  assert.deepEqual(wb.state.docIds, [1]);
  assert.equal(wb.state.docsTotal, 1);
  assert.equal(wb.state.doc, null);
  assert.equal(wb.history.past.at(-1)?.kind, 'deleteDocs');
  await wb.commands.undo();
  assert.deepEqual(wb.state.docIds, [1, 2, 3]);
  assert.deepEqual((await shown(wb)).map((d) => d.title), ['Doc 1', 'Doc 2', 'Doc 3'], 'restored rows are fetched again');
  await wb.commands.redo();
  assert.deepEqual(wb.state.docIds, [1]);
});

test('more ticked documents than one step may hold: a plain sentence, nothing sent (a tester ticked All at 100,001)', async () => {
  const { backend } = documentsBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const ticked = Array.from({ length: MAX_DOCS_PER_CALL + 1 }, (_, i) => i + 1);
  const from = backend.calls.length;
  await wb.commands.deleteDocs(ticked);
  assert.match(wb.state.error ?? '', /^You can delete at most 5,000 documents at a time, and 5,001 are ticked: narrow the list/);
  assert.equal(wb.state.confirm, null, 'no question asked');
  const sourced = await wb.commands.setSourceOf(ticked, 'RT');
  assert.deepEqual(sourced, { ok: false, error: tooManyDocs(MAX_DOCS_PER_CALL + 1, 'give a source to') });
  assert.deepEqual(backend.since(from).map(([m]) => m).filter((m) => m.startsWith('documents.')), [], 'nothing asked of the backend');
  // Exactly the limit goes through to the question.
  await wb.commands.deleteDocs(ticked.slice(0, MAX_DOCS_PER_CALL));
  assert.ok(wb.state.confirm, 'the limit itself is asked about');
});

test('a metadata edit is undoable; a bulk source edit is one step; filterDocs sends the filter and shows the list', async () => {
  const { backend, filters } = documentsBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  assert.deepEqual(await wb.commands.setSourceOf([1, 3], 'RT'), { ok: true, value: undefined });
  assert.deepEqual((await shown(wb)).map((d) => d.source), ['RT', null, 'RT']);
  await wb.commands.undo();
  assert.deepEqual((await shown(wb)).map((d) => d.source), [null, null, null]);
  await wb.commands.editDocMeta(2, { source: 'TASS' });
  wb.commands.setView('claims');
  await wb.commands.filterDocs({ source: 'TASS' });
  assert.deepEqual(filters.at(-1), { source: 'TASS' });
  assert.deepEqual(wb.state.docIds, [2]);
  assert.equal(wb.state.view, 'documents');
});

test('the documents counter (docsSeq: the source filter reloads its choices on it) moves when documents change, never on a sort or a filter', async () => {
  const { backend } = documentsBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const loaded = wb.state.docsSeq;
  assert.ok(loaded > initialState.docsSeq, 'a project load counts');
  wb.commands.sortBy('title');
  await wb.commands.filterDocs({ source: 'nowhere' });
  await wb.commands.filterDocs({});
  assert.equal(wb.state.docsSeq, loaded, 'sorting and filtering change no document');
  let seq = wb.state.docsSeq;
  const moved = (what: string) => {
    assert.ok(wb.state.docsSeq > seq, what);
    seq = wb.state.docsSeq;
  };
  await wb.commands.setSourceOf([1], 'RT');
  moved('a metadata edit');
  await wb.commands.undo();
  moved('its undo');
  await wb.commands.deleteDocs([3]);
  wb.commands.answerConfirm(true);
  await wb.commands.update(-1, {}); // settles the edit queue
  moved('a delete');
  await wb.commands.undo();
  moved('a delete undone');
  await wb.commands.refreshDocs();
  moved('a refresh after an import or another window’s commit');
});
