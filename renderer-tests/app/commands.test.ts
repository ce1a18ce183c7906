import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../../common/contract';
import type { ReadBackend, Backend } from '../../renderer/backend/types';
import type { PickedFile } from '../../renderer/features/import/upload';
import { fakeBackend, workbenchOn, type FakeBackend } from './fakeBackend';
import { doc, rowOf } from '../fixtures';

/** A workbench with its project loaded and document 1 open. */
async function ready(backend: FakeBackend = fakeBackend()) {
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.showRows(wb.state.docIds);
  await wb.commands.openDoc(1);
  return { backend, wb, ...wb.commands };
}

/** Waits until every queued edit has run (a no-op edit queued last resolves after them). */
const settle = (wb: ReturnType<typeof workbenchOn>) => wb.commands.update(-1, {});

const methods = (calls: [string, unknown][]) => calls.map(([m]) => m);
const idOf = (wb: ReturnType<typeof workbenchOn>) => wb.state.selectedId!;

test('tag, undo, redo: the annotation is deleted and put back under the same id, and the list counts follow', async () => {
  const { backend, wb, tag, undo, redo } = await ready();
  const from = backend.calls.length;
  await tag(1, { start: 10, end: 20 });
  const id = idOf(wb);
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 1 });
  await undo();
  assert.equal(wb.state.annotations.length, 0);
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 0 });
  await redo();
  assert.deepEqual(
    wb.state.annotations.map((a) => a.id),
    [id],
  );
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 1 });
  const calls = backend.since(from);
  assert.deepEqual(methods(calls), ['annotations.create', 'annotations.delete', 'annotations.restore']);
  assert.deepEqual(calls[1][1], { id });
  assert.equal((calls[2][1] as { annotation: { id: number } }).annotation.id, id);
  assert.deepEqual(wb.history.past.length, 1);
  assert.deepEqual(wb.history.future, []);
});

test('relabel, undo, redo: each sends the other side of the change, and the count moves between labels', async () => {
  const { backend, wb, tag, update, undo, redo } = await ready();
  await tag(1, { start: 10, end: 20 });
  const id = idOf(wb);
  const from = backend.calls.length;
  await update(id, { labelId: 2, note: 'speaker after all' });
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 0, 2: 1 });
  await undo();
  assert.deepEqual(rowOf(wb.state, 1)!.counts, { 1: 1, 2: 0 });
  assert.equal(wb.state.annotations[0].note, '');
  await redo();
  const sent = backend.since(from).map(([m, a]) => [m, (a as { labelId: number }).labelId, (a as { note: string }).note]);
  assert.deepEqual(sent, [
    ['annotations.update', 2, 'speaker after all'],
    ['annotations.update', 1, ''],
    ['annotations.update', 2, 'speaker after all'],
  ]);
  // An update that changes nothing is not sent and not recorded.
  const past = wb.history.past.length;
  await update(id, { labelId: 2 });
  assert.equal(wb.history.past.length, past);
});

test('renaming a cluster is one undoable step: undo restores the old name, redo the new, and linked views reload each time', async () => {
  const { backend, wb, renameCluster, undo, redo } = await ready();
  const seq = wb.state.linkSeq;
  const from = backend.calls.length;
  assert.deepEqual(await renameCluster(5, 'Sergey Rudskoy', 'S. Rudskoy'), { ok: true, value: undefined });
  assert.equal(backend.names.get(5), 'S. Rudskoy');
  assert.equal(wb.state.linkSeq, seq + 1);
  assert.deepEqual(wb.history.past, [{ kind: 'rename', clusterId: 5, before: 'Sergey Rudskoy', after: 'S. Rudskoy' }]);
  await undo();
  assert.equal(backend.names.get(5), 'Sergey Rudskoy');
  assert.equal(wb.state.linkSeq, seq + 2);
  await redo();
  assert.equal(backend.names.get(5), 'S. Rudskoy');
  assert.equal(wb.state.linkSeq, seq + 3);
  assert.deepEqual(
    backend.since(from).filter(([m]) => m === 'clusters.rename'),
    [
      ['clusters.rename', { id: 5, name: 'S. Rudskoy' }],
      ['clusters.rename', { id: 5, name: 'Sergey Rudskoy' }],
      ['clusters.rename', { id: 5, name: 'S. Rudskoy' }],
    ],
  );
});

