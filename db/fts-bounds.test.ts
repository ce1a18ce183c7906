import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { QUERY_LIMITS, queryBounds } from './fts-bounds.js';
import { searchRepo } from './search.js';
import { cpLength } from '../common/offsets.js';
import { AppError } from '../common/errors.js';

/**
 * A test-size corpus with known counts: "common" and "shared" in every document, "rare" in one, six index terms
 * beginning with "al" (alpha in half the documents), and a word of its own per document ("w0" … "w59").
 */
const DOCS = 60;
const AL = ['alpha', 'alpine', 'altitude', 'alter', 'alto', 'album'];
/** Documents holding "alpha": the odd ones, and every sixth as its AL word. */
const alphaDocs = [...Array(DOCS).keys()].filter((i) => i % 2 || i % AL.length === 0).length;

let db: Db;
before(() => {
  db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  for (let i = 0; i < DOCS; i++) {
    const text = `common shared w${i} ${AL[i % AL.length]} ${i % 2 ? 'alpha' : ''} ${i === 7 ? 'rare' : ''} a an and`;
    docs.insert(
      { title: `Doc ${i}`, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
      '2024-01-01T00:00:00.000Z',
    );
  }
});
after(() => db.close());

/** The message of the AppError `f` throws, asserting it is an InvalidInput "Query too broad". */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.name, 'InvalidInput');
    assert.match(e.message, /^Query too broad: /);
    return e.message;
  }
  assert.fail('expected the query to be refused');
}

