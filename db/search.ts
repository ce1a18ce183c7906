import type { Db } from './open.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range, type SearchHit } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { QUERY_LIMITS, indexTokenizer, queryBounds, type QueryLimits } from './fts-bounds.js';

export type SearchRepo = ReturnType<typeof searchRepo>;

/**
 * Corpus search. Every query typed by a person goes through queryBounds (db/fts-bounds.ts) first: a query that
 * would read too much of the index is refused, by count, before FTS5 sees it; snippets stop at `limits.text`.
 */
export function searchRepo(db: Db, limits: Readonly<QueryLimits> = QUERY_LIMITS) {
  const bounds = queryBounds(db, limits);
  const textBudget = snippetTextBudget(db);
  // One statement ranks the matches and makes snippets for the `limit` best only: with the `rank` column FTS5
  // sorts by itself and keeps each row's matches, so snippet() reads no more of the index. (Ranking first and
  // then asking for each snippet with a rowid constraint evaluated the whole query again per hit: a prefix
  // merged its terms' lists across the corpus fifty times over.)
  const rankedWithSnippets = db.prepare(`
    SELECT documents_fts.rowid AS docId, documents_fts.rank AS rank, d.title, d.date, d.source,
           CASE WHEN ${textBudget.sql}(d.length) THEN snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) ELSE '' END AS snippet
    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
    WHERE documents_fts MATCH ? AND documents_fts.rank MATCH 'bm25(4.0, 1.0)' ORDER BY documents_fts.rank LIMIT ?`);
  // Ids only: sorting by the bm25() expression is cheaper here than the rank column, which keeps every row's matches.
  const ranked = db.prepare(`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts, 4.0, 1.0) LIMIT ?`).pluck();
  // CAST: a JS number is bound as REAL, and FTS5 then silently ignores the rowid constraint.
  const highlight = db.prepare(
    `SELECT highlight(documents_fts, 1, ?, ?) FROM documents_fts
     WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  ).pluck();
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const oneDocument = oneDocumentIndex(db);

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
      const { fts } = bounds.compile(q);
      if (!fts) return { hits: [], query: fts };
      return { hits: run(fts, () => textBudget.within(limits.text, () => rankedWithSnippets.all(fts, limit) as SearchHit[])), query: fts };
    },

    /** The limits this repository holds queries to. */
    limits,

    /**
     * Ids of the `limit` best documents for what a person typed, best first, and the query as FTS5 runs it
     * (to pass to `matches`). Bounded as `search` is.
     */
    rank(q: string, limit: number): { docIds: number[]; query: string } {
      const { fts } = bounds.compile(q);
      if (!fts) return { docIds: [], query: fts };
      return { docIds: run(fts, () => ranked.all(fts, limit) as number[]), query: fts };
    },

    /** Every match of `q` in one document, in code points of the stored text. Bounded as `search` is. */
    locate(docId: number, q: string): Range[] {
      const { fts } = bounds.compile(q);
      if (!fts) return [];
      return run(fts, () => matches(docId, fts).ranges);
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
    db.function(name, { deterministic: false }, (length) => {
      state.left -= Number(length);
      return state.left >= 0 ? 1 : 0;
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
 * A scratch FTS5 table (temp schema) holding one document at a time, with the corpus index's columns and
 * tokenizer, so highlight() there marks exactly what it marks in the corpus index.
 */
function oneDocumentIndex(db: Db) {
  const create = () =>
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.one_document USING fts5(title, text, tokenize='${indexTokenizer(db).replace(/'/g, "''")}')`);
  const prepare = () => ({
    clear: db.prepare('DELETE FROM temp.one_document'),
    fill: db.prepare('INSERT INTO temp.one_document (rowid, title, text) SELECT id, title, text FROM documents WHERE id = CAST(? AS INTEGER)'),
    highlight: db.prepare('SELECT highlight(one_document, 1, ?, ?) FROM temp.one_document WHERE one_document MATCH ?').pluck(),
  });
  let statements: ReturnType<typeof prepare> | null = null;
  return {
    /** highlight() of column `text` for one document, or undefined when the query does not match it. */
    highlight(docId: number, open: string, close: string, fts: string): string | undefined {
      // IF NOT EXISTS on every use: a rolled-back transaction of this connection drops temp tables made inside it.
      create();
      const { clear, fill, highlight } = (statements ??= prepare());
      clear.run();
      try {
        fill.run(docId);
        return highlight.get(open, close, fts) as string | undefined;
      } finally {
        clear.run();
      }
    },
  };
}

/**
 * Two marker characters that the text does not contain, so highlight() output can be read back exactly even
 * for a document that holds the usual control-character markers itself.
 */
export function markersAbsentFrom(text: string): [string, string] {
  const candidates: [string, string][] = [
    [SNIPPET_OPEN, SNIPPET_CLOSE],
    ['\uFDD0', '\uFDD1'],
    ['\uE000', '\uE001'],
  ];
  for (const pair of candidates) if (!text.includes(pair[0]) && !text.includes(pair[1])) return pair;
  for (let c = 0xe002; c < 0xf8ff; c += 2) {
    const pair: [string, string] = [String.fromCharCode(c), String.fromCharCode(c + 1)];
    if (!text.includes(pair[0]) && !text.includes(pair[1])) return pair;
  }
  throw new AppError('Internal', 'This document uses every private-use character; its matches cannot be located.');
}

/** Reads the marker-delimited ranges out of FTS5 highlight() output, counting code points of the text only. */
export function rangesFromMarked(marked: string, openMark = SNIPPET_OPEN, closeMark = SNIPPET_CLOSE): Range[] {
  const ranges: Range[] = [];
  let cp = 0;
  let open = -1;
  for (const ch of marked) {
    if (ch === openMark) open = cp;
    else if (ch === closeMark) {
      if (open >= 0 && cp > open) ranges.push({ start: open, end: cp });
      open = -1;
    } else cp++;
  }
  return ranges;
}
