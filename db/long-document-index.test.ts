import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { openDatabase } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { searchRepo } from './search.js';
import { toFtsQuery } from './fts-query.js';
import { cutPieces } from './long-document-index.js';
import { cpLength } from '../common/offsets.js';

function insert(docs: DocumentsRepo, title: string, text: string): number {
  return docs.insert({ title, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) }, 'now');
}

/** About 200,000 code points: many pieces, with emoji, accents and the words of the queries below throughout. */
function longText(): string {
  const sentences = [
    'The smart bombs hit 😀 residential areas near Mosul.',
    'General Sergey Rudskoy said the café was hit.',
    'Konashenkov told 👩‍👩‍👧 reporters that smart people left.',
    'Residential areas of Aleppo were shelled; smart bombs again.',
    'Nothing about it here at all, only filler words.',
  ];
  const out: string[] = [];
  for (let i = 0; out.join(' ').length < 100_000; i++) out.push(sentences[(i * 7 + (i >> 3)) % sentences.length]);
  return out.join(' ');
}

test('locate in a long document gives exactly the ranges highlight() of the whole document gives', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const text = longText();
  const id = insert(docs, 'Big annex report', text);
  insert(docs, 'Short', 'Smart bombs in a short one.');
  assert.ok(cutPieces(text, 64).length > 5);
  const search = searchRepo(db);
  const queries = [
    'smart', '"smart bombs"', '"smart bombs hit"', 'konash*', 'Rudskoy', 'cafe', 'café', '"residential areas"', 'smart zzzz',
    'zzzz OR Rudskoy', 'annex smart', 'annex', 'smart OR residential bombs', 'sm* re*', '"filler words the smart bombs"', 'mosul general',
  ];
  for (const q of queries) assert.deepEqual(search.locate(id, q), search.matches(id, toFtsQuery(q)).ranges, q);
  db.close();
});

test('a phrase that straddles the end of a piece is found once, whole', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const filler = 'word '.repeat(3_199);
  // The core of the first piece ends at the space after 16,000 characters: the phrase crosses it.
  const text = `${filler}alpha beta gamma delta ${'word '.repeat(20_000)}alpha beta gamma delta end`;
  const id = insert(docs, 'Long', text);
  const pieces = cutPieces(text, 64);
  const phraseAt = text.indexOf('alpha');
  assert.ok(pieces[0].coreEnd > phraseAt && pieces[0].coreEnd < phraseAt + 'alpha beta gamma delta'.length, 'the phrase straddles the core end');
  const ranges = searchRepo(db).locate(id, '"alpha beta gamma delta"');
  assert.deepEqual(ranges, [
    { start: phraseAt, end: phraseAt + 22 },
    { start: text.lastIndexOf('alpha'), end: text.lastIndexOf('alpha') + 22 },
  ]);
  db.close();
});

test('the kept document is replaced by the next one asked for, and a rolled-back transaction leaves it usable', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const a = insert(docs, 'A', `${'alpha '.repeat(10_000)}target`);
  const b = insert(docs, 'B', `${'beta '.repeat(12_000)}target target`);
  const search = searchRepo(db);
  assert.equal(search.locate(a, 'target').length, 1);
  assert.equal(search.locate(b, 'target').length, 2);
  try {
    db.transaction(() => {
      assert.equal(search.locate(a, 'target').length, 1);
      throw new Error('roll back');
    })();
  } catch {
    /* expected */
  }
  assert.equal(search.locate(a, 'target').length, 1);
  assert.equal(search.locate(b, 'target').length, 2);
  assert.deepEqual(search.locate(999, 'target'), []);
  db.close();
});

test('cutPieces: cores tile the text, each piece starts at whitespace and reaches on by the runs asked for', () => {
  const text = Array.from({ length: 30_000 }, (_, i) => `w${i}`).join(' ');
  const pieces = cutPieces(text, 10, true, 1000);
  assert.equal(pieces[0].from, 0);
  for (let i = 1; i < pieces.length; i++) {
    assert.equal(pieces[i].from, pieces[i - 1].coreEnd);
    assert.match(text[pieces[i].from], /\s/);
    assert.equal(text.slice(pieces[i - 1].coreEnd, pieces[i - 1].to).trim().split(/\s+/).length, 10);
  }
  assert.equal(pieces[pieces.length - 1].coreEnd, text.length);
  assert.deepEqual(cutPieces(text, 10, false), [{ from: 0, coreEnd: text.length, to: text.length }]);
});
