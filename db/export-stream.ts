import type { Db } from './open.js';
import type { Annotation, Attributes } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { toAnnotation, type AnnotationRow } from './annotations.js';
import { queryBounds } from './fts-bounds.js';

/** Which documents an export takes: all, those a search finds, or those marked done. */
export type DocumentSet = { kind: 'all' } | { kind: 'query'; q: string } | { kind: 'done' };

/** A document as an export reads it: everything but its hash, length and import time. */
export interface ExportDocRow {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  /** The absolute path the document was read from, where known (db/migrations/0004_interop.ts). */
  origin?: string | null;
  text: string;
  done: boolean;
}

/** A link starting in a document, with the document and label of its other end (`to`). */
export interface ExportLinkRow {
  id: number;
  fromId: number;
  toId: number;
  typeId: number;
  /** The layer the link is in (its ends' layer). */
  annotatorId: number;
  toDocId: number;
  toLabelId: number;
}

/** A span as every export format writes it: an Annotation without its times and curation. */
export type ExportSpanRow = Pick<Annotation, 'id' | 'labelId' | 'start' | 'end' | 'text' | 'note' | 'attributes' | 'clusterId' | 'annotatorId'>;

/** One document of a whole-project scan: its row, its spans in offset order, the links that start in it by id. */
export interface ScannedDoc {
  doc: ExportDocRow;
  spans: ExportSpanRow[];
  links: ExportLinkRow[];
}

type LinkRow = { id: number; from_id: number; to_id: number; type_id: number; annotator_id: number; to_doc: number; to_label: number };
const toLinkRow = (l: LinkRow): ExportLinkRow => ({
  id: l.id,
  fromId: l.from_id,
  toId: l.to_id,
  typeId: l.type_id,
  annotatorId: l.annotator_id,
  toDocId: l.to_doc,
  toLabelId: l.to_label,
});

/**
 * What an export reads, one document at a time so memory stays flat on million-span projects. Use it on a
 * connection inside one read transaction (see readSnapshot) so every read sees the same state.
 */
