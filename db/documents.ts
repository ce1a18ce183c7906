import type { Db } from './open.js';
import type { Document, DocumentSort, DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';

export interface NewDocument {
  title: string;
  date: string | null;
  source: string | null;
  /** Relative to the folder it was imported from (exports carry this one). */
  path: string | null;
  /** The absolute path it was read from, where known (exports carry it only on request). */
  origin?: string | null;
  hash: string;
  text: string;
  /** Code points. */
  length: number;
}

interface Row {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  length: number;
  imported_at: string;
  done: number;
}

const summaryColumns = 'id, title, date, source, path, length, imported_at, done';

const orderBy: Record<DocumentSort, string> = {
  title: 'title COLLATE NOCASE',
  date: 'date',
  source: 'source COLLATE NOCASE',
  imported: 'id',
  annotations: '(SELECT COUNT(*) FROM annotations a WHERE a.doc_id = documents.id)',
};

export function documentsRepo(db: Db) {
  const insertDoc = db.prepare(
    'INSERT INTO documents (id, title, date, source, path, origin, hash, text, length, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const idTaken = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  // External-content FTS: the index is fed in the same transaction as the row it mirrors.
  const insertFts = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
  const deleteFts = db.prepare(
    "INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
  );
  const byHash = db.prepare('SELECT id FROM documents WHERE hash = ?').pluck();
  const getOne = db.prepare(`SELECT ${summaryColumns}, text, hash FROM documents WHERE id = ?`);
  const count = db.prepare('SELECT COUNT(*) FROM documents').pluck();
  const countsFor = db.prepare(
    'SELECT label_id, COUNT(*) AS n FROM annotations WHERE doc_id = ? GROUP BY label_id',
  );
  const deleteDoc = db.prepare('DELETE FROM documents WHERE id = ?');
  const setDone = db.prepare('UPDATE documents SET done = ? WHERE id = ?');

  const toSummary = (r: Row, counts: Record<string, number>): DocumentSummary => ({
    id: r.id,
    title: r.title,
    date: r.date,
    source: r.source,
    path: r.path,
    length: r.length,
    importedAt: r.imported_at,
    done: !!r.done,
    counts,
  });

  return {
    /**
     * Inserts a document and its index entry, without a transaction of its own: the importer batches many in
     * one. `preferredId` (a re-imported export's own id) is kept when free; otherwise the next id is given.
     */
    insert(d: NewDocument, importedAt: string, preferredId?: number): number {
      const wanted = preferredId !== undefined && !idTaken.get(preferredId) ? preferredId : null;
      const id = Number(insertDoc.run(wanted, d.title, d.date, d.source, d.path, d.origin ?? null, d.hash, d.text, d.length, importedAt).lastInsertRowid);
      insertFts.run(id, d.title, d.text);
      return id;
    },

    idByHash(hash: string): number | undefined {
      return byHash.get(hash) as number | undefined;
    },

    get(id: number): Document {
      const r = getOne.get(id) as (Row & { text: string; hash: string }) | undefined;
      if (!r) throw new AppError('NotFound', `Document ${id} does not exist.`);
      return { ...toSummary(r, countsOf(id)), text: r.text, hash: r.hash };
    },

    list(sort: DocumentSort, dir: 'asc' | 'desc', offset: number, limit: number) {
      const direction = dir === 'desc' ? 'DESC' : 'ASC';
      const rows = db
        .prepare(
          `SELECT ${summaryColumns} FROM documents ORDER BY ${orderBy[sort]} ${direction} NULLS LAST, id ${direction} LIMIT ? OFFSET ?`,
        )
        .all(limit, offset) as Row[];
      const counts = new Map<number, Record<string, number>>(rows.map((r) => [r.id, {}]));
      if (rows.length) {
        const perLabel = db
          .prepare(
            `SELECT doc_id, label_id, COUNT(*) AS n FROM annotations WHERE doc_id IN (${rows.map(() => '?').join(',')}) GROUP BY doc_id, label_id`,
          )
          .all(...rows.map((r) => r.id)) as { doc_id: number; label_id: number; n: number }[];
        for (const c of perLabel) counts.get(c.doc_id)![c.label_id] = c.n;
      }
      return { total: count.get() as number, items: rows.map((r) => toSummary(r, counts.get(r.id)!)) };
    },

    count(): number {
      return count.get() as number;
    },

    setDone(id: number, done: boolean): void {
      if (setDone.run(done ? 1 : 0, id).changes === 0) throw new AppError('NotFound', `Document ${id} does not exist.`);
    },

    delete(id: number): void {
      const r = getOne.get(id) as { title: string; text: string } | undefined;
      if (!r) throw new AppError('NotFound', `Document ${id} does not exist.`);
      db.transaction(() => {
        deleteFts.run(id, r.title, r.text);
        deleteDoc.run(id);
      })();
    },
  };

  function countsOf(id: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of countsFor.all(id) as { label_id: number; n: number }[]) out[c.label_id] = c.n;
    return out;
  }
}

export type DocumentsRepo = ReturnType<typeof documentsRepo>;