test('a rename to the same name does nothing; a failed rename is handed back, not recorded, not toasted', async () => {
  const { backend, wb, renameCluster } = await ready();
  const from = backend.calls.length;
  assert.deepEqual(await renameCluster(5, 'Same', 'Same'), { ok: true, value: undefined });
  assert.deepEqual(backend.since(from), []);
  backend.answer('clusters.rename', () => {
    throw new Error('the project is read-only');
  });
  assert.deepEqual(await renameCluster(5, 'Old', 'New'), { ok: false, error: 'the project is read-only' });
  assert.deepEqual(wb.history.past, []);
  assert.equal(wb.state.error, null);
});

test('a new change after an undo drops the redo', async () => {
  const { wb, tag, undo, redo, renameCluster } = await ready();
  await tag(1, { start: 10, end: 20 });
  await renameCluster(5, 'a', 'b');
  await undo();
  assert.equal(wb.history.future.length, 1);
  await renameCluster(5, 'a', 'c');
  assert.deepEqual(wb.history.future, []);
  assert.equal(wb.history.past.length, 2);
  await redo();
  assert.equal(wb.history.past.length, 2);
});

test('undo of a link remembers the cluster names it dissolved, and redo re-forms the cluster under them', async () => {
  const { backend, wb, tag, link, undo, redo } = await ready();
  await tag(1, { start: 10, end: 20 });
  const a = idOf(wb);
  await tag(1, { start: 30, end: 40 });
  const b = idOf(wb);
  await link(a, b, 1);
  const linkId = [...backend.links.keys()][0];
  backend.dissolveNext([{ annotationId: a, name: 'Rudskoy' }]);
  const from = backend.calls.length;
  await undo();
  await redo();
  const calls = backend.since(from).filter(([m]) => m.startsWith('links.'));
  assert.deepEqual(calls, [
    ['links.delete', { id: linkId }],
    ['links.restore', { links: [backend.links.get(linkId)], clusterNames: [{ annotationId: a, name: 'Rudskoy' }] }],
  ]);
  // The entry in the history is the one as applied; the one recorded at first was not written into.
  assert.deepEqual(wb.history.past.at(-1), { kind: 'link', links: [backend.links.get(linkId)], clusterNames: [{ annotationId: a, name: 'Rudskoy' }] });
});

test('deleting a linked annotation waits for the analyst; undo puts it back with its links', async () => {
  const { backend, wb, tag, link, remove, answerConfirm, undo } = await ready();
  await tag(1, { start: 10, end: 20 });
  const a = idOf(wb);
  await tag(1, { start: 30, end: 40 });
  await link(a, idOf(wb), 1);
  const theLink = [...backend.links.values()][0];
  await remove(a);
  assert.match(wb.state.confirm!.message, /1 link\b/);
  assert.equal(backend.annotations.has(a), true);
  answerConfirm(false);
  await settle(wb);
  assert.equal(backend.annotations.has(a), true);
  await remove(a);
  answerConfirm(true);
  await settle(wb);
  assert.equal(backend.annotations.has(a), false);
  assert.equal(wb.state.annotations.some((x) => x.id === a), false);
  const from = backend.calls.length;
  await undo();
  const [restore] = backend.since(from).filter(([m]) => m === 'annotations.restore');
  assert.deepEqual((restore[1] as { links: unknown }).links, [theLink]);
  assert.equal(backend.links.has(theLink.id), true);
  assert.equal(wb.state.annotations.some((x) => x.id === a), true);
});

test('an unlinked annotation is deleted at once, without a question', async () => {
  const { backend, wb, tag, remove } = await ready();
  await tag(1, { start: 10, end: 20 });
  await remove(idOf(wb));
  assert.equal(wb.state.confirm, null);
  assert.equal(backend.annotations.size, 0);
});

test('linking to an untagged passage is one step; its undo unlinks first, then deletes the new span', async () => {
  const { backend, wb, tag, linkToPassage, undo } = await ready();
  await tag(1, { start: 10, end: 20 });
  const from = backend.calls.length;
  await linkToPassage(idOf(wb), 1, 1, { docId: 2, start: 5, end: 25 });
  assert.equal(wb.history.past.at(-1)!.kind, 'batch');
  await undo();
  assert.deepEqual(
    methods(backend.since(from)).filter((m) => m !== 'annotations.listForDocument' && m !== 'documents.get' && m !== 'search.locate'),
    ['links.createWithSpan', 'links.delete', 'annotations.delete'],
  );
  assert.equal(backend.links.size, 0);
  assert.equal(backend.annotations.size, 1);
});

test('dismissing a suggestion is undone by undismissing it', async () => {
  const { backend, dismissSuggestion, undo } = await ready();
  const from = backend.calls.length;
  await dismissSuggestion(7, 'a:9');
  await undo();
  assert.deepEqual(
    backend.since(from).filter(([m]) => m.startsWith('suggest.')),
    [
      ['suggest.dismiss', { id: 7, key: 'a:9' }],
      ['suggest.undismiss', { id: 7, key: 'a:9' }],
    ],
  );
});

