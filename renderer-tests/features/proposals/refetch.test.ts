import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../../common/model';
import type { Proposal } from '../../../common/proposals';
import { historyReducer, emptyHistory, HISTORY_LIMIT, type Change, type History } from '../../../renderer/state/history';
import { proposalsMayChange } from '../../../renderer/features/proposals/refetch';

const span = (id: number, start: number, end: number, labelId = 3): Annotation => ({
  id, docId: 1, labelId, start, end, text: 'x', note: '', attributes: {}, clusterId: null, createdAt: 'c', updatedAt: 'u', annotatorId: 1,
});
const proposal = (id: number, start: number, end: number, labelId = 3): Proposal => ({
  id, docId: 1, labelId, label: 'figure', start, end, text: 'x', attributes: {}, rule: 'r', confidence: 0.9,
});
const record = (h: History, change: Change) => historyReducer(h, { type: 'record', change });
const open = [proposal(500, 10, 20)];

test('a tag beside the open proposals leaves them as they are: no refetch', () => {
  const h1 = record(emptyHistory, { kind: 'create', annotation: span(1, 30, 40) });
  assert.equal(proposalsMayChange(emptyHistory, h1, open), false);
  const h2 = record(h1, { kind: 'create', annotation: span(2, 10, 20, 1) }); // same offsets, another label
  assert.equal(proposalsMayChange(h1, h2, open), false);
  assert.equal(proposalsMayChange(h2, h2, open), false);
});

test('a tag of a proposal’s very span closes it: refetch', () => {
  const h1 = record(emptyHistory, { kind: 'create', annotation: span(1, 10, 20) });
  assert.equal(proposalsMayChange(emptyHistory, h1, open), true);
});

test('undo, redo of a non-tag, decisions, deletes, relabels and a cleared history may change them: refetch', () => {
  const tag = record(emptyHistory, { kind: 'create', annotation: span(1, 30, 40) });
  const undone = historyReducer(tag, { type: 'undone', redo: { kind: 'delete', annotation: span(1, 30, 40), links: [], clusterName: null } });
  assert.equal(proposalsMayChange(tag, undone, open), true);
  const decided = record(tag, { kind: 'decide', ids: [500], decision: 'reject', decided: { created: [], links: [], decisions: [] } });
  assert.equal(proposalsMayChange(tag, decided, open), true);
  const deleted = record(tag, { kind: 'delete', annotation: span(1, 30, 40), links: [], clusterName: null });
  assert.equal(proposalsMayChange(tag, deleted, open), true);
  const relabelled = record(tag, { kind: 'update', before: span(1, 30, 40), after: span(1, 30, 40, 2) });
  assert.equal(proposalsMayChange(tag, relabelled, open), true);
  assert.equal(proposalsMayChange(tag, historyReducer(tag, { type: 'clear' }), open), true);
});

test('the redo of a tag is judged as the tag', () => {
  const tag = record(emptyHistory, { kind: 'create', annotation: span(1, 30, 40) });
  const undone = historyReducer(tag, { type: 'undone', redo: { kind: 'create', annotation: span(1, 30, 40) } });
  const redone = historyReducer(undone, { type: 'redone', done: { kind: 'create', annotation: span(1, 30, 40) } });
  assert.equal(proposalsMayChange(undone, redone, open), false);
  const onProposal = historyReducer(undone, { type: 'redone', done: { kind: 'create', annotation: span(1, 10, 20) } });
  assert.equal(proposalsMayChange(undone, onProposal, open), true);
});

test('a full history (its oldest entry dropped) still tells a tag apart', () => {
  let h = emptyHistory;
  for (let i = 0; i < HISTORY_LIMIT; i++) h = record(h, { kind: 'create', annotation: span(i + 1, 100 + i, 101 + i) });
  const next = record(h, { kind: 'create', annotation: span(9999, 30, 40) });
  assert.equal(next.past.length, h.past.length);
  assert.equal(proposalsMayChange(h, next, open), false);
  assert.equal(proposalsMayChange(h, record(h, { kind: 'create', annotation: span(9999, 10, 20) }), open), true);
});
