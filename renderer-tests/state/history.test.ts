import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, docOf, emptyHistory, historyReducer, inverse, HISTORY_LIMIT, type Change } from '../../renderer/state/history';
import type { Annotation, Link } from '../../common/model';

const ann = (id: number, over: Partial<Annotation> = {}): Annotation => ({
  id,
  docId: 1,
  labelId: 1,
  start: 0,
  end: 5,
  text: 'hello',
  note: '',
  attributes: {},
  clusterId: null,
  createdAt: 't',
  updatedAt: 't',
  ...over,
});
const link = (id: number, fromId = 1, toId = 2): Link => ({ id, fromId, toId, typeId: 1, createdAt: 't' });

/** A fake contract that records calls and answers like the backend would. */
function recorder() {
  const calls: [string, unknown][] = [];
  const call = (async (m: string, args: Record<string, unknown>) => {
    calls.push([m, args]);
    if (m === 'annotations.delete') return { deleted: ann(args.id as number), links: [], clusterName: null, effect: { moved: [] } };
    if (m === 'annotations.restore') return { annotation: args.annotation, effect: { moved: [] } };
    if (m === 'links.delete') return { deleted: link(args.id as number), clusterNames: [{ annotationId: 1, name: 'Rudskoy' }], effect: { moved: [] } };
    if (m === 'annotations.update') return ann(args.id as number, args as Partial<Annotation>);
    return {};
  }) as never;
  return { calls, call };
}

test('record clears redo and undo/redo move one entry each way', () => {
  const c1: Change = { kind: 'create', annotation: ann(1) };
  const c2: Change = { kind: 'delete', annotation: ann(2), links: [], clusterName: null };
  let h = historyReducer(emptyHistory, { type: 'record', change: c1 });
  h = historyReducer(h, { type: 'record', change: c2 });
  h = historyReducer(h, { type: 'undone' });
  assert.deepEqual(h, { past: [c1], future: [c2] });
  h = historyReducer(h, { type: 'redone' });
  assert.deepEqual(h, { past: [c1, c2], future: [] });
  h = historyReducer(h, { type: 'undone' });
  h = historyReducer(h, { type: 'record', change: c1 });
  assert.deepEqual(h.future, []);
});

test('undo on an empty history is a no-op, and the past is capped', () => {
  assert.equal(historyReducer(emptyHistory, { type: 'undone' }), emptyHistory);
  let h = emptyHistory;
  for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = historyReducer(h, { type: 'record', change: { kind: 'create', annotation: ann(i + 1) } });
  assert.equal(h.past.length, HISTORY_LIMIT);
  assert.equal((h.past[0] as { annotation: Annotation }).annotation.id, 11);
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
  const batch: Change = { kind: 'batch', changes: [{ kind: 'create', annotation: a }, { kind: 'link', links: [link(9)] }] };
  assert.deepEqual(inverse(batch), {
    kind: 'batch',
    changes: [
      { kind: 'unlink', links: [link(9)], clusterNames: undefined },
      { kind: 'delete', annotation: a, links: [], clusterName: null },
    ],
  });
});

test('applyChange: restore keeps ids and links, deletes report links, unlink remembers dissolved cluster names', async () => {
  const { calls, call } = recorder();
  const r1 = await applyChange(call, { kind: 'create', annotation: ann(5), links: [link(8, 5, 6)], clusterName: 'Rudskoy' });
  assert.deepEqual(calls[0], ['annotations.restore', { annotation: ann(5), links: [link(8, 5, 6)], clusterName: 'Rudskoy' }]);
  assert.deepEqual(r1, { removed: [], upserted: [ann(5)], relinked: true });
  const r2 = await applyChange(call, { kind: 'delete', annotation: ann(5), links: [], clusterName: null });
  assert.deepEqual(r2.removed, [5]);
  const unlink: Change = { kind: 'unlink', links: [link(8)] };
  await applyChange(call, unlink);
  assert.deepEqual((unlink as { clusterNames?: unknown }).clusterNames, [{ annotationId: 1, name: 'Rudskoy' }]);
  await applyChange(call, inverse(unlink));
  assert.deepEqual(calls[calls.length - 1], ['links.restore', { links: [link(8)], clusterNames: [{ annotationId: 1, name: 'Rudskoy' }] }]);
  const r3 = await applyChange(call, { kind: 'update', before: ann(5), after: ann(5, { labelId: 3, note: 'x', attributes: { unit: 'killed' } }) });
  assert.deepEqual(calls[calls.length - 1], ['annotations.update', { id: 5, labelId: 3, start: 0, end: 5, note: 'x', attributes: { unit: 'killed' } }]);
  assert.equal(r3.upserted[0].note, 'x');
});

test('a batch applies in order and collects every effect; docOf finds the document a change touches', async () => {
  const { calls, call } = recorder();
  const batch: Change = { kind: 'batch', changes: [{ kind: 'create', annotation: ann(5, { docId: 4 }) }, { kind: 'link', links: [link(9, 1, 5)] }] };
  const r = await applyChange(call, batch);
  assert.deepEqual(calls.map((c) => c[0]), ['annotations.restore', 'links.restore']);
  assert.equal(r.relinked, true);
  assert.equal(docOf(batch), 4);
  assert.equal(docOf({ kind: 'link', links: [link(1)] }), null);
});
