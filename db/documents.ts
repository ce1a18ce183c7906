import type { Db } from './open.js';
import type { Document, DocumentFilter, DocumentMeta, DocumentSort, DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { storedTimestamp, storedTimestampOrNull } from './stored-timestamp.js';
import { documentSourcesRepo, NO_SOURCE, type SourcePage } from './document-sources.js';

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
 * The SQL condition and its parameters for a list filter (common/model.ts DocumentFilter) over `document_list`
 * (migration 0008: one slim row per document with its list fields): each field present narrows. Done, source,
 * dates and done days sit in every sort index of that table, so a sorted, filtered walk reads index entries only;
 * the label term is one lookup in `document_label_counts`, which counts spans of every layer but `auto`
 * (db/auto-layer.ts): a document only proposed for is not one "with at least one span of that label".
 * `many`: `source: null` keeps many documents, so its term is checked along the sort's index (NO_SOURCE_ALONG_SORT).
 */
export function filterSql(f: DocumentFilter = {}, many = false): { where: string; params: (string | number)[] } {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  for (const key of Object.keys(filterTerms) as (keyof DocumentFilter)[]) {
    const value = f[key];
    if (value === undefined) continue;
    if (value === null) {
      terms.push(many ? NO_SOURCE_ALONG_SORT : NO_SOURCE);
      continue;
    }
    terms.push(filterTerms[key]);
    params.push(typeof value === 'boolean' ? Number(value) : value);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

/**
 * `source: null` (NO_SOURCE, db/document-sources.ts) when `many` documents have no source: written `+source` so
 * that no source index drives it and the sort's own covering index is walked with the term checked in it. Measured
 * at 100,000 documents none of which has a source: by title 113 ms of CPU through the two source indexes and a
 * sort of every id, 22 ms along document_list_by_title.
 */
const NO_SOURCE_ALONG_SORT = "(+source IS NULL OR +source = '')";

/**
 * Past this share of the list without a source, the "(no source)" ids are read along the sort's index rather than
 * collected from the source indexes and sorted (measured per id at 100,000 documents: ~1.1 µs collected and sorted
 * by title, ~0.2 µs walked, so the two meet near a fifth).
 */
const NO_SOURCE_WALK_SHARE = 1 / 5;

/**
 * One SQL term per DocumentFilter field over `document_list`, its value the one parameter. Done days are
 * date(done_at), the UTC day, as the dashboard's done-over-time buckets count them (db/dashboard.ts). `done` is
 * written `+done` so that no index on it is ever chosen to drive a walk: two values, each most of the list.
 */
const filterTerms: Record<keyof DocumentFilter, string> = {
  done: '+done = ?',
  labelId: 'EXISTS (SELECT 1 FROM document_label_counts c WHERE c.doc_id = document_list.doc_id AND c.label_id = ?)',
  source: 'source = ?',
  from: 'date >= ?',
  to: 'date <= ?',
  doneFrom: 'date(done_at) >= ?',
  doneTo: 'date(done_at) <= ?',
};

/**
 * Each sort's key in `document_list`; ties go by id, empty keys last both ways. Each has an index of the same
 * order (migration 0008), so the list is read in order without a sort; `annotations` is the stored count of spans
 * outside `auto`.
 */
const sortKey: Record<DocumentSort, string> = {
  title: 'title COLLATE NOCASE',
  date: 'date',
  source: 'source COLLATE NOCASE',
  imported: 'doc_id',
  annotations: 'annotations',
};

/** The ORDER BY of the list (see sortKey). */
function orderSql(sort: DocumentSort, dir: 'asc' | 'desc'): string {
  const direction = dir === 'desc' ? 'DESC' : 'ASC';
  return sort === 'imported' ? `ORDER BY doc_id ${direction}` : `ORDER BY ${sortKey[sort]} ${direction} NULLS LAST, doc_id ${direction}`;
}

/**
 * The query of the ids the filter keeps in list order (`document_list`, migration 0008). Exported for the tests that check it walks an index.
 */
export function idsSql(sort: DocumentSort, dir: 'asc' | 'desc', filter: DocumentFilter = {}, many = false): { sql: string; params: (string | number)[] } {
  const { where, params } = filterSql(filter, many);
  return { sql: `SELECT doc_id FROM document_list ${where} ${orderSql(sort, dir)}`, params };
}

/** Past this offset a page of a label-filtered list is cut from `ids` rather than walked to in SQL (cheaper there). */
const DEEP_LABELLED_PAGE = 5000;

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
  const count = db.prepare('SELECT COUNT(*) FROM document_list').pluck();
  const noSource = db.prepare(`SELECT COUNT(*) FROM document_list WHERE ${NO_SOURCE}`).pluck();
  /** Whether `filter` asks for the documents without a source and they are many (see NO_SOURCE_WALK_SHARE). */
  const manyWithoutSource = (filter: DocumentFilter) =>
    filter.source === null && (noSource.get() as number) > (count.get() as number) * NO_SOURCE_WALK_SHARE;
  // Per-label counts (the list's badges): migration 0008 keeps them, `auto` left out (db/auto-layer.ts).
  const countsFor = db.prepare('SELECT label_id, annotations AS n FROM document_label_counts WHERE doc_id = ?');
  const countsForMany = db.prepare(
    'SELECT doc_id, label_id, annotations AS n FROM document_label_counts WHERE doc_id IN (SELECT value FROM json_each(?))',
  );
  const rowsFor = db.prepare(`SELECT ${summaryColumns} FROM documents WHERE id IN (SELECT value FROM json_each(?))`);
  const labelled = db.prepare('SELECT doc_id FROM document_label_counts WHERE label_id = ?').pluck();
  const labelledAmong = db
    .prepare('SELECT doc_id FROM document_label_counts WHERE label_id = ? AND doc_id IN (SELECT value FROM json_each(?))')
    .pluck();
  const labelDocuments = db.prepare('SELECT documents FROM label_counts WHERE label_id = ?').pluck();
  const deleteDoc = db.prepare('DELETE FROM documents WHERE id = ?');
  // done_at records when; marking a done document done again keeps the first time.
  const setDone = db.prepare(
    'UPDATE documents SET done = @done, done_at = CASE WHEN @done = 0 THEN NULL WHEN done = 1 THEN done_at ELSE @at END WHERE id = @id',
  );
  const metaOf = db.prepare('SELECT id, title, date, source, url FROM documents WHERE id = ?');
  const setMeta = db.prepare('UPDATE documents SET title = @title, date = @date, source = @source, url = @url WHERE id = @id');
  const textOf = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const sourcePages = documentSourcesRepo(db);

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
    importedAt: storedTimestamp(r.imported_at),
    done: !!r.done,
    doneAt: storedTimestampOrNull(r.done_at),
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
     * `counts` (per label id) and the `annotations` sort count annotations of every layer but `auto`. The page is
     * walked to along an index of `document_list` (migration 0008); a deep page of a label-filtered list is cut
     * from `ids` instead, where one pass over the label's documents beats a lookup per document walked past.
     */
    list(sort: DocumentSort, dir: 'asc' | 'desc', offset: number, limit: number, filter: DocumentFilter = {}) {
      if (filter.labelId !== undefined && offset > DEEP_LABELLED_PAGE) {
        const all = ids(sort, dir, filter);
        return { total: all.length, items: summaries(all.slice(offset, offset + limit)) };
      }
      const { sql, params } = idsSql(sort, dir, filter, manyWithoutSource(filter));
      const page = db.prepare(`${sql} LIMIT ? OFFSET ?`).pluck().all(...params, limit, offset) as number[];
      return { total: total(filter), items: summaries(page) };
    },

    ids,
    summaries,

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

    /** The sources the documents name, most documents first, bounded and narrowed (db/document-sources.ts). */
    sources: (query: string | undefined, limit: number): SourcePage => sourcePages.page(query, limit),

    delete(id: number): void {
      const r = getOne.get(id) as { title: string; text: string } | undefined;
      if (!r) throw new AppError('NotFound', `Document ${id} does not exist.`);
      db.transaction(() => {
        deleteFts.run(id, r.title, r.text);
        deleteDoc.run(id);
      })();
    },
  };

  /** Per-label counts (leaving `auto` out) of each of these documents; every id gets a record, empty when it has none. */
  function countsByDoc(ids: number[]): Map<number, Record<string, number>> {
    const counts = new Map<number, Record<string, number>>(ids.map((id) => [id, {}]));
    if (!ids.length) return counts;
    for (const c of countsForMany.all(JSON.stringify(ids)) as { doc_id: number; label_id: number; n: number }[]) counts.get(c.doc_id)![c.label_id] = c.n;
    return counts;
  }

  /**
   * Every id the filter keeps, in `sort` order (ties by id), as `list` pages them: one walk of the sort's index of
   * `document_list` with the other filter fields checked in it; the label, when asked, by keepLabelled.
   */
  function ids(sort: DocumentSort, dir: 'asc' | 'desc', filter: DocumentFilter = {}): number[] {
    const { labelId, ...rest } = filter;
    const { sql, params } = idsSql(sort, dir, rest, manyWithoutSource(rest));
    const ordered = db.prepare(sql).pluck().all(...params) as number[];
    return labelId === undefined ? ordered : keepLabelled(ordered, labelId);
  }

  /**
   * The ids (kept in their order) that have a span of the label outside `auto`. A few ids are looked up one by one;
   * many are checked against the label's whole set, read in one walk of document_label_counts_by_label: a lookup
   * per document costs several times what reading one entry of that walk does.
   */
  function keepLabelled(ordered: number[], labelId: number): number[] {
    const labelDocs = (labelDocuments.get(labelId) as number | undefined) ?? 0;
    if (!labelDocs || !ordered.length) return [];
    if (ordered.length * 4 < labelDocs) {
      const yes = new Set(labelledAmong.all(labelId, JSON.stringify(ordered)) as number[]);
      return ordered.filter((id) => yes.has(id));
    }
    const yes = labelled.all(labelId) as number[];
    let max = 0;
    for (const id of yes) if (id > max) max = id;
    // A byte per id up to the largest: ids are dense (AUTOINCREMENT), and a typed array beats a Set several times.
    const has = new Uint8Array(max + 1);
    for (const id of yes) has[id] = 1;
    return ordered.filter((id) => has[id] === 1);
  }

  /** How many documents the filter keeps: a count along an index, or the label's stored document count. */
  function total(filter: DocumentFilter): number {
    const { labelId, ...rest } = filter;
    const narrowed = Object.values(rest).some((v) => v !== undefined);
    if (labelId !== undefined && !narrowed) return (labelDocuments.get(labelId) as number | undefined) ?? 0;
    if (labelId === undefined && !narrowed) return count.get() as number;
    const { where, params } = filterSql(filter);
    return db.prepare(`SELECT COUNT(*) FROM document_list ${where}`).pluck().get(...params) as number;
  }

  /** The list rows of these documents in the order given, leaving out ids that do not exist. */
  function summaries(ids: number[]): DocumentSummary[] {
    if (!ids.length) return [];
    const json = JSON.stringify(ids);
    const rows = rowsFor.all(json) as Row[];
    const counts = countsByDoc(rows.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, toSummary(r, counts.get(r.id)!)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  function countsOf(id: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of countsFor.all(id) as { label_id: number; n: number }[]) out[c.label_id] = c.n;
    return out;
  }
}

export type DocumentsRepo = ReturnType<typeof documentsRepo>;
