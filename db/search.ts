import type { Db } from './open.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range, type SearchHit } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { QUERY_LIMITS, indexTokenizer, queryBounds, type QueryLimits } from './fts-bounds.js';
import { parseQuery } from './fts-query.js';
import { buildOffsetIndex, cpLength, cpToUtf16 } from '../common/offsets.js';
import { phrasesPattern, snippetWindow, windowSnippet, type PhraseWords, type SnippetWindow } from './snippet-windows.js';
import { markersAbsentFrom, rangesFromMarked } from './highlight-marks.js';

export { markersAbsentFrom, rangesFromMarked };
import { longDocumentIndex } from './long-document-index.js';

export type SearchRepo = ReturnType<typeof searchRepo>;

/**
 * Corpus search. Every query typed by a person goes through queryBounds (db/fts-bounds.ts) first: a query that
 * would read too much of the index is refused, by count, before FTS5 sees it; snippets stop at `limits.text`.
 */
export function searchRepo(db: Db, limits: Readonly<QueryLimits> = QUERY_LIMITS) {
  const bounds = queryBounds(db, limits);
  // Ranking by the bm25() expression, ids only, then the snippets of all hits at once from windows of their text
  // (db/snippet-windows.ts): the rank column (ORDER BY rank with snippet() in the same statement) cost twice the
  // ranking at 100,000 documents, and snippet() per hit seeks the query to its document and tokenizes all of it.
  const rankedHits = db.prepare(`SELECT r.docId, r.rank, d.title, d.date, d.source, d.length FROM (
      SELECT rowid AS docId, bm25(documents_fts, 4.0, 1.0) AS rank FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?
    ) r JOIN documents d ON d.id = r.docId ORDER BY r.rank`);
  // A hit whose window the query does not match: snippet() over the whole document, as before windows.
  const snippetOf = db.prepare(`SELECT snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) FROM documents_fts
     WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck();
  // Ids only: sorting by the bm25() expression is cheaper here than the rank column, which keeps every row's matches.
  const ranked = db.prepare(`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 4.0, 1.0) LIMIT ?`).pluck();
  // CAST: a JS number is bound as REAL, and FTS5 then silently ignores the rowid constraint.
  const highlight = db.prepare(
    `SELECT highlight(documents_fts, 1, ?, ?) FROM documents_fts
     WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  ).pluck();
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const lengthOf = db.prepare('SELECT length FROM documents WHERE id = ?').pluck();
  // A piece of a document (SQLite's substr counts code points, from 1).
  const pieceOf = db.prepare('SELECT substr(text, ? + 1, ?) FROM documents WHERE id = ?').pluck();
  const oneDocument = oneDocumentIndex(db);
  const longDocument = longDocumentIndex(db, indexTokenizer(db), limits.words);

  /**
   * The snippets of hits (by index in `hits`; '' for none), each from a window of its text around the place
   * snippet() would most likely show (db/snippet-windows.ts), made on the scratch index in one statement. A hit
   * whose text has no
   * phrase the pattern finds, or whose window the query does not match on the scratch index, gets snippet() over
   * its whole document instead (`whole`).
   */
  function snippetsOf(hits: { docId: number; title: string; length: number }[], fts: string, phrases: PhraseWords[]): string[] {
    const pattern = phrasesPattern(phrases);
    const windows: { hit: number; text: string; window: SnippetWindow }[] = [];
    const out = hits.map(() => '');
    const missing: number[] = [];
    hits.forEach((h, i) => {
      const found = pattern && windowOf(h.docId, h.length, pattern);
      if (found) windows.push({ hit: i, ...found });
      else missing.push(i);
    });
    // One group of phrases (ANDed): a window holding any of them marks what the whole query marks there. With
    // ORed groups, the window must match the query as it is.
    const windowQuery = fts.includes(' OR ') || phrases.length < 2 ? fts : anyPhraseOf(phrases);
    // The title beside the window: snippet() shows the title when it scores no lower than the text, as it does on
    // the whole document (then the window's '…' do not apply).
    const made = oneDocument.snippets(windows.map((w) => ({ title: hits[w.hit].title, text: w.text })), windowQuery);
    windows.forEach((w, k) => {
      const got = made.get(k);
      if (!got) missing.push(w.hit);
      else out[w.hit] = got.fromTitle ? got.snippet : windowSnippet(got.snippet, w.window);
    });
    for (const i of missing) out[i] = whole(hits[i].docId, hits[i].length, fts);
    return out;
  }

  /**
   * The window of a document to make its snippet from, and its text; null when the pattern finds nothing. A
   * document longer than LONG_DOCUMENT is looked at in its first PIECE code points first (and LONG_WINDOW more, so
   * that a window there never ends in a word the piece cut), then whole.
   */
  function windowOf(docId: number, length: number, pattern: RegExp): { text: string; window: SnippetWindow } | null {
    if (length > LONG_DOCUMENT) {
      const piece = pieceOf.get(0, PIECE + LONG_WINDOW, docId) as string;
      const w = snippetWindow(piece, pattern, { start: 0, end: cpToUtf16(buildOffsetIndex(piece), PIECE) });
      if (w) return { text: piece.slice(w.from, w.to), window: { ...w, after: true } };
    }
    const text = textOf.get(docId) as string | undefined;
    const w = text === undefined ? null : snippetWindow(text, pattern);
    return w && { text: text!.slice(w.from, w.to), window: w };
  }

  /** snippet() over a whole document (a prefix query: on the scratch index, see `matches`); '' past LONG_DOCUMENT. */
  function whole(docId: number, length: number, fts: string): string {
    if (length > LONG_DOCUMENT) return '';
    if (!hasPrefix(fts)) return (snippetOf.get(fts, docId) as string | undefined) ?? '';
    return oneDocument.snippet((textOf.get(docId) as string | undefined) ?? '', fts);
  }

  function run<T>(fts: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('InvalidInput', `Cannot search for ${fts}: ${(e as Error).message}`);
    }
  }

  return {
    /**
     * The `limit` best documents for what a person typed, with snippets (hits past `limits.text` code points of
     * their documents' text come with an empty snippet).
     * @throws AppError InvalidInput "Query too broad: …" (see db/fts-bounds.ts).
     */
    search(q: string, limit: number): { hits: SearchHit[]; query: string } {
      const { fts, phrases } = bounds.compile(q);
      if (!fts) return { hits: [], query: fts };
      return run(fts, () => {
        const rows = rankedHits.all(fts, limit) as (SearchHit & { length: number })[];
        // Snippets while the documents shown hold limits.text code points; one that does not fit is passed over
        // (counted whole, though only a window of it is read: the limit stays what it was).
        let left = limits.text;
        const shown = rows.map((r) => r.length <= left && ((left -= r.length), true));
        const snippets = snippetsOf(rows.filter((_, i) => shown[i]), fts, phrases);
        let k = 0;
        const hits = rows.map(({ length: _length, ...hit }, i): SearchHit => ({ ...hit, snippet: shown[i] ? snippets[k++] : '' }));
        return { hits, query: fts };
      });
    },

    /** The limits this repository holds queries to. */
    limits,

    /**
     * Ids of the `limit` best documents for what a person typed, best first, and the query as FTS5 runs it
     * (to pass to `matches`). Bounded as `search` is.
     */
    rank(q: string, limit: number): { docIds: number[]; query: string; phrases: PhraseWords[] } {
      const { fts, phrases } = bounds.compile(q);
      if (!fts) return { docIds: [], query: fts, phrases };
      return { docIds: run(fts, () => ranked.all(fts, limit) as number[]), query: fts, phrases };
    },

    /**
     * Every match of `q` in one document, in code points of the stored text. Bounded as `search` is. A document
     * longer than LONG_DOCUMENT is read from its pieces, indexed once and kept on this connection while the
     * same document is asked for (db/long-document-index.ts): the same ranges at a fraction of the cost.
     */
    locate(docId: number, q: string): Range[] {
      const { fts } = bounds.compile(q);
      if (!fts) return [];
      return run(fts, () =>
        ((lengthOf.get(docId) as number | undefined) ?? 0) > LONG_DOCUMENT
          ? longDocument.ranges(docId, parseQuery(q), markersAbsentFrom)
          : matches(docId, fts).ranges,
      );
    },

    /**
     * Where an FTS5 query (as `rank` returns it) first matches in a document, reading at most about `budget`
     * code points of it, and how many it read. A document up to LONG_DOCUMENT long is read whole (`matches`,
     * all its ranges). A longer one is read in pieces until the first whole-word, case-insensitive occurrence
     * of a phrase's first word (see wordStarts: a word only the index folds, such as an accented spelling, is
     * missed), and the ranges of any phrase in a window after it are returned; none when the budget runs out.
     */
    firstMatch(docId: number, fts: string, phrases: PhraseWords[], budget: number): { ranges: Range[]; read: number } {
      const length = lengthOf.get(docId) as number | undefined;
      if (length === undefined) return { ranges: [], read: 0 };
      if (length <= LONG_DOCUMENT) {
        const { text, ranges } = matches(docId, fts);
        return { ranges, read: cpLength(text) };
      }
      if (!phrases.length) return { ranges: [], read: 0 };
      const anyPhrase = anyPhraseOf(phrases);
      let read = 0;
      // Pieces overlap by LONG_WINDOW, so a word cut at a piece's end is whole in the next one.
      for (let from = 0; from < length && read < budget; from += PIECE) {
        const piece = pieceOf.get(from, PIECE + LONG_WINDOW, docId) as string;
        read += cpLength(piece);
        for (const at of wordStarts(piece, phrases)) {
          const atCp = from + cpLength(piece.slice(0, at));
          if (atCp >= from + PIECE) break;
          // A little before the word, so that its token starts where the document's does.
          const around = Math.max(0, atCp - 64);
          const fetched = pieceOf.get(around, LONG_WINDOW, docId) as string;
          read += cpLength(fetched);
          // Whole words only: a word cut at either end of the window could match as something it is not.
          const head = around > 0 ? Math.max(0, fetched.search(/[ \t\n\r]/)) : 0;
          const tail = around + cpLength(fetched) < length ? Math.max(head, fetched.search(/[ \t\n\r][^ \t\n\r]*$/)) : fetched.length;
          const window = fetched.slice(head, tail);
          const start = around + cpLength(fetched.slice(0, head));
          const [open, close] = markersAbsentFrom(window);
          const marked = oneDocument.highlightText(window, open, close, anyPhrase);
          const ranges = marked === undefined ? [] : rangesFromMarked(marked, open, close).map((r) => ({ start: r.start + start, end: r.end + start }));
          if (ranges.length) return { ranges, read };
          if (read >= budget) break;
        }
      }
      return { ranges: [], read };
    },

    matches,
  };

  /**
   * A document's text and where an FTS5 query (already in FTS5 syntax, see toFtsQuery) matches in it, in code
   * points. No document: empty text, no ranges. A malformed query throws SQLite's error.
   *
   * A query with a prefix runs on an index of this one document: with a rowid constraint FTS5 still merges
   * the lists of every term the prefix stands for across the whole corpus, so its cost would grow with the
   * project; on one document it grows with that document only. Other queries seek straight to the document.
   */
  function matches(docId: number, fts: string): { text: string; ranges: Range[] } {
    const text = textOf.get(docId) as string | undefined;
    if (text === undefined) return { text: '', ranges: [] };
    const [open, close] = markersAbsentFrom(text);
    const marked = hasPrefix(fts) ? oneDocument.highlight(docId, open, close, fts) : (highlight.get(open, close, fts, docId) as string | undefined);
    return { text, ranges: marked === undefined ? [] : rangesFromMarked(marked, open, close) };
  }
}

