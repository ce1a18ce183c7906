import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { annotatorsRepo } from './annotators.js';
import { linksRepo } from './links.js';
import { agreementReads } from './agreement-reads.js';

/** Two documents, layers Ann and Bo; Ann has a same-as chain of three spans over both documents and a said-by link. */
function project() {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const add = (text: string, hash: string) => docs.insert({ title: `T ${hash}`, date: null, source: null, path: null, hash, text, length: text.length }, 'now');
  const d1 = add('The mayor denied the report on Friday.', 'h1');
  const d2 = add('Officials in Mosul said the report was false.', 'h2');
  docs.setDone(d2, true);
  const people = annotatorsRepo(db);
  const ann = people.ensure('Ann', false);
  const bo = people.ensure('Bo', false);
  const spans = annotationsRepo(db);
  const span = (docId: number, labelId: number, start: number, end: number, annotatorId: number) => spans.create({ docId, labelId, start, end, annotatorId }).id;
  const a1 = span(d1, 2, 0, 9, ann);
  const a2 = span(d1, 1, 10, 37, ann);
  const a3 = span(d2, 2, 0, 9, ann);
  const a4 = span(d2, 2, 13, 17, ann);
  const b1 = span(d1, 2, 4, 9, bo);
  const links = linksRepo(db);
  links.create(a1, a3, 1); // same-as
  links.create(a3, a4, 1); // same-as
  links.create(a2, a1, 4); // said-by (directed)
  return { db, d1, d2, ann, bo, a: [a1, a2, a3, a4], b1 };
}

test('spans of the layers asked for, with label names, by layer then document and offsets', () => {
  const { db, d1, d2, ann, bo, a, b1 } = project();
  const r = agreementReads(db);
  assert.deepEqual(r.spans([bo]), [{ id: b1, doc: d1, start: 4, end: 9, label: 'speaker', annotatorId: bo, mention: `${d1}:4:9` }]);
  assert.deepEqual(
    r.spans([ann, bo]).map((s) => [s.id, s.doc, s.start, s.label]),
    [[a[0], d1, 0, 'speaker'], [a[1], d1, 10, 'claim'], [a[2], d2, 0, 'speaker'], [a[3], d2, 13, 'speaker'], [b1, d1, 4, 'speaker']],
  );
  assert.deepEqual(r.spans([]), []);
});

test('same-as links become one cluster per connected component, across documents; other links keep type and direction', () => {
  const { db, ann, bo, a } = project();
  const { clusters, other } = agreementReads(db).links([ann, bo]);
  assert.deepEqual([...clusters.keys()], [ann]);
  assert.deepEqual(clusters.get(ann)!.map((c) => [...c].sort((x, y) => x - y)), [[a[0], a[2], a[3]]]);
  assert.deepEqual(other, [{ annotatorId: ann, type: 'said-by', directed: true, fromId: a[1], toId: a[0] }]);
  assert.deepEqual(agreementReads(db).links([bo]), { clusters: new Map(), other: [] });
});

test('documents by search or done mark; all is null; an empty search is refused', () => {
  const { db, d2 } = project();
  const r = agreementReads(db);
  assert.equal(r.docIds({ kind: 'all' }), null);
  assert.deepEqual(r.docIds({ kind: 'done' }), new Set([d2]));
  assert.deepEqual(r.docIds({ kind: 'query', q: 'mosul' }), new Set([d2]));
  assert.deepEqual(r.docIds({ kind: 'query', q: 'report' }), new Set([1, 2]));
  assert.throws(() => r.docIds({ kind: 'query', q: '  ' }), { name: 'InvalidInput', message: /search for the documents to compare is empty/ });
});

test('texts and titles of the documents asked for only', () => {
  const { db, d1, d2 } = project();
  const r = agreementReads(db);
  const seen: [number, string][] = [];
  r.eachText([d2, 99], (doc, text) => seen.push([doc, text]));
  assert.deepEqual(seen, [[d2, 'Officials in Mosul said the report was false.']]);
  assert.deepEqual(r.titles([d1]), new Map([[d1, 'T h1']]));
});
