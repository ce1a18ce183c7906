import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reducer, selectedAnnotation, withAnnotation, type Action, type WorkbenchState } from '../../renderer/app/workbench';
import { mulberry32, randomInt } from '../../common/random';
import type { Annotation, Label, LinkType, ProjectInfo } from '../../common/model';
import { ann, doc, listed, rowOf, summary } from '../fixtures';

const label = (id: number, name: string): Label => ({ id, name, color: '#1f77b4', key: String(id) }) as Label;
const project = { name: 'p', path: '/p.crosscheck', readOnly: false, schemaVersion: 1 } as unknown as ProjectInfo;

const run = (s: WorkbenchState, ...actions: Action[]) => actions.reduce(reducer, s);

/** Document 1 open with two claims (label 1) and a speaker (label 2); the list counts them. */
const opened = () =>
  run(
    initialState,
    ...listed(summary(1, { 1: 2, 2: 1 }), summary(2, { 1: 4 })),
    { type: 'opened', doc: doc(1), annotations: [ann(3, { start: 40, end: 45 }), ann(1, { start: 10, end: 20 }), ann(2, { labelId: 2, start: 10, end: 15 })] },
  );
const countsOf = (s: WorkbenchState, id: number) => rowOf(s, id)!.counts;

test('opening a document sorts its annotations by position (longer first at the same start) and clears the selection', () => {
  const s = run(opened(), { type: 'select', id: 3 }, { type: 'opened', doc: doc(1), annotations: opened().annotations });
  assert.deepEqual(
    s.annotations.map((a) => a.id),
    [1, 2, 3],
  );
  assert.equal(s.selectedId, null);
  assert.equal(s.view, 'documents');
});

test('a new annotation counts once for its label; the same one upserted again does not count twice', () => {
  let s = run(opened(), { type: 'upsert', annotation: ann(7, { start: 30, end: 35 }), select: true });
  assert.deepEqual(countsOf(s, 1), { 1: 3, 2: 1 });
  assert.equal(s.selectedId, 7);
  assert.deepEqual(
    s.annotations.map((a) => a.id),
    [1, 2, 7, 3],
  );
  s = run(s, { type: 'upsert', annotation: ann(7, { start: 30, end: 35, note: 'checked' }) });
  assert.deepEqual(countsOf(s, 1), { 1: 3, 2: 1 });
  assert.equal(s.annotations.find((a) => a.id === 7)!.note, 'checked');
  assert.deepEqual(countsOf(s, 2), { 1: 4 });
});

test('changing an annotation\'s label moves its count from the old label to the new one', () => {
  const s = run(opened(), { type: 'upsert', annotation: ann(1, { start: 10, end: 20, labelId: 2 }) });
  assert.deepEqual(countsOf(s, 1), { 1: 1, 2: 2 });
  assert.equal(s.annotations.length, 3);
});

test('removing an annotation takes its count away and its selection with it; an unknown id changes no count', () => {
  let s = run(opened(), { type: 'select', id: 2 }, { type: 'removed', id: 2 });
  assert.deepEqual(countsOf(s, 1), { 1: 2, 2: 0 });
  assert.equal(s.selectedId, null);
  assert.deepEqual(
    s.annotations.map((a) => a.id),
    [1, 3],
  );
  s = run(s, { type: 'select', id: 1 }, { type: 'removed', id: 99 });
  assert.deepEqual(countsOf(s, 1), { 1: 2, 2: 0 });
  assert.equal(s.selectedId, 1);
});

test('a count never goes below zero, even when the list was stale', () => {
  const s = run(
    initialState,
    ...listed(summary(1, {})),
    { type: 'opened', doc: doc(1), annotations: [ann(1)] },
    { type: 'removed', id: 1 },
  );
  assert.deepEqual(countsOf(s, 1), { 1: 0 });
});

test('an annotation made in another document counts there but does not join the open one', () => {
  const s = run(opened(), { type: 'upsert', annotation: ann(8, { docId: 2 }), select: true });
  assert.deepEqual(countsOf(s, 2), { 1: 5 });
  assert.equal(s.annotations.some((a) => a.id === 8), false);
  assert.equal(s.selectedId, null);
});

