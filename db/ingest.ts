import type { AnnotationsRepo, CheckedSpan } from './annotations.js';
import type { LabelsRepo } from './labels.js';
import type { LinksRepo } from './links.js';
import type { AnnotatorsRepo } from './annotators.js';
import type { Db } from './open.js';
import type { NewDocument } from './documents.js';
import { layerNameKey } from '../common/annotators.js';

/**
 * Colours given in turn to the labels and link types an import adds (the project's own keep theirs): the one
 * list every importer uses, so that the same file imported by any route colours its new labels alike.
 */
export const ADDED_COLOURS: readonly string[] = ['#8b5cf6', '#db2777', '#0891b2', '#65a30d', '#c2410c', '#475569', '#b45309', '#0f766e'];

/** The repositories an import writes through, and the connection for external ids (a Project has them all). */
export interface IngestRepos {
  labels: LabelsRepo;
  links: LinksRepo;
  annotations: AnnotationsRepo;
  annotators: AnnotatorsRepo;
  db: Db;
}

/**
 * `UPDATE <table> SET external_id = ? WHERE id = ?`, only where the row has none yet: a row keeps the first id a
 * file gave it (a later file naming the same document or span by another id does not take it away).
 */
const setExternalId = (db: Db, table: 'documents' | 'annotations' | 'links') => {
  const update = db.prepare(`UPDATE ${table} SET external_id = ? WHERE id = ? AND external_id IS NULL`);
  return (id: number, externalId: string | undefined) => {
    if (externalId !== undefined) update.run(externalId, id);
  };
};

/**
 * Ids by name for an import, any case: an unknown name is created with the next of ADDED_COLOURS (by how many
 * names the project has, so colours go round) and listed in `added`.
 */
function nameTable(known: { id: number; name: string }[], create: (name: string, colour: string) => number) {
  const ids = new Map(known.map((k) => [k.name.toLowerCase(), k.id]));
  const added: string[] = [];
  return {
    added,
    id(name: string): number {
      let id = ids.get(name.toLowerCase());
      if (id === undefined) {
        id = create(name, ADDED_COLOURS[ids.size % ADDED_COLOURS.length]);
        ids.set(name.toLowerCase(), id);
        added.push(name);
      }
      return id;
    },
  };
}

/**
 * The writes of one annotated import, shared by every importer: labels and link types found or added by name,
 * spans inserted unless the document already has the same one, links inserted unless they exist, and one
 * recluster at the end. Make it and use it inside the import's transaction (the name tables read the project
 * once, at the start). Offsets and texts are checked by the caller (see CheckedSpan).
 */