/**
 * Documents longer than this (code points) are read in pieces to find their snippet's window or first match: a
 * 1 MB report among the hits cost 40–260 ms of snippet() over all of it. About ten long articles.
 */
const LONG_DOCUMENT = 50_000;
/** Code points a piece of a long document reaches past its own PIECE, and firstMatch's window. */
const LONG_WINDOW = 2_000;
/** Code points of a long document read at a time while looking for its first match (firstMatch, snippets). */
const PIECE = 16_000;

/**
 * The UTF-16 indices in `text` of every whole-word, case-insensitive occurrence of a phrase's first word (or of
 * a prefix, when the phrase is one prefixed word), in order.
 */
function* wordStarts(text: string, phrases: PhraseWords[]): Generator<number> {
  const re = new RegExp(firstWordPattern(phrases).source, 'giu');
  for (let m = re.exec(text); m; m = re.exec(text)) yield m.index;
}

/** The pattern wordStarts looks for. */
function firstWordPattern(phrases: PhraseWords[]): RegExp {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = phrases.map((p) => `${escape(p.words[0])}${p.prefix && p.words.length === 1 ? '' : '(?![\\p{L}\\p{N}])'}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'iu');
}

/** An FTS5 query matching any of the phrases (index words, quoted; a prefix phrase with its `*`). */
const anyPhraseOf = (phrases: PhraseWords[]) => phrases.map((p) => `"${p.words.join(' ').replace(/"/g, '""')}"${p.prefix ? '*' : ''}`).join(' OR ');