test('undo of a change in another document opens that document first, then undoes it there', async () => {
  const { backend, wb, tag, openDoc, undo } = await ready();
  await tag(1, { start: 10, end: 20 });
  await openDoc(2);
  const from = backend.calls.length;
  await undo();
  const calls = methods(backend.since(from));
  assert.ok(calls.indexOf('documents.get') < calls.indexOf('annotations.delete'), calls.join());
  assert.equal(wb.state.doc!.id, 1);
  assert.equal(wb.state.annotations.length, 0);
});

test('edits run in the order they were asked, each on the state the last one left', async () => {
  const { backend, wb, tag, undo } = await ready();
  const from = backend.calls.length;
  // Not awaited in between: the undo must still see the tag recorded.
  const tagged = tag(1, { start: 10, end: 20 });
  const undone = undo();
  await Promise.all([tagged, undone]);
  assert.deepEqual(methods(backend.since(from)), ['annotations.create', 'annotations.delete']);
  assert.equal(wb.state.annotations.length, 0);
});

test('a failed edit shows its message in the toast and records nothing', async () => {
  const { backend, wb, tag } = await ready();
  backend.answer('annotations.create', () => {
    throw new Error('span out of range');
  });
  // The tag says it stored nothing (the label key keeps the text selected, to try again: renderer/app/labelKey.ts).
  assert.equal(await tag(1, { start: 10, end: 20 }), null);
  assert.equal(wb.state.error, 'span out of range');
  assert.deepEqual(wb.history.past, []);
});

test('a tag resolves with the stored annotation once the state holds it, selected', async () => {
  const { wb, tag } = await ready();
  const made = await tag(2, { start: 30, end: 40 });
  assert.ok(made);
  assert.deepEqual([made.labelId, made.start, made.end], [2, 30, 40]);
  assert.equal(wb.state.selectedId, made.id);
  assert.deepEqual(wb.state.annotations.map((a) => a.id), [made.id]);
});

test('a slow answer to an earlier search does not replace the answer to the later one', async () => {
  const { backend, wb, search } = await ready();
  let release!: () => void;
  backend.answer('search.query', async ({ q }) => {
    if (q === 'mo') await new Promise<void>((r) => (release = r));
    return { hits: [{ docId: q.length } as never], query: q };
  });
  const slow = search('mo');
  await search('mosul');
  release();
  await slow;
  assert.equal(wb.state.search.q, 'mosul');
  assert.deepEqual(wb.state.search.hits, [{ docId: 5 }]);
});

test('an export keeps its job in the state, can be cancelled while it runs, and ends with what it wrote', async () => {
  const { backend, wb, runExport, cancelExport } = await ready();
  let finish!: (r: Result<'export.run'>) => void;
  backend.answer('export.run', () => new Promise((r) => (finish = r)));
  backend.answer('export.cancel', () => ({ cancelled: true }));
  const running = runExport({ format: 'csv', dest: '/tmp/out' });
  const job = wb.state.exporting!;
  assert.equal(job.running, true);
  assert.deepEqual(backend.calls.at(-1), ['export.run', { format: 'csv', dest: '/tmp/out', jobId: job.jobId }]);
  cancelExport();
  assert.deepEqual(backend.calls.at(-1), ['export.cancel', { jobId: job.jobId }]);
  finish({ dest: '/tmp/out', files: [], documents: 12, spans: 3, links: 0, notes: [], emptySplits: [] });
  const r = await running;
  assert.equal(r.ok && r.value.documents, 12);
  assert.deepEqual(wb.state.exporting, { jobId: job.jobId, done: 12, total: 12, running: false });
  const calls = backend.calls.length;
  cancelExport();
  assert.equal(backend.calls.length, calls);
  // Each export gets its own job id.
  backend.answer('export.run', () => {
    throw new Error('cancelled');
  });
  assert.deepEqual(await runExport({ format: 'csv', dest: '/tmp/out2' }), { ok: false, error: 'cancelled' });
  assert.notEqual((backend.calls.at(-1)![1] as { jobId: string }).jobId, job.jobId);
  assert.equal(wb.state.exporting, null);
});