export function exportStreamRepo(db: Db) {
  const docRow = db.prepare('SELECT id, title, date, source, path, origin, text, done FROM documents WHERE id = ?');
  // One statement for every layer and one for a single layer (`--layer NAME`): a one-layer export of a large
  // project reads that layer's rows only (the annotator_id test is in SQL, not a filter over every row in JS).
  const spanSql = (layer: string) => `SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at,
    annotator_id, curated_by FROM annotations WHERE doc_id = ?${layer} ORDER BY start, end, id`;
  // Every layer but one (`IS NOT NULL` when none is left out): an export leaves the `auto` proposals out unless asked.
  const spanRows = db.prepare(spanSql(' AND annotator_id IS NOT ?'));
  const layerSpanRows = db.prepare(spanSql(' AND annotator_id = ?'));
  const linkSql = (layer: string) => `SELECT l.id, l.from_id, l.to_id, l.type_id, l.annotator_id, t.doc_id AS to_doc, t.label_id AS to_label
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE f.doc_id = ?${layer} ORDER BY l.id`;
  const linkRows = db.prepare(linkSql(' AND l.annotator_id IS NOT ?'));
  const layerLinkRows = db.prepare(linkSql(' AND l.annotator_id = ?'));
  // The whole-project scan (see `scan`): the same rows in one pass each, ordered so that they meet document by document.
  // Spans by the (doc_id, start, end) index, whose entries end in the rowid: the order of `spans`, with no sort.
  const scanDocs = db.prepare('SELECT id, title, date, source, path, origin, text, done FROM documents ORDER BY id');
  const scanSpanSql = (layer: string) =>
    `SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, annotator_id FROM annotations WHERE annotator_id ${layer} ORDER BY doc_id, start, end, id`;
  const scanSpans = db.prepare(scanSpanSql('IS NOT ?'));
  const scanLayerSpans = db.prepare(scanSpanSql('= ?'));
  const scanLinkSql = (layer: string) => `SELECT l.id, l.from_id, l.to_id, l.type_id, l.annotator_id, f.doc_id AS from_doc, t.doc_id AS to_doc, t.label_id AS to_label
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE l.annotator_id ${layer} ORDER BY f.doc_id, l.id`;
  const scanLinks = db.prepare(scanLinkSql('IS NOT ?'));
  const scanLayerLinks = db.prepare(scanLinkSql('= ?'));

  return {
    /** Every label in project order. */
    labels: () => db.prepare('SELECT id, name, color FROM labels ORDER BY position, id').all() as { id: number; name: string; color: string }[],
    /** Every link type in project order. */
    linkTypes: () =>
      (db.prepare('SELECT id, name, directed, transitive FROM link_types ORDER BY position, id').all() as {
        id: number;
        name: string;
        directed: number;
        transitive: number;
      }[]).map((t) => ({ ...t, directed: !!t.directed, transitive: !!t.transitive })),
    /** Every annotator's id and name (the layers), by name (any case), then id. */
    annotators: () => db.prepare('SELECT id, name FROM annotators ORDER BY name COLLATE NOCASE, id').all() as { id: number; name: string }[],
    /** The ids of the layers that hold at least one span of the documents `docIds` (a JSON array), ascending. */
    layersIn: (docIds: readonly number[]): number[] =>
      db.prepare('SELECT DISTINCT annotator_id FROM annotations WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY annotator_id').pluck().all(JSON.stringify(docIds)) as number[],
    /**
     * The ids of the layers that hold at least one span anywhere in the project, ascending: `layersIn` for every
     * document, answered by the annotator index (one probe per layer) instead of a pass over every span.
     */
    layersInProject: (): number[] =>
      db.prepare('SELECT a.id FROM annotators a WHERE EXISTS (SELECT 1 FROM annotations WHERE annotator_id = a.id) ORDER BY a.id').pluck().all() as number[],
    /** Every cluster's id and name. */
    clusters: () => db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[],
    /** The ids of the documents in the set, ascending. A search that is empty or malformed throws InvalidInput. */
    docIds: (set: DocumentSet) => selectDocs(db, set),
    /** One document; undefined when there is no such id. */
    doc(id: number): ExportDocRow | undefined {
      const d = docRow.get(id) as (Omit<ExportDocRow, 'done'> & { done: number }) | undefined;
      return d && { ...d, done: !!d.done };
    },
    /**
     * A document's annotations whose label passes `keep`, by start, then end, then id; only those of the layer
     * `annotatorId` when given (null: every layer but `except`, when given).
     */
    spans: (docId: number, keep: (labelId: number) => boolean, annotatorId: number | null = null, except: number | null = null): Annotation[] =>
      ((annotatorId === null ? spanRows.all(docId, except) : layerSpanRows.all(docId, annotatorId)) as AnnotationRow[]).filter((r) => keep(r.label_id)).map(toAnnotation),
    /** The links whose `from` annotation is in the document, by id; only those of the layer `annotatorId` when given (else all but `except`). */
    linksFrom: (docId: number, annotatorId: number | null = null, except: number | null = null): ExportLinkRow[] =>
      ((annotatorId === null ? linkRows.all(docId, except) : layerLinkRows.all(docId, annotatorId)) as LinkRow[]).map(toLinkRow),
    /**
     * Every document of the project in id order, each with what `doc`, `spans` (every label) and `linksFrom` give
     * it, read by three cursors side by side instead of three queries per document: a whole-project export of
     * 100,000 documents spent most of its time starting those 300,000 queries. Rows are turned into objects one
     * document at a time, so memory stays flat. Spans of the layer `annotatorId` only when given (else all but
     * `except`). The cursors hold the connection until the generator ends or is returned (a for-of that breaks or
     * throws returns it): better-sqlite3 refuses writes through it meanwhile; reads are fine.
     */
    *scan(annotatorId: number | null = null, except: number | null = null): Generator<ScannedDoc> {
      const layer = annotatorId ?? except;
      // Rows as arrays (raw mode): better-sqlite3 builds a keyed object per row several times slower than an array,
      // and each row becomes an object of our own anyway.
      const docs = scanDocs.raw().iterate() as IterableIterator<unknown[]>;
      const spans = (annotatorId === null ? scanSpans : scanLayerSpans).raw().iterate(layer) as IterableIterator<unknown[]>;
      const links = (annotatorId === null ? scanLinks : scanLayerLinks).raw().iterate(layer) as IterableIterator<unknown[]>;
      try {
        let span = spans.next();
        let link = links.next();
        for (const d of docs) {
          const id = d[0] as number;
          const own: ExportSpanRow[] = [];
          // Rows of a lower id belong to no document left (none can: spans and links go with their document).
          while (!span.done && (span.value[1] as number) < id) span = spans.next();
          for (; !span.done && span.value[1] === id; span = spans.next()) own.push(toExportSpan(span.value));
          const out: ExportLinkRow[] = [];
          while (!link.done && (link.value[5] as number) < id) link = links.next();
          for (; !link.done && link.value[5] === id; link = links.next()) out.push(toScannedLink(link.value));
          const doc: ExportDocRow = {
            id,
            title: d[1] as string,
            date: d[2] as string | null,
            source: d[3] as string | null,
            path: d[4] as string | null,
            origin: d[5] as string | null,
            text: d[6] as string,
            done: !!d[7],
          };
          yield { doc, spans: own, links: out };
        }
      } finally {
        docs.return?.();
        spans.return?.();
        links.return?.();
      }
    },
  };
}

