/**
 * What an agreement report (services/agreement/report.ts, issue 13) reads: the spans, links and same-as clusters
 * of some annotators' layers, the documents a search or the done mark selects, and the texts of the documents
 * compared. Rows come in index order (annotations_by_annotator) and carry only what the measures need.
 */
import { AppError } from '../common/errors.js';
import { queryBounds } from './fts-bounds.js';
import type { Db } from './open.js';

/** One span of a layer: annotation id, document, code-point offsets (end exclusive), label name, layer. */
export interface LayerSpan {
  id: number;
  doc: number;
  start: number;
  end: number;
  label: string;
  annotatorId: number;
  /** "doc:start:end": the span as a mention (cluster and link agreement identify mentions by their offsets). */
  mention: string;
}

/** One link of a non-transitive type (said-by, cites, …) of a layer: its type and the annotation ids it joins. */
export interface LayerLink {
  annotatorId: number;
  type: string;
  directed: boolean;
  fromId: number;
  toId: number;
}

/**
 * One span of a layer as the report reads it, a row of numbers (no object or string per span: 90,000 spans are
 * read per report): annotation id, document, start, end (code points, end exclusive), label id, layer id.
 */
export type SpanRow = [id: number, doc: number, start: number, end: number, labelId: number, annotatorId: number];

/** Which documents a report compares: all, those an FTS search (common search syntax) finds, or those marked done. */
export type AgreementDocs = { kind: 'all' } | { kind: 'query'; q: string } | { kind: 'done' };

/** The agreement reads on one connection (statements prepared once). */
export function agreementReads(db: Db) {
  const ids = (annotatorIds: readonly number[]) => JSON.stringify(annotatorIds);
  const spans = db.prepare(`
    SELECT a.id, a.doc_id AS doc, a.start, a.end, l.name AS label, a.annotator_id AS annotatorId,
      a.doc_id || ':' || a.start || ':' || a.end AS mention
    FROM annotations a JOIN labels l ON l.id = a.label_id
    WHERE a.annotator_id IN (SELECT value FROM json_each(?))
    ORDER BY a.annotator_id, a.doc_id, a.start`);
  // The index annotations_by_annotator (annotator_id, doc_id, start) covers this read; a.id orders ties as the
  // index does.
  const spanRows = db
    .prepare(`
      SELECT a.id, a.doc_id, a.start, a.end, a.label_id, a.annotator_id
      FROM annotations a
      WHERE a.annotator_id IN (SELECT value FROM json_each(?))
      ORDER BY a.annotator_id, a.doc_id, a.start, a.id`)
    .raw();
  const labelNames = db.prepare('SELECT id, name FROM labels').raw();
  const links = db.prepare(`
    SELECT k.annotator_id AS annotatorId, t.name AS type, t.directed, t.transitive, k.from_id AS fromId, k.to_id AS toId
    FROM links k JOIN link_types t ON t.id = k.type_id
    WHERE k.annotator_id IN (SELECT value FROM json_each(?))
    ORDER BY k.id`).raw();
  const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const title = db.prepare('SELECT title FROM documents WHERE id = ?').pluck();
  const doneIds = db.prepare('SELECT id FROM documents WHERE done = 1').pluck();
  const matching = db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?').pluck();

  /** The links of the layers, split into same-as components (transitive types) and the others. */
  function layerLinks(annotatorIds: readonly number[]) {
    const rows = links.all(ids(annotatorIds)) as [annotatorId: number, type: string, directed: number, transitive: number, fromId: number, toId: number][];
    const other: LayerLink[] = [];
    // Union-find over annotation ids: each transitive link joins its two ends (links never cross layers).
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let root = x;
      for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
      for (let at = x; at !== root; ) {
        const up = parent.get(at)!;
        parent.set(at, root);
        at = up;
      }
      return root;
    };
    const layerOf = new Map<number, number>();
    for (const [annotatorId, type, directed, transitive, fromId, toId] of rows) {
      if (!transitive) {
        other.push({ annotatorId, type, directed: !!directed, fromId, toId });
        continue;
      }
      for (const end of [fromId, toId]) {
        if (!parent.has(end)) parent.set(end, end);
        layerOf.set(end, annotatorId);
      }
      const [x, y] = [find(fromId), find(toId)];
      if (x !== y) parent.set(x, y);
    }
    const components = new Map<number, number[]>();
    for (const id of parent.keys()) {
      const root = find(id);
      const list = components.get(root);
      if (list) list.push(id);
      else components.set(root, [id]);
    }
    const clusters = new Map<number, number[][]>();
    for (const members of components.values()) {
      const layer = layerOf.get(members[0])!;
      const list = clusters.get(layer);
      if (list) list.push(members);
      else clusters.set(layer, [members]);
    }
    return { clusters, other };
  }

  return {
    /** Every span of the layers `annotatorIds`, by layer, then document and start (the index's order). */
    spans: (annotatorIds: readonly number[]): LayerSpan[] => spans.all(ids(annotatorIds)) as LayerSpan[],

    /** The same spans as `spans`, in the same order, as rows of numbers (label ids: see `labelNames`). */
    spanRows: (annotatorIds: readonly number[]): SpanRow[] => spanRows.all(ids(annotatorIds)) as SpanRow[],

    /** Label id → name, for every label of the project. */
    labelNames: (): Map<number, string> => new Map(labelNames.all() as [number, string][]),

    /**
     * The layers' links: `clusters` (layer id → its same-as clusters, each the annotation ids of one connected
     * component of transitive links, two or more) and `other` (every link of a non-transitive type).
     */
    links: layerLinks,

    /**
     * The ids of the documents `set` selects; null for all. A search is bounded and compiled as every search is
     * (db/fts-bounds.ts).
     * @throws AppError InvalidInput when the search is empty, too broad or malformed.
     */
    docIds(set: AgreementDocs): Set<number> | null {
      if (set.kind === 'all') return null;
      if (set.kind === 'done') return new Set(doneIds.all() as number[]);
      const q = queryBounds(db).compile(set.q).fts;
      if (!q) throw new AppError('InvalidInput', 'The search for the documents to compare is empty.');
      try {
        return new Set(matching.all(q) as number[]);
      } catch (e) {
        throw new AppError('InvalidInput', `Cannot search for ${q}: ${(e as Error).message}`);
      }
    },

    /** Calls `fn` with the text of each document of `docIds` in turn (one text held at a time). */
    eachText(docIds: Iterable<number>, fn: (doc: number, text: string) => void): void {
      for (const doc of docIds) {
        const t = text.get(doc) as string | undefined;
        if (t !== undefined) fn(doc, t);
      }
    },

    /** The title of each document of `docIds`. */
    titles: (docIds: Iterable<number>): Map<number, string> => new Map([...docIds].map((d) => [d, (title.get(d) as string | undefined) ?? ''])),
  };
}
