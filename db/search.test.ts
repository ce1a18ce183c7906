import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { rangesFromMarked, searchRepo } from './search.js';
import { QUERY_LIMITS } from './fts-bounds.js';
import { cpLength, sliceCp } from '../common/offsets.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../common/model.js';

const corpusDir = fileURLToPath(new URL('../samples/corpus/', import.meta.url));
const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();

function insert(docs: DocumentsRepo, title: string, text: string, path: string | null = null): number {
  return docs.insert(
    { title, date: null, source: null, path, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
    '2024-01-01T00:00:00.000Z',
  );
}

/** The marked terms of a snippet or highlight, in order. */
const markedTerms = (s: string) =>
  [...s.matchAll(new RegExp(`${SNIPPET_OPEN}([^${SNIPPET_CLOSE}]*)${SNIPPET_CLOSE}`, 'g'))].map((m) => m[1]);

const EMOJI_DOC = '😀😀 👩‍👩‍👧 🇺🇦 caf\u00e9 and cafe\u0301 — Target one, then 😀 TARGET two; 𝔘 target.';

let db: Db;
let docs: DocumentsRepo;
const idOf: Record<string, number> = {}; // corpus file prefix ('000') -> id
let emojiId: number;

before(() => {
  db = openDatabase(':memory:');
  docs = documentsRepo(db);
  for (const f of corpusFiles) {
    const text = readFileSync(join(corpusDir, f), 'utf8');
    idOf[f.slice(0, 3)] = insert(docs, text.split('\n').find((l) => l.trim()) ?? f, text, f);
  }
  emojiId = insert(docs, 'Emoji first', EMOJI_DOC);
});
after(() => db.close());

const textOf = (id: number) => docs.get(id).text;

describe('search', () => {
  test('"smart bombs" as a phrase finds sample 002, and only documents holding the phrase', () => {
    const { hits, query } = searchRepo(db).search('"smart bombs"', 50);
    assert.equal(query, '"smart bombs"');
    const ids = hits.map((h) => h.docId);
    assert.ok(ids.includes(idOf['002']), `002 not found among ${ids}`);
    for (const [prefix, id] of Object.entries(idOf)) {
      const has = /smart bombs/i.test(textOf(id));
      assert.equal(ids.includes(id), has, `${prefix}: phrase present=${has}`);
    }
  });

  test('the phrase needs the words adjacent: "bombs smart" finds nothing', () => {
    assert.deepEqual(searchRepo(db).search('"bombs smart"', 50).hits, []);
  });

  test('prefix Rudsk* finds exactly 000 and 001 (002 spells it Rutskoy)', () => {
    const ids = searchRepo(db).search('Rudsk*', 50).hits.map((h) => h.docId).sort((a, b) => a - b);
    assert.deepEqual(ids, [idOf['000'], idOf['001']]);
    const rut = searchRepo(db).search('Rutskoy', 50).hits.map((h) => h.docId);
    assert.deepEqual(rut, [idOf['002']]);
  });

  test('snippets wrap each matched term in the \\u0002 / \\u0003 markers', () => {
    const { hits } = searchRepo(db).search('Rudsk*', 50);
    assert.equal(hits.length, 2);
    for (const h of hits) {
      const terms = markedTerms(h.snippet);
      assert.ok(terms.length >= 1, `no marked term in ${JSON.stringify(h.snippet)}`);
      for (const t of terms) assert.match(t, /^rudsk/i);
      // Markers are balanced and never nested.
      assert.equal(h.snippet.split(SNIPPET_OPEN).length, h.snippet.split(SNIPPET_CLOSE).length);
      assert.ok(!h.snippet.includes('<b>'));
    }
    const phrase = searchRepo(db).search('"smart bombs"', 50).hits;
    for (const h of phrase) for (const t of markedTerms(h.snippet)) assert.match(t, /^smart bombs$/i);
  });

  test('hits carry title, date, source and are ordered best first (rank ascending)', () => {
    const { hits } = searchRepo(db).search('Mosul', 50);
    assert.ok(hits.length >= 5);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].rank <= hits[i].rank);
    for (const h of hits) {
      assert.equal(typeof h.title, 'string');
      assert.ok('date' in h && 'source' in h);
    }
  });

  test('limit caps the number of hits', () => {
    assert.equal(searchRepo(db).search('Mosul', 2).hits.length, 2);
  });

  test('an empty or symbol-only query returns no hits and an empty query', () => {
    assert.deepEqual(searchRepo(db).search('   ', 50), { hits: [], query: '' });
    assert.deepEqual(searchRepo(db).search('!!', 50), { hits: [], query: '' });
  });

  test('a hundred copies of "a* " search once: the same hits as "a*", and the query says so', () => {
    const r = searchRepo(db).search('a* '.repeat(100), 50);
    assert.equal(r.query, '"a"*');
    assert.deepEqual(r.hits, searchRepo(db).search('a*', 50).hits);
  });

  test('snippets stop once the hits shown hold more text than limits.text: later hits come without one', () => {
    const all = searchRepo(db).search('Mosul', 50).hits;
    assert.ok(all.length >= 3 && all.every((h) => h.snippet), 'every hit has a snippet within the default budget');
    const lengths = all.map((h) => docs.get(h.docId).length);
    const budget = lengths[0] + lengths[1];
    const hits = searchRepo(db, { ...QUERY_LIMITS, text: budget }).search('Mosul', 50).hits;
    assert.deepEqual(hits.map((h) => h.docId), all.map((h) => h.docId), 'the same hits, in the same order');
    assert.deepEqual(hits.map((h) => h.snippet), all.map((h, i) => (i < 2 ? h.snippet : '')));
  });

  test('a long report among the hits gets its snippet from a window around its first match; one too long for the text left is passed over, the shorter ones after it keep theirs', () => {
    const own = openDatabase(':memory:');
    try {
      const d = documentsRepo(own);
      const filler = 'Lorem ipsum dolor sit amet. '.repeat(4000); // 112,000 code points
      const report = insert(d, 'Report', `${filler}Gen. Konashenkov spoke of the convoy. ${filler}Konashenkov again.`);
      const short = [1, 2].map((i) => insert(d, `Short ${i}`, `Konashenkov said the convoy ${i} passed.`));
      const hits = searchRepo(own).search('konash*', 10).hits;
      const long = hits.find((h) => h.docId === report)!;
      assert.deepEqual(markedTerms(long.snippet), ['Konashenkov']);
      assert.match(long.snippet, /^….*spoke of the convoy/);
      // A text budget that the report does not fit in: it comes without a snippet, the short ones with theirs.
      const budget = 2 * 40;
      const tight = searchRepo(own, { ...QUERY_LIMITS, text: budget }).search('konashenkov', 10).hits;
      assert.equal(tight.find((h) => h.docId === report)!.snippet, '');
      for (const id of short) assert.deepEqual(markedTerms(tight.find((h) => h.docId === id)!.snippet), ['Konashenkov']);
    } finally {
      own.close();
    }
  });

  test('search is case-insensitive and ignores diacritics', () => {
    assert.deepEqual(searchRepo(db).search('CAFE', 50).hits.map((h) => h.docId), [emojiId]);
  });
});

