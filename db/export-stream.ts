import type { Db } from './open.js';
import type { Annotation } from '../common/model.js';
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
  text: string;
  done: boolean;
}

/** A link starting in a document, with the document and label of its other end (`to`). */
export interface ExportLinkRow {
  id: number;
  fromId: number;
  toId: number;
  typeId: number;
  toDocId: number;
  toLabelId: number;
}

/**
 * What an export reads, one document at a time so memory stays flat on million-span projects. Use it on a
 * connection inside one read transaction (see readSnapshot) so every read sees the same state.
 */
export function exportStreamRepo(db: Db) {
  const docRow = db.prepare('SELECT id, title, date, source, path, text, done FROM documents WHERE id = ?');
  const spanRows = db.prepare(`SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at
    FROM annotations WHERE doc_id = ? ORDER BY start, end, id`);
  const linkRows = db.prepare(`SELECT l.id, l.from_id, l.to_id, l.type_id, t.doc_id AS to_doc, t.label_id AS to_label
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE f.doc_id = ? ORDER BY l.id`);

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
    /** Every cluster's id and name. */
    clusters: () => db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[],
    /** The ids of the documents in the set, ascending. A search that is empty or malformed throws InvalidInput. */
    docIds: (set: DocumentSet) => selectDocs(db, set),
    /** One document; undefined when there is no such id. */
    doc(id: number): ExportDocRow | undefined {
      const d = docRow.get(id) as (Omit<ExportDocRow, 'done'> & { done: number }) | undefined;
      return d && { ...d, done: !!d.done };
    },
    /** A document's annotations whose label passes `keep`, by start, then end, then id. */
    spans: (docId: number, keep: (labelId: number) => boolean): Annotation[] =>
      (spanRows.all(docId) as AnnotationRow[]).filter((r) => keep(r.label_id)).map(toAnnotation),
    /** The links whose `from` annotation is in the document, by id. */
    linksFrom: (docId: number): ExportLinkRow[] =>
      (linkRows.all(docId) as { id: number; from_id: number; to_id: number; type_id: number; to_doc: number; to_label: number }[]).map((l) => ({
        id: l.id,
        fromId: l.from_id,
        toId: l.to_id,
        typeId: l.type_id,
        toDocId: l.to_doc,
        toLabelId: l.to_label,
      })),
  };
}

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
  return db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
}
