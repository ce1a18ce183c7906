// Search snippets made from windows of the hits' text (db/snippet-windows.ts, db/search.ts): the same terms marked
// as snippet() over the whole document marks, found in long documents and after astral characters, and snippet()
// over the whole document when the window cannot be found.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { openDatabase, type Db } from './open.js';
import { documentsRepo, type DocumentsRepo } from './documents.js';
import { searchRepo } from './search.js';
import { cpLength } from '../common/offsets.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../common/model.js';

const corpusDir = fileURLToPath(new URL('../samples/corpus/', import.meta.url));

function insert(docs: DocumentsRepo, title: string, text: string): number {
  return docs.insert(
    { title, date: null, source: null, path: null, hash: createHash('sha256').update(text).digest('hex'), text, length: cpLength(text) },
    '2024-01-01T00:00:00.000Z',
  );
}

/** The marked terms of a snippet, in order. */
const markedTerms = (s: string) => [...s.matchAll(new RegExp(`${SNIPPET_OPEN}([^${SNIPPET_CLOSE}]*)${SNIPPET_CLOSE}`, 'g'))].map((m) => m[1]);
/** A snippet as plain text, without its markers and the ellipses at its ends. */
const plain = (s: string) => s.replace(new RegExp(`[${SNIPPET_OPEN}${SNIPPET_CLOSE}]`, 'g'), '').replace(/^…|…$/g, '');

/** A project of its own holding `texts` (title, text), searched for `q`; the hits' snippets by document id. */
function snippetsIn(texts: [string, string][], q: string): { ids: number[]; snippet: Map<number, string> } {
  const own = openDatabase(':memory:');
  try {
    const d = documentsRepo(own);
    const ids = texts.map(([title, text]) => insert(d, title, text));
    return { ids, snippet: new Map(searchRepo(own).search(q, 50).hits.map((h) => [h.docId, h.snippet])) };
  } finally {
    own.close();
  }
}

let db: Db;
before(() => {
  db = openDatabase(':memory:');
  const d = documentsRepo(db);
  for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(corpusDir, f), 'utf8');
    insert(d, text.split('\n').find((l) => l.trim()) ?? f, text);
  }
});
after(() => db.close());

describe('snippets from windows', () => {
  test('are the snippets snippet() makes over the whole document, for the sample articles', () => {
    const whole = db.prepare(
      `SELECT snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) FROM documents_fts WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
    ).pluck();
    const queries = ['"smart bombs"', 'Mosul', 'Rudskoy', 'civilians killed', '"residential areas"', 'coalition airstrikes', 'Konashenkov', 'ceasefire', '"Russian MoD"', 'hospital OR school'];
    let compared = 0;
    for (const q of queries) {
      const { hits, query } = searchRepo(db).search(q, 50);
      assert.ok(hits.length, q);
      for (const h of hits) {
        assert.equal(h.snippet, whole.get(query, h.docId), `${q} in ${h.docId}`);
        compared++;
      }
    }
    assert.ok(compared >= 25, String(compared));
  });

  test('a document whose only match is deep inside 1 MB: the match marked, ellipses on both sides, text as the document has it', () => {
    const chunk = 'Lorem ipsum 😀 dolor sit amet, consectetur adipiscing elit. '; // astral characters before the match too
    const before = chunk.repeat(Math.ceil(900_000 / chunk.length));
    const text = `${before}Gen. Konashenkov spoke of the convoy. ${chunk.repeat(2000)}`;
    assert.ok(cpLength(text) > 1_000_000);
    const { ids, snippet } = snippetsIn([['Report', text]], 'konashenkov');
    const s = snippet.get(ids[0])!;
    assert.deepEqual(markedTerms(s), ['Konashenkov']);
    assert.match(s, /^….*Konashenkov\u0003 spoke of the convoy.*…$/su);
    assert.ok(text.includes(plain(s)), 'the snippet is a stretch of the document');
  });

  test('a phrase across the edge of the pieces a long document is read in is marked whole', () => {
    for (const at of [16_000 - 'smart'.length - 1, 16_000 - 2, 16_000, 32_000 - 3]) {
      const pad = 'x '.repeat(Math.floor(at / 2));
      const text = `${pad.slice(0, at)}smart bombs fell. ${'filler words here. '.repeat(4000)}`;
      const { ids, snippet } = snippetsIn([['Long', text]], '"smart bombs"');
      assert.deepEqual(markedTerms(snippet.get(ids[0])!), ['smart bombs'], `phrase at ${at}`);
    }
  });

  test('a phrase split by a line break, far into an article, is marked whole', () => {
    const text = `${'Some words of a story. '.repeat(40)}Then smart\nbombs fell. ${'More words. '.repeat(40)}`;
    const { ids, snippet } = snippetsIn([['Article', text]], '"smart bombs"');
    assert.deepEqual(markedTerms(snippet.get(ids[0])!), ['smart\nbombs']);
  });

  test('astral characters and ZWJ sequences before the match: marked right, the text as the document has it', () => {
    const text = `${'😀 👩‍👩‍👧 🇺🇦 𝔘 '.repeat(200)}Then a target here. ${'tail '.repeat(100)}`;
    const { ids, snippet } = snippetsIn([['Emoji', text]], 'target');
    const s = snippet.get(ids[0])!;
    assert.deepEqual(markedTerms(s), ['target']);
    assert.ok(text.includes(plain(s)));
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), 'no lone surrogate');
  });

  test('a word found only through the index folding it (an accent) gets snippet() over the whole document', () => {
    const { ids, snippet } = snippetsIn([['Briefing', `${'Some words. '.repeat(50)}Maria Zakharová spoke. ${'More. '.repeat(50)}`]], 'zakharova');
    assert.deepEqual(markedTerms(snippet.get(ids[0])!), ['Zakharová']);
  });

  test('a match in the title only: the title is the snippet, marked', () => {
    const { ids, snippet } = snippetsIn([['Quarterly convoy report', 'Nothing about it in the text.']], 'convoy');
    assert.deepEqual(markedTerms(snippet.get(ids[0])!), ['convoy']);
  });

  test('a prefix and ORed phrases mark what they match, in every hit', () => {
    const texts: [string, string][] = [
      ['One', `${'Words and words. '.repeat(30)}Rudskoy said so. ${'End. '.repeat(30)}`],
      ['Two', `${'Words and words. '.repeat(30)}Rutskoi and the convoy. ${'End. '.repeat(30)}`],
    ];
    const prefix = snippetsIn(texts, 'rudsk*');
    assert.deepEqual(markedTerms(prefix.snippet.get(prefix.ids[0])!), ['Rudskoy']);
    assert.equal(prefix.snippet.has(prefix.ids[1]), false);
    const or = snippetsIn(texts, 'Rudskoy OR convoy');
    assert.deepEqual(markedTerms(or.snippet.get(or.ids[0])!), ['Rudskoy']);
    assert.deepEqual(markedTerms(or.snippet.get(or.ids[1])!), ['convoy']);
  });
});