describe('locate', () => {
  function assertRangesMatch(id: number, q: string, re: RegExp) {
    const text = textOf(id);
    const ranges = searchRepo(db).locate(id, q);
    for (const r of ranges) {
      const got = sliceCp(text, r.start, r.end);
      assert.match(got, re, `[${r.start}, ${r.end}) = ${JSON.stringify(got)}`);
      assert.equal(Array.from(text).slice(r.start, r.end).join(''), got);
    }
    return ranges;
  }

  test('phrase ranges in 002 cover each occurrence of "smart bombs" in code points', () => {
    const ranges = assertRangesMatch(idOf['002'], '"smart bombs"', /^smart bombs$/i);
    const occurrences = textOf(idOf['002']).match(/smart bombs/gi)!.length;
    assert.equal(ranges.length, occurrences);
    for (let i = 1; i < ranges.length; i++) assert.ok(ranges[i].start >= ranges[i - 1].end);
  });

  test('matches takes a query already in FTS5 syntax and returns the text with the ranges; a missing document has none', () => {
    const m = searchRepo(db).matches(emojiId, 'target');
    assert.equal(m.text, EMOJI_DOC);
    assert.deepEqual(m.ranges.map((r) => sliceCp(EMOJI_DOC, r.start, r.end)), ['Target', 'TARGET', 'target']);
    assert.deepEqual(searchRepo(db).matches(999_999, 'target'), { text: '', ranges: [] });
    assert.throws(() => searchRepo(db).matches(emojiId, '"unclosed'), 'a malformed FTS5 query throws');
  });

  test('prefix ranges in 000 cover Rudskoy', () => {
    const ranges = assertRangesMatch(idOf['000'], 'Rudsk*', /^rudsk/i);
    assert.equal(ranges.length, textOf(idOf['000']).match(/rudsk/gi)!.length);
  });

  test('a prefix query is located on an index of the one document, with the same ranges as its words would get', () => {
    const search = searchRepo(db);
    db.exec("CREATE VIRTUAL TABLE temp.test_vocab USING fts5vocab(main, 'documents_fts', 'row')");
    const termsFrom = db.prepare("SELECT term FROM temp.test_vocab WHERE term >= ? AND term < ? || 'zzz'").pluck();
    for (const prefix of ['rudsk', 'targ', 'caf', 'mo']) {
      // The same query with the prefix spelt out as every index term it stands for: located in the corpus index.
      const words = (termsFrom.all(prefix, prefix) as string[]).join(' OR ');
      assert.ok(words, prefix);
      if (prefix === 'mo') assert.ok(words.split(' OR ').length > 5, words);
      for (const id of [...Object.values(idOf), emojiId]) {
        assert.deepEqual(search.locate(id, `${prefix}*`), search.locate(id, words), `${prefix}* in ${id}`);
      }
    }
    // The document's title is in that index too: "emoji" is only in the title, and the text's ranges still show.
    assert.equal(search.locate(emojiId, 'emoji targ*').length, 3);
    assert.deepEqual(search.locate(idOf['000'], 'emoji targ*'), []);
    // matches() takes the query in FTS5 syntax: a quoted * is a character, not a prefix.
    assert.deepEqual(search.matches(emojiId, '"targ*"').ranges, []);
  });

  test('code-point ranges are right after emoji, ZWJ sequences and flags', () => {
    // A project of its own, so that only this document can match.
    const own = openDatabase(':memory:');
    try {
      const id = insert(documentsRepo(own), 'Emoji only', EMOJI_DOC);
      const ranges = searchRepo(own).locate(id, 'target');
      for (const r of ranges) assert.match(sliceCp(EMOJI_DOC, r.start, r.end), /^target$/i);
      const chars = Array.from(EMOJI_DOC);
      const expected: number[] = [];
      for (let i = 0; i < chars.length; i++) if (chars.slice(i, i + 6).join('').toLowerCase() === 'target') expected.push(i);
      assert.equal(expected.length, 3);
      assert.deepEqual(ranges.map((r) => r.start), expected);
      // UTF-16 offsets would be larger: the test would catch a unit mix-up.
      assert.notEqual(ranges[0].start, EMOJI_DOC.indexOf('Target'));
    } finally {
      own.close();
    }
  });

  test('ranges come from the asked document, not from the first document that matches', () => {
    // 000 (lower id) mentions Rudskoy, 004 does not: locate in 004 must find nothing.
    assert.deepEqual(searchRepo(db).locate(idOf['004'], 'Rudskoy'), []);
    // The emoji document holds "target" three times; corpus documents with lower ids hold it too.
    assertRangesMatch(emojiId, 'target', /^target$/i);
    assert.equal(searchRepo(db).locate(emojiId, 'target').length, 3);
    // 001's own Rudskoy ranges, not 000's.
    assertRangesMatch(idOf['001'], 'Rudskoy', /^rudskoy$/i);
  });

  test('diacritic-insensitive hits cover the whole accented word, precomposed or combining', () => {
    const ranges = searchRepo(db).locate(emojiId, 'cafe');
    const got = ranges.map((r) => sliceCp(EMOJI_DOC, r.start, r.end));
    assert.deepEqual(got, ['caf\u00e9', 'cafe\u0301']);
  });

  test('no match anywhere, or a blank query, gives no ranges', () => {
    assert.deepEqual(searchRepo(db).locate(idOf['004'], 'zzyzx'), []);
    assert.deepEqual(searchRepo(db).locate(idOf['000'], '  '), []);
  });

  test('an unknown document id gives no ranges', () => {
    assert.deepEqual(searchRepo(db).locate(9999, 'Mosul'), []);
  });

  test('a document containing the marker characters themselves still gets exact ranges', () => {
    // Control characters survive import (up to 2 % of a file); highlight() output then holds them verbatim.
    const text = 'ctrl \u0002 and \u0003 before: the target word';
    const own = openDatabase(':memory:');
    try {
      const id = insert(documentsRepo(own), 'Control chars', text);
      const ranges = searchRepo(own).locate(id, 'target');
      assert.equal(ranges.length, 1);
      assert.equal(sliceCp(text, ranges[0].start, ranges[0].end), 'target');
    } finally {
      own.close();
    }
  });
});

describe('rangesFromMarked', () => {
  const O = SNIPPET_OPEN;
  const C = SNIPPET_CLOSE;

  test('reads ranges in code points of the unmarked text', () => {
    assert.deepEqual(rangesFromMarked(`ab ${O}cd${C} e ${O}f${C}`), [
      { start: 3, end: 5 },
      { start: 8, end: 9 },
    ]);
  });

  test('astral characters count once', () => {
    assert.deepEqual(rangesFromMarked(`😀😀${O}x😀${C}`), [{ start: 2, end: 4 }]);
    assert.deepEqual(rangesFromMarked(`👩‍👩‍👧 ${O}y${C}`), [{ start: 6, end: 7 }]);
  });

  test('no markers, empty marks and stray closers give no ranges', () => {
    assert.deepEqual(rangesFromMarked('plain text'), []);
    assert.deepEqual(rangesFromMarked(`a${O}${C}b`), []);
    assert.deepEqual(rangesFromMarked(`a${C}b`), []);
    assert.deepEqual(rangesFromMarked(''), []);
  });

  test('an unclosed opener yields nothing for it', () => {
    assert.deepEqual(rangesFromMarked(`${O}ab${C} ${O}cd`), [{ start: 0, end: 2 }]);
  });
});
