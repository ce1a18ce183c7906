/**
 * A done filter and a document marked done under it (tester's report, issue 15): the row stays where it is, and the
 * count beside "Documents" says what the filter keeps now, with how many were marked since it was applied.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentFilter } from '../../../common/model';
import { initialState, reducer, type Action, type WorkbenchState } from '../../../renderer/app/workbench';
import { listed, summary } from '../../fixtures';
import { documentsCountText, unfittingRows, unfittingText } from '../../../renderer/features/documents/DocumentsCount';

const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reducer, s);
/** What the pane title works out for `s`: the unfitting rows of the list, and the count then shown. */
const header = (s: WorkbenchState) => {
  const listedIds = new Set(s.docIds);
  const unfitting = unfittingRows(s.docRows, s.docFilter, (id) => listedIds.has(id));
  return { unfitting, count: documentsCountText(s.docsTotal - (unfitting?.count ?? 0), s.docsLoading, true, 'en') };
};
const filtered = (filter: DocumentFilter, ...rows: ReturnType<typeof summary>[]) =>
  run(initialState, { type: 'docFilter', filter }, ...listed(...rows));
const doneRow = (id: number) => ({ ...summary(id), done: true, doneAt: '2026-11-30T10:00:00.000Z' });

test('"Not done": a document marked done keeps its row, and the count follows with how many were marked', () => {
  const s = filtered({ done: false }, summary(1), summary(2), summary(3));
  assert.deepEqual(header(s), { unfitting: null, count: '3 match the filter' });
  const marked = run(s, { type: 'docDone', id: 2, done: true });
  assert.deepEqual(marked.docIds, [1, 2, 3], 'the row stays where it was');
  assert.deepEqual(header(marked), { unfitting: { count: 1, change: 'marked done' }, count: '2 match the filter' });
  assert.equal(unfittingText(header(marked).unfitting!), '1 marked done since — refresh');
  // Marked not done again: it fits the filter again.
  assert.deepEqual(header(run(marked, { type: 'docDone', id: 2, done: false })), { unfitting: null, count: '3 match the filter' });
  // Applying the filter again: the backend's new list no longer has it, and nothing is left to say.
  assert.deepEqual(header(run(marked, { type: 'docFilter', filter: { done: false } }, { type: 'docIds', ids: [1, 3] })), {
    unfitting: null,
    count: '2 match the filter',
  });
});

test('"Done" and a done-day range: a document marked not done no longer fits', () => {
  const done = run(filtered({ done: true }, doneRow(4), doneRow(5)), { type: 'docDone', id: 5, done: false });
  assert.deepEqual(header(done), { unfitting: { count: 1, change: 'marked not done' }, count: '1 matches the filter' });
  const days = run(filtered({ doneFrom: '2026-11-30', doneTo: '2026-11-30' }, doneRow(4), doneRow(5)), { type: 'docDone', id: 4, done: false });
  assert.deepEqual(header(days).unfitting, { count: 1, change: 'marked not done' });
});

test('rows cached from an earlier list, and filters without a done term, count nothing', () => {
  // Scrolled under "Done or not" (row 9 done), then "Not done" keeps 1 and 2: row 9 is still cached, not listed.
  const before = run(initialState, ...listed(summary(1), summary(2), doneRow(9)));
  const s = run(before, { type: 'docFilter', filter: { done: false } }, { type: 'docIds', ids: [1, 2] });
  assert.equal(header(s).unfitting, null);
  const bySource = run(filtered({ source: 'RT' }, summary(1), summary(2)), { type: 'docDone', id: 1, done: true });
  assert.equal(header(bySource).unfitting, null);
  // While the new filter's ids are on their way the count is "…", whatever was marked.
  assert.equal(header(run(s, { type: 'docDone', id: 1, done: true }, { type: 'docFilter', filter: { done: false } })).count, '…');
});
