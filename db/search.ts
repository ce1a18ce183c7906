import type { Db } from './open.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range, type SearchHit } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { toFtsQuery } from './fts-query.js';

export type SearchRepo = ReturnType<typeof searchRepo>;

export function searchRepo(db: Db) {
  // Two steps: rank every match (cheap), then make snippets for the few shown. In one query SQLite computes
  // the snippet of every match before sorting, which costs 100 ms and more when a phrase is in most documents.
  const ranked = db.prepare(`SELECT rowid AS docId, bm25(documents_fts, 4.0, 1.0) AS rank FROM documents_fts
    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`);
  const snippetOf = db.prepare(`
    SELECT d.title, d.date, d.source, snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) AS snippet
    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
    WHERE documents_fts MATCH ? AND documents_fts.rowid = CAST(? AS INTEGER)`);
  // CAST: a JS number is bound as REAL, and FTS5 then silently ignores the rowid constraint.
  const highlight = db.prepare(
    `SELECT highlight(documents_fts, 1, ?, ?) FROM documents_fts
     WHERE documents_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  ).pluck();
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();

  function run<T>(fts: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw new AppError('InvalidInput', `Cannot search for ${fts}: ${(e as Error).message}`);
    }
  }

  return {
    search(q: string, limit: number): { hits: SearchHit[]; query: string } {
      const fts = toFtsQuery(q);
      if (!fts) return { hits: [], query: fts };
      const hits = run(fts, () =>
        (ranked.all(fts, limit) as { docId: number; rank: number }[]).map((r) => ({
          docId: r.docId,
          rank: r.rank,
          ...(snippetOf.get(fts, r.docId) as Omit<SearchHit, 'docId' | 'rank'>),
        })),
      );
      return { hits, query: fts };
    },

    /** Every match of `q` in one document, in code points of the stored text. */
    locate(docId: number, q: string): Range[] {
      const fts = toFtsQuery(q);
      if (!fts) return [];
      return run(fts, () => matches(docId, fts).ranges);
    },

    matches,
  };

  /**
   * A document's text and where an FTS5 query (already in FTS5 syntax, see toFtsQuery) matches in it, in code
   * points. No document: empty text, no ranges. A malformed query throws SQLite's error.
   */
  function matches(docId: number, fts: string): { text: string; ranges: Range[] } {
    const text = textOf.get(docId) as string | undefined;
    if (text === undefined) return { text: '', ranges: [] };
    const [open, close] = markersAbsentFrom(text);
    const marked = highlight.get(open, close, fts, docId) as string | undefined;
    return { text, ranges: marked === undefined ? [] : rangesFromMarked(marked, open, close) };
  }
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
