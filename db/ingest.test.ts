import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { labelsRepo } from './labels.js';
import { linksRepo } from './links.js';
import { annotationsRepo } from './annotations.js';
import { annotatorsRepo } from './annotators.js';
import { ADDED_COLOURS, ingestWriter, type IngestRepos } from './ingest.js';

const TEXT = 'Sergey Rudskoy said 60 civilians were killed.';
let db: Db;
let documents: DocumentsRepo;
let repos: IngestRepos;
let docId: number;

beforeEach(() => {
  db = openDatabase(':memory:');
  documents = documentsRepo(db);
  repos = { labels: labelsRepo(db), links: linksRepo(db), annotations: annotationsRepo(db), annotators: annotatorsRepo(db), db };
  docId = documents.insert({ title: 't', date: null, source: null, path: null, hash: 'h', text: TEXT, length: TEXT.length }, 'now');
});
afterEach(() => db.close());

const span = (start: number, end: number, labelId = 1, preferredId?: number) => ({
  docId,
  labelId,
  start,
  end,
  text: TEXT.slice(start, end),
  note: '',
  attributes: { k: 'v' },
  at: '2024-01-01T00:00:00.000Z',
  preferredId,
  annotatorId: 1,
});

test('labels and link types are found by name in any case, and missing ones added with the colours in turn', () => {
  const w = ingestWriter(repos);
  assert.equal(w.labelId('CLAIM'), 1);
  const place = w.labelId('place');
  const org = w.labelId('Org');
  assert.equal(w.labelId('ORG'), org);
  const colours = repos.labels.list().slice(3).map((l) => l.color);
  // Three labels exist before: the first added takes colour 3, the next colour 4.
  assert.deepEqual(colours, [ADDED_COLOURS[3], ADDED_COLOURS[4]]);
  assert.deepEqual(w.labelsAdded, ['place', 'Org']);
  assert.equal(repos.labels.get(place).name, 'place');
  assert.equal(w.linkTypeId('Same-As'), 1);
  const refutes = w.linkTypeId('refutes');
  assert.deepEqual(w.linkTypesAdded, ['refutes']);
  assert.equal(repos.links.getType(refutes).color, ADDED_COLOURS[5 % ADDED_COLOURS.length], 'five link types exist before');
  assert.equal(repos.links.getType(refutes).transitive, false);
});

test('a span the document already has (same label and offsets) is reused, not doubled', () => {
  const w = ingestWriter(repos);
  const first = w.span(span(0, 14));
  assert.equal(first.added, true);
  assert.deepEqual(w.span(span(0, 14)), { id: first.id, added: false });
  assert.equal(w.span(span(0, 14, 2)).added, true, 'another label is another span');
  const a = repos.annotations.get(first.id);
  assert.deepEqual([a.text, a.attributes, a.createdAt, a.updatedAt], ['Sergey Rudskoy', { k: 'v' }, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
});

test('insertChecked keeps a preferred id when it is free and gives a new one when it is taken', () => {
  const kept = repos.annotations.insertChecked(span(0, 6, 1, 40));
  assert.equal(kept, 40);
  const moved = repos.annotations.insertChecked(span(7, 14, 1, 40));
  assert.notEqual(moved, 40);
  assert.equal(repos.annotations.get(moved).text, 'Rudskoy');
  assert.equal(repos.annotations.sameSpan(docId, 1, 7, 14, 1), moved);
  assert.equal(repos.annotations.sameSpan(docId, 2, 7, 14, 1), undefined);
});

test('documents keep a preferred id when it is free', () => {
  const doc = (hash: string) => ({ title: hash, date: null, source: null, path: null, hash, text: hash, length: hash.length });
  assert.equal(documents.insert(doc('x'), 'now', 9), 9);
  const other = documents.insert(doc('y'), 'now', 9);
  assert.notEqual(other, 9);
  assert.equal(documents.get(other).text, 'y');
});

test('links already there are skipped; only new ones are reclustered, once, at the end', () => {
  const w = ingestWriter(repos);
  const a = w.span(span(0, 14)).id;
  const b = w.span(span(20, 32)).id;
  const c = w.span(span(33, 44)).id;
  assert.equal(w.link(a, b, 1), true);
  assert.equal(w.link(b, a, 1), false, 'same-as is undirected: b → a is the same link');
  assert.equal(w.link(a, c, 3), true);
  assert.equal(repos.annotations.get(a).clusterId, null, 'no cluster before recluster()');
  w.recluster();
  const cluster = repos.annotations.get(a).clusterId;
  assert.notEqual(cluster, null);
  assert.equal(repos.annotations.get(b).clusterId, cluster);
  assert.equal(repos.annotations.get(c).clusterId, null, 'contradicts does not cluster');
  assert.throws(() => w.link(a, a, 1), /itself/, 'faults other than an existing link still throw');
});

test('label usage counts annotations per label, unused labels included, in label order', () => {
  repos.annotations.insertChecked(span(0, 6));
  repos.annotations.insertChecked(span(7, 14));
  repos.annotations.insertChecked(span(20, 22, 3));
  assert.deepEqual(repos.labels.usage(), [
    { name: 'claim', n: 2 },
    { name: 'speaker', n: 0 },
    { name: 'figure', n: 1 },
  ]);
});

test('external ids: kept on new and reused spans, new links and documents, and a row keeps the first one it got', () => {
  const w = ingestWriter(repos);
  const external = (table: string, id: number) => db.prepare(`SELECT external_id FROM ${table} WHERE id = ?`).pluck().get(id);
  const a = w.span(span(0, 14), 's:h1-spk').id;
  assert.equal(external('annotations', a), 's:h1-spk');
  assert.equal(w.span(span(0, 14), 's:other').id, a);
  assert.equal(external('annotations', a), 's:h1-spk', 'the same span named again by another file keeps its first id');
  const b = w.span(span(20, 32)).id;
  assert.equal(external('annotations', b), null, 'no id given, none kept');
  w.link(a, b, 1, 'n:7');
  assert.equal(db.prepare('SELECT external_id FROM links WHERE from_id = ? AND to_id = ?').pluck().get(a, b), 'n:7');
  assert.equal(w.link(b, a, 1, 'n:8'), false, 'a link already there is not doubled');
  w.documentExternalId(docId, 's:doc-17');
  w.documentExternalId(docId, 's:doc-18');
  w.documentExternalId(docId, undefined);
  assert.equal(external('documents', docId), 's:doc-17');
});