/** A span of the scan from its row, in scanSpanSql's column order. */
const toExportSpan = (r: unknown[]): ExportSpanRow => ({
  id: r[0] as number,
  labelId: r[2] as number,
  start: r[3] as number,
  end: r[4] as number,
  text: r[5] as string,
  note: r[6] as string,
  // Most spans have no attributes: no parse for those.
  attributes: r[7] === '{}' ? {} : (JSON.parse(r[7] as string) as Attributes),
  clusterId: r[8] as number | null,
  annotatorId: r[9] as number,
});

/** A link of the scan from its row, in scanLinkSql's column order (the from document, [5], only orders it). */
const toScannedLink = (r: unknown[]): ExportLinkRow => ({
  id: r[0] as number,
  fromId: r[1] as number,
  toId: r[2] as number,
  typeId: r[3] as number,
  annotatorId: r[4] as number,
  toDocId: r[6] as number,
  toLabelId: r[7] as number,
});

function selectDocs(db: Db, set: DocumentSet): number[] {
  if (set.kind === 'done') return db.prepare('SELECT id FROM documents WHERE done = 1 ORDER BY id').pluck().all() as number[];
  if (set.kind === 'query') {
    // Bounded like every search: a query too broad is refused before the export starts.
    const q = queryBounds(db).compile(set.q).fts;
    if (!q) throw new AppError('InvalidInput', 'The search for the documents to export is empty.');
    try {
      return (db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck().all(q) as number[]).sort((a, b) => a - b);
    } catch (e) {
      throw new AppError('InvalidInput', `Cannot search for ${q}: ${(e as Error).message}`);
    }
  }
  // Not `ORDER BY id`: that walks the table, every page of every text (400 MB at 100,000 articles); without it SQLite
  // reads the ids from the smallest index that holds them, and sorting 100,000 numbers here costs a few milliseconds.
  return Array.from(new Float64Array(db.prepare('SELECT id FROM documents').pluck().all() as number[]).sort());
}

/** The tables whose rows may carry an external id (db/migrations/0004_interop.ts). */
export type ExternalIdTable = 'documents' | 'annotations' | 'links';

/** A document's external id, and those of its spans, of the links starting in it and of those links' `to` spans. */
export interface DocExternalIds {
  doc: string | null;
  /** By Crosscheck span id: the document's spans and the spans its links point to, where they have one. */
  spans: Map<number, string>;
  /** By Crosscheck link id, where they have one. */
  links: Map<number, string>;
}