test('backup and restore hand their outcome to the dialog', async () => {
  const { backend, backupProject, restoreBackup } = await ready();
  backend.answer('project.backup', () => ({ path: '/tmp/p backups/p 1.crosscheck', pages: 3 }));
  assert.deepEqual(await backupProject(), { ok: true, value: '/tmp/p backups/p 1.crosscheck' });
  backend.answer('project.restore', ({ path }) => {
    throw new Error(`${path} is not a Crosscheck project`);
  });
  assert.deepEqual(await restoreBackup('/tmp/x'), { ok: false, error: '/tmp/x is not a Crosscheck project' });
  // A restore that ran counts what the project holds now, for the dialog to say what it restored.
  backend.answer('project.restore', ({ path }) => ({ restoredFrom: path, safetyBackup: '/tmp/p backups/before.crosscheck' }));
  backend.answer('stats.get', () => ({ documents: 5, annotations: 12, byLabel: {}, links: 0, clusters: 0 }) as never);
  const r = await restoreBackup('/tmp/p backups/p 1.crosscheck');
  assert.ok(r.ok);
  assert.deepEqual([r.value.restoredFrom, r.value.stats.documents, r.value.stats.annotations], ['/tmp/p backups/p 1.crosscheck', 5, 12]);
});

/** A picked file with these bytes (or only a size, for files never read). */
const picked = (path: string, body: string | number): PickedFile => ({
  path,
  file: (typeof body === 'number' ? { size: body, arrayBuffer: () => Promise.reject(new Error('read')) } : new Blob([body])) as File,
});

test('import sends the files through import.files, skips oversized ones, reports and refreshes the list', async () => {
  const { backend, wb, importFiles } = await ready();
  const sent: string[][] = [];
  backend.answer('import.files', ({ files }) => {
    sent.push(files.map((f) => `${f.path}=${Buffer.from(f.data, 'base64').toString()}`));
    return { imported: files.map((f, i) => ({ path: f.path, id: 10 + i, title: f.path })), duplicates: [], skipped: [] };
  });
  const from = backend.calls.length;
  await importFiles([picked('a.txt', 'Alpha'), picked('huge.txt', 60 * 1024 * 1024), picked('b.txt', 'Beta')]);
  assert.deepEqual(sent, [['a.txt=Alpha', 'b.txt=Beta']]);
  assert.deepEqual(
    wb.state.report!.imported.map((i) => i.path),
    ['a.txt', 'b.txt'],
  );
  assert.equal(wb.state.report!.skipped[0].path, 'huge.txt');
  assert.equal(wb.state.importing, null);
  assert.ok(methods(backend.since(from)).includes('documents.ids'));
});

test('a failed import shows why and clears its progress', async () => {
  const { backend, wb, importFiles } = await ready();
  backend.answer('import.files', () => {
    throw new Error('disk full');
  });
  await importFiles([picked('a.txt', 'Alpha')]);
  assert.equal(wb.state.error, 'disk full');
  assert.equal(wb.state.importing, null);
  assert.equal(wb.state.report, null);
});

test('saving a label reloads the labels; a refused one says why and resolves false', async () => {
  const { backend, wb, saveLabel } = await ready();
  backend.answer('labels.create', () => ({ id: 3, name: 'figure', color: '#2fae6b', key: '3' }) as never);
  assert.equal(await saveLabel({ name: 'figure', color: '#2fae6b', key: '3' }), true);
  assert.equal(backend.calls.at(-1)![0], 'labels.list');
  backend.answer('labels.update', () => {
    throw new Error('a label named claim exists');
  });
  assert.equal(await saveLabel({ id: 2, name: 'claim', color: '#2fae6b', key: null }), false);
  assert.equal(wb.state.error, 'a label named claim exists');
});

test('views hold a backend that makes read calls only', async () => {
  const backend = fakeBackend();
  const full: Backend = { call: backend.call, on: () => () => undefined, kind: 'browser' };
  const reads: ReadBackend = full;
  assert.deepEqual(await reads.call('search.locate', { docId: 1, q: 'x' }), { ranges: [] });
  // Compile-time half of this test: `npm run typecheck` fails if a write becomes callable through `reads`.
  const writeThroughReads = () =>
    // @ts-expect-error clusters.rename changes the project: only the workbench's commands may call it.
    reads.call('clusters.rename', { id: 1, name: 'x' });
  assert.equal(typeof writeThroughReads, 'function');
});

test('of two opens asked in quick succession the last one asked is shown, whatever order the answers come in', async () => {
  const { backend, wb, openDoc } = await ready();
  const [, second, third] = wb.state.docIds;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  backend.answer('documents.get', async ({ id }) => {
    if (id === second) await gate; // the first asked answers last
    return doc(id);
  });
  const slow = openDoc(second);
  await openDoc(third);
  assert.equal(wb.state.doc?.id, third);
  release();
  await slow;
  assert.equal(wb.state.doc?.id, third, 'the older answer did not replace the newer');
});