export function ingestWriter(r: IngestRepos, defaultAnnotator?: string) {
  const layerIds = new Map<string, number>();
  /** The spelling the last layerId call was given (span() follows it), and the spelling each span added here came under. */
  let spelling: string | null = null;
  const spelledBy = new Map<number, string | null>();
  /** `layer\u0000first spelling\u0000second spelling` → how many spans the second gave again. */
  const folded = new Map<string, number>();
  /** Ids of the layers written, in the order first used (names are read once, at the end: this runs per span). */
  const layersUsed = new Set<number>();
  const defaultLayer = defaultAnnotator === undefined ? r.annotations.currentAnnotator() : r.annotators.ensure(defaultAnnotator, true);
  const labels = nameTable(r.labels.list(), (name, colour) => r.labels.create(name, colour, null).id);
  const linkTypes = nameTable(r.links.types(), (name, colour) => r.links.createType(name, false, false, colour).id);
  const touched: number[] = [];
  const docExternal = setExternalId(r.db, 'documents');
  const spanExternal = setExternalId(r.db, 'annotations');
  const linkExternal = setExternalId(r.db, 'links');
  return {
    labelId: labels.id,
    linkTypeId: linkTypes.id,
    /**
     * The layer (annotator id) for a span the file says is `name`'s, created if the project has no such annotator;
     * without a name, the import's default layer (`--annotator`, else the current annotator). The reserved `auto`
     * and `gold` are allowed: a file may hold proposals or an adjudicated set. Names are matched by layerNameKey
     * (common/annotators.ts), so "GOLD", "Gold" and "ｇｏｌｄ" are all the `gold` layer.
     * @throws AppError InvalidInput for a name no annotator can have (empty, control characters, too long).
     */
    layerId(name?: string | null): number {
      let id: number;
      spelling = name?.trim() || null;
      if (name === undefined || name === null || name.trim() === '') id = defaultLayer;
      else {
        const key = layerNameKey(name);
        id = layerIds.get(key) ?? r.annotators.ensure(name, true);
        layerIds.set(key, id);
      }
      layersUsed.add(id);
      return id;
    },
    /**
     * What became of spans given twice under two spellings of one layer ("Auto" and "auto", "GOLD" and "gold":
     * one layer by layerNameKey): one line per pair of spellings, saying the second spans were duplicates, kept once.
     */
    foldedDuplicates: (): string[] =>
      [...folded].map(([key, n]) => {
        const [layer, first, second] = key.split('\u0000');
        return `${JSON.stringify(first)} and ${JSON.stringify(second)} name one layer (${layer}): ${n} span${n === 1 ? '' : 's'} given under both ${n === 1 ? 'was a duplicate' : 'were duplicates'}, kept once.`;
      }),
    /** The names of the layers this import wrote spans into, in the order first used. */
    layersUsed: () => [...layersUsed].map((id) => r.annotators.name(id)),
    /** Names of the labels and link types this import added, in the order it added them. */
    labelsAdded: labels.added,
    linkTypesAdded: linkTypes.added,

    /**
     * Gives a document the id a file knows it by (`externalId`: the typed form of db/migrations/0004_interop.ts,
     * e.g. "s:doc-17"), unless it has one already.
     */
    documentExternalId: docExternal,

    /**
     * The span's id: the document's identical span in the same layer (same label, offsets and annotator) when there
     * is one, else a new row.
     * `externalId` (typed, as above) is kept on it unless it has one already.
     */
    span(s: CheckedSpan, externalId?: string): { id: number; added: boolean } {
      const same = r.annotations.sameSpan(s.docId, s.labelId, s.start, s.end, s.annotatorId);
      const result = same !== undefined ? { id: same, added: false } : { id: r.annotations.insertChecked(s), added: true };
      if (result.added) spelledBy.set(result.id, spelling);
      else if (spelledBy.has(same!) && spelledBy.get(same!) !== spelling) {
        const key = [r.annotators.name(s.annotatorId), spelledBy.get(same!) ?? '', spelling ?? ''].join('\u0000');
        folded.set(key, (folded.get(key) ?? 0) + 1);
      }
      spanExternal(result.id, externalId);
      return result;
    },

    /**
     * Links two spans, keeping `externalId` (typed, as above) on the new link; false when they are already linked
     * with that type (an import of a file seen before: the link there keeps the id it has).
     */
    link(fromId: number, toId: number, typeId: number, externalId?: string): boolean {
      const link = r.links.insertUnlessLinked(fromId, toId, typeId);
      if (!link) return false;
      linkExternal(link.id, externalId);
      touched.push(fromId, toId);
      return true;
    },

    /** Recomputes the clusters of every span a new link touched: once, after the last link. */
    recluster(): void {
      r.links.clusters.recluster(touched);
    },
  };
}

export type IngestWriter = ReturnType<typeof ingestWriter>;

/** KiB (negative: SQLite's unit for a size, not a page count): the page cache a bulk import writes with. */
export const BULK_CACHE_KIB = 64 * 1024;

/**
 * Runs `fn` (a bulk import's transaction; call it outside any transaction) with the connection set for many
 * inserts, and gives the connection its own settings back afterwards:
 * - a page cache of BULK_CACHE_KIB instead of SQLite's 2 MB (restoring the size frees the pages beyond it): the unique
 *   index on text hashes takes each file's duplicate check and insert at a random place, and at 100,000 documents
 *   its pages no longer fit 2 MB, so they were read back from the write-ahead log (2.2 s of CPU at 100,000 articles);
 * - statement journals in memory (`temp_store = MEMORY`, which must be set before the transaction begins): an
 *   insert that fires a trigger makes SQLite keep a statement journal of the pages it changes, and with temp files
 *   that journal spilled to a file in /var/tmp (with migration 0008's list trigger: 23 system calls and 47 kB written
 *   per document, strace of 1,000 articles, a third of the import's system time; bulkDocuments now sets that
 *   trigger aside, but the rest of an import's writes still fire triggers). Changing temp_store drops
 *   the connection's temporary tables; db/search.ts and db/suggest-queries.ts make theirs again on use.
 * Durability is untouched: a statement journal only undoes one statement inside the transaction, and the page cache
 * only holds pages until the commit writes them, with the same journal mode and synchronous setting.
 */