test('a search answer to an older query is ignored; the answer to what is typed now is kept', () => {
  let s = run(initialState, { type: 'searchQuery', q: 'mos' }, { type: 'searchQuery', q: 'mosul' });
  assert.equal(s.search.busy, true);
  const stale = run(s, { type: 'searchHits', q: 'mos', hits: [{ docId: 1 } as never] });
  assert.equal(stale, s);
  s = run(s, { type: 'searchHits', q: 'mosul', hits: [{ docId: 2 } as never] });
  assert.deepEqual(s.search, { q: 'mosul', hits: [{ docId: 2 }], busy: false });
  // A late answer to the old query after the new one landed changes nothing either.
  assert.equal(run(s, { type: 'searchHits', q: 'mos', hits: [] }), s);
  // Typing on keeps the hits on screen until the new answer; clearing the box drops them.
  assert.deepEqual(run(s, { type: 'searchQuery', q: 'mosul ' }).search.hits, [{ docId: 2 }]);
  assert.deepEqual(run(s, { type: 'searchQuery', q: '  ' }).search, { q: '  ', hits: [], busy: false });
});

test('revealing the same place twice makes two distinct requests; selecting without reveal keeps the last one', () => {
  const s1 = run(opened(), { type: 'select', id: 3, reveal: true });
  const s2 = run(s1, { type: 'select', id: 3, reveal: true });
  assert.equal(s1.reveal!.cp, 40);
  assert.equal(s2.reveal!.cp, 40);
  assert.notEqual(s1.reveal!.seq, s2.reveal!.seq);
  assert.notDeepEqual(s1.reveal, s2.reveal);
  const s3 = run(s2, { type: 'select', id: 1 });
  assert.equal(s3.reveal, s2.reveal);
  // Nothing to reveal for an annotation that is not in the open document.
  assert.equal(run(s2, { type: 'select', id: 42, reveal: true }).reveal, s2.reveal);
});

test('reveal requests stay distinct across documents: opening with a target counts on from the last request', () => {
  const a = run(opened(), { type: 'opened', doc: doc(2), annotations: [], reveal: 12 });
  const b = run(a, { type: 'opened', doc: doc(1), annotations: [] }, { type: 'opened', doc: doc(2), annotations: [], reveal: 12 });
  assert.deepEqual(a.reveal, { cp: 12, seq: 1 });
  assert.deepEqual(b.reveal, { cp: 12, seq: 2 });
  assert.equal(run(a, { type: 'opened', doc: doc(1), annotations: [] }).reveal, null);
});

test('the reducer is pure: the same state and action give equal results, and the state given is not changed', () => {
  const s = opened();
  const frozen = structuredClone(s);
  const actions: Action[] = [
    { type: 'select', id: 3, reveal: true },
    { type: 'upsert', annotation: ann(9), select: true },
    { type: 'removed', id: 1 },
    { type: 'relinked' },
    { type: 'toggleLabel', labelId: 2 },
    { type: 'sort', by: 'title' },
    { type: 'exportStarted', jobId: 'j' },
  ];
  for (const a of actions) assert.deepEqual(reducer(s, a), reducer(s, a), a.type);
  assert.deepEqual(s, frozen);
});

test('relinked bumps linkSeq and replaces the annotations only when given', () => {
  const s = opened();
  const a = run(s, { type: 'relinked' });
  assert.equal(a.linkSeq, s.linkSeq + 1);
  assert.equal(a.annotations, s.annotations);
  const b = run(a, { type: 'relinked', annotations: [ann(5, { start: 50 }), ann(4, { start: 1 })] });
  assert.equal(b.linkSeq, s.linkSeq + 2);
  assert.deepEqual(
    b.annotations.map((x) => x.id),
    [4, 5],
  );
  assert.equal(run(s, { type: 'linkTypes', linkTypes: [] as LinkType[] }).linkSeq, s.linkSeq + 1);
});

test('export progress follows its own job until the answer; late or foreign progress is ignored; a failure clears it', () => {
  let s = run(initialState, { type: 'exportStarted', jobId: 'a' });
  assert.deepEqual(s.exporting, { jobId: 'a', done: 0, total: 0, running: true });
  s = run(s, { type: 'exportProgress', jobId: 'a', done: 5, total: 20 }, { type: 'exportProgress', jobId: 'b', done: 19, total: 20 });
  assert.deepEqual(s.exporting, { jobId: 'a', done: 5, total: 20, running: true });
  s = run(s, { type: 'exportEnded', jobId: 'a', documents: 20 }, { type: 'exportProgress', jobId: 'a', done: 12, total: 20 });
  assert.deepEqual(s.exporting, { jobId: 'a', done: 20, total: 20, running: false });
  assert.equal(run(s, { type: 'exportEnded', jobId: 'b', documents: null }), s);
  const failed = run(s, { type: 'exportStarted', jobId: 'c' }, { type: 'exportEnded', jobId: 'c', documents: null });
  assert.equal(failed.exporting, null);
});

