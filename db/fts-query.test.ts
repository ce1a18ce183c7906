import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { nearRefusal, toFtsQuery } from './fts-query.js';
import { AppError } from '../common/errors.js';

const NEAR_MESSAGE = `NEAR(…) is not supported: type the words to find documents with all of them (civilians killed), or quote them to find them side by side ("civilians killed").`;
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { searchRepo } from './search.js';
import { cpLength } from '../common/offsets.js';

describe('toFtsQuery', () => {
  test('words are quoted and ANDed by juxtaposition', () => {
    assert.equal(toFtsQuery('smart bombs'), '"smart" "bombs"');
    assert.equal(toFtsQuery('  Mosul   civilians  '), '"Mosul" "civilians"');
  });

  test('a quoted phrase stays one phrase', () => {
    assert.equal(toFtsQuery('"smart bombs"'), '"smart bombs"');
    assert.equal(toFtsQuery('"  smart bombs  "'), '"smart bombs"');
  });

  test('a trailing * makes a prefix term, for words and phrases', () => {
    assert.equal(toFtsQuery('bomb*'), '"bomb"*');
    assert.equal(toFtsQuery('"smart bo"*'), '"smart bo"*');
  });

  test('the documented example', () => {
    assert.equal(toFtsQuery('"smart bombs" Mosul civil*'), '"smart bombs" "Mosul" "civil"*');
  });

  test('OR between two terms is kept; leading, doubled and trailing OR are not operators', () => {
    assert.equal(toFtsQuery('Mosul OR Aleppo'), '"Mosul" OR "Aleppo"');
    assert.equal(toFtsQuery('Mosul OR'), '"Mosul"');
    assert.equal(toFtsQuery('OR Mosul'), '"OR" "Mosul"');
    assert.equal(toFtsQuery('Mosul OR OR Aleppo').split(' OR ').length, 2);
    // Lower-case "or" is just a word.
    assert.equal(toFtsQuery('Mosul or Aleppo'), '"Mosul" "or" "Aleppo"');
  });

  test('FTS5 keywords and syntax characters become literal terms', () => {
    assert.equal(toFtsQuery('a AND NOT b'), '"a" "AND" "NOT" "b"');
    assert.equal(toFtsQuery('title:Mosul'), '"title:Mosul"');
    assert.equal(toFtsQuery('-a +b ^c'), '"-a" "+b" "^c"');
  });

  test('double quotes inside a word are dropped, never left unbalanced', () => {
    assert.equal(toFtsQuery('"unclosed'), '"unclosed"');
    assert.equal(toFtsQuery('ab"cd'), '"abcd"');
    assert.equal(toFtsQuery('"ab"c'), '"ab" "c"');
  });

  test('a phrase typed twice is kept once (FTS5 would read the index once per copy), in a group and across OR', () => {
    assert.equal(toFtsQuery('a* '.repeat(100)), '"a"*');
    assert.equal(toFtsQuery('Mosul Mosul OR Aleppo OR Mosul'), '"Mosul" OR "Aleppo"');
    assert.equal(toFtsQuery('smart bombs OR bombs smart'), '"smart" "bombs"');
    assert.equal(toFtsQuery('OR '.repeat(300)), '"OR"');
    // Different terms stay: a word and its prefix, a phrase and its words.
    assert.equal(toFtsQuery('bomb bomb* "smart bombs" smart'), '"bomb" "bomb"* "smart bombs" "smart"');
  });

  test('input with no letters or digits gives an empty query', () => {
    for (const q of ['', '   ', '*', '"', '""', '" "', '!!!', '- + *', 'OR']) {
      const out = toFtsQuery(q);
      if (q === 'OR') assert.equal(out, '"OR"');
      else assert.equal(out, '', JSON.stringify(q));
    }
  });

  test('NEAR(…) and NEAR/n are refused with what to type instead (issue 15: NEAR(civilians killed) found nothing, silently)', () => {
    for (const q of ['NEAR(civilians killed)', 'NEAR(civilians killed, 10)', 'near(a b)', 'Mosul NEAR (a b)', 'a NEAR/3 b', 'a NEAR/ b', 'x OR NEAR(a b)']) {
      assert.equal(nearRefusal(q), NEAR_MESSAGE, q);
      assert.throws(() => toFtsQuery(q), (e: unknown) => e instanceof AppError && e.name === 'InvalidInput' && e.message === NEAR_MESSAGE, q);
    }
    // "near" is also a word; quoted, NEAR( is text.
    assert.equal(toFtsQuery('near Mosul'), '"near" "Mosul"');
    assert.equal(toFtsQuery('a NEAR b'), '"a" "NEAR" "b"');
    assert.equal(toFtsQuery('"NEAR(a b)"'), '"NEAR(a b)"');
    assert.equal(nearRefusal('"NEAR(a b)" Mosul'), null);
  });

  test('every output has balanced double quotes', () => {
    for (const q of tricky) {
      const out = toFtsQuery(q);
      // Outside quoted strings there are only OR and *; inside, quotes are doubled.
      const unquoted = out.replace(/"(?:[^"]|"")*"/g, '');
      assert.match(unquoted, /^(?:\s|\*|OR)*$/, `${JSON.stringify(q)} -> ${out}`);
    }
  });
});

