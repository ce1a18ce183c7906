import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { suggestQueries } from './suggest-queries.js';

const TEXTS = ['Sergey Rudskoy spoke about Mosul.', 'Sergey Rutskoy spoke again.', 'Sergey Rudskoy, once more.'];

function project() {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const ids = TEXTS.map((text, i) => docs.insert({ title: `d${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: text.length }, 'now'));
  const ann = annotationsRepo(db);
  const speakers = ids.map((docId, i) => ann.create({ docId, labelId: 2, start: 0, end: TEXTS[i].indexOf(i === 2 ? ',' : ' spoke') }).id);
  return { db, ids, speakers, q: suggestQueries(db) };
}

test('the source annotation, ranked and newest documents, tagged spans and document counts', () => {
  const { db, ids, speakers, q } = project();
  assert.deepEqual(q.source(speakers[0]), { id: speakers[0], doc_id: ids[0], start: 0, end: 14, text: 'Sergey Rudskoy', label_id: 2, label: 'speaker', annotator_id: 1 });
  assert.equal(q.source(999), undefined);
  assert.deepEqual(q.rankDocuments('rudskoy', 10).map((d) => d.docId).sort(), [ids[0], ids[2]]);
  assert.equal(q.rankDocuments('sergey', 1).length, 1, 'limit');
  assert.deepEqual(q.taggedIn(2, 1, [ids[1]]).map((s) => s.text), ['Sergey Rutskoy']);
  assert.deepEqual(q.taggedIn(1, 1, [ids[1]]), []);
  for (const d of q.rankDocuments('rudskoy', 10)) assert.equal(d.length, TEXTS[ids.indexOf(d.docId)].length, 'with its length');
  assert.deepEqual(q.newestDocuments('sergey', 2).map((d) => d.docId).sort(), [ids[1], ids[2]], 'the newest two');
  assert.equal(q.documentsWith('sergey'), 3);
  assert.equal(q.documentsWith('nowhere'), 0);
  db.close();
});

test('linked and clustered annotations, dismissals, and the vocabulary by range and by new documents', () => {
  const { db, speakers, q } = project();
  linksRepo(db).create(speakers[0], speakers[1], 1);
  assert.deepEqual(q.linkedTo(speakers[1]), [speakers[0]]);
  assert.deepEqual(q.clusterMates(speakers[0]).sort(), [speakers[0], speakers[1]]);
  assert.deepEqual(q.clusterMates(speakers[2]), [], 'in no cluster');
  q.dismiss(speakers[0], 'a:9');
  q.dismiss(speakers[0], 'a:9');
  q.dismiss(speakers[0], 'p:1:0:4');
  q.undismiss(speakers[0], 'a:9');
  assert.deepEqual(q.dismissed(speakers[0]), ['p:1:0:4']);
  assert.equal(q.lastDocumentId(), 3);
  assert.deepEqual(q.termsBetween('ru', 'rv').sort(), ['rudskoy', 'rutskoy']);
  documentsRepo(db).insert({ title: 'new', date: null, source: null, path: null, hash: 'n', text: 'Konashenkov', length: 11 }, 'now');
  assert.equal(q.lastDocumentId(), 4);
  assert.deepEqual(q.termsOfDocuments(3, 4).sort(), ['konashenkov', 'new'], 'the new document only, title and text');
  db.close();
});
