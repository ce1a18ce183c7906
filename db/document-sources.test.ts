import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { MAX_SOURCES_PER_CALL, rankedSourcesSql } from './document-sources.js';
import { cpLength } from '../common/offsets.js';

let db: Db;
let docs: DocumentsRepo;
let n = 0;
const add = (source: string | null) => {
  const text = `document ${++n}`;
  return docs.insert({ title: `t${n}`, date: null, source, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 't');
};
beforeEach(() => {
  db = openDatabase(':memory:');
  docs = documentsRepo(db);
  n = 0;
});
afterEach(() => db.close());

test('a handful of sources: all of them, most documents first, ties by name ignoring case; no source is not one', () => {
  for (const s of ['TASS', 'RT', 'RT', 'rt', 'AP', 'AP', 'AP', 'bbc', null]) add(s);
  assert.deepEqual(docs.sources(undefined, 50), {
    sources: [
      { source: 'AP', documents: 3 },
      { source: 'RT', documents: 2 },
      { source: 'bbc', documents: 1 },
      { source: 'rt', documents: 1 },
      { source: 'TASS', documents: 1 },
    ],
    total: 5,
    none: 1,
  });
});

test('an empty source is no source: counted in `none` with the NULL ones, never listed as a blank name', () => {
  for (const s of ['RT', '', '', null, 'RT', 'AP']) add(s);
  assert.deepEqual(docs.sources(undefined, 50), {
    sources: [
      { source: 'RT', documents: 2 },
      { source: 'AP', documents: 1 },
    ],
    total: 2,
    none: 3,
  });
  // A full page counts the distinct sources, still without the empty one.
  assert.deepEqual(docs.sources(undefined, 1), { sources: [{ source: 'RT', documents: 2 }], total: 2, none: 3 });
  // And the list's "(no source)" filter keeps the same three documents.
  assert.equal(docs.list('imported', 'asc', 0, 50, { source: null }).total, 3);
});

test('11,000 file-name sources (issue 15): a bounded page, the big outlets first, the total beside it', () => {
  db.transaction(() => {
    for (let i = 0; i < 11_000; i++) add(`article-${i}.txt`);
    for (let i = 0; i < 40; i++) add('Reuters');
    for (let i = 0; i < 30; i++) add('ТАСС');
  })();
  const page = docs.sources(undefined, 50);
  assert.equal(page.sources.length, 50);
  assert.equal(page.total, 11_002);
  assert.deepEqual(page.sources.slice(0, 2), [
    { source: 'Reuters', documents: 40 },
    { source: 'ТАСС', documents: 30 },
  ]);
  // The limit is clamped to what one call may return.
  assert.equal(docs.sources(undefined, 10_000).sources.length, MAX_SOURCES_PER_CALL);
  // Narrowed by what is typed: case-insensitive, anywhere in the name, non-ASCII letters folded too.
  assert.deepEqual(docs.sources('REUT', 50), { sources: [{ source: 'Reuters', documents: 40 }], total: 1, none: 0 });
  assert.deepEqual(docs.sources('тасс', 50), { sources: [{ source: 'ТАСС', documents: 30 }], total: 1, none: 0 });
  assert.deepEqual(docs.sources('le-1099', 5), {
    sources: ['article-1099.txt', 'article-10990.txt', 'article-10991.txt', 'article-10992.txt', 'article-10993.txt'].map((source) => ({ source, documents: 1 })),
    total: 11,
    none: 0,
  });
  // LIKE's wildcards are letters here, not patterns; nothing matching is an empty page.
  assert.deepEqual(docs.sources('%', 50), { sources: [], total: 0, none: 0 });
  assert.deepEqual(docs.sources('_', 50), { sources: [], total: 0, none: 0 });
  assert.deepEqual(docs.sources('  ', 3).total, 11_002, 'blank: every source');
});

test('the read walks the source index, never the documents table or a sort of every document', () => {
  add('RT');
  const plan = db
    .prepare(`EXPLAIN QUERY PLAN ${rankedSourcesSql()}`)
    .all(50)
    .map((r) => (r as { detail: string }).detail)
    .join(' | ');
  assert.match(plan, /COVERING INDEX document_list_by_exact_source/);
  assert.doesNotMatch(plan, /SCAN documents\b|TEMP B-TREE FOR GROUP BY/);
});
