/**
 * Accepting and rejecting proposals (issue 14, common/proposals.ts): accepting copies into the analyst's layer
 * without provenance, links follow when both ends are accepted; rejecting hides a proposal for good; undo takes
 * either back. The `auto` layer is built by hand here so that the tests do not depend on the engine's rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../project.js';
import { createHandlers } from '../handlers.js';
import { dispatch, type Method, type Result } from '../../common/contract.js';
import { cpLength } from '../../common/offsets.js';
import { proposalsRepo } from '../../db/proposals.js';

const TEXT = 'Gen. Rudskoy said “at least 60 civilians died” in Mosul.';

function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text: TEXT, length: cpLength(TEXT) }, 'now');
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  const label = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  const type = (name: string) => p.links.types().find((x) => x.name === name)!.id;
  const auto = p.annotators.ensure('auto', true);
  const repo = proposalsRepo(p.db);
  const put = (s: string, name: string, attributes: Record<string, string>) => {
    const start = [...TEXT].join('').indexOf(s);
    return repo.insertSpan({ docId: doc, labelId: label(name), start, end: start + cpLength(s), text: s, attributes }, auto, 'then');
  };
  const speaker = put('Rudskoy', 'speaker', { rule: 'speaker/said-after-name', confidence: '0.85' });
  const claim = put('at least 60 civilians died', 'claim', { rule: 'claim/quote', confidence: '0.9' });
  const figure = put('at least 60 civilians', 'figure', { value: '60', bound: 'at least', unit: 'civilians', rule: 'figure/numbers', confidence: '0.9' });
  repo.insertLink(claim, speaker, type('said-by'), auto, 'then');
  repo.insertLink(claim, figure, type('cites'), auto, 'then');
  return { p, doc, call, auto, speaker, claim, figure, label, type };
}

test('proposals.forDocument lists the open proposals in text order with rule and confidence', async (t) => {
  const { doc, call, speaker, claim, figure } = setup(t);
  const list = await call('proposals.forDocument', { docId: doc });
  assert.deepEqual(list.map((x) => [x.id, x.label, x.text, x.rule, x.confidence]), [
    [speaker, 'speaker', 'Rudskoy', 'speaker/said-after-name', 0.85],
    [claim, 'claim', 'at least 60 civilians died', 'claim/quote', 0.9],
    [figure, 'figure', 'at least 60 civilians', 'figure/numbers', 0.9],
  ]);
  assert.deepEqual(list[2].attributes, { value: '60', bound: 'at least', unit: 'civilians', rule: 'figure/numbers', confidence: '0.9' });
  await assert.rejects(call('proposals.forDocument', { docId: doc + 1 }), { name: 'NotFound' });
});

test('accepting copies into the analyst\'s layer without provenance; links follow once both ends are accepted', async (t) => {
  const { p, doc, call, auto, speaker, claim, figure } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const dana = p.annotators.currentId();
  const one = await call('proposals.decide', { ids: [figure], decision: 'accept' });
  assert.equal(one.created.length, 1);
  assert.deepEqual(one.created[0].attributes, { value: '60', bound: 'at least', unit: 'civilians' });
  assert.equal(one.created[0].annotatorId, dana);
  assert.deepEqual(one.links, [], 'the claim is not accepted yet');
  assert.deepEqual(one.decisions.map((d) => [d.annotatorId, d.decision]), [[dana, 'accepted']]);

  const two = await call('proposals.decide', { ids: [claim, speaker], decision: 'accept' });
  assert.equal(two.created.length, 2);
  const mine = new Map([...one.created, ...two.created].map((a) => [a.text, a.id]));
  assert.deepEqual(
    two.links.map((l) => [l.fromId, l.toId, p.links.getType(l.typeId).name, l.annotatorId]).sort(),
    [
      [mine.get('at least 60 civilians died'), mine.get('Rudskoy'), 'said-by', dana],
      [mine.get('at least 60 civilians died'), mine.get('at least 60 civilians'), 'cites', dana],
    ].sort(),
  );
  assert.deepEqual(await call('proposals.forDocument', { docId: doc }), [], 'all decided');
  // The auto layer is unchanged: still three spans with provenance, two links.
  const autoSpans = p.annotations.listForDocument(doc).filter((a) => a.annotatorId === auto);
  assert.equal(autoSpans.length, 3);
  assert.ok(autoSpans.every((a) => a.attributes.rule));

  // Accepting again creates nothing and no link, and records the decision again.
  const again = await call('proposals.decide', { ids: [claim, speaker, figure], decision: 'accept' });
  assert.deepEqual([again.created, again.links, again.decisions.length], [[], [], 3]);
});

test('a proposal the analyst tagged already is not copied, its decision is recorded, and the link to it is made', async (t) => {
  const { p, doc, call, speaker, claim, label } = setup(t);
  const start = TEXT.indexOf('Rudskoy');
  const own = await call('annotations.create', { docId: doc, labelId: label('speaker'), start, end: start + 7 });
  assert.deepEqual((await call('proposals.forDocument', { docId: doc })).map((x) => x.id).includes(speaker), false, 'equal to a span of theirs: not shown');
  const r = await call('proposals.decide', { ids: [speaker, claim], decision: 'accept' });
  assert.deepEqual(r.created.map((a) => a.text), ['at least 60 civilians died']);
  assert.equal(r.decisions.length, 2);
  assert.deepEqual(r.links.map((l) => [l.fromId, l.toId]), [[r.created[0].id, own.id]]);
  assert.equal(p.links.forAnnotation(own.id).length, 1);
});

test('rejecting hides a proposal from that analyst; another analyst still sees it', async (t) => {
  const { p, doc, call, speaker, claim, figure } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const r = await call('proposals.decide', { ids: [speaker], decision: 'reject' });
  assert.deepEqual([r.created, r.links], [[], []]);
  assert.deepEqual(r.decisions.map((d) => d.decision), ['rejected']);
  assert.deepEqual((await call('proposals.forDocument', { docId: doc })).map((x) => x.id), [claim, figure]);
  assert.equal(p.annotations.listForDocument(doc).filter((a) => a.annotatorId === p.annotators.currentId()).length, 0);

  await call('annotators.choose', { name: 'Eli' });
  assert.ok((await call('proposals.forDocument', { docId: doc })).some((x) => x.id === speaker), "Dana's rejection is hers");
});

test('a rejected proposal is never proposed again, even after its auto span is gone', async (t) => {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const text = 'Sergey Rudskoy said at least 60 civilians were killed in Mosul.';
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text, length: cpLength(text) }, 'now');
  const h = createHandlers(p, () => {});
  await h['preannotate.run']({ docs: { kind: 'all' } });
  const list = await h['proposals.forDocument']({ docId: doc });
  assert.ok(list.length > 0, 'the engine proposes something here');
  await h['proposals.decide']({ ids: [list[0].id], decision: 'reject' });
  const auto = p.annotators.idByName('auto')!;
  for (const a of p.annotations.listForDocument(doc)) if (a.annotatorId === auto) p.annotations.delete(a.id);
  const again = await h['preannotate.run']({ docs: { kind: 'all' } });
  const key = (x: { labelId: number; start: number; end: number }) => `${x.labelId} ${x.start} ${x.end}`;
  const now = p.annotations.listForDocument(doc).filter((a) => a.annotatorId === auto).map(key);
  assert.ok(!now.includes(key(list[0])), 'the rejected span is not proposed again');
  assert.deepEqual(now.sort(), list.slice(1).map(key).sort(), 'everything else is');
  assert.equal(Object.values(again.skipped).reduce((a, b) => a + b, 0), 1);
});

test('undo deletes the spans an accept created, with their links, and forgets its decisions', async (t) => {
  const { p, doc, call, speaker, claim, figure } = setup(t);
  const before = await call('proposals.forDocument', { docId: doc });
  const accepted = await call('proposals.decide', { ids: [speaker, claim, figure], decision: 'accept' });
  assert.equal(p.links.count(), 4, 'two auto links, two copied');
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  assert.equal(p.links.count(), 2);
  assert.equal(p.annotations.listForDocument(doc).filter((a) => a.annotatorId === p.annotators.currentId()).length, 0);
  assert.deepEqual(await call('proposals.forDocument', { docId: doc }), before);

  const rejected = await call('proposals.decide', { ids: [figure], decision: 'reject' });
  await call('proposals.undo', { decisions: rejected.decisions });
  assert.deepEqual(await call('proposals.forDocument', { docId: doc }), before);
});

test('undo leaves other analysts\' spans and decisions alone', async (t) => {
  const { p, doc, call, speaker } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const dana = await call('proposals.decide', { ids: [speaker], decision: 'accept' });
  await call('annotators.choose', { name: 'Eli' });
  await call('proposals.undo', { created: dana.created.map((a) => a.id), decisions: dana.decisions });
  assert.ok(p.annotations.get(dana.created[0].id), "Dana's copy stays");
  await call('annotators.choose', { name: 'Dana' });
  assert.ok(!(await call('proposals.forDocument', { docId: doc })).some((x) => x.id === speaker), "Dana's decision stays");
});

test('ids that are not proposals are refused, naming the id, and nothing is recorded', async (t) => {
  const { p, doc, call, speaker, label } = setup(t);
  const own = await call('annotations.create', { docId: doc, labelId: label('claim'), start: 0, end: 4 });
  await assert.rejects(call('proposals.decide', { ids: [speaker, own.id], decision: 'reject' }), {
    name: 'InvalidInput',
    message: new RegExp(`Annotation ${own.id} is not a proposal`),
  });
  await assert.rejects(call('proposals.decide', { ids: [9999], decision: 'accept' }), { name: 'InvalidInput', message: /Annotation 9999 is not a proposal/ });
  assert.ok((await call('proposals.forDocument', { docId: doc })).some((x) => x.id === speaker), 'the valid id was not decided either');
  assert.equal(p.annotations.listForDocument(doc).length, 4);
});

test('redo puts an undone accept back under the same ids, so a later edit of the accepted span applies again', async (t) => {
  const { p, doc, call, speaker, claim, figure } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const accepted = await call('proposals.decide', { ids: [speaker, claim, figure], decision: 'accept' });
  const ids = accepted.created.map((a) => a.id).sort();
  const linkIds = accepted.links.map((l) => l.id).sort();
  const mine = () => p.annotations.listForDocument(doc).filter((a) => a.annotatorId === p.annotators.currentId());
  const figureCopy = accepted.created.find((a) => a.text === 'at least 60 civilians')!;

  // accept → edit the accepted span's note → undo (the note) → undo (the accept) → redo (the accept) → redo (the note)
  await call('annotations.update', { id: figureCopy.id, note: 'checked against the UN count' });
  await call('annotations.update', { id: figureCopy.id, note: '' });
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  assert.deepEqual(mine(), []);
  assert.equal((await call('proposals.forDocument', { docId: doc })).length, 3, 'open again');

  const redone = await call('proposals.redo', accepted);
  assert.deepEqual(redone.created.map((a) => a.id).sort(), ids, 'the same span ids');
  assert.deepEqual(redone.links.map((l) => l.id).sort(), linkIds, 'the same link ids');
  assert.deepEqual(redone.decisions, accepted.decisions);
  assert.deepEqual(mine().map((a) => [a.id, a.text, a.attributes]).sort(), accepted.created.map((a) => [a.id, a.text, a.attributes]).sort());
  assert.deepEqual(
    accepted.links.map((l) => p.links.get(l.id)).map((l) => [l.fromId, l.toId, l.typeId, l.annotatorId]).sort(),
    accepted.links.map((l) => [l.fromId, l.toId, l.typeId, l.annotatorId]).sort(),
  );
  assert.deepEqual(await call('proposals.forDocument', { docId: doc }), [], 'decided again: none open');
  const edited = await call('annotations.update', { id: figureCopy.id, note: 'checked against the UN count' });
  assert.equal(edited.note, 'checked against the UN count');

  // And undo after redo takes it back once more.
  await call('proposals.undo', { created: redone.created.map((a) => a.id), decisions: redone.decisions });
  assert.deepEqual(mine(), []);
});

test('redo of a rejection records it again; a redo into another layer or onto a taken place is refused and changes nothing', async (t) => {
  const { p, doc, call, speaker, figure, label } = setup(t);
  await call('annotators.choose', { name: 'Dana' });
  const rejected = await call('proposals.decide', { ids: [figure], decision: 'reject' });
  await call('proposals.undo', { decisions: rejected.decisions });
  assert.deepEqual(await call('proposals.redo', rejected), rejected);
  assert.ok(!(await call('proposals.forDocument', { docId: doc })).some((x) => x.id === figure), 'rejected again');

  const accepted = await call('proposals.decide', { ids: [speaker], decision: 'accept' });
  await call('proposals.undo', { created: accepted.created.map((a) => a.id), decisions: accepted.decisions });
  await call('annotators.choose', { name: 'Eli' });
  await assert.rejects(call('proposals.redo', accepted), { name: 'Conflict', message: /in Dana's layer, not yours \(Eli\)/ });
  await call('annotators.choose', { name: 'Dana' });
  // Dana tagged the same speaker herself meanwhile: the copy cannot come back beside it.
  const start = TEXT.indexOf('Rudskoy');
  const own = await call('annotations.create', { docId: doc, labelId: label('speaker'), start, end: start + 7 });
  await assert.rejects(call('proposals.redo', accepted), { name: 'Conflict' });
  assert.throws(() => p.annotations.get(accepted.created[0].id), { name: 'NotFound' });
  // One transaction: a decision naming a document that is not there undoes the span put back before it.
  await call('annotations.delete', { id: own.id });
  const forged = { ...accepted, decisions: [{ ...accepted.decisions[0], docId: doc + 5 }] };
  await assert.rejects(call('proposals.redo', forged), { name: 'NotFound' });
  assert.throws(() => p.annotations.get(accepted.created[0].id), { name: 'NotFound' });
  assert.ok((await call('proposals.forDocument', { docId: doc })).some((x) => x.id === speaker), 'still open');
});