/** Whether an FTS5 query (toFtsQuery's syntax) has a `*` outside its quoted phrases. */
const hasPrefix = (fts: string) => fts.replace(/"(?:[^"]|"")*"/g, '').includes('*');

/**
 * A scratch FTS5 table (temp schema) holding one document (or a piece of one) at a time, with the corpus index's
 * columns and tokenizer, so highlight() and snippet() there mark exactly what they mark in the corpus index.
 */
function oneDocumentIndex(db: Db) {
  const create = () =>
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.one_document USING fts5(title, text, tokenize='${indexTokenizer(db).replace(/'/g, "''")}')`);
  const prepare = () => ({
    put: db.prepare('INSERT INTO temp.one_document (rowid, title, text) VALUES (1, \'\', ?)'),
    putAt: db.prepare('INSERT INTO temp.one_document (rowid, title, text) VALUES (?, ?, ?)'),
    snippets: db.prepare(`SELECT rowid, snippet(one_document, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) AS snippet,
      snippet(one_document, 0, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) AS title FROM temp.one_document WHERE one_document MATCH ?`),
    snippet: db.prepare(`SELECT snippet(one_document, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) FROM temp.one_document WHERE one_document MATCH ?`).pluck(),
    clear: db.prepare('DELETE FROM temp.one_document'),
    fill: db.prepare('INSERT INTO temp.one_document (rowid, title, text) SELECT id, title, text FROM documents WHERE id = CAST(? AS INTEGER)'),
    highlight: db.prepare('SELECT highlight(one_document, 1, ?, ?) FROM temp.one_document WHERE one_document MATCH ?').pluck(),
  });
  let statements: ReturnType<typeof prepare> | null = null;
  /** Runs `read` with the scratch table holding what `fill` put in it, and empties it after. */
  const holding = <T>(fill: (q: ReturnType<typeof prepare>) => void, read: (q: ReturnType<typeof prepare>) => T): T => {
    // IF NOT EXISTS on every use: a rolled-back transaction of this connection drops temp tables made inside it.
    create();
    const q = (statements ??= prepare());
    q.clear.run();
    try {
      fill(q);
      return read(q);
    } finally {
      q.clear.run();
    }
  };
  return {
    /**
     * snippet() of each of `docs` (a title and a piece of text) for an FTS5 query, from whichever column snippet()
     * scores better (`fromTitle` when the title), by index; the ones it does not match are left out. The rows go in inside a savepoint that
     * is rolled back: a delete would tokenize them again.
     */
    snippets(docs: { title: string; text: string }[], fts: string): Map<number, { snippet: string; fromTitle: boolean }> {
      const out = new Map<number, { snippet: string; fromTitle: boolean }>();
      if (!docs.length) return out;
      create();
      const q = (statements ??= prepare());
      db.exec('SAVEPOINT crosscheck_snippets');
      try {
        docs.forEach((d, i) => q.putAt.run(i + 1, d.title, d.text));
        for (const r of q.snippets.all(fts) as { rowid: number; snippet: string; title: string }[])
          out.set(r.rowid - 1, { snippet: r.snippet, fromTitle: r.snippet === r.title });
      } finally {
        db.exec('ROLLBACK TO crosscheck_snippets; RELEASE crosscheck_snippets');
      }
      return out;
    },

    /** snippet() of `text` (a piece of a document) for an FTS5 query; '' when the query does not match it. */
    snippet: (text: string, fts: string): string =>
      holding((q) => q.put.run(text), (q) => (q.snippet.get(fts) as string | undefined) ?? ''),

    /** highlight() of `text` (a piece of a document), or undefined when the query does not match it. */
    highlightText: (text: string, open: string, close: string, fts: string): string | undefined =>
      holding((q) => q.put.run(text), (q) => q.highlight.get(open, close, fts) as string | undefined),

    /** highlight() of column `text` for one document, or undefined when the query does not match it. */
    highlight: (docId: number, open: string, close: string, fts: string): string | undefined =>
      holding((q) => q.fill.run(docId), (q) => q.highlight.get(open, close, fts) as string | undefined),
  };
}
