import type { Db } from './open.js';
import type { Annotation, Attributes, ClusterEffect, Link } from '../common/model.js';
import { linksRepo } from './links.js';
import { AppError } from '../common/errors.js';
import { issuedIdCheck } from './issued-ids.js';
import { spanTextReader } from './span-text.js';
import { storedTimestamp } from './stored-timestamp.js';

interface Row {
  id: number;
  doc_id: number;
  label_id: number;
  start: number;
  end: number;
  text: string;
  note: string;
  attributes: string;
  cluster_id: number | null;
  created_at: string;
  updated_at: string;
  annotator_id: number;
  curated_by?: number | null;
  /** Present where the query selects it. */
  external_id?: string | null;
}

const columns = 'id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at, external_id, annotator_id, curated_by';

export type AnnotationRow = Row;

export const toAnnotation = (r: Row): Annotation => ({
  id: r.id,
  docId: r.doc_id,
  labelId: r.label_id,
  start: r.start,
  end: r.end,
  text: r.text,
  note: r.note,
  attributes: JSON.parse(r.attributes) as Attributes,
  clusterId: r.cluster_id ?? null,
  createdAt: storedTimestamp(r.created_at),
  updatedAt: storedTimestamp(r.updated_at),
  annotatorId: r.annotator_id,
  ...(r.curated_by ? { curatedBy: r.curated_by } : {}),
  ...(r.external_id ? { externalId: r.external_id } : {}),
});

export interface SpanInput {
  docId: number;
  labelId: number;
  start: number;
  end: number;
  note?: string;
  attributes?: Attributes;
  /** Whose layer the span goes to; default: the current annotator (db/annotators.ts). */
  annotatorId?: number;
  /** For the gold layer: the annotator who accepted it in curation. */
  curatedBy?: number | null;
}

/**
 * A span whose text the caller has already read from the document and checked (an import holds the text and its
 * offset index in hand; reading the document again per span would cost a megabyte a span on long reports).
 */
export interface CheckedSpan {
  docId: number;
  labelId: number;
  start: number;
  end: number;
  /** text[start:end] of the document, in code points. */
  text: string;
  note: string;
  attributes: Attributes;
  /** created_at and updated_at (ISO 8601). */
  at: string;
  /** The id to keep (a re-imported export's own); a new id is given when absent or already taken. */
  preferredId?: number;
  /** Whose layer the span goes to. */
  annotatorId: number;
}

/** What deleting an annotation took with it, so that undo can put all of it back. */
export interface DeletedAnnotation {
  annotation: Annotation;
  links: Link[];
  clusterName: string | null;
  effect: ClusterEffect;
}

