import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, docOf, emptyHistory, historyReducer, inverse, HISTORY_LIMIT, type Change, type History } from '../../renderer/state/history';
import type { Annotation } from '../../common/model';
import { ann, link } from '../fixtures';

/** A fake contract that records calls and answers like the backend would. */
function recorder(opts: { failOn?: string } = {}) {
  const calls: [string, unknown][] = [];
  const call = (async (m: string, args: Record<string, unknown>) => {
    calls.push([m, args]);
    if (m === opts.failOn) throw new Error(`${m} failed`);
    if (m === 'annotations.delete') return { deleted: ann(args.id as number), links: [], clusterName: null, effect: { moved: [] } };
    if (m === 'annotations.restore') return { annotation: args.annotation, effect: { moved: [] } };
    if (m === 'links.delete') return { deleted: link(args.id as number), clusterNames: [{ annotationId: 1, name: 'Rudskoy' }], effect: { moved: [] } };
    if (m === 'annotations.update') return { ...ann(args.id as number, args as Partial<Annotation>), updatedAt: 'stored' };
    return {};
  }) as never;
  return { calls, call };
}

/** Freezes a value and everything inside it, so that a test fails if code under test writes into it. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const record = (h: History, change: Change) => historyReducer(h, { type: 'record', change });

test('record clears redo and undo/redo move one entry each way', () => {
  const c1: Change = { kind: 'create', annotation: ann(1) };
  const c2: Change = { kind: 'delete', annotation: ann(2), links: [], clusterName: null };
  let h = record(record(emptyHistory, c1), c2);
  h = historyReducer(h, { type: 'undone', redo: c2 });
  assert.deepEqual(h, { past: [c1], future: [c2] });
  h = historyReducer(h, { type: 'redone', done: c2 });
  assert.deepEqual(h, { past: [c1, c2], future: [] });
  h = historyReducer(h, { type: 'undone', redo: c2 });
  h = record(h, c1);
  assert.deepEqual(h, { past: [c1, c1], future: [] });
});

test('a new change after two undos drops both redos; redo after undo takes the latest undone first', () => {
  const c = (id: number): Change => ({ kind: 'create', annotation: ann(id) });
  let h = record(record(record(emptyHistory, c(1)), c(2)), c(3));
  h = historyReducer(h, { type: 'undone', redo: c(3) });
  h = historyReducer(h, { type: 'undone', redo: c(2) });
  assert.deepEqual(h.future, [c(3), c(2)]);
  const redone = historyReducer(h, { type: 'redone', done: c(2) });
  assert.deepEqual(redone, { past: [c(1), c(2)], future: [c(3)] });
  const branched = record(h, c(9));
  assert.deepEqual(branched, { past: [c(1), c(9)], future: [] });
});

test('undone and redone keep the entry as it was applied, not the one recorded before', () => {
  const recorded: Change = { kind: 'link', links: [link(4)] };
  const learned: Change = { kind: 'link', links: [link(4)], clusterNames: [{ annotationId: 1, name: 'Rudskoy' }] };
  const h = historyReducer(record(emptyHistory, recorded), { type: 'undone', redo: learned });
  assert.equal(h.future[0], learned);
  assert.equal(historyReducer(h, { type: 'redone', done: recorded }).past[0], recorded);
});

test('undo or redo with nothing to move is a no-op; clear empties; the past is capped', () => {
  const c: Change = { kind: 'create', annotation: ann(1) };
  assert.equal(historyReducer(emptyHistory, { type: 'undone', redo: c }), emptyHistory);
  assert.equal(historyReducer(emptyHistory, { type: 'redone', done: c }), emptyHistory);
  assert.equal(historyReducer(record(emptyHistory, c), { type: 'clear' }), emptyHistory);
  let h = emptyHistory;
  for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = record(h, { kind: 'create', annotation: ann(i + 1) });
  assert.equal(h.past.length, HISTORY_LIMIT);
  assert.equal((h.past[0] as { annotation: Annotation }).annotation.id, 11);
});

test('the reducer never changes the history it is given', () => {
  const c: Change = { kind: 'create', annotation: ann(1) };
  const h = deepFreeze(record(record(emptyHistory, c), c));
  const before = structuredClone(h);
  historyReducer(h, { type: 'undone', redo: c });
  historyReducer(h, { type: 'redone', done: c });
  historyReducer(h, { type: 'record', change: c });
  assert.deepEqual(h, before);
});

test('inverse swaps create/delete (links and cluster name travel along), link/unlink, before/after; batches reverse', () => {
  const a = ann(3);
  const b = ann(3, { labelId: 2, note: 'n' });
  const del: Change = { kind: 'delete', annotation: a, links: [link(7, 3, 4)], clusterName: 'Rudskoy' };
  assert.deepEqual(inverse(del), { kind: 'create', annotation: a, links: [link(7, 3, 4)], clusterName: 'Rudskoy' });
  assert.deepEqual(inverse(inverse(del)), del);
  assert.deepEqual(inverse({ kind: 'update', before: a, after: b }), { kind: 'update', before: b, after: a });
  assert.deepEqual(inverse({ kind: 'rename', clusterId: 1, before: 'x', after: 'y' }), { kind: 'rename', clusterId: 1, before: 'y', after: 'x' });
  assert.deepEqual(inverse({ kind: 'dismiss', annotationId: 1, key: 'a:2' }), { kind: 'undismiss', annotationId: 1, key: 'a:2' });
  assert.deepEqual(inverse({ kind: 'undismiss', annotationId: 1, key: 'a:2' }), { kind: 'dismiss', annotationId: 1, key: 'a:2' });
  const names = [{ annotationId: 3, name: 'Rudskoy' }];
  assert.deepEqual(inverse({ kind: 'unlink', links: [link(9)], clusterNames: names }), { kind: 'link', links: [link(9)], clusterNames: names });
  const batch: Change = { kind: 'batch', changes: [{ kind: 'create', annotation: a }, { kind: 'link', links: [link(9)] }] };
  assert.deepEqual(inverse(batch), {
    kind: 'batch',
    changes: [
      { kind: 'unlink', links: [link(9)], clusterNames: undefined },
      { kind: 'delete', annotation: a, links: [], clusterName: null },
    ],
  });
});

test('applyChange: restore keeps ids and links, deletes report links, an update keeps what the backend stored', async () => {
  const { calls, call } = recorder();
  const r1 = await applyChange(call, { kind: 'create', annotation: ann(5), links: [link(8, 5, 6)], clusterName: 'Rudskoy' });
  assert.deepEqual(calls[0], ['annotations.restore', { annotation: ann(5), links: [link(8, 5, 6)], clusterName: 'Rudskoy' }]);
  assert.deepEqual(r1.applied, { removed: [], upserted: [ann(5)], relinked: true });
  const r2 = await applyChange(call, { kind: 'delete', annotation: ann(5), links: [], clusterName: null });
  assert.deepEqual(calls[1], ['annotations.delete', { id: 5 }]);
  assert.deepEqual(r2.applied, { removed: [5], upserted: [], relinked: false });
  const update: Change = { kind: 'update', before: ann(5), after: ann(5, { labelId: 3, note: 'x', attributes: { unit: 'killed' } }) };
  const r3 = await applyChange(call, update);
  assert.deepEqual(calls[2], ['annotations.update', { id: 5, labelId: 3, start: 0, end: 5, note: 'x', attributes: { unit: 'killed' } }]);
  assert.equal(r3.applied.upserted[0].note, 'x');
  assert.equal((r3.done as { after: Annotation }).after.updatedAt, 'stored');
  assert.equal((update as { after: Annotation }).after.updatedAt, 't');
});

test('applyChange: an unlink learns the cluster names it dissolved into the change it returns, leaving the given one as it was', async () => {
  const { calls, call } = recorder();
  const unlink = deepFreeze<Change>({ kind: 'unlink', links: [link(8), link(9)] });
  const { applied, done } = await applyChange(call, unlink);
  assert.deepEqual(applied, { removed: [], upserted: [], relinked: true });
  assert.deepEqual(unlink, { kind: 'unlink', links: [link(8), link(9)] });
  assert.deepEqual(done, {
    kind: 'unlink',
    links: [link(8), link(9)],
    clusterNames: [
      { annotationId: 1, name: 'Rudskoy' },
      { annotationId: 1, name: 'Rudskoy' },
    ],
  });
  // Its inverse re-forms the clusters under those names.
  await applyChange(call, inverse(done));
  assert.deepEqual(calls.at(-1), ['links.restore', { links: [link(8), link(9)], clusterNames: done.kind === 'unlink' ? done.clusterNames : [] }]);
  // Names it already held are kept: they are the ones from before anything was dissolved.
  const named = deepFreeze<Change>({ kind: 'unlink', links: [link(8)], clusterNames: [{ annotationId: 2, name: 'Old' }] });
  assert.equal((await applyChange(call, named)).done, named);
});

test('applyChange: rename, dismiss and undismiss each make their one call and ask the views to reload', async () => {
  const { calls, call } = recorder();
  for (const c of [
    { kind: 'rename', clusterId: 4, before: 'Old', after: 'New' },
    { kind: 'dismiss', annotationId: 2, key: 'a:3' },
    { kind: 'undismiss', annotationId: 2, key: 'a:3' },
  ] as Change[]) {
    const r = await applyChange(call, c);
    assert.equal(r.applied.relinked, true);
    assert.equal(r.done, c);
  }
  assert.deepEqual(calls, [
    ['clusters.rename', { id: 4, name: 'New' }],
    ['suggest.dismiss', { id: 2, key: 'a:3' }],
    ['suggest.undismiss', { id: 2, key: 'a:3' }],
  ]);
});

test('a batch applies in order and collects every effect; docOf finds the document a change touches', async () => {
  const { calls, call } = recorder();
  const batch: Change = { kind: 'batch', changes: [{ kind: 'create', annotation: ann(5, { docId: 4 }) }, { kind: 'link', links: [link(9, 1, 5)] }] };
  const r = await applyChange(call, batch);
  assert.deepEqual(calls.map((c) => c[0]), ['annotations.restore', 'links.restore']);
  assert.equal(r.applied.relinked, true);
  assert.deepEqual(r.done, batch);
  assert.equal(docOf(batch), 4);
  assert.equal(docOf({ kind: 'update', before: ann(1, { docId: 6 }), after: ann(1, { docId: 6 }) }), 6);
  assert.equal(docOf({ kind: 'link', links: [link(1)] }), null);
  assert.equal(docOf({ kind: 'batch', changes: [{ kind: 'link', links: [link(1)] }] }), null);
});

test('the inverse of a batch undoes it call by call in reverse order', async () => {
  const { calls, call } = recorder();
  const batch: Change = {
    kind: 'batch',
    changes: [
      { kind: 'create', annotation: ann(5) },
      { kind: 'link', links: [link(9, 1, 5)] },
    ],
  };
  await applyChange(call, inverse(batch));
  assert.deepEqual(calls, [
    ['links.delete', { id: 9 }],
    ['annotations.delete', { id: 5 }],
  ]);
});

test('a failing call stops a batch there and throws; the calls before it were made', async () => {
  const { calls, call } = recorder({ failOn: 'links.restore' });
  const batch: Change = {
    kind: 'batch',
    changes: [
      { kind: 'create', annotation: ann(5) },
      { kind: 'link', links: [link(9)] },
      { kind: 'rename', clusterId: 1, before: 'a', after: 'b' },
    ],
  };
  await assert.rejects(applyChange(call, batch), /links.restore failed/);
  assert.deepEqual(calls.map((c) => c[0]), ['annotations.restore', 'links.restore']);
});
