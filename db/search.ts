import type { Db } from './open.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range, type SearchHit } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { QUERY_LIMITS, indexTokenizer, queryBounds, type QueryLimits } from './fts-bounds.js';
import { parseQuery } from './fts-query.js';
import { cpLength } from '../common/offsets.js';
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
  // Ranking by the bm25() expression, ids only, then one snippet per hit: the rank column (ORDER BY rank with
  // snippet() in the same statement) cost twice the ranking at 100,000 documents. A hit's snippet seeks the
  // query to its one document, except a query with a prefix, which FTS5 would merge its terms' lists for across
  // the corpus again for every hit: that one is made on an index of the one document (oneDocumentIndex).
  const rankedHits = db.prepare(`SELECT r.docId, r.rank, d.title, d.date, d.source, d.length FROM (
      SELECT rowid AS docId, bm25(documents_fts, 4.0, 1.0) AS rank FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?
    ) r JOIN documents d ON d.id = r.docId ORDER BY r.rank`);
  // With a prefix, the rank column instead: FTS5 sorts by itself and keeps each row's matches, so snippet()
  // reads no more of the index (a scratch index per hit cost ~0.6 ms each).
  const textBudget = snippetTextBudget(db);
  const rankedWithSnippets = db.prepare(`
    SELECT documents_fts.rowid AS docId, documents_fts.rank AS rank, d.title, d.date, d.source, d.length,
           CASE WHEN d.length <= ${LONG_DOCUMENT} AND ${textBudget.sql}(d.length) THEN snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) ELSE '' END AS snippet
    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
    WHERE documents_fts MATCH ? AND documents_fts.rank MATCH 'bm25(4.0, 1.0)' ORDER BY documents_fts.rank LIMIT ?`);
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
   * The snippet of a long document, from a window of LONG_WINDOW code points on each side of the first place
   * one of the query's words appears in its text (found by a case-insensitive whole-word search, which misses a
   * word only the index folds, such as an accented spelling: then no snippet). snippet() on the whole document
   * would tokenize all of it and compare every pair of matches in it: 40–260 ms for a 1 MB report.
   */
  function longSnippet(docId: number, phrases: { words: string[]; prefix: boolean }[]): string {
    const text = textOf.get(docId) as string | undefined;
    if (!text || !phrases.length) return '';
    const at = firstWordAt(text, phrases);
    if (at < 0) return '';
    const from = pairStart(text, Math.max(0, at - LONG_WINDOW));
    const to = pairStart(text, Math.min(text.length, at + LONG_WINDOW));
    const anyPhrase = phrases.map((p) => `"${p.words.join(' ').replace(/"/g, '""')}"${p.prefix ? '*' : ''}`).join(' OR ');
    const snippet = oneDocument.snippet(text.slice(from, to), anyPhrase);
    if (!snippet) return '';
    return `${from > 0 && !snippet.startsWith('…') ? '…' : ''}${snippet}${to < text.length && !snippet.endsWith('…') ? '…' : ''}`;
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
        type Row = SearchHit & { length: number };
        const prefixed = hasPrefix(fts);
        const rows = prefixed
          ? (textBudget.within(limits.text, () => rankedWithSnippets.all(fts, limit)) as Row[])
          : (rankedHits.all(fts, limit) as Row[]);
        // Snippets while the documents shown hold limits.text code points; one that does not fit is passed over.
        let left = limits.text;
        const hits = rows.map(({ length, ...hit }): SearchHit => {
          if (length > left) return { ...hit, snippet: hit.snippet ?? '' };
          if (length > LONG_DOCUMENT) {
            left -= length;
            return { ...hit, snippet: longSnippet(hit.docId, phrases) };
          }
          if (prefixed) return hit;
          left -= length;
          return { ...hit, snippet: (snippetOf.get(fts, hit.docId) as string | undefined) ?? '' };
        });
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
     * of a phrase's first word (see firstWordAt: a word only the index folds, such as an accented spelling, is
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
      const anyPhrase = phrases.map((p) => `"${p.words.join(' ').replace(/"/g, '""')}"${p.prefix ? '*' : ''}`).join(' OR ');
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
 * Documents longer than this (code points) get their search snippet from a window of their text: a 1 MB report
 * among the hits cost 40–260 ms of snippet() (it tokenizes the whole document and scores every pair of matches).
 * About ten long articles.
 */
const LONG_DOCUMENT = 50_000;
/** Code points of text on each side of a long document's first match that its snippet is made from. */
const LONG_WINDOW = 2_000;
/** Code points of a long document read at a time while looking for its first match (firstMatch). */
const PIECE = 16_000;

/** A query's phrase as index words (BoundedQuery's `phrases`). */
type PhraseWords = { words: string[]; prefix: boolean };

/**
 * The UTF-16 indices in `text` of every whole-word, case-insensitive occurrence of a phrase's first word (or of
 * a prefix, when the phrase is one prefixed word), in order.
 */
function* wordStarts(text: string, phrases: PhraseWords[]): Generator<number> {
  const re = new RegExp(firstWordPattern(phrases).source, 'giu');
  for (let m = re.exec(text); m; m = re.exec(text)) yield m.index;
}

/** The pattern firstWordAt and wordStarts look for. */
function firstWordPattern(phrases: PhraseWords[]): RegExp {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = phrases.map((p) => `${escape(p.words[0])}${p.prefix && p.words.length === 1 ? '' : '(?![\\p{L}\\p{N}])'}`);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'iu');
}

/**
 * The UTF-16 index of the first whole-word, case-insensitive occurrence in `text` of a phrase's first word (or
 * of a prefix, when the phrase is one prefixed word); -1 when none is found.
 */
function firstWordAt(text: string, phrases: PhraseWords[]): number {
  const m = firstWordPattern(phrases).exec(text);
  return m ? m.index : -1;
}

/** Moves an index that falls inside a surrogate pair back to the pair's start. */
function pairStart(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/** Budgets per connection (the SQL function below is one per connection, whichever repository runs). */
const budgets = new WeakMap<Db, { left: number }>();

/**
 * An SQL function that counts the text a statement makes snippets of, row by row in the order rows come out,
 * and says whether this row still fits; `within` sets the budget around one statement.
 */
function snippetTextBudget(db: Db) {
  const name = 'crosscheck_text_budget';
  let budget = budgets.get(db);
  if (!budget) {
    const state = { left: Infinity };
    budgets.set(db, (budget = state));
    // A document that does not fit is passed over without its snippet; the shorter ones after it still get theirs.
    db.function(name, { deterministic: false }, (length) => {
      if (Number(length) > state.left) return 0;
      state.left -= Number(length);
      return 1;
    });
  }
  const state = budget;
  return {
    sql: name,
    within<T>(codePoints: number, f: () => T): T {
      state.left = codePoints;
      try {
        return f();
      } finally {
        state.left = Infinity;
      }
    },
  };
}

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
