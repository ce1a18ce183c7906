import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { exportStreamRepo } from './export-stream.js';
import { AppError } from '../common/errors.js';

const TEXTS = ['Rudskoy said sixty.', 'Konashenkov said more.', 'Nothing here.'];

function project() {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const ids = TEXTS.map((text, i) => docs.insert({ title: `d${i}`, date: null, source: null, path: `${i}.txt`, hash: `h${i}`, text, length: text.length }, 'now'));
  docs.setDone(ids[1], true);
  return { db, ids, reads: exportStreamRepo(db) };
}

test('document sets: all, done, and a search (ascending ids); an empty or malformed search is InvalidInput', () => {
  const { db, ids, reads } = project();
  assert.deepEqual(reads.docIds({ kind: 'all' }), ids);
  assert.deepEqual(reads.docIds({ kind: 'done' }), [ids[1]]);
  assert.deepEqual(reads.docIds({ kind: 'query', q: 'said' }), [ids[0], ids[1]]);
  for (const q of ['   ', '"']) {
    assert.throws(() => reads.docIds({ kind: 'query', q }), (e: unknown) => e instanceof AppError && e.name === 'InvalidInput', q);
  }
  db.close();
});

test('a document, its spans through a label filter in offset order, and the links that start in it', () => {
  const { db, ids, reads } = project();
  const ann = annotationsRepo(db);
  const said = ann.create({ docId: ids[0], labelId: 1, start: 8, end: 18 });
  const who = ann.create({ docId: ids[0], labelId: 2, start: 0, end: 7 });
  const other = ann.create({ docId: ids[1], labelId: 2, start: 0, end: 11 });
  const link = linksRepo(db).create(said.id, other.id, 4).link;

  assert.deepEqual(reads.doc(ids[1]), { id: ids[1], title: 'd1', date: null, source: null, path: '1.txt', origin: null, text: TEXTS[1], done: true });
  assert.equal(reads.doc(999), undefined);
  assert.deepEqual(reads.spans(ids[0], () => true).map((a) => a.id), [who.id, said.id]);
  assert.deepEqual(reads.spans(ids[0], (label) => label === 1), [said]);
  assert.deepEqual(reads.linksFrom(ids[0]), [{ id: link.id, fromId: said.id, toId: other.id, typeId: 4, annotatorId: 1, toDocId: ids[1], toLabelId: 2 }]);
  assert.deepEqual(reads.linksFrom(ids[1]), [], 'listed on the document of its from span only');
  assert.deepEqual(reads.labels().map((l) => l.name), ['claim', 'speaker', 'figure']);
  assert.deepEqual(reads.linkTypes()[0], { id: 1, name: 'same-as', directed: false, transitive: true });
  db.close();
});
