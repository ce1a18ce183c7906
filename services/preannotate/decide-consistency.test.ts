/**
 * Decisions that match what happened (issue 14, testers' faults): a reject after an accept, redo of decisions
 * nowhere proposed, forged ids and timestamps, redo past 10,000 links, decisions kept across a document's delete
 * and undo, one document read per accept, and the message on editing a proposal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject, type Project } from '../project.js';
import { createHandlers } from '../handlers.js';
import { dispatch, type Method, type Result } from '../../common/contract.js';
import { cpLength } from '../../common/offsets.js';
import { proposalsRepo } from '../../db/proposals.js';

function setup(t: { after(fn: () => void): void }, text = 'Gen. Rudskoy said “at least 60 civilians died” in Mosul.') {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text, length: cpLength(text) }, new Date().toISOString());
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  const label = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  const auto = p.annotators.ensure('auto', true);
  const repo = proposalsRepo(p.db);
  const put = (s: string, name: string, from = 0) => {
    const start = cpLength(text.slice(0, text.indexOf(s, from)));
    return repo.insertSpan({ docId: doc, labelId: label(name), start, end: start + cpLength(s), text: s, attributes: { rule: 'r', confidence: '0.9' } }, auto, new Date().toISOString());
  };
  return { p, doc, call, label, auto, repo, put };
}

test('rejecting a proposal after accepting it is refused (Conflict), and the record stays "accepted"', async (t) => {
  const { p, doc, call, put, repo } = setup(t);
  const figure = put('at least 60 civilians', 'figure');
  const accepted = await call('proposals.decide', { ids: [figure], decision: 'accept' });
  await assert.rejects(call('proposals.decide', { ids: [figure], decision: 'reject' }), { name: 'Conflict', message: /accepted already.*undo the accept first/ });
  const d = accepted.decisions[0];
  assert.equal(repo.decisionOf(doc, d, p.annotators.currentId()), 'accepted');
  // After undoing the accept, rejecting is what happened, and is recorded.
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  await call('proposals.decide', { ids: [figure], decision: 'reject' });
  assert.equal(repo.decisionOf(doc, d, p.annotators.currentId()), 'rejected');
});

test('redo refuses decisions where nothing was proposed (offsets 1e9, a place never proposed)', async (t) => {
  const { p, doc, call, label, put } = setup(t);
  put('Rudskoy', 'speaker');
  const me = p.annotators.currentId();
  const decision = (start: number, end: number) => ({ docId: doc, labelId: label('speaker'), start, end, annotatorId: me, decision: 'rejected' });
  await assert.rejects(call('proposals.redo', { decisions: [decision(1e9, 1e9 + 1)] }), { name: 'InvalidInput', message: /Nothing was proposed at 1000000000\.\.1000000001/ });
  await assert.rejects(call('proposals.redo', { decisions: [decision(0, 3)] }), { name: 'InvalidInput', message: /Nothing was proposed at 0\.\.3/ });
  assert.equal(p.db.prepare('SELECT COUNT(*) FROM proposal_decisions').pluck().get(), 0);
  // The proposal's own place is accepted.
  const ok = decision(5, 12);
  assert.deepEqual((await call('proposals.redo', { decisions: [ok] })).decisions, [ok]);
});

test('redo, annotations.restore and links.restore refuse ids the project never issued and timestamps that are not ISO', async (t) => {
  const { p, call, put } = setup(t);
  const claim = put('at least 60 civilians died', 'claim');
  const speaker = put('Rudskoy', 'speaker');
  const saidBy = p.links.types().find((x) => x.name === 'said-by')!.id;
  proposalsRepo(p.db).insertLink(claim, speaker, saidBy, p.annotators.idByName('auto')!, new Date().toISOString());
  const accepted = await call('proposals.decide', { ids: [claim, speaker], decision: 'accept' });
  assert.equal(accepted.links.length, 1);
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  const big = 9007199254740991;
  const forgedSpan = { ...accepted, created: [{ ...accepted.created[0], id: big }, accepted.created[1]], links: [] };
  await assert.rejects(call('proposals.redo', forgedSpan), { name: 'InvalidInput', message: /Annotation 9007199254740991 was never issued/ });
  const forgedLink = { ...accepted, links: [{ ...accepted.links[0], id: big }] };
  await assert.rejects(call('proposals.redo', forgedLink), { name: 'InvalidInput', message: /Link 9007199254740991 was never issued/ });
  await assert.rejects(call('proposals.redo', { ...accepted, created: [{ ...accepted.created[0], createdAt: 'x' }, accepted.created[1]] }), { name: 'InvalidInput', message: /"x" is not a timestamp/ });
  await assert.rejects(call('annotations.restore', { annotation: { ...accepted.created[0], id: big } }), { name: 'InvalidInput', message: /never issued/ });
  await assert.rejects(call('annotations.restore', { annotation: { ...accepted.created[0], updatedAt: 'x' } }), { name: 'InvalidInput' });
  // Nothing moved the counter: the next span gets the next small id, and the honest redo still works.
  const seq = () => p.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'annotations'").pluck().get() as number;
  assert.ok(seq() < 100);
  const redone = await call('proposals.redo', accepted);
  assert.deepEqual(redone.created.map((a) => a.id), accepted.created.map((a) => a.id));
  const d = await call('links.delete', { id: redone.links[0].id });
  await assert.rejects(call('links.restore', { links: [{ ...d.deleted, id: big }] }), { name: 'InvalidInput', message: /Link 9007199254740991 was never issued/ });
  await assert.rejects(call('links.restore', { links: [{ ...d.deleted, createdAt: 'x' }] }), { name: 'InvalidInput' });
  await call('links.restore', { links: [d.deleted] });
});

test('accepting 101 claims × 100 speakers makes 10,100 links, and undo then redo puts them all back', async (t) => {
  const text = 'ab '.repeat(250);
  const { p, doc, call, label, auto, repo } = setup(t, text);
  const at = new Date().toISOString();
  const row = (name: string, k: number) => [doc, label(name), 3 * k, 3 * k + 2, 'ab', '{}'];
  const claims = repo.insertSpans(Array.from({ length: 101 }, (_, k) => row('claim', k)).flat(), auto, at);
  const speakers = repo.insertSpans(Array.from({ length: 100 }, (_, k) => row('speaker', 101 + k)).flat(), auto, at);
  const saidBy = p.links.types().find((x) => x.name === 'said-by')!.id;
  repo.insertNewLinks(claims.flatMap((c) => speakers.flatMap((s) => [c, s, saidBy])), auto, at);
  const accepted = await call('proposals.decide', { ids: [...claims, ...speakers], decision: 'accept' });
  assert.equal(accepted.links.length, 10_100);
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  const me = p.annotators.currentId();
  const mine = () => p.db.prepare('SELECT COUNT(*) FROM links WHERE annotator_id = ?').pluck().get(me);
  assert.equal(mine(), 0);
  const redone = await call('proposals.redo', accepted);
  assert.equal(redone.links.length, 10_100);
  assert.equal(mine(), 10_100);
});

/** How many times a statement reading the documents table runs while `fn` runs. */
async function documentReads(p: Project, fn: () => Promise<unknown>): Promise<number> {
  const proto = Object.getPrototypeOf(p.db.prepare('SELECT 1')) as Record<'get' | 'all', (...a: unknown[]) => unknown>;
  const originals = { get: proto.get, all: proto.all };
  let n = 0;
  for (const k of ['get', 'all'] as const) {
    proto[k] = function (this: { source: string }, ...args: unknown[]) {
      if (/\btext\b[^]*FROM documents\b/i.test(this.source)) n++;
      return originals[k].apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    Object.assign(proto, originals);
  }
  return n;
}

test('accepting 300 proposals in one long document reads its text at most once', async (t) => {
  const text = 'Kyiv '.repeat(20_000);
  const { p, doc, call, label, auto, repo } = setup(t, text);
  const ids = repo.insertSpans(Array.from({ length: 300 }, (_, k) => [doc, label('speaker'), 5 * k, 5 * k + 4, 'Kyiv', '{}']).flat(), auto, new Date().toISOString());
  let decided: Result<'proposals.decide'> | undefined;
  const reads = await documentReads(p, async () => {
    decided = await call('proposals.decide', { ids, decision: 'accept' });
  });
  assert.equal(decided!.created.length, 300);
  assert.ok(decided!.created.every((a) => a.text === 'Kyiv'));
  assert.ok(reads <= 1, `the document's text was read ${reads} times`);
});

test('a rejection survives deleting the document and undoing the delete; an undo record from before decisions restores too', async (t) => {
  const { doc, call, put } = setup(t);
  const speaker = put('Rudskoy', 'speaker');
  const figure = put('at least 60 civilians', 'figure');
  await call('proposals.decide', { ids: [speaker], decision: 'reject' });
  assert.deepEqual((await call('proposals.forDocument', { docId: doc })).map((x) => x.id), [figure]);
  const { deleted } = await call('documents.deleteMany', { ids: [doc] });
  assert.equal(deleted.decisions?.length, 1);
  await call('documents.restore', { deleted });
  assert.deepEqual((await call('proposals.forDocument', { docId: doc })).map((x) => x.id), [figure], 'the rejection came back with the document');
  // An older undo record (no decisions field) still restores.
  const again = await call('documents.deleteMany', { ids: [doc] });
  const { decisions: _dropped, ...old } = again.deleted;
  await call('documents.restore', { deleted: old });
  assert.equal((await call('proposals.forDocument', { docId: doc })).length, 2);
});

test('editing a proposal is refused with what to do instead (accept or reject, Shift+A / Shift+X)', async (t) => {
  const { call, put } = setup(t);
  const speaker = put('Rudskoy', 'speaker');
  await assert.rejects(call('annotations.update', { id: speaker, note: 'x' }), { name: 'Conflict', message: /proposals are accepted or rejected, not edited \(Shift\+A \/ Shift\+X\)/ });
  await assert.rejects(call('annotations.delete', { id: speaker }), { name: 'Conflict', message: /not edited/ });
});
