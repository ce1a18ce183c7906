import type { Db } from './open.js';

/** One mention of a cluster, with its label and document. */
export interface MentionRow {
  cluster_id: number;
  annotation_id: number;
  start: number;
  end: number;
  text: string;
  label: string;
  doc_id: number;
  title: string;
  date: string | null;
  source: string | null;
}

/** A figure one mention cites or holds (`mention_id`). */
export interface FigureValueRow {
  mention_id: number;
  annotation_id: number;
  doc_id: number;
  text: string;
  /** JSON object of the figure's attributes, as stored. */
  attributes: string;
}

/** A figure with its document's source. */
export interface FigureRow extends FigureValueRow {
  source: string | null;
}

/** One cluster's place on a board (migration 0009's `cluster_boards`): what orders it and what its card heads. */
export interface BoardEntryRow {
  id: number;
  name: string;
  /** Mentions of any label. */
  mentions: number;
  documents: number;
}

/** What a board's header adds up over its clusters' mentions. */
export interface BoardTotalsRow {
  clusters: number;
  mentions: number;
  /** Earliest and latest `yyyy-mm-dd` date of the mentions' documents (other strings are left out). */
  first_date: string | null;
  last_date: string | null;
  /** JSON array of the distinct non-empty sources. */
  sources: string;
}

/** Which clusters a board holds: those of one layer (`@annotatorId`), or of every layer. */
const layerWhere = (everyLayer: boolean, column = 'annotator_id') => (everyLayer ? '' : `${column} = @annotatorId AND `);

/**
 * What the claims and speakers boards read. A board's order and totals come from the per-cluster rows migration
 * 0009 keeps by trigger (`entries` walks an index in board order); a page's cards read the mentions and figures of
 * its clusters only.
 */