export function annotationsRepo(db: Db) {
  const links = linksRepo(db);
  const clusterName = db.prepare('SELECT name FROM clusters WHERE id = ?').pluck();
  const one = db.prepare(`SELECT ${columns} FROM annotations WHERE id = ?`);
  const forDoc = db.prepare(`SELECT ${columns} FROM annotations WHERE doc_id = ? ORDER BY start, end DESC, id`);
  const labelName = db.prepare('SELECT name FROM labels WHERE id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO annotations (id, doc_id, label_id, start, end, text, note, attributes, created_at, updated_at, external_id, annotator_id, curated_by)
     VALUES (@id, @docId, @labelId, @start, @end, @text, @note, @attributes, @createdAt, @updatedAt, @externalId, @annotatorId, @curatedBy)`,
  );
  const update = db.prepare(
    `UPDATE annotations SET label_id = @labelId, start = @start, end = @end, text = @text, note = @note,
     attributes = @attributes, updated_at = @updatedAt WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM annotations WHERE id = ?');
  const issued = issuedIdCheck(db);
  /** A span's text, checked against its document (db/span-text.ts): reads only the lines around the span. */
  const spanText = spanTextReader(db);
  const count = db.prepare('SELECT COUNT(*) FROM annotations').pluck();
  const sameSpan = db
    .prepare('SELECT id FROM annotations WHERE doc_id = ? AND label_id = ? AND start = ? AND end = ? AND annotator_id = ? AND id != ? LIMIT 1')
    .pluck();

  function get(id: number): Annotation {
    const r = one.get(id) as Row | undefined;
    if (!r) throw new AppError('NotFound', `Annotation ${id} does not exist.`);
    return toAnnotation(r);
  }

  /**
   * Refuses a second span identical to one the document has in the same layer (same offsets, label and annotator;
   * another annotator's identical span is their own): it would show as one highlight, count twice in every export and agreement
   * figure, and deleting one would seem to do nothing. `self` is the annotation being changed, which is no twin.
   * @throws AppError Conflict naming the annotation already there.
   */
  function refuseTwin(docId: number, labelId: number, start: number, end: number, annotatorId: number, self = 0): void {
    const twin = sameSpan.get(docId, labelId, start, end, annotatorId, self) as number | undefined;
    if (twin === undefined) return;
    throw new AppError(
      'Conflict',
      `This passage is already tagged ${JSON.stringify(labelName.get(labelId))}: annotation ${twin} covers ${start}..${end} of document ${docId}.`,
    );
  }

  const now = () => new Date().toISOString();
  const currentAnnotator = db.prepare("SELECT CAST(value AS INTEGER) FROM project_settings WHERE key = 'current_annotator'").pluck();
  /** The annotator new spans go to when the caller names none. */
  const current = () => (currentAnnotator.get() as number | undefined) ?? 1;

  return {
    get,
    listForDocument: (docId: number) => (forDoc.all(docId) as Row[]).map(toAnnotation),
    count: () => count.get() as number,

    /** The annotation of that layer with exactly this document, label and offsets, if any (imports do not double spans). */
    sameSpan: (docId: number, labelId: number, start: number, end: number, annotatorId: number) =>
      sameSpan.get(docId, labelId, start, end, annotatorId, 0) as number | undefined,
    /** The annotator new spans go to when the caller names none (project_settings.current_annotator). */
    currentAnnotator: current,

    /**
     * Inserts a span an import has checked (see CheckedSpan), with no transaction of its own and no reclustering:
     * the import holds one transaction around all of its rows. Returns the new id.
     */
    insertChecked(s: CheckedSpan): number {
      const id = s.preferredId !== undefined && !one.get(s.preferredId) ? s.preferredId : null;
      const { docId, labelId, start, end, text, note, at } = s;
      // External ids are set afterwards by the import that knows them (db/ingest.ts).
      const row = { id, docId, labelId, start, end, text, note, attributes: JSON.stringify(s.attributes), createdAt: at, updatedAt: at, externalId: null, annotatorId: s.annotatorId, curatedBy: null };
      return Number(insert.run(row).lastInsertRowid);
    },

    /**
     * Tags a span (code points). @throws AppError NotFound (document, label), InvalidInput (offsets outside the
     * text or inside a character), Conflict (the same span with the same label exists).
     */
    create(s: SpanInput): Annotation {
      return db.transaction(() => {
        const t = now();
        const text = spanText(s.docId, s.labelId, s.start, s.end, true);
        const annotatorId = s.annotatorId ?? current();
        refuseTwin(s.docId, s.labelId, s.start, s.end, annotatorId);
        const info = insert.run({
          id: null,
          docId: s.docId,
          labelId: s.labelId,
          start: s.start,
          end: s.end,
          text,
          note: s.note ?? '',
          attributes: JSON.stringify(s.attributes ?? {}),
          createdAt: t,
          updatedAt: t,
          externalId: null,
          annotatorId,
          curatedBy: s.curatedBy ?? null,
        });
        return get(Number(info.lastInsertRowid));
      })();
    },

    /**
     * Changes what the patch names. Moved edges must fall between whole characters (a span stored before that
     * rule keeps its edges through a relabel or a note); the result may not be a twin of another span.
     * @throws AppError as create, and NotFound for an unknown annotation.
     */
    update(id: number, patch: Partial<Omit<SpanInput, 'docId'>>): Annotation {
      return db.transaction(() => {
        const cur = get(id);
        const next = {
          labelId: patch.labelId ?? cur.labelId,
          start: patch.start ?? cur.start,
          end: patch.end ?? cur.end,
          note: patch.note ?? cur.note,
          attributes: patch.attributes ?? cur.attributes,
        };
        const moved = next.start !== cur.start || next.end !== cur.end;
        const text = spanText(cur.docId, next.labelId, next.start, next.end, moved);
        if (moved || next.labelId !== cur.labelId) refuseTwin(cur.docId, next.labelId, next.start, next.end, cur.annotatorId, id);
        update.run({
          id,
          ...next,
          text,
          attributes: JSON.stringify(next.attributes),
          updatedAt: now(),
        });
        return get(id);
      })();
    },

    /** Deletes an annotation and its links; the clusters it held together are recomputed. */
    delete(id: number): DeletedAnnotation {
      return db.transaction(() => {
        const annotation = get(id);
        const gone = links.forAnnotation(id);
        const name = annotation.clusterId === null ? null : ((clusterName.get(annotation.clusterId) as string | undefined) ?? null);
        remove.run(id);
        const neighbours = gone.map((l) => (l.fromId === id ? l.toId : l.fromId));
        const effect = links.clusters.recluster(neighbours);
        return { annotation, links: gone, clusterName: name, effect };
      })();
    },

    /** Re-inserts an annotation under its old id, with the links it had (undo of a delete). */
    restore(a: Annotation, withLinks: Link[] = [], cluster: string | null = null): { annotation: Annotation; effect: ClusterEffect } {
      return db.transaction(() => {
        restoreRow(a);
        const { effect } = links.restore(withLinks, cluster ? [{ annotationId: a.id, name: cluster }] : undefined);
        return { annotation: get(a.id), effect };
      })();
    },
  };

  function restoreRow(a: Annotation) {
    if (one.get(a.id)) throw new AppError('Conflict', `Annotation ${a.id} already exists.`);
    issued('annotations', a.id, 'Annotation');
    // Put back as it was, edges included; but not beside a twin made since it was deleted (another tab, say).
    const text = spanText(a.docId, a.labelId, a.start, a.end, false);
    const annotatorId = a.annotatorId;
    refuseTwin(a.docId, a.labelId, a.start, a.end, annotatorId);
    insert.run({
      id: a.id,
      docId: a.docId,
      labelId: a.labelId,
      start: a.start,
      end: a.end,
      text,
      note: a.note,
      attributes: JSON.stringify(a.attributes),
      createdAt: a.createdAt,
      updatedAt: now(),
      externalId: a.externalId ?? null,
      annotatorId,
      curatedBy: a.curatedBy ?? null,
    });
  }
}

export type AnnotationsRepo = ReturnType<typeof annotationsRepo>;
