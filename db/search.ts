import type { Db } from './open.js';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type Range, type SearchHit } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { toFtsQuery } from './fts-query.js';

export function searchRepo(db: Db) {
  const query = db.prepare(`
    SELECT d.id AS docId, d.title, d.date, d.source,
           snippet(documents_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', 24) AS snippet,
           bm25(documents_fts, 4.0, 1.0) AS rank
    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`);
  const highlight = db.prepare(
    `SELECT highlight(documents_fts, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') FROM documents_fts
     WHERE documents_fts MATCH ? AND rowid = ?`,
  ).pluck();

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
      return { hits: run(fts, () => query.all(fts, limit) as SearchHit[]), query: fts };
    },

    /** Every match of `q` in one document, in code points of the stored text. */
    locate(docId: number, q: string): Range[] {
      const fts = toFtsQuery(q);
      if (!fts) return [];
      const marked = run(fts, () => highlight.get(fts, docId) as string | undefined);
      return marked === undefined ? [] : rangesFromMarked(marked);
    },
  };
}

/** Reads the marker-delimited ranges out of FTS5 highlight() output, counting code points of the text only. */
export function rangesFromMarked(marked: string): Range[] {
  const ranges: Range[] = [];
  let cp = 0;
  let open = -1;
  for (const ch of marked) {
    if (ch === SNIPPET_OPEN) open = cp;
    else if (ch === SNIPPET_CLOSE) {
      if (open >= 0 && cp > open) ranges.push({ start: open, end: cp });
      open = -1;
    } else cp++;
  }
  return ranges;
}