/**
 * What an export reads of the ids other tools' files gave (external ids, stored typed: "s:doc-17", "n:17"). The
 * "key" of an external id is the id without its type (`substr(external_id, 3)`, indexed), which is how a file
 * written with every id as a string shows it; a Crosscheck id's key is its decimal form.
 */
export function externalIdsRepo(db: Db) {
  const anyString = db.prepare(
    `SELECT EXISTS (SELECT 1 FROM documents WHERE external_id LIKE 's:%')
      OR EXISTS (SELECT 1 FROM annotations WHERE external_id LIKE 's:%')
      OR EXISTS (SELECT 1 FROM links WHERE external_id LIKE 's:%')`,
  ).pluck();
  const statements = (t: ExternalIdTable) => ({
    // Rows whose key another row with a lower id has too, or that is the Crosscheck id of a row with none.
    clashing: db
      .prepare(
        `SELECT a.id FROM ${t} a WHERE a.external_id IS NOT NULL AND (
          EXISTS (SELECT 1 FROM ${t} b WHERE b.external_id IS NOT NULL AND substr(b.external_id, 3) = substr(a.external_id, 3) AND b.id < a.id)
          OR EXISTS (SELECT 1 FROM ${t} b WHERE b.id = CAST(substr(a.external_id, 3) AS INTEGER) AND b.id <> a.id
            AND b.external_id IS NULL AND CAST(b.id AS TEXT) = substr(a.external_id, 3)))`,
      )
      .pluck(),
    withKey: db.prepare(`SELECT id FROM ${t} WHERE external_id IS NOT NULL AND substr(external_id, 3) = ? ORDER BY id`).pluck(),
  });
  const per = { documents: statements('documents'), annotations: statements('annotations'), links: statements('links') };
  // Which tables hold any external id at all (their partial indexes answer at once): most projects have none, and
  // then a document's ids need no query (three per document were a third of a whole-project export's reads).
  const any = (t: ExternalIdTable) => !!db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t} WHERE external_id IS NOT NULL)`).pluck().get();
  const has = { documents: any('documents'), annotations: any('annotations'), links: any('links') };
  const docExternal = db.prepare('SELECT external_id FROM documents WHERE id = ?').pluck();
  const spanExternals = db.prepare('SELECT id, external_id FROM annotations WHERE doc_id = ? AND external_id IS NOT NULL');
  const linkExternals = db.prepare(`SELECT l.id, l.external_id AS ext, t.id AS to_id, t.external_id AS to_ext
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE f.doc_id = ? AND (l.external_id IS NOT NULL OR t.external_id IS NOT NULL)`);

  return {
    /** Whether any document, span or link has an external id that is a JSON string. */
    anyString: (): boolean => !!anyString.get(),
    /**
     * Ids of the rows of `table` whose external id clashes on its face: its key is the key of a row with a lower
     * id, or the Crosscheck id of another row that has no external id.
     */
    clashing: (table: ExternalIdTable): number[] => per[table].clashing.all() as number[],
    /** Ids of the rows of `table` whose external id's key is `key`, ascending. */
    withKey: (table: ExternalIdTable, key: string): number[] => per[table].withKey.all(key) as number[],
    /** The external ids one document's export line needs (see DocExternalIds). */
    ofDoc(docId: number): DocExternalIds {
      const spans = new Map(has.annotations ? (spanExternals.all(docId) as { id: number; external_id: string }[]).map((r) => [r.id, r.external_id]) : []);
      const links = new Map<number, string>();
      const linked = has.links || has.annotations ? (linkExternals.all(docId) as { id: number; ext: string | null; to_id: number; to_ext: string | null }[]) : [];
      for (const r of linked) {
        if (r.ext !== null) links.set(r.id, r.ext);
        if (r.to_ext !== null) spans.set(r.to_id, r.to_ext);
      }
      return { doc: has.documents ? ((docExternal.get(docId) as string | null | undefined) ?? null) : null, spans, links };
    },
  };
}

export type ExternalIdsRepo = ReturnType<typeof externalIdsRepo>;