export function boardsRepo(db: Db) {
  // Each statement twice: for one layer (index cluster_boards_in_order) and for every layer (cluster_boards_every_layer).
  const both = (sql: (everyLayer: boolean) => string) => [false, true].map((e) => db.prepare(sql(e)));
  const labelId = db.prepare('SELECT id FROM labels WHERE name = ?').pluck();
  const entries = both((e) => `
    SELECT cluster_id AS id, name, mentions, documents FROM cluster_boards WHERE ${layerWhere(e)}label_id = @labelId
    ORDER BY documents DESC, name COLLATE NOCASE, cluster_id LIMIT @limit OFFSET @offset`);
  const position = both((e) => `
    SELECT count(*) FROM cluster_boards b, (SELECT documents, name, cluster_id FROM cluster_boards WHERE cluster_id = @clusterId) x
    WHERE ${layerWhere(e, 'b.annotator_id')}b.label_id = @labelId AND (b.documents > x.documents
      OR (b.documents = x.documents AND (b.name COLLATE NOCASE < x.name OR (b.name COLLATE NOCASE = x.name AND b.cluster_id < x.cluster_id))))`);
  const onBoard = both((e) => `SELECT 1 FROM cluster_boards WHERE ${layerWhere(e)}label_id = @labelId AND cluster_id = @clusterId`);
  // The board's clusters by its index, then each one's documents (cluster_document_counts) and their slim list rows.
  const totals = both((e) => `
    SELECT (SELECT count(*) FROM cluster_boards WHERE ${layerWhere(e)}label_id = @labelId) AS clusters,
           (SELECT ifnull(sum(mentions), 0) FROM cluster_boards WHERE ${layerWhere(e)}label_id = @labelId) AS mentions,
           min(CASE WHEN d.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN d.date END) AS first_date,
           max(CASE WHEN d.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN d.date END) AS last_date,
           ifnull(json_group_array(DISTINCT d.source) FILTER (WHERE d.source IS NOT NULL AND d.source <> ''), '[]') AS sources
    FROM cluster_boards b CROSS JOIN cluster_document_counts c ON c.cluster_id = b.cluster_id
    CROSS JOIN document_list d ON d.doc_id = c.doc_id
    WHERE ${layerWhere(e, 'b.annotator_id')}b.label_id = @labelId`);
  const changes = db.prepare('SELECT n FROM cluster_board_changes').pluck();
  /** Which of a pair of statements, and its named parameters (the layer's id only where the statement names it). */
  const pick = (annotatorId: number | null, args: Record<string, number>) =>
    [annotatorId === null ? 1 : 0, annotatorId === null ? args : { ...args, annotatorId }] as const;
  const mentionsOf = db.prepare(`
    SELECT a.cluster_id, a.id AS annotation_id, a.start, a.end, a.text, l.name AS label,
           d.id AS doc_id, d.title, d.date, d.source
    FROM json_each(?) j CROSS JOIN annotations a ON a.cluster_id = j.value CROSS JOIN documents d ON d.id = a.doc_id
    JOIN labels l ON l.id = a.label_id
    ORDER BY a.cluster_id, d.date IS NULL, d.date, d.id, a.start`);
  const memberIds = db.prepare(`
    SELECT a.cluster_id, a.id FROM json_each(?) j CROSS JOIN annotations a ON a.cluster_id = j.value ORDER BY a.cluster_id, a.id`);
  // Figures a mention cites (either direction of a cites link) or holds inside its own span. CROSS JOIN keeps
  // SQLite's join order: from the few mentions asked about to the spans of their documents (annotations_by_doc);
  // left free it walked every figure of the project once per call (0.45 s per cluster at 100,000 documents).
  // The documents' sources are read only when asked: the conflicts pass needs none, and a document row is a page.
  const figuresSql = (source: boolean) => `
    SELECT m.id AS mention_id, f.id AS annotation_id, f.doc_id, f.text, f.attributes${source ? ', d.source' : ''}
    FROM annotations m
    JOIN links k ON (k.from_id = m.id OR k.to_id = m.id)
    JOIN link_types t ON t.id = k.type_id AND t.name = 'cites'
    JOIN annotations f ON f.id = CASE WHEN k.from_id = m.id THEN k.to_id ELSE k.from_id END
    ${source ? 'JOIN documents d ON d.id = f.doc_id' : ''}
    WHERE m.id IN (SELECT value FROM json_each(?))
    UNION
    SELECT m.id, f.id, f.doc_id, f.text, f.attributes${source ? ', d.source' : ''}
    FROM annotations m
    CROSS JOIN annotations f ON f.doc_id = m.doc_id AND f.id <> m.id AND f.start >= m.start AND f.start < m.end
      AND f.end <= m.end AND f.annotator_id = m.annotator_id
    ${source ? 'CROSS JOIN documents d ON d.id = f.doc_id' : ''}
    WHERE f.label_id = (SELECT id FROM labels WHERE name = 'figure') AND m.id IN (SELECT value FROM json_each(?))
    ORDER BY 1, 2`;
  const figuresOf = db.prepare(figuresSql(true));
  const figureValuesOf = db.prepare(figuresSql(false));
  // Changes by this connection, and commits by any other (the reader thread's view of the writer's work).
  const totalChanges = db.prepare('SELECT total_changes() AS n').pluck();

  return {
    /** The id of a label by name (any case); undefined when the project has no such label. */
    labelId: (name: string) => labelId.get(name) as number | undefined,
    /**
     * `limit` clusters of a board (label `labelId`, layer `annotatorId` or every layer when null) from `offset`, in
     * board order: most documents first, then name ignoring case (SQLite NOCASE: ASCII letters), then id. One walk
     * of an index (migration 0009), `offset` entries skipped; `limit` -1: to the end.
     */
    entries(labelId: number, annotatorId: number | null, offset: number, limit: number): BoardEntryRow[] {
      const [i, args] = pick(annotatorId, { labelId, offset, limit });
      return entries[i].all(args) as BoardEntryRow[];
    },
    /** Where cluster `clusterId` sits on that board (0-based), or undefined when it is not on it. */
    positionOf(labelId: number, annotatorId: number | null, clusterId: number): number | undefined {
      const [i, args] = pick(annotatorId, { labelId, clusterId });
      if (!onBoard[i].get(args)) return undefined;
      return position[i].pluck(true).get(args) as number;
    },
    /** The board's header: its clusters, their mentions, and their documents' first and last dates and sources. */
    totals(labelId: number, annotatorId: number | null): BoardTotalsRow {
      const [i, args] = pick(annotatorId, { labelId });
      return totals[i].get(args) as BoardTotalsRow;
    },
    /**
     * A number that moves whenever any board's totals may have changed (migration 0009: a cluster's mentions or
     * documents, a cluster moving between boards, a clustered document's date or source); a rename leaves it.
     */
    changes: () => changes.get() as number,
    /** The mentions of the clusters asked, by cluster id, then earliest document first (undated last), then offset. */
    mentionsOf: (clusterIds: number[]) => mentionsOf.all(JSON.stringify(clusterIds)) as MentionRow[],
    /** The annotation ids of the clusters asked (annotations_by_cluster alone), by cluster id then id. */
    memberIds: (clusterIds: number[]) => memberIds.raw().all(JSON.stringify(clusterIds)) as [number, number][],
    /**
     * Figures linked to any of the mentions by a `cites` link (either direction; links never cross layers), or
     * labelled `figure` in the mention's own layer and lying inside one of them; a figure may come once per
     * mention that reaches it. By mention id, then figure id.
     */
    figuresOf(mentionIds: number[]): FigureRow[] {
      const ids = JSON.stringify(mentionIds);
      return figuresOf.all(ids, ids) as FigureRow[];
    },
    /** As `figuresOf`, without the documents' sources: what comparing figures needs. */
    figureValuesOf(mentionIds: number[]): FigureValueRow[] {
      const ids = JSON.stringify(mentionIds);
      return figureValuesOf.all(ids, ids) as FigureValueRow[];
    },
    /**
     * A number that changes whenever the project may have changed under this connection: its own writes, and
     * other connections' commits (`PRAGMA data_version`). Equal numbers: what was read before still holds.
     */
    version: () => `${db.pragma('data_version', { simple: true }) as number}:${totalChanges.get() as number}`,
  };
}
