import { test, describe, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo, type NewDocument } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { annotatorsRepo } from './annotators.js';
import { AUTO_LAYER } from '../common/annotators.js';
import { searchRepo } from './search.js';
import { AppError } from '../common/errors.js';
import { cpLength } from '../common/offsets.js';
import type { DocumentSort } from '../common/model.js';

let db: Db;
let docs: DocumentsRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  docs = documentsRepo(db);
});
afterEach(() => db.close());

function doc(title: string, text: string, date: string | null = null, source: string | null = null): NewDocument {
  return { title, date, source, path: `${title}.txt`, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) };
}

function rejects(fn: () => unknown, name: string) {
  assert.throws(fn, (e: unknown) => e instanceof AppError && e.name === name);
}

/** FTS5's own consistency check of the external-content index against the documents table. */
const ftsIntact = () => db.prepare("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run();

describe('documents insert and get', () => {
  test('get returns what was inserted, with the text, hash, code-point length and importedAt', () => {
    const text = 'Emoji 😀 and 👩‍👩‍👧 and e\u0301.';
    const d = doc('Title', text, '2016-10-25', 'RT');
    const id = docs.insert(d, '2024-05-01T10:00:00.000Z');
    const got = docs.get(id);
    assert.deepEqual(got, {
      id,
      title: 'Title',
      date: '2016-10-25',
      source: 'RT',
      path: 'Title.txt',
      length: Array.from(text).length,
      importedAt: '2024-05-01T10:00:00.000Z',
      done: false,
      doneAt: null,
      url: null,
      counts: {},
      text,
      hash: d.hash,
    });
    assert.equal(docs.idByHash(d.hash), id);
    assert.equal(docs.idByHash('nope'), undefined);
  });

  test('an unknown id is NotFound', () => {
    rejects(() => docs.get(42), 'NotFound');
    rejects(() => docs.delete(42), 'NotFound');
    rejects(() => docs.setDone(42, true), 'NotFound');
  });

  test('a second document with the same hash is refused by the database', () => {
    docs.insert(doc('a', 'same text'), 'x');
    assert.throws(() => docs.insert(doc('b', 'same text'), 'x'), /UNIQUE/);
    assert.equal(docs.count(), 1);
  });

  test('inserted documents are searchable at once, by text and by title', () => {
    const id = docs.insert(doc('Konashenkov briefing', 'The ministry said smart bombs were used.'), 'x');
    assert.deepEqual(searchRepo(db).search('"smart bombs"', 10).hits.map((h) => h.docId), [id]);
    assert.deepEqual(searchRepo(db).search('Konashenkov', 10).hits.map((h) => h.docId), [id]);
    ftsIntact();
  });
});

describe('documents list', () => {
  let ids: Record<string, number>;
  beforeEach(() => {
    ids = {};
    const rows: [string, string | null, string | null][] = [
      ['banana', '2016-10-25', 'Reuters'],
      ['Apple', null, 'bbc'],
      ['cherry', '2015-01-01', null],
      ['apricot', '2017-03-04', 'AP'],
    ];
    for (const [title, date, source] of rows) ids[title] = docs.insert(doc(title, `text of ${title}`, date, source), 'x');
    const ann = annotationsRepo(db);
    // cherry: 3 (2 claim, 1 speaker); banana: 1 (figure); Apple: 0; apricot: 2 (speaker).
    ann.create({ docId: ids.cherry, labelId: 1, start: 0, end: 4 });
    ann.create({ docId: ids.cherry, labelId: 1, start: 5, end: 7 });
    ann.create({ docId: ids.cherry, labelId: 2, start: 0, end: 2 });
    ann.create({ docId: ids.banana, labelId: 3, start: 0, end: 4 });
    ann.create({ docId: ids.apricot, labelId: 2, start: 0, end: 4 });
    ann.create({ docId: ids.apricot, labelId: 2, start: 1, end: 4 });
  });

  const titles = (sort: DocumentSort, dir: 'asc' | 'desc') => docs.list(sort, dir, 0, 100).items.map((d) => d.title);

  test('by import order (id)', () => {
    assert.deepEqual(titles('imported', 'asc'), ['banana', 'Apple', 'cherry', 'apricot']);
    assert.deepEqual(titles('imported', 'desc'), ['apricot', 'cherry', 'Apple', 'banana']);
  });

  test('by title, case-insensitively', () => {
    assert.deepEqual(titles('title', 'asc'), ['Apple', 'apricot', 'banana', 'cherry']);
    assert.deepEqual(titles('title', 'desc'), ['cherry', 'banana', 'apricot', 'Apple']);
  });

  test('by date, documents without a date last in both directions', () => {
    assert.deepEqual(titles('date', 'asc'), ['cherry', 'banana', 'apricot', 'Apple']);
    assert.deepEqual(titles('date', 'desc'), ['apricot', 'banana', 'cherry', 'Apple']);
  });

  test('by source, case-insensitively, without a source last', () => {
    assert.deepEqual(titles('source', 'asc'), ['apricot', 'Apple', 'banana', 'cherry']);
    assert.deepEqual(titles('source', 'desc'), ['banana', 'Apple', 'apricot', 'cherry']);
  });

  test('by number of annotations', () => {
    assert.deepEqual(titles('annotations', 'asc'), ['Apple', 'banana', 'apricot', 'cherry']);
    assert.deepEqual(titles('annotations', 'desc'), ['cherry', 'apricot', 'banana', 'Apple']);
  });

  test('counts are per label id, only for labels in use', () => {
    const byTitle = Object.fromEntries(docs.list('imported', 'asc', 0, 100).items.map((d) => [d.title, d.counts]));
    assert.deepEqual(byTitle, {
      cherry: { 1: 2, 2: 1 },
      banana: { 3: 1 },
      Apple: {},
      apricot: { 2: 2 },
    });
    assert.deepEqual(docs.get(ids.cherry).counts, { 1: 2, 2: 1 });
  });

  test('offset and limit page through the sorted list; total is the whole count', () => {
    const page1 = docs.list('title', 'asc', 0, 2);
    const page2 = docs.list('title', 'asc', 2, 2);
    assert.equal(page1.total, 4);
    assert.equal(page2.total, 4);
    assert.deepEqual([...page1.items, ...page2.items].map((d) => d.title), ['Apple', 'apricot', 'banana', 'cherry']);
    assert.deepEqual(docs.list('title', 'asc', 4, 2).items, []);
  });

  test('summaries carry no text', () => {
    for (const d of docs.list('imported', 'asc', 0, 100).items) assert.ok(!('text' in d) && !('hash' in d));
  });
});

describe('documents delete', () => {
  test('cascades to annotations and leaves other documents alone', () => {
    const a = docs.insert(doc('a', 'first document text'), 'x');
    const b = docs.insert(doc('b', 'second document text'), 'x');
    const ann = annotationsRepo(db);
    ann.create({ docId: a, labelId: 1, start: 0, end: 5 });
    ann.create({ docId: a, labelId: 2, start: 6, end: 14 });
    const keep = ann.create({ docId: b, labelId: 1, start: 0, end: 6 });
    docs.delete(a);
    rejects(() => docs.get(a), 'NotFound');
    assert.deepEqual(ann.listForDocument(a), []);
    assert.equal(ann.count(), 1);
    assert.deepEqual(ann.get(keep.id), keep);
    assert.equal(docs.count(), 1);
  });

  test('removes the document from the search index; the others stay findable', () => {
    const a = docs.insert(doc('Mosul report', 'Rudskoy said smart bombs were used in Mosul.'), 'x');
    const b = docs.insert(doc('Other', 'Mosul again, without the phrase.'), 'x');
    const search = searchRepo(db);
    assert.deepEqual(search.search('Rudskoy', 10).hits.map((h) => h.docId), [a]);
    docs.delete(a);
    assert.deepEqual(search.search('Rudskoy', 10).hits, []);
    assert.deepEqual(search.search('"smart bombs"', 10).hits, []);
    assert.deepEqual(search.search('report', 10).hits, []); // title tokens are gone too
    assert.deepEqual(search.search('Mosul', 10).hits.map((h) => h.docId), [b]);
    ftsIntact();
  });

  test('the same text can be imported again after delete', () => {
    const a = docs.insert(doc('a', 'reusable text'), 'x');
    docs.delete(a);
    assert.equal(docs.idByHash(doc('a', 'reusable text').hash), undefined);
    const again = docs.insert(doc('a', 'reusable text'), 'x');
    assert.deepEqual(searchRepo(db).search('reusable', 10).hits.map((h) => h.docId), [again]);
    ftsIntact();
  });
});

describe('documents list: the auto layer\'s proposals are not annotations (issue 14)', () => {
  const CLAIM = 1;
  const SPEAKER = 2;
  const FIGURE = 3;
  let ids: Record<string, number>;
  let auto: number;
  beforeEach(() => {
    ids = {};
    for (const title of ['tagged', 'proposed', 'both']) ids[title] = docs.insert(doc(title, `Rudskoy said 60 civilians died in ${title}.`), 'x');
    const ann = annotationsRepo(db);
    const layers = annotatorsRepo(db);
    auto = layers.ensure(AUTO_LAYER, true);
    const maria = layers.ensure('maria');
    // tagged: two own spans and one of another analyst; proposed: proposals only; both: one own figure, three proposals.
    ann.create({ docId: ids.tagged, labelId: SPEAKER, start: 0, end: 7 });
    ann.create({ docId: ids.tagged, labelId: CLAIM, start: 13, end: 30 });
    ann.create({ docId: ids.tagged, labelId: FIGURE, start: 13, end: 25, annotatorId: maria });
    ann.create({ docId: ids.proposed, labelId: FIGURE, start: 13, end: 25, annotatorId: auto });
    ann.create({ docId: ids.proposed, labelId: SPEAKER, start: 0, end: 7, annotatorId: auto });
    ann.create({ docId: ids.both, labelId: FIGURE, start: 13, end: 25 });
    for (const [labelId, start, end] of [[FIGURE, 13, 25], [SPEAKER, 0, 7], [CLAIM, 13, 30]]) {
      ann.create({ docId: ids.both, labelId, start, end, annotatorId: auto });
    }
  });

  const countsByTitle = () => Object.fromEntries(docs.list('imported', 'asc', 0, 100).items.map((d) => [d.title, d.counts]));

  test('per-label counts (the badges) count every analyst\'s spans and no proposal, in the list, summary and get', () => {
    assert.deepEqual(countsByTitle(), { tagged: { [CLAIM]: 1, [SPEAKER]: 1, [FIGURE]: 1 }, proposed: {}, both: { [FIGURE]: 1 } });
    assert.deepEqual(docs.summary(ids.proposed).counts, {});
    assert.deepEqual(docs.get(ids.both).counts, { [FIGURE]: 1 });
  });

  test('the label filter keeps documents with an annotation of that label, not those with only a proposal', () => {
    const kept = (labelId: number) => {
      const page = docs.list('imported', 'asc', 0, 100, { labelId });
      assert.equal(page.total, page.items.length);
      return page.items.map((d) => d.title);
    };
    assert.deepEqual(kept(FIGURE), ['tagged', 'both']);
    assert.deepEqual(kept(SPEAKER), ['tagged']);
    assert.deepEqual(kept(CLAIM), ['tagged']);
  });

  test('sorting by annotations counts annotations only: three proposals weigh nothing', () => {
    assert.deepEqual(docs.list('annotations', 'desc', 0, 100).items.map((d) => d.title), ['tagged', 'both', 'proposed']);
    assert.deepEqual(docs.list('annotations', 'asc', 0, 100).items.map((d) => d.title), ['proposed', 'both', 'tagged']);
  });

  test('an accepted proposal (its copy in the analyst\'s layer) counts; the layers bar still counts auto\'s own spans', () => {
    annotationsRepo(db).create({ docId: ids.proposed, labelId: SPEAKER, start: 0, end: 7 });
    assert.deepEqual(docs.summary(ids.proposed).counts, { [SPEAKER]: 1 });
    assert.deepEqual(docs.list('imported', 'asc', 0, 100, { labelId: SPEAKER }).items.map((d) => d.title), ['tagged', 'proposed']);
    const layer = annotatorsRepo(db).list().find((a) => a.id === auto)!;
    assert.deepEqual([layer.name, layer.spans, layer.documents], [AUTO_LAYER, 5, 2]);
  });

  test('the auto layer is found whatever the case of its stored name', () => {
    db.prepare('UPDATE annotators SET name = ? WHERE id = ?').run('AUTO', auto);
    assert.deepEqual(countsByTitle().proposed, {});
    assert.deepEqual(docs.list('annotations', 'desc', 0, 100).items.map((d) => d.title), ['tagged', 'both', 'proposed']);
  });
});
