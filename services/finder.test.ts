import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import { documentsRepo } from '../db/documents.js';
import { searchRepo } from '../db/search.js';
import { QUERY_LIMITS } from '../db/fts-bounds.js';
import { cpLength } from '../common/offsets.js';
import { contextReader } from './context.js';
import { finder } from './finder.js';

function corpus(count: number) {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  for (let i = 0; i < count; i++) {
    const text = `Report ${i}. ${'Filler words about nothing in particular. '.repeat(20 + i)}The airstrike near Mosul killed ${i + 10} civilians.`;
    docs.insert({ title: `Report ${i}`, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 'now');
  }
  return db;
}

test('passages: the first match in each best document, as a sentence; a too broad query is refused', () => {
  const db = corpus(12);
  const find = finder(db, contextReader(db), searchRepo(db));
  const passages = find.passages('airstr* Mosul', 5);
  assert.equal(passages.length, 5);
  for (const p of passages) assert.match(p.context, /^The airstrike near Mosul killed \d+ civilians\.$/);
  const bounded = finder(db, contextReader(db), searchRepo(db, { ...QUERY_LIMITS, entries: 20 }));
  assert.throws(() => bounded.passages('Mosul filler', 5), { name: 'InvalidInput', message: /^Query too broad: / });
  db.close();
});

test('passages stop once the documents read hold more text than limits.text: the best ones first', () => {
  const db = corpus(12);
  const all = finder(db, contextReader(db), searchRepo(db)).passages('Mosul', 10);
  assert.equal(all.length, 10);
  const lengths = all.map((p) => documentsRepo(db).get(p.docId).text.length);
  const budget = lengths[0] + lengths[1] + lengths[2] - 1;
  const few = finder(db, contextReader(db), searchRepo(db, { ...QUERY_LIMITS, text: budget })).passages('Mosul', 10);
  assert.deepEqual(few, all.slice(0, 3));
  db.close();
});

test('passages of a long document come from its first match, reading a piece of it, not all of it', () => {
  const db = corpus(3);
  const docs = documentsRepo(db);
  const text = `${'Filler words about nothing in particular. '.repeat(500)}The shelling near Kharkiv killed 12 civilians. ${'More filler words, and Kharkiv again. '.repeat(20_000)}`;
  const id = docs.insert({ title: 'Annex', date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 'now');
  const search = searchRepo(db);
  const [passage] = finder(db, contextReader(db), search).passages('kharkiv shelling', 5);
  assert.equal(passage.docId, id);
  assert.equal(passage.context, 'The shelling near Kharkiv killed 12 civilians.');
  assert.equal(passage.start, text.indexOf('shelling'));
  const { query, phrases } = search.rank('kharkiv shelling', 1);
  const { read } = search.firstMatch(id, query, phrases, 120_000);
  assert.ok(read > 0 && read < cpLength(text) / 10, `read ${read} of ${cpLength(text)}`);
  // Too small a budget to reach the first match: no passage from it.
  assert.deepEqual(search.firstMatch(id, query, phrases, 1000).ranges, []);
  db.close();
});

test('a request reads about 12,000 code points per passage asked for: long articles give fewer passages', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  for (let i = 0; i < 5; i++) {
    const text = `The airstrike near Mosul killed ${i + 10} civilians. ${'Filler words about nothing in particular. '.repeat(450)}`;
    docs.insert({ title: `Long ${i}`, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 'now');
  }
  const find = finder(db, contextReader(db), searchRepo(db));
  // About 19,000 code points each: three asked for is a budget of 36,000, spent after the second.
  assert.equal(find.passages('Mosul', 3).length, 2);
  assert.equal(find.passages('Mosul', 5).length, 4);
  assert.equal(find.passages('Mosul', 10).length, 5);
  db.close();
});
