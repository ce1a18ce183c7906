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

/**
 * What one label contributes to one cluster: how many of its mentions carry it, in how many documents, the first
 * of them in board order (`first`: a sortable key, the earliest wins a tie between labels), their dates and
 * sources.
 */
export interface ClusterLabelRow {
  cluster_id: number;
  name: string;
  annotator_id: number;
  label: string;
  mentions: number;
  documents: number;
  /** `(undated)(date)\x01(doc id) (start)` as one string: the smallest is the label's first mention in board order. */
  first: string;
  /** Earliest and latest `yyyy-mm-dd` date of those mentions (other strings are left out). */
  first_date: string | null;
  last_date: string | null;
  /** JSON array of the distinct non-empty sources. */
  sources: string;
}

/**
 * What the claims and speakers boards read. The board's order is built from one aggregate over the clusters'
 * mentions (`byLabel`, annotations_by_cluster: one row per cluster and label, no mention rows); a page's cards
 * read the mentions and figures of its clusters only.
 */
export function boardsRepo(db: Db) {
  // CROSS JOIN keeps the join order: clusters of the layer, their mentions by annotations_by_cluster, then each
  // mention's document by id. Left free, SQLite walked annotations_by_label (every annotation of the project).
  const byLabel = db.prepare(`
    SELECT c.id AS cluster_id, c.name, c.annotator_id, l.name AS label, count(*) AS mentions,
           count(DISTINCT a.doc_id) AS documents,
           min((d.date IS NULL) || ifnull(d.date, '') || char(1) || printf('%012d %012d', d.id, a.start)) AS first,
           min(CASE WHEN d.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN d.date END) AS first_date,
           max(CASE WHEN d.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN d.date END) AS last_date,
           json_group_array(DISTINCT d.source) FILTER (WHERE d.source IS NOT NULL AND d.source <> '') AS sources
    FROM clusters c CROSS JOIN annotations a ON a.cluster_id = c.id CROSS JOIN documents d ON d.id = a.doc_id
    JOIN labels l ON l.id = a.label_id
    GROUP BY c.id, a.label_id`);
  const documentsOf = db.prepare('SELECT count(DISTINCT doc_id) AS n FROM annotations WHERE cluster_id = ?');
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
    /**
     * Every cluster of every layer, one row per label its mentions carry, in no particular order. Costs one pass over the clusters' index entries and their documents' rows
     * (about 0.2 s for 50,000 mentions), never a scan of all annotations.
     */
    byLabel: () => byLabel.all() as ClusterLabelRow[],
    /** Distinct documents of one cluster's mentions (whatever their label). */
    documentsOf: (clusterId: number) => (documentsOf.get(clusterId) as { n: number }).n,
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
