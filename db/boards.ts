import type { Db } from './open.js';

/** One mention of a cluster, with its label and document. */
export interface MentionRow {
  cluster_id: number;
  cluster_name: string;
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

/** A figure one mention cites or holds (`mention_id`), with its document's source. */
export interface FigureRow {
  mention_id: number;
  annotation_id: number;
  doc_id: number;
  text: string;
  /** JSON object of the figure's attributes, as stored. */
  attributes: string;
  source: string | null;
}

/** What the claims and speakers boards read: every cluster's mentions, and the figures those mentions cite. */
export function boardsRepo(db: Db) {
  const mentions = db.prepare(`
    SELECT c.id AS cluster_id, c.name AS cluster_name, a.id AS annotation_id, a.start, a.end, a.text, l.name AS label,
           d.id AS doc_id, d.title, d.date, d.source
    FROM clusters c JOIN annotations a ON a.cluster_id = c.id JOIN labels l ON l.id = a.label_id
    JOIN documents d ON d.id = a.doc_id
    WHERE ? IS NULL OR c.annotator_id = ?
    ORDER BY c.id, d.date IS NULL, d.date, d.id, a.start`);
  // Figures a mention cites (either direction of a cites link) or holds inside its own span. CROSS JOIN keeps
  // SQLite's join order: from the few mentions asked about to the spans of their documents (annotations_by_doc);
  // left free it walked every figure of the project once per call (0.45 s per cluster at 100,000 documents).
  const figuresOf = db.prepare(`
    SELECT m.id AS mention_id, f.id AS annotation_id, f.doc_id, f.text, f.attributes, d.source
    FROM annotations m
    JOIN links k ON (k.from_id = m.id OR k.to_id = m.id)
    JOIN link_types t ON t.id = k.type_id AND t.name = 'cites'
    JOIN annotations f ON f.id = CASE WHEN k.from_id = m.id THEN k.to_id ELSE k.from_id END
    JOIN documents d ON d.id = f.doc_id
    WHERE m.id IN (SELECT value FROM json_each(?))
    UNION
    SELECT m.id, f.id, f.doc_id, f.text, f.attributes, d.source
    FROM annotations m
    CROSS JOIN annotations f ON f.doc_id = m.doc_id AND f.id <> m.id AND f.start >= m.start AND f.end <= m.end
      AND f.annotator_id = m.annotator_id
    CROSS JOIN documents d ON d.id = f.doc_id
    WHERE f.label_id = (SELECT id FROM labels WHERE name = 'figure') AND m.id IN (SELECT value FROM json_each(?))`);

  return {
    /**
     * Every mention of every cluster of one annotator's layer (`annotatorId`; null: every layer): by cluster id,
     * then earliest document first (undated last), then offset.
     */
    mentions: (annotatorId: number | null = null) => mentions.all(annotatorId, annotatorId) as MentionRow[],
    /**
     * Figures linked to any of the mentions by a `cites` link (either direction; links never cross layers), or
     * labelled `figure` in the mention's own layer and lying inside one of them; a figure may come once per mention that reaches it.
     */
    figuresOf(mentionIds: number[]): FigureRow[] {
      const ids = JSON.stringify(mentionIds);
      return figuresOf.all(ids, ids) as FigureRow[];
    },
  };
}