const tricky = [
  'smart bombs', '"smart bombs"', 'bomb*', 'a OR b', 'OR', 'OR OR', 'a OR', 'OR a', 'a OR OR b', '*', '**', 'a**',
  '"', '""', '"""', '"a""b"', '"unclosed', 'closed"', '"phrase"*', '"!!"*', '"*"', '"-"', 'a NEAR b', 'near', '"NEAR(a b)"', '(a', 'a)', '()', 'col:val', 'title:x', ':', '^', '^start', '-not', '+plus', 'a AND b', 'NOT a',
  'AND', 'NOT', "it's", "'", '\\', '\\"', '{a b}', '[x]', 'a*b', 'a*b*', '*a', 'Rudsk*', 'Рудск*', '😀', '😀*',
  '👩‍👩‍👧', 'e\u0301', '\u0301', 'café', '\u0000', '\u0002hit\u0003', '%', '_', 'a;DROP TABLE documents',
  '"a" OR "b"', '"a" OR', 'OR "a"', '"smart bombs" OR Rudsk*', 'x OR * y', '"   "', '\t\n', 'a\tb\nc',
  '²', '½', '中文', '日本語*', 'x'.repeat(1000), '"'.repeat(999), 'OR '.repeat(300),
];

describe('toFtsQuery output is never an FTS5 syntax error', () => {
  let db: Db;
  before(() => {
    db = openDatabase(':memory:');
    const docs = documentsRepo(db);
    for (const [title, text] of [
      ['Mosul', 'Smart bombs hit Mosul; Sergey Rudskoy said café owners fled. 😀 NEAR OR AND NOT it\'s'],
      ['Other', 'Nothing to see here: 中文 日本語 ½ ²'],
    ]) {
      docs.insert(
        { title, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
        '2024-01-01T00:00:00.000Z',
      );
    }
  });
  after(() => db.close());

  test('every tricky input runs through search and locate without throwing', () => {
    const search = searchRepo(db);
    for (const q of tricky) {
      assert.doesNotThrow(() => search.search(q, 10), `search ${JSON.stringify(q)}`);
      assert.doesNotThrow(() => search.locate(1, q), `locate ${JSON.stringify(q)}`);
    }
  });

  test('a NUL character inside a word is not an FTS5 syntax error (SQLite ends the string there)', () => {
    const search = searchRepo(db);
    for (const q of ['x\u0000y', 'Mosul\u0000', '"smart\u0000bombs"']) {
      assert.doesNotThrow(() => search.search(q, 10), `search ${JSON.stringify(q)}`);
      assert.doesNotThrow(() => search.locate(1, q), `locate ${JSON.stringify(q)}`);
    }
  });

  test('a search or a locate with NEAR(…) is refused with the message, never 0 hits', () => {
    const search = searchRepo(db);
    const refused = (e: unknown) => e instanceof AppError && e.name === 'InvalidInput' && e.message === NEAR_MESSAGE;
    assert.throws(() => search.search('NEAR(civilians killed)', 10), refused);
    assert.throws(() => search.locate(1, 'NEAR(Smart bombs, 5)'), refused);
    assert.deepEqual(search.search('smart bombs', 10).hits.map((h) => h.docId), [1], 'what the message says to type finds it');
  });

  test('literal syntax words still find the documents that contain them', () => {
    const search = searchRepo(db);
    assert.deepEqual(search.search('NEAR', 10).hits.map((h) => h.docId), [1]);
    assert.deepEqual(search.search('OR AND', 10).hits.map((h) => h.docId), [1]);
    assert.deepEqual(search.search("it's", 10).hits.map((h) => h.docId), [1]);
  });

  test('OR unites, words intersect, phrases need adjacency', () => {
    const search = searchRepo(db);
    assert.deepEqual(search.search('Mosul OR 中文', 10).hits.map((h) => h.docId).sort(), [1, 2]);
    assert.deepEqual(search.search('Mosul 中文', 10).hits, []);
    assert.deepEqual(search.search('"bombs smart"', 10).hits, []);
    assert.deepEqual(search.search('"smart bombs"', 10).hits.map((h) => h.docId), [1]);
  });

  test('diacritics are ignored: cafe finds café, and prefix works in Cyrillic-free text', () => {
    const search = searchRepo(db);
    assert.deepEqual(search.search('cafe', 10).hits.map((h) => h.docId), [1]);
    assert.deepEqual(search.search('Rud*', 10).hits.map((h) => h.docId), [1]);
  });
});
