import type { Db } from './open.js';
import type { Document, DocumentFilter, DocumentMeta, DocumentSort, DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { AUTO_ID_SQL, notAuto } from './auto-layer.js';

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
  done_at: string | null;
  url: string | null;
}

const summaryColumns = 'id, title, date, source, path, length, imported_at, done, done_at, url';

/**
 * The SQL condition and its parameters for a list filter (common/model.ts DocumentFilter): each field present
 * narrows. Each term can use an index (migration 0005): source and date ranges their own, the label its
 * annotations_by_label, so a filter over 100,000 documents reads only the rows it keeps. The label term counts
 * annotations, never the `auto` layer's proposals (db/auto-layer.ts): a document only proposed for is not one
 * "with at least one span of that label".
 */
export function filterSql(f: DocumentFilter = {}): { where: string; params: (string | number)[] } {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  for (const key of Object.keys(filterTerms) as (keyof DocumentFilter)[]) {
    const value = f[key];
    if (value === undefined) continue;
    terms.push(filterTerms[key]);
    params.push(typeof value === 'boolean' ? Number(value) : value);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/**
 * One SQL term per DocumentFilter field, its value the one parameter. Done days are date(done_at), the UTC day,
 * as the dashboard's done-over-time buckets count them (db/dashboard.ts).
 */
const filterTerms: Record<keyof DocumentFilter, string> = {
  done: 'done = ?',
  labelId: `id IN (SELECT doc_id FROM annotations WHERE label_id = ? AND ${notAuto('annotator_id')})`,
  source: 'source = ?',
  from: 'date >= ?',
  to: 'date <= ?',
  doneFrom: 'date(done_at) >= ?',
  doneTo: 'date(done_at) <= ?',
};

/**
 * The `annotations` sort counts a document's annotations but the `auto` proposals (db/auto-layer.ts) as all its
 * spans less its `auto` ones: both counts read an index only (annotations_by_doc, annotations_by_annotator), where
 * one count with an annotator condition would read every span's row.
 */
const orderBy: Record<DocumentSort, string> = {
  title: 'title COLLATE NOCASE',
  date: 'date',
  source: 'source COLLATE NOCASE',
  imported: 'id',
  annotations: `((SELECT COUNT(*) FROM annotations a WHERE a.doc_id = documents.id)
    - (SELECT COUNT(*) FROM annotations a WHERE a.annotator_id = ${AUTO_ID_SQL} AND a.doc_id = documents.id))`,
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
  const nameOf = db.prepare('SELECT title, path FROM documents WHERE id = ?');
  const getSummary = db.prepare(`SELECT ${summaryColumns} FROM documents WHERE id = ?`);
  const count = db.prepare('SELECT COUNT(*) FROM documents').pluck();
  // Per-label counts (the list's badges) leave the `auto` proposals out (db/auto-layer.ts).
  const countsFor = db.prepare(
    `SELECT label_id, COUNT(*) AS n FROM annotations WHERE doc_id = ? AND ${notAuto('annotator_id')} GROUP BY label_id`,
  );
  const deleteDoc = db.prepare('DELETE FROM documents WHERE id = ?');
  // done_at records when; marking a done document done again keeps the first time.
  const setDone = db.prepare(
    'UPDATE documents SET done = @done, done_at = CASE WHEN @done = 0 THEN NULL WHEN done = 1 THEN done_at ELSE @at END WHERE id = @id',
  );
  const metaOf = db.prepare('SELECT id, title, date, source, url FROM documents WHERE id = ?');
  const setMeta = db.prepare('UPDATE documents SET title = @title, date = @date, source = @source, url = @url WHERE id = @id');
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const sources = db.prepare(
    'SELECT source, COUNT(*) AS documents FROM documents WHERE source IS NOT NULL GROUP BY source ORDER BY source COLLATE NOCASE',
  );

  function meta(id: number): DocumentMeta {
    const m = metaOf.get(id) as DocumentMeta | undefined;
    if (!m) throw new AppError('NotFound', `Document ${id} does not exist.`);
    return m;
  }

  const toSummary = (r: Row, counts: Record<string, number>): DocumentSummary => ({
    id: r.id,
    title: r.title,
    date: r.date,
    source: r.source,
    path: r.path,
    length: r.length,
    importedAt: r.imported_at,
    done: !!r.done,
    doneAt: r.done_at,
    url: r.url,
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

    /** What names a document to a person (its title and stored path), or undefined when there is no such document. */
    nameOf: (id: number) => nameOf.get(id) as { title: string; path: string | null } | undefined,

    /** A document's list row (no text). @throws AppError NotFound. */
    summary(id: number): DocumentSummary {
      const r = getSummary.get(id) as Row | undefined;
      if (!r) throw new AppError('NotFound', `Document ${id} does not exist.`);
      return toSummary(r, countsOf(id));
    },

    get(id: number): Document {
      const r = getOne.get(id) as (Row & { text: string; hash: string }) | undefined;
      if (!r) throw new AppError('NotFound', `Document ${id} does not exist.`);
      return { ...toSummary(r, countsOf(id)), text: r.text, hash: r.hash };
    },

    /**
     * A page of the list in `sort` order, narrowed by `filter`; `total` counts every document the filter keeps.
     * `counts` (per label id) and the `annotations` sort count annotations of every layer but `auto`.
     */
    list(sort: DocumentSort, dir: 'asc' | 'desc', offset: number, limit: number, filter: DocumentFilter = {}) {
      const direction = dir === 'desc' ? 'DESC' : 'ASC';
      const { where, params } = filterSql(filter);
      const rows = db
        .prepare(
          `SELECT ${summaryColumns} FROM documents ${where} ORDER BY ${orderBy[sort]} ${direction} NULLS LAST, id ${direction} LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as Row[];
      const counts = new Map<number, Record<string, number>>(rows.map((r) => [r.id, {}]));
      if (rows.length) {
        const perLabel = db
          .prepare(
            `SELECT doc_id, label_id, COUNT(*) AS n FROM annotations WHERE doc_id IN (${rows.map(() => '?').join(',')}) AND ${notAuto('annotator_id')}
             GROUP BY doc_id, label_id`,
          )
          .all(...rows.map((r) => r.id)) as { doc_id: number; label_id: number; n: number }[];
        for (const c of perLabel) counts.get(c.doc_id)![c.label_id] = c.n;
      }
      const total = where ? (db.prepare(`SELECT COUNT(*) FROM documents ${where}`).pluck().get(...params) as number) : (count.get() as number);
      return { total, items: rows.map((r) => toSummary(r, counts.get(r.id)!)) };
    },

    count(): number {
      return count.get() as number;
    },

    /** Marks a document done (recording when, `at`, ISO 8601) or not done (clearing it). @throws NotFound. */
    setDone(id: number, done: boolean, at = new Date().toISOString()): void {
      if (setDone.run({ done: done ? 1 : 0, at, id }).changes === 0) throw new AppError('NotFound', `Document ${id} does not exist.`);
    },

    /** The editable metadata of a document. @throws AppError NotFound. */
    meta,

    /**
     * Writes a document's metadata (already checked by the caller) without a transaction of its own; the search
     * index follows a changed title (it indexes titles beside texts). @throws AppError NotFound.
     */
    setMeta(m: DocumentMeta): void {
      const before = meta(m.id);
      setMeta.run(m);
      if (before.title !== m.title) {
        const text = textOf.get(m.id) as string;
        deleteFts.run(m.id, before.title, text);
        insertFts.run(m.id, m.title, text);
      }
    },

    /** Every source the documents name, with how many documents name it, in alphabetical order. */
    sources: () => sources.all() as { source: string; documents: number }[],

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