export async function withBulkSettings<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  const temp = db.pragma('temp_store', { simple: true }) as number;
  db.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
  if (temp !== TEMP_STORE_MEMORY) db.pragma(`temp_store = ${TEMP_STORE_MEMORY}`);
  try {
    return await fn();
  } finally {
    db.pragma(`cache_size = ${cache}`);
    if (temp !== TEMP_STORE_MEMORY && !db.inTransaction) db.pragma(`temp_store = ${temp}`);
  }
}

/** `PRAGMA temp_store` value for MEMORY. */
const TEMP_STORE_MEMORY = 2;

/** The trigger of migration 0008 that gives each new document its row of `document_list`. */
const LIST_TRIGGER = 'document_list_insert';

/**
 * Plain-text documents for a bulk import (services/import/importer.ts), written a batch at a time: inside `batch`
 * each row is inserted as documents.insert inserts it, and when the batch ends its `document_list` rows are written
 * by one INSERT … SELECT over the batch's ids and its full-text entries fed one after the other.
 *
 * Why the list rows are not left to their trigger (migration 0008 `document_list_insert`): a trigger makes SQLite
 * run a trigger program and open a statement journal and savepoint for every insert, and FTS5 flushes its pending
 * terms at every savepoint (fed row by row, the index got one segment per document). Measured on the scale corpus,
 * CPU of the SQL alone: 27.3 s with the trigger at 100,000 articles, 23.5 s without it (the raw script: 24.4 s).
 * So `batch` drops the trigger for its synchronous stretch and creates it again, from the very text the schema holds
 * (sqlite_master), before it returns or throws; the list rows it writes are the trigger's own (same columns, read
 * back from the rows just inserted), for every document inserted since the batch began, whoever inserted it.
 * Safety: `batch` runs only inside a transaction (the drop commits or rolls back with the import: a crash or a
 * rollback leaves the trigger and the project as they were), nothing else runs on the connection while the trigger
 * is away (a batch never yields), and the trigger is back whenever the caller may yield.
 */
export function bulkDocuments(db: Db) {
  const insertRow = db.prepare(
    'INSERT INTO documents (title, date, source, path, origin, hash, text, length, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFts = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
  const listRows = db.prepare(
    `INSERT INTO document_list (doc_id, title, date, source, done, done_at)
     SELECT id, title, date, source, done, done_at FROM documents WHERE id > ?`,
  );
  const triggerSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
  const lastId = db.prepare('SELECT ifnull(max(id), 0) FROM documents').pluck();
  let held: { id: number; title: string; text: string }[] = [];
  let inBatch = false;
  return {
    /**
     * Runs `fn` (synchronous: it must not yield) with the list trigger set aside; `fn` calls `insert` for each row.
     * Afterwards, also when `fn` throws, every document inserted since the batch began has its `document_list` row
     * and its full-text entry, and the trigger is back.
     * @throws Error when called outside a transaction or inside another batch; whatever `fn` throws.
     */
    batch<T>(fn: () => T): T {
      if (!db.inTransaction) throw new Error('bulkDocuments.batch runs only inside a transaction');
      if (inBatch) throw new Error('bulkDocuments.batch does not nest');
      const create = triggerSql.get(LIST_TRIGGER) as string | undefined;
      const since = lastId.get() as number;
      if (create !== undefined) db.exec(`DROP TRIGGER ${LIST_TRIGGER}`);
      inBatch = true;
      try {
        return fn();
      } finally {
        inBatch = false;
        // A failed statement may have ended the transaction (SQLite rolls back on a full disk, say): the drop went
        // with it, and there is nothing left to complete.
        if (db.inTransaction) {
          if (create !== undefined) listRows.run(since);
          for (const h of held) insertFts.run(h.id, h.title, h.text);
          if (create !== undefined) db.exec(create);
        }
        held = [];
      }
    },
    /**
     * Inserts a document's row (its list row and index entry come when the batch ends); its id.
     * @throws Error outside `batch`; SQLite's UNIQUE error for a hash the project has.
     */
    insert(d: NewDocument, importedAt: string): number {
      if (!inBatch) throw new Error('bulkDocuments.insert runs only inside batch');
      const id = Number(insertRow.run(d.title, d.date, d.source, d.path, d.origin ?? null, d.hash, d.text, d.length, importedAt).lastInsertRowid);
      held.push({ id, title: d.title, text: d.text });
      return id;
    },
  };
}
