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
