import type { Db } from './open.js';

/** A span of some layer, as adjudication compares it (code points, end exclusive). */
export interface LayerSpan {
  id: number;
  docId: number;
  labelId: number;
  start: number;
  end: number;
  text: string;
  annotatorId: number;
  clusterId: number | null;
  curatedBy: number | null;
}

/** A link of some layer with both of its ends (ends may lie in other documents: same-as crosses them). */
export interface LayerLink {
  id: number;
  typeId: number;
  annotatorId: number;
  from: LayerSpan;
  to: LayerSpan;
}

const spanCols = (a: string) =>
  `${a}.id, ${a}.doc_id AS docId, ${a}.label_id AS labelId, ${a}.start, ${a}.end, ${a}.text, ${a}.annotator_id AS annotatorId, ${a}.cluster_id AS clusterId, ${a}.curated_by AS curatedBy`;
const endCols = (a: string, p: string) =>
  `${a}.id AS ${p}id, ${a}.doc_id AS ${p}docId, ${a}.label_id AS ${p}labelId, ${a}.start AS ${p}start, ${a}.end AS ${p}end, ${a}.text AS ${p}text, ${a}.annotator_id AS ${p}annotatorId, ${a}.cluster_id AS ${p}clusterId, ${a}.curated_by AS ${p}curatedBy`;

type EndRow = Record<string, number | string | null>;
const endOf = (r: EndRow, p: string): LayerSpan => ({
  id: r[`${p}id`] as number,
  docId: r[`${p}docId`] as number,
  labelId: r[`${p}labelId`] as number,
  start: r[`${p}start`] as number,
  end: r[`${p}end`] as number,
  text: r[`${p}text`] as string,
  annotatorId: r[`${p}annotatorId`] as number,
  clusterId: (r[`${p}clusterId`] as number | null) ?? null,
  curatedBy: (r[`${p}curatedBy`] as number | null) ?? null,
});

/**
 * What adjudication reads of the layers (services/curation/): spans and links of chosen annotators, whole or
 * for some documents, and the documents any of them annotated. Writes go through the annotations and links
 * repositories (so twins, layers and clusters are checked as for every edit). Lists are JSON arrays of ids bound
 * as one parameter (json_each), so any number of annotators or documents is one statement.
 */
export function goldRepo(db: Db) {
  const spans = db.prepare(`
    SELECT ${spanCols('a')} FROM annotations a
    WHERE a.annotator_id IN (SELECT value FROM json_each(@layers))
      AND (@docs IS NULL OR a.doc_id IN (SELECT value FROM json_each(@docs)))
    ORDER BY a.doc_id, a.start, a.end, a.label_id, a.id`);
  const links = db.prepare(`
    SELECT l.id, l.type_id AS typeId, l.annotator_id AS annotatorId, ${endCols('f', 'f_')}, ${endCols('t', 't_')}
    FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id
    WHERE l.annotator_id IN (SELECT value FROM json_each(@layers))
      AND (@docs IS NULL OR f.doc_id IN (SELECT value FROM json_each(@docs)) OR t.doc_id IN (SELECT value FROM json_each(@docs)))
    ORDER BY l.id`);
  const docs = db.prepare(`
    SELECT DISTINCT doc_id FROM annotations WHERE annotator_id IN (SELECT value FROM json_each(?)) ORDER BY doc_id`).pluck();
  const docExists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();

  const bind = (layers: number[], docIds?: number[] | null) => ({ layers: JSON.stringify(layers), docs: docIds ? JSON.stringify(docIds) : null });

  return {
    /** Spans of these layers (in these documents; all when `docIds` is absent), by document, start, end, label. */
    spans: (layers: number[], docIds?: number[] | null): LayerSpan[] => spans.all(bind(layers, docIds)) as LayerSpan[],
    /** Links of these layers with an end in these documents (all when absent), by id. */
    links: (layers: number[], docIds?: number[] | null): LayerLink[] =>
      (links.all(bind(layers, docIds)) as EndRow[]).map((r) => ({
        id: r.id as number,
        typeId: r.typeId as number,
        annotatorId: r.annotatorId as number,
        from: endOf(r, 'f_'),
        to: endOf(r, 't_'),
      })),
    /** The documents where at least one of these layers has a span. */
    documents: (layers: number[]): number[] => docs.all(JSON.stringify(layers)) as number[],
    docExists: (id: number): boolean => docExists.get(id) !== undefined,
  };
}

export type GoldRepo = ReturnType<typeof goldRepo>;
