import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, emptyHistory, historyReducer, inverse, HISTORY_LIMIT, type Change } from './history';
import type { Annotation } from '../../common/model';

const ann = (id: number, over: Partial<Annotation> = {}): Annotation => ({
  id,
  docId: 1,
  labelId: 1,
  start: 0,
  end: 5,
  text: 'hello',
  note: '',
  attributes: {},
  createdAt: 't',
  updatedAt: 't',
  ...over,
});

test('record clears redo and undo/redo move one entry each way', () => {
  const c1: Change = { kind: 'create', annotation: ann(1) };
  const c2: Change = { kind: 'delete', annotation: ann(2) };
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

test('inverse swaps create/delete and before/after', () => {
  const a = ann(3);
  const b = ann(3, { labelId: 2, note: 'n' });
  assert.deepEqual(inverse({ kind: 'create', annotation: a }), { kind: 'delete', annotation: a });
  assert.deepEqual(inverse({ kind: 'update', before: a, after: b }), { kind: 'update', before: b, after: a });
  assert.deepEqual(inverse(inverse({ kind: 'delete', annotation: a })), { kind: 'delete', annotation: a });
});

test('applyChange restores under the same id and sends the full "after" state of an update', async () => {
  const calls: [string, unknown][] = [];
  const call = (async (m: string, args: unknown) => {
    calls.push([m, args]);
    return m === 'annotations.delete' ? { deleted: ann(5) } : ann(5);
  }) as never;
  await applyChange(call, { kind: 'create', annotation: ann(5) });
  await applyChange(call, { kind: 'delete', annotation: ann(5) });
  await applyChange(call, { kind: 'update', before: ann(5), after: ann(5, { labelId: 3, note: 'x', attributes: { unit: 'killed' } }) });
  assert.deepEqual(calls[0], ['annotations.restore', { annotation: ann(5) }]);
  assert.deepEqual(calls[1], ['annotations.delete', { id: 5 }]);
  assert.deepEqual(calls[2], [
    'annotations.update',
    { id: 5, labelId: 3, start: 0, end: 5, note: 'x', attributes: { unit: 'killed' } },
  ]);
});
