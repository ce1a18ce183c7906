import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../../common/model';
import type { ProposalsDecided } from '../../../common/proposals';
import { fakeBackend, workbenchOn } from '../../app/fakeBackend';

/** A fake backend that accepts proposal 500 (in document 1) into the analyst's layer as a new span each time. */
function withProposals() {
  const backend = fakeBackend();
  let next = 900;
  backend.answer('proposals.decide', ({ ids, decision }): ProposalsDecided => {
    const created: Annotation[] =
      decision === 'accept'
        ? ids.map((): Annotation => {
            const a: Annotation = { id: ++next, docId: 1, labelId: 2, start: 3, end: 9, text: 'Rudsko', note: '', attributes: {}, clusterId: null, createdAt: 'c', updatedAt: 'u', annotatorId: 1 };
            backend.annotations.set(a.id, a);
            return a;
          })
        : [];
    return { created, links: [], decisions: ids.map(() => ({ docId: 1, labelId: 2, start: 3, end: 9, annotatorId: 1, decision: decision === 'accept' ? 'accepted' : 'rejected' })) };
  });
  backend.answer('proposals.undo', ({ created = [] }) => {
    for (const id of created) backend.annotations.delete(id);
    return { ok: true };
  });
  // As services/preannotate/decide.ts: the same spans back under their ids.
  backend.answer('proposals.redo', ({ created = [], links = [], decisions = [] }): ProposalsDecided => {
    for (const a of created) backend.annotations.set(a.id, { ...a, clusterId: a.clusterId ?? null });
    return { created: created.map((a) => ({ ...a, clusterId: a.clusterId ?? null })), links, decisions };
  });
  return backend;
}

test('accepting a proposal adds the span (selected) and one undo entry; Ctrl+Z takes back exactly it; redo puts the same span back', async () => {
  const backend = withProposals();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(1);
  const from = backend.calls.length;
  const r = await wb.commands.decideProposals([500], 'accept');
  assert.equal(r?.created.length, 1);
  const first = r!.created[0].id;
  assert.deepEqual(wb.state.annotations.map((a) => a.id), [first]);
  assert.equal(wb.state.selectedId, first);
  assert.equal(wb.history.past.length, 1);

  await wb.commands.undo();
  assert.equal(wb.state.annotations.length, 0);
  await wb.commands.redo();
  assert.deepEqual(wb.state.annotations.map((a) => a.id), [first], 'redone under the same id');
  await wb.commands.undo();
  assert.equal(wb.state.annotations.length, 0);

  const decisions = [{ docId: 1, labelId: 2, start: 3, end: 9, annotatorId: 1, decision: 'accepted' }];
  const sent = backend.since(from).filter(([m]) => m.startsWith('proposals.'));
  assert.deepEqual(sent, [
    ['proposals.decide', { ids: [500], decision: 'accept' }],
    ['proposals.undo', { created: [first], decisions }],
    ['proposals.redo', { created: [r!.created[0]], links: [], decisions }],
    ['proposals.undo', { created: [first], decisions }],
  ]);
});

test('accept → edit the accepted span\'s note → undo → undo → redo → redo: the note edit applies again to the same span', async () => {
  const backend = withProposals();
  // As the real backend: an update of a span that is not there fails (it did, when redo made a new id).
  backend.answer('annotations.update', ({ id, note }) => {
    const a = backend.annotations.get(id);
    if (!a) throw new Error(`Annotation ${id} does not exist.`);
    const b = { ...a, note: note ?? a.note, updatedAt: `u-${note}` };
    backend.annotations.set(id, b);
    return b;
  });
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(1);
  const r = await wb.commands.decideProposals([500], 'accept');
  const id = r!.created[0].id;
  await wb.commands.update(id, { note: 'checked against the UN count' });
  assert.equal(wb.history.past.length, 2);
  const note = () => wb.state.annotations.find((a) => a.id === id)?.note;
  assert.equal(note(), 'checked against the UN count');

  await wb.commands.undo();
  assert.equal(note(), '');
  await wb.commands.undo();
  assert.equal(wb.state.annotations.length, 0);
  await wb.commands.redo();
  assert.deepEqual(wb.state.annotations.map((a) => a.id), [id]);
  await wb.commands.redo();
  assert.equal(wb.state.error, null, 'no failure shown');
  assert.equal(note(), 'checked against the UN count');
  assert.equal(backend.annotations.get(id)?.note, 'checked against the UN count');
  assert.deepEqual([wb.history.past.length, wb.history.future.length], [2, 0]);
});

test('rejecting records the decision only; a failed decision shows in the toast and records nothing', async () => {
  const backend = withProposals();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  await wb.commands.openDoc(1);
  const r = await wb.commands.decideProposals([500], 'reject');
  assert.deepEqual(r?.created, []);
  assert.equal(wb.history.past.length, 1);
  backend.answer('proposals.decide', () => {
    throw new Error('7 is not a proposal (an auto span)');
  });
  assert.equal(await wb.commands.decideProposals([7], 'accept'), null);
  assert.equal(wb.state.error, '7 is not a proposal (an auto span)');
  assert.equal(wb.history.past.length, 1);
  assert.equal(await wb.commands.decideProposals([], 'accept'), null, 'nothing asked, nothing done');
});

test('a run and a propagation tell the views to reload (projectSeq), and a run reports progress under its job id', async () => {
  const backend = withProposals();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const report = { documents: 5, proposals: { figure: 3 }, links: {}, skipped: {}, cancelled: false, notes: [] };
  backend.answer('preannotate.run', () => report);
  backend.answer('proposals.propagate', () => ({ proposals: 7, documents: 4 }));
  const seq = wb.state.projectSeq;
  const job = wb.commands.startPreannotate({ docs: { kind: 'all' } });
  assert.deepEqual(await job.result, { ok: true, value: report });
  assert.deepEqual(backend.calls.find(([m]) => m === 'preannotate.run')![1], { docs: { kind: 'all' }, jobId: job.jobId });
  assert.equal(wb.state.projectSeq, seq + 1);
  assert.deepEqual(await wb.commands.propagate(12), { ok: true, value: { proposals: 7, documents: 4 } });
  assert.equal(wb.state.projectSeq, seq + 2);
});
