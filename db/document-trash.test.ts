import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { annotationsRepo, type AnnotationsRepo } from './annotations.js';
import { linksRepo, type LinksRepo } from './links.js';
import { searchRepo } from './search.js';
import { documentTrash, type DocumentTrash } from './document-trash.js';
import { AppError } from '../common/errors.js';
import { cpLength } from '../common/offsets.js';

let db: Db;
let docs: DocumentsRepo;
let spans: AnnotationsRepo;
let links: LinksRepo;
let trash: DocumentTrash;
beforeEach(() => {
  db = openDatabase(':memory:');
  docs = documentsRepo(db);
  spans = annotationsRepo(db);
  links = linksRepo(db);
  trash = documentTrash(db);
});
afterEach(() => db.close());

const SAME_AS = 1;
const SAID_BY = 4;

function add(title: string, text: string): number {
  const hash = createHash('sha256').update(text).digest('hex');
  return docs.insert({ title, date: '2016-10-25', source: 'RT', path: `corpus/${title}.txt`, hash, text, length: cpLength(text) }, '2024-01-01T00:00:00.000Z');
}

/** Every row a document delete touches, as stored: what a restore must give back exactly. */
function dump() {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    documents: all('SELECT * FROM documents ORDER BY id'),
    annotations: all('SELECT * FROM annotations ORDER BY id'),
    links: all('SELECT * FROM links ORDER BY id'),
    clusters: all('SELECT * FROM clusters ORDER BY id'),
    dismissed: all('SELECT * FROM dismissed_suggestions ORDER BY annotation_id, target'),
    search: ['Mosul', 'pier', 'Lopez', 'Garcia'].map((q) => searchRepo(db).search(q, 50).hits.map((h) => h.docId)),
  };
}

const ftsIntact = () => db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run();

/**
 * Four documents: a same-as cluster of three speaker mentions whose middle one (in document 2) is the only bridge
 * between the others, a said-by link from document 2 into document 4, a named cluster, external ids, a done mark
 * and a dismissed suggestion: everything a delete of documents 2 and 3 has to take and give back.
 */
function corpus() {
  const d1 = add('one', 'Maria Lopez spoke at the northern pier in Mosul.');
  const d2 = add('two', 'Lopez said the pier was closed. Garcia agreed.');
  const d3 = add('three', 'M. Lopez repeated it in Mosul.');
  const d4 = add('four', 'A claim about the pier.');
  const a1 = spans.create({ docId: d1, labelId: 2, start: 0, end: 11 }).id;
  const a2 = spans.create({ docId: d2, labelId: 2, start: 0, end: 5 }).id;
  const a2b = spans.create({ docId: d2, labelId: 1, start: 6, end: 30, note: 'the claim', attributes: { stance: 'neutral' } }).id;
  const a3 = spans.create({ docId: d3, labelId: 2, start: 0, end: 8 }).id;
  const a4 = spans.create({ docId: d4, labelId: 1, start: 0, end: 7 }).id;
  links.create(a1, a2, SAME_AS);
  links.create(a2, a3, SAME_AS);
  links.create(a2b, a4, SAID_BY);
  const cluster = db.prepare('SELECT cluster_id FROM annotations WHERE id = ?').pluck().get(a1) as number;
  links.clusters.rename(cluster, 'Maria Lopez');
  db.prepare("UPDATE annotations SET external_id = 's:T7' WHERE id = ?").run(a2);
  db.prepare("UPDATE documents SET external_id = 'n:17' WHERE id = ?").run(d2);
  docs.setDone(d2, true, '2024-02-02T00:00:00.000Z');
  db.prepare("INSERT INTO dismissed_suggestions (annotation_id, target) VALUES (?, 'a:1')").run(a2);
  return { d1, d2, d3, d4, a1, a2, a2b, a3, a4, cluster };
}

describe('deleting documents', () => {
  test('impact counts the documents, their annotations and every link touching them', () => {
    const c = corpus();
    assert.deepEqual(trash.impact([c.d2, c.d3]), { documents: 2, annotations: 3, links: 3 });
    assert.deepEqual(trash.impact([c.d4, 999]), { documents: 1, annotations: 1, links: 1 });
  });

  test('a delete takes annotations, links, search entries and dismissals, and leaves clusters true', () => {
    const c = corpus();
    const gone = trash.remove([c.d2, c.d3]);
    assert.deepEqual(gone.documents.map((d) => d.id), [c.d2, c.d3]);
    assert.deepEqual(gone.annotations.map((a) => a.id), [c.a2, c.a2b, c.a3]);
    assert.equal(gone.links.length, 3);
    assert.deepEqual(gone.clusters.map((k) => k.name), ['Maria Lopez']);
    assert.deepEqual(gone.dismissed, [{ annotationId: c.a2, target: 'a:1' }]);
    assert.equal(docs.count(), 2);
    assert.equal(db.prepare('SELECT COUNT(*) FROM links').pluck().get(), 0);
    // Document 1's mention lost its only partner: no cluster is left, and no cluster row without members.
    assert.equal(spans.get(c.a1).clusterId, null);
    assert.equal(db.prepare('SELECT COUNT(*) FROM clusters').pluck().get(), 0);
    assert.deepEqual(searchRepo(db).search('Garcia', 10).hits, []);
    ftsIntact();
  });

  test('restore puts back exactly the rows the delete took (round trip)', () => {
    corpus();
    const before = dump();
    const gone = trash.remove([2, 3]);
    assert.notDeepEqual(dump(), before);
    assert.deepEqual(trash.restore(gone), [2, 3]);
    assert.deepEqual(dump(), before);
    ftsIntact();
  });

  test('a cluster the delete split comes back whole under its id and name', () => {
    const d1 = add('a', 'Rut Levi and Rut Levi.');
    const d2 = add('b', 'Levi.');
    const x = spans.create({ docId: d1, labelId: 2, start: 0, end: 8 }).id;
    const y = spans.create({ docId: d1, labelId: 2, start: 13, end: 21 }).id;
    const z = spans.create({ docId: d2, labelId: 2, start: 0, end: 4 }).id;
    const w = spans.create({ docId: add('c', 'R. Levi'), labelId: 2, start: 0, end: 7 }).id;
    const v = spans.create({ docId: add('d', 'Rutka Levi'), labelId: 2, start: 0, end: 10 }).id;
    // x - y - z - w - v: z (document 2) bridges two pairs.
    links.create(x, y, SAME_AS);
    links.create(y, z, SAME_AS);
    links.create(z, w, SAME_AS);
    links.create(w, v, SAME_AS);
    const cluster = spans.get(x).clusterId!;
    links.clusters.rename(cluster, 'Rut Levi');
    const before = dump();
    const gone = trash.remove([d2]);
    assert.notEqual(spans.get(x).clusterId, spans.get(w).clusterId, 'the two halves are apart');
    trash.restore(gone);
    assert.deepEqual(dump(), before);
  });

  test('an unknown id refuses the whole delete; a restore over a re-imported text is refused whole', () => {
    const c = corpus();
    assert.throws(() => trash.remove([c.d1, 999]), (e: unknown) => e instanceof AppError && e.name === 'NotFound');
    assert.equal(docs.count(), 4);
    const gone = trash.remove([c.d3]);
    add('three again', 'M. Lopez repeated it in Mosul.');
    assert.throws(() => trash.restore(gone), (e: unknown) => e instanceof AppError && e.name === 'Conflict' && /same text/.test(e.message));
    assert.equal(docs.count(), 4);
  });
});
