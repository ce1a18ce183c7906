import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../services/project.js';
import { cpLength } from '../common/offsets.js';
import { docSpanKey, proposalsRepo } from './proposals.js';

const TEXT = 'Gen. Rudskoy said 60 civilians died.';

function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text: TEXT, length: cpLength(TEXT) }, 'now');
  const auto = p.annotators.ensure('auto', true);
  const me = p.annotators.currentId();
  return { p, repo: proposalsRepo(p.db), doc, auto, me };
}

test('spans written to the auto layer are open to an analyst until they decide them or tag the same span', (t) => {
  const { p, repo, doc, auto, me } = setup(t);
  const at = '2026-01-01T00:00:00.000Z';
  const speaker = repo.insertSpan({ docId: doc, labelId: 2, start: 5, end: 12, text: 'Rudskoy', attributes: { rule: 'r', confidence: '0.5' } }, auto, at);
  const figure = repo.insertSpan({ docId: doc, labelId: 3, start: 18, end: 30, text: '60 civilians', attributes: {} }, auto, at);
  assert.deepEqual(repo.open(auto, me, doc).map((r) => [r.id, r.label, r.text]), [[speaker, 'speaker', 'Rudskoy'], [figure, 'figure', '60 civilians']]);
  assert.deepEqual([...repo.layerKeysOf(auto, [doc])], [[docSpanKey(doc, { labelId: 2, start: 5, end: 12 }), speaker], [docSpanKey(doc, { labelId: 3, start: 18, end: 30 }), figure]]);
  assert.deepEqual([...repo.layerKeysOf(auto, [doc + 1])], [], 'another document holds none of them');

  repo.decide({ docId: doc, labelId: 2, start: 5, end: 12, annotatorId: me, decision: 'rejected' }, at);
  assert.equal(repo.decisionOf(doc, { labelId: 2, start: 5, end: 12 }, me), 'rejected');
  assert.deepEqual([...repo.decidedKeysOf([doc])], [`${doc}:2:5:12`]);
  p.annotations.create({ docId: doc, labelId: 3, start: 18, end: 30 });
  assert.deepEqual(repo.open(auto, me, doc), [], 'decided, and tagged by hand');
  const other = p.annotators.ensure('Eli');
  assert.equal(repo.open(auto, other, doc).length, 2, "another analyst's view is their own");

  // Deciding again changes the decision; forgetting only takes back the decision as recorded.
  repo.decide({ docId: doc, labelId: 2, start: 5, end: 12, annotatorId: me, decision: 'accepted' }, at);
  repo.forget({ docId: doc, labelId: 2, start: 5, end: 12, annotatorId: me, decision: 'rejected' });
  assert.equal(repo.decisionOf(doc, { labelId: 2, start: 5, end: 12 }, me), 'accepted');
  repo.forget({ docId: doc, labelId: 2, start: 5, end: 12, annotatorId: me, decision: 'accepted' });
  assert.equal(repo.decisionOf(doc, { labelId: 2, start: 5, end: 12 }, me), undefined);
});

test('links of the auto layer: written once, found from either end', (t) => {
  const { repo, doc, auto } = setup(t);
  const at = 'now';
  const claim = repo.insertSpan({ docId: doc, labelId: 1, start: 18, end: 35, text: '60 civilians died', attributes: {} }, auto, at);
  const speaker = repo.insertSpan({ docId: doc, labelId: 2, start: 5, end: 12, text: 'Rudskoy', attributes: {} }, auto, at);
  assert.equal(repo.insertLink(claim, speaker, 4, auto, at), true);
  assert.equal(repo.insertLink(claim, speaker, 4, auto, at), false, 'the same link again is no new link');
  assert.deepEqual(repo.linksTouching(auto, [speaker]).map((l) => [l.fromId, l.toId, l.typeId]), [[claim, speaker, 4]]);
  assert.deepEqual(repo.linksTouching(auto, [doc + 1000]), []);
});

test('deleting a document deletes the decisions about it (foreign key cascade)', (t) => {
  const { p, repo, doc, me } = setup(t);
  repo.decide({ docId: doc, labelId: 2, start: 5, end: 12, annotatorId: me, decision: 'rejected' }, 'now');
  p.documents.delete(doc);
  assert.equal(repo.decisionOf(doc, { labelId: 2, start: 5, end: 12 }, me), undefined);
});

test('candidate documents: every document without a query, those the index matches with one', (t) => {
  const { p, repo, doc } = setup(t);
  const other = p.documents.insert({ title: 'E', date: null, source: null, path: null, hash: 'h2', text: 'Konashenkov spoke.', length: 18 }, 'now');
  assert.deepEqual(repo.candidateDocs(null), [doc, other]);
  assert.deepEqual(repo.candidateDocs('"rudskoy"'), [doc]);
  assert.equal(repo.text(other), 'Konashenkov spoke.');
  assert.equal(repo.text(other + 1), undefined);
});

test('spans and links written many to a statement get their ids in the order given; batch reads span documents', (t) => {
  const { p, repo, doc, auto } = setup(t);
  const other = p.documents.insert({ title: 'E', date: null, source: null, path: null, hash: 'h2', text: TEXT, length: cpLength(TEXT) }, 'now');
  // 150 spans: more than one statement takes (64 rows), so the ids of three statements follow one another.
  // Span i: in either document, at one of 30 places, of one of three labels: each (document, label, place) once.
  const span = (i: number) => ({ docId: i % 2 ? other : doc, labelId: 1 + Math.floor(i / 60), start: Math.floor(i / 2) % 30, rule: `r${i}` });
  const rows = Array.from({ length: 150 }, (_, i) => span(i)).flatMap((s) => [s.docId, s.labelId, s.start, s.start + 1, TEXT[s.start], JSON.stringify({ rule: s.rule })]);
  const ids = repo.insertSpans(rows, auto, 'now');
  assert.equal(ids.length, 150);
  const written = ids.map((id) => p.annotations.get(id));
  assert.deepEqual(
    written.map((a) => ({ docId: a.docId, labelId: a.labelId, start: a.start, rule: a.attributes.rule, text: a.text, end: a.end, annotatorId: a.annotatorId })),
    Array.from({ length: 150 }, (_, i) => ({ ...span(i), text: TEXT[span(i).start], end: span(i).start + 1, annotatorId: auto })),
  );
  assert.deepEqual(repo.insertSpans([], auto, 'now'), [], 'nothing to write: no statement');

  const keys = repo.layerKeysOf(auto, [doc, other]);
  assert.equal(keys.size, 150);
  assert.equal(keys.get(docSpanKey(other, { labelId: 2, start: 3, end: 4 })), ids[67], 'span 67: the other document, label 2, place 33 % 30');
  assert.equal(repo.layerKeysOf(auto, [other]).size, 75);

  const links: number[] = [];
  for (let i = 0; i + 1 < 150; i += 2) links.push(ids[i], ids[i + 1], 4);
  repo.insertNewLinks(links, auto, 'now');
  assert.deepEqual(repo.linksTouching(auto, [ids[0], ids[148]]).map((l) => [l.fromId, l.toId, l.typeId]), [[ids[0], ids[1], 4], [ids[148], ids[149], 4]]);
  assert.equal(p.links.count(), 75);
  assert.throws(() => repo.insertNewLinks([ids[0], ids[1], 4], auto, 'now'), /UNIQUE/, 'a link there already is refused, never doubled');
});