test('the sort flips direction on the same column and starts ascending on another', () => {
  const a = run(initialState, { type: 'sort', by: 'imported' });
  assert.deepEqual(a.sort, { by: 'imported', dir: 'desc' });
  assert.deepEqual(run(a, { type: 'sort', by: 'imported' }).sort, { by: 'imported', dir: 'asc' });
  assert.deepEqual(run(a, { type: 'sort', by: 'title' }).sort, { by: 'title', dir: 'asc' });
});

test('a project load starts afresh but keeps the sort; marking done updates the list and the open document', () => {
  const labels = [label(1, 'claim'), label(2, 'speaker')];
  let s = run(opened(), { type: 'sort', by: 'title' }, { type: 'project', project, labels, linkTypes: [] });
  assert.equal(s.doc, null);
  assert.deepEqual([s.docIds, s.docRows.size, s.docsTotal], [[], 0, 0]);
  assert.deepEqual(s.sort, { by: 'title', dir: 'asc' });
  assert.deepEqual(s.labels, labels);
  s = run(opened(), { type: 'docDone', id: 1, done: true });
  assert.equal(s.doc!.done, true);
  assert.equal(rowOf(s, 1)!.done, true);
  assert.equal(rowOf(s, 2)!.done, false);
});

test('hiding a label toggles it; closing a document clears what belonged to it', () => {
  let s = run(opened(), { type: 'toggleLabel', labelId: 2 }, { type: 'toggleLabel', labelId: 1 });
  assert.deepEqual(s.hiddenLabels, [2, 1]);
  s = run(s, { type: 'toggleLabel', labelId: 2 });
  assert.deepEqual(s.hiddenLabels, [1]);
  s = run(s, { type: 'select', id: 1 });
  assert.equal(selectedAnnotation(s)?.id, 1);
  s = run(s, { type: 'closed' });
  assert.deepEqual([s.doc, s.annotations, s.selectedId, s.matches], [null, [], null, []]);
  assert.equal(selectedAnnotation(s), null);
});

test('projectSeq moves on an import report and an outside change, not on a list refresh (the annotators reload on it)', () => {
  const relisted = reducer(initialState, { type: 'docIds', ids: [] });
  assert.equal(relisted.projectSeq, initialState.projectSeq, 'a sort or filter reloads the list only');
  const imported = reducer(relisted, { type: 'report', report: { imported: [], duplicates: [], skipped: [] } });
  assert.equal(imported.projectSeq, relisted.projectSeq + 1);
  assert.equal(reducer(imported, { type: 'projectChanged' }).projectSeq, imported.projectSeq + 1);
});

test('a tag puts the annotation where sorting the whole list again would: bisection and a full sort agree', () => {
  const rnd = mulberry32(15);
  const byPosition = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || a.id - b.id;
  for (let round = 0; round < 200; round++) {
    // Few distinct offsets, so equal starts and equal spans (told apart by end, then id) are common.
    const span = (id: number) => {
      const start = randomInt(rnd, 0, 8);
      return ann(id, { start, end: start + randomInt(rnd, 1, 4) });
    };
    const sorted = Array.from({ length: randomInt(rnd, 0, 30) }, (_, i) => span(i + 1)).sort(byPosition);
    // A new annotation, or one of the list again with other offsets (a relabel or an undo of a resize).
    const x = sorted.length && rnd() < 0.5 ? { ...span(sorted[randomInt(rnd, 0, sorted.length - 1)].id), labelId: 2 } : span(100 + round);
    const expected = [...sorted.filter((y) => y.id !== x.id), x].sort(byPosition);
    assert.deepEqual(withAnnotation(sorted, x), expected);
  }
  const one = [ann(1, { start: 10, end: 20 })];
  assert.deepEqual(withAnnotation(one, ann(1, { start: 10, end: 20 })), one, 'the same annotation again stays once');
  assert.deepEqual(
    withAnnotation(one, ann(2, { start: 10, end: 30 })).map((a) => a.id),
    [2, 1],
    'at the same start, the longer span first',
  );
});