describe('query bounds: what a query costs is counted, and a query over a limit is refused', () => {
  test('a prefix repeated a hundred times costs what it costs once, and runs once', () => {
    const once = queryBounds(db).compile('a*');
    const hundred = queryBounds(db).compile('a* '.repeat(100));
    assert.equal(hundred.fts, '"a"*');
    assert.deepEqual(hundred.cost, once.cost);
    // a*, al*: a, an, and, alpha, alpine, altitude, alter, alto, album.
    assert.ok(once.cost.entries >= 3 * DOCS, `${once.cost.entries}`);
  });

  test('phrases that are the same index words (case, diacritics) are kept once, per group and across ORed groups', () => {
    const b = queryBounds(db);
    assert.equal(b.compile('Common COMMON cómmon').fts, '"Common"');
    assert.equal(b.compile('A* a* á*').fts, '"A"*');
    assert.equal(b.compile('common OR Common OR rare OR common').fts, '"common" OR "rare"');
    // A phrase and the same words as a prefix are different queries.
    assert.equal(b.compile('alpha alpha*').fts, '"alpha" "alpha"*');
  });

  test('entries are the matches scored for each phrase plus the document lists read: exact counts from the index', () => {
    const b = queryBounds(db);
    const read = (listed: number) => Math.ceil(listed / 12);
    assert.deepEqual(b.compile('common').cost, { words: 1, entries: DOCS + read(DOCS) });
    assert.deepEqual(b.compile('rare').cost, { words: 1, entries: 1 + read(1) });
    // ANDed, the group matches at most what its narrowest phrase does, and each match is scored for both phrases.
    assert.deepEqual(b.compile('"common shared" rare').cost, { words: 3, entries: 1 * 2 + read(2 * DOCS + 1) });
    assert.deepEqual(b.compile('common rare').cost, { words: 2, entries: 1 * 2 + read(DOCS + 1) });
    // ORed groups add up (at most the corpus), each match scored for every phrase.
    assert.deepEqual(b.compile('common OR rare').cost, { words: 2, entries: DOCS * 2 + read(DOCS + 1) });
    // A prefix merges its terms' lists: alpha (every odd document, and every sixth as its AL word), alpine… album.
    const merged = alphaDocs + 5 * (DOCS / AL.length);
    assert.deepEqual(b.compile('al*').cost, { words: 1, entries: Math.min(merged, DOCS) + Math.ceil(merged / 2) });
    assert.deepEqual(b.compile('nowhere').cost, { words: 1, entries: 0 });
  });

  test('a phrase with a word in every document costs what its rare words cost ("civilians were killed", issue 15)', () => {
    const b = queryBounds(db, { ...QUERY_LIMITS, entries: 20 });
    // "common" and "shared" are in all 60 documents, "w7" in one: FTS5 steps through the common lists to it.
    assert.equal(b.compile('"common shared w7"').cost.entries, 1 + Math.ceil((2 * DOCS + 1) / 12));
    assert.match(refusal(() => b.compile('common shared')), /more than 20 index entries/);
  });

  test(`more than ${QUERY_LIMITS.words} words is refused, saying how many and what to do; a 1000-character query of words is`, () => {
    const b = queryBounds(db);
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    assert.equal(b.compile(words(QUERY_LIMITS.words)).cost.words, QUERY_LIMITS.words);
    assert.match(refusal(() => b.compile(words(QUERY_LIMITS.words + 1))), /65 words; at most 64 .*fewer words/);
    // Words inside a phrase count one by one.
    assert.match(refusal(() => b.compile(`"${words(QUERY_LIMITS.words + 1)}"`)), /65 words/);
    const long = Array.from({ length: 400 }, (_, i) => `x${i}`).join(' ').slice(0, 1000);
    assert.equal(long.length, 1000);
    refusal(() => b.compile(long));
  });

  test('a prefix standing for too many index terms is refused, naming it; more letters narrow it', () => {
    const b = queryBounds(db, { ...QUERY_LIMITS, prefixTerms: 5 });
    assert.match(refusal(() => b.compile('al*')), /"al\*" stands for more than 5 different words.*Type more letters before the \*/);
    assert.equal(b.compile('alp*').fts, '"alp"*');
    // Merged entries are counted per index term: a document holding both alpha and alpine counts twice.
    const merged = alphaDocs + DOCS / AL.length;
    assert.equal(b.compile('alp*').cost.entries, Math.min(merged, DOCS) + Math.ceil(merged / 2));
  });

  test('a query reading too many index entries is refused, naming its broadest terms; narrower words pass', () => {
    const b = queryBounds(db, { ...QUERY_LIMITS, entries: 100 });
    assert.equal(b.compile('common rare').cost.entries, 2 + Math.ceil((DOCS + 1) / 12));
    const message = refusal(() => b.compile('common shared'));
    assert.match(message, /more than 100 index entries/);
    assert.match(message, /"common" \(in 60 documents\)/);
    assert.match(message, /Leave out very common words/);
    // A prefix is counted term by term and the count stops once its merge alone passes the limit (twice the
    // limit in merged entries): "at least".
    const prefixed = refusal(() => b.compile('common a*'));
    const mergedCounted = Number(/"a\*" \(at least \d+ words, (\d+) entries\)/.exec(prefixed)![1]);
    assert.ok(mergedCounted > 200 && mergedCounted <= 200 + DOCS, prefixed);
  });

  test('the same query on the same index always gets the same answer (counts, never time)', () => {
    const b = queryBounds(db, { ...QUERY_LIMITS, entries: 100 });
    const outcomes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      for (const q of ['common rare', 'common shared', 'a* '.repeat(100)]) {
        try {
          outcomes.add(`${q}:${JSON.stringify(b.compile(q).cost)}`);
        } catch (e) {
          outcomes.add(`${q}:${(e as Error).message}`);
        }
      }
    }
    assert.equal(outcomes.size, 3);
  });

  test('search, locate and the ranked ids go through the bounds', () => {
    const search = searchRepo(db);
    const r = search.search('a* '.repeat(100), 100);
    assert.equal(r.query, '"a"*');
    assert.deepEqual(r.hits.map((h) => h.docId), search.search('a*', 100).hits.map((h) => h.docId));
    const long = Array.from({ length: 400 }, (_, i) => `x${i}`).join(' ').slice(0, 1000);
    refusal(() => search.search(long, 10));
    refusal(() => search.locate(1, long));
    refusal(() => search.rank(long, 10));
    assert.equal(search.locate(1, 'a* '.repeat(100)).length, 4, 'alpine, a, an, and');
  });
});
