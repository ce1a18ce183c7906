import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, filterSql, idsSql, type DocumentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { searchRepo } from './search.js';
import { cpLength } from '../common/offsets.js';
import type { DocumentFilter } from '../common/model.js';

let db: Db;
let docs: DocumentsRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  docs = documentsRepo(db);
  const add = (title: string, date: string | null, source: string | null) => {
    const text = `${title} text`;
    return docs.insert({ title, date, source, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 't');
  };
  add('a', '2016-10-20', 'RT'); // 1
  add('b', '2016-10-25', 'TASS'); // 2
  add('c', null, 'RT'); // 3
  add('d', '2016-11-02', null); // 4
  docs.setDone(2, true);
  docs.setDone(4, true);
  annotationsRepo(db).create({ docId: 3, labelId: 3, start: 0, end: 1 });
  annotationsRepo(db).create({ docId: 4, labelId: 1, start: 0, end: 1 });
});
afterEach(() => db.close());

const ids = (f: DocumentFilter) => {
  const page = docs.list('imported', 'asc', 0, 100, f);
  assert.equal(page.total, page.items.length, 'total counts what the filter keeps');
  return page.items.map((d) => d.id);
};

describe('documents list filters (issue 12)', () => {
  test('no filter lists everything', () => assert.deepEqual(ids({}), [1, 2, 3, 4]));
  test('done and not done', () => {
    assert.deepEqual(ids({ done: true }), [2, 4]);
    assert.deepEqual(ids({ done: false }), [1, 3]);
  });
  test('by label present', () => {
    assert.deepEqual(ids({ labelId: 3 }), [3]);
    assert.deepEqual(ids({ labelId: 1 }), [4]);
    assert.deepEqual(ids({ labelId: 2 }), []);
  });
  test('by source, matched exactly', () => {
    assert.deepEqual(ids({ source: 'RT' }), [1, 3]);
    assert.deepEqual(ids({ source: 'rt' }), []);
  });
  test('source null: the documents without a source, none stored or an empty one, combined with other fields', () => {
    assert.deepEqual(ids({ source: null }), [4]);
    db.prepare("UPDATE documents SET source = '' WHERE id = 1").run();
    assert.deepEqual(ids({ source: null }), [1, 4]);
    assert.deepEqual(ids({ source: null, done: true }), [4]);
    assert.deepEqual(ids({ source: '' }), [1], 'an exact empty string is still the exact match');
    assert.deepEqual(docs.ids('title', 'desc', { source: null }), [4, 1]);
    assert.equal(docs.list('source', 'asc', 0, 1, { source: null }).total, 2);
  });
  test('source null: the same ids, few or many without a source (two query shapes), in every sort and direction', () => {
    const sorts = ['imported', 'title', 'date', 'source', 'annotations'] as const;
    const order = () => sorts.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => docs.ids(sort, dir, { source: null }).join()));
    const expected = () => sorts.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => docs.ids(sort, dir).filter((id) => !docs.get(id).source).join()));
    // Many: 1 of 4 has none (a quarter, past a fifth).
    assert.deepEqual(order(), expected());
    for (let i = 0; i < 20; i++) {
      const text = `e${i}`;
      docs.insert({ title: `e${i}`, date: null, source: i % 2 ? 'AP' : '', path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 't');
    }
    // Still many (11 of 24)…
    assert.deepEqual(order(), expected());
    db.prepare("UPDATE documents SET source = 'AP' WHERE source = '' AND id > 6").run();
    // …and few (2 of 24).
    assert.deepEqual(order(), expected());
    assert.equal(docs.list('title', 'asc', 0, 50, { source: null }).total, 2);
  });
  test('by date range, both ends inclusive; undated documents are outside every range', () => {
    assert.deepEqual(ids({ from: '2016-10-25' }), [2, 4]);
    assert.deepEqual(ids({ to: '2016-10-25' }), [1, 2]);
    assert.deepEqual(ids({ from: '2016-10-21', to: '2016-11-02' }), [2, 4]);
  });
  test('by the UTC day a document was marked done (the dashboard done-over-time bars), both ends inclusive', () => {
    db.prepare('UPDATE documents SET done_at = ? WHERE id = 2').run('2026-11-23T23:59:59.000Z');
    db.prepare('UPDATE documents SET done_at = ? WHERE id = 4').run('2026-11-24T00:00:01.000Z');
    assert.deepEqual(ids({ done: true, doneFrom: '2026-11-23', doneTo: '2026-11-23' }), [2]);
    assert.deepEqual(ids({ done: true, doneFrom: '2026-11-24' }), [4]);
    assert.deepEqual(ids({ doneTo: '2026-11-24' }), [2, 4]);
    db.prepare('UPDATE documents SET done_at = NULL WHERE id = 4').run();
    assert.deepEqual(ids({ doneFrom: '2000-01-01' }), [2], 'done before schema 5: no done day, outside every range');
  });
  test('fields combine, and paging and sorting apply to what the filter keeps', () => {
    assert.deepEqual(ids({ done: false, source: 'RT' }), [1, 3]);
    const page = docs.list('title', 'desc', 1, 1, { source: 'RT' });
    assert.equal(page.total, 2);
    assert.deepEqual(page.items.map((d) => d.id), [1]);
  });
  test('each filter reads the slim document_list (migration 0008) through an index, never the documents rows', () => {
    const plan = (f: DocumentFilter) => {
      const { where, params } = filterSql(f);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT doc_id FROM document_list ${where}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    };
    assert.match(plan({ source: 'RT' }), /USING (COVERING )?INDEX document_list_by_exact_source/);
    // No source: NULL from the source sort's index, "" from the exact one; never a walk of every list row.
    assert.match(plan({ source: null }), /MULTI-INDEX OR.*document_list_by_source.*document_list_by_exact_source/);
    assert.doesNotMatch(plan({ source: null }), /SCAN document_list\b/);
    // Many without a source: the sort's covering index, walked in order, never a sort of the ids.
    const walked = idsSql('title', 'asc', { source: null }, true);
    const walk = (db.prepare(`EXPLAIN QUERY PLAN ${walked.sql}`).all(...walked.params) as { detail: string }[]).map((r) => r.detail).join('; ');
    assert.match(walk, /SCAN document_list USING COVERING INDEX document_list_by_title/);
    assert.doesNotMatch(walk, /TEMP B-TREE/);
    assert.match(plan({ from: '2016-10-01', to: '2016-10-31' }), /USING (COVERING )?INDEX document_list_by_date/);
    assert.match(plan({ labelId: 1 }), /SEARCH c EXISTS USING PRIMARY KEY \(doc_id=\? AND label_id=\?\)/);
    for (const f of [{ done: true }, { doneFrom: '2016-01-01' }, { source: 'RT', done: false, labelId: 2 }] as DocumentFilter[]) {
      assert.doesNotMatch(plan(f), /(SCAN|SEARCH) (documents|annotations)\b/, JSON.stringify(f));
    }
  });
});

describe('done time', () => {
  test('marking done records when, marking done again keeps it, marking not done clears it', () => {
    docs.setDone(1, true, '2024-03-01T10:00:00.000Z');
    assert.equal(docs.get(1).doneAt, '2024-03-01T10:00:00.000Z');
    docs.setDone(1, true, '2024-03-05T10:00:00.000Z');
    assert.equal(docs.get(1).doneAt, '2024-03-01T10:00:00.000Z');
    docs.setDone(1, false);
    assert.deepEqual([docs.get(1).done, docs.get(1).doneAt], [false, null]);
  });
});

describe('metadata', () => {
  test('a new title replaces the old one in the search index (titles are indexed beside texts)', () => {
    docs.setMeta({ id: 1, title: 'Zanzibar', date: '2016-10-21', source: 'RT', url: 'https://rt.com/a' });
    const search = searchRepo(db);
    assert.deepEqual(search.search('Zanzibar', 10).hits.map((h) => h.docId), [1]);
    // FTS5's check of the external-content index against the table: the old title's tokens were taken out.
    db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run();
    assert.deepEqual(docs.meta(1), { id: 1, title: 'Zanzibar', date: '2016-10-21', source: 'RT', url: 'https://rt.com/a' });
  });
});
