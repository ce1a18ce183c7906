import type { Db } from './open.js';

/** The annotation a suggestion is sought for, with its label's name. */
export interface SuggestSource {
  id: number;
  doc_id: number;
  start: number;
  end: number;
  text: string;
  label_id: number;
  label: string;
  /** Whose layer the span is in: suggestions come from that layer only (issue 13). */
  annotator_id: number;
}

/** A document the corpus index ranks for a query: `rank` is FTS5's bm25 (lower is better, negative). */
export interface DocHit {
  docId: number;
  rank: number;
}

export interface TaggedSpan {
  id: number;
  doc_id: number;
  start: number;
  end: number;
  text: string;
}

/**
 * What the suggestions read and write: candidate documents from the corpus index, spans already tagged, the
 * annotations already linked or clustered with one, the suggestions an analyst dismissed, and the index's
 * vocabulary (for spelling variants of names).
 */
export function suggestQueries(db: Db) {
  const annotation = db.prepare(`SELECT a.id, a.doc_id, a.start, a.end, a.text, a.label_id, l.name AS label, a.annotator_id
    FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.id = ?`);
  const docsFor = db.prepare(`SELECT rowid AS docId, bm25(documents_fts, 1.0, 1.0) AS rank FROM documents_fts
    WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`);
  const spansIn = db.prepare(`SELECT id, doc_id, start, end, text FROM annotations
    WHERE label_id = ? AND annotator_id = ? AND doc_id IN (SELECT value FROM json_each(?))`);
  const sameLabelTexts = db.prepare(`SELECT text, json_group_array(id) AS ids FROM annotations
    WHERE label_id = ? AND annotator_id = ? AND doc_id <> ? GROUP BY text`);
  const linked = db.prepare(`SELECT CASE WHEN from_id = ? THEN to_id ELSE from_id END FROM links WHERE from_id = ? OR to_id = ?`).pluck();
  const clusterMates = db.prepare('SELECT id FROM annotations WHERE cluster_id = (SELECT cluster_id FROM annotations WHERE id = ?)').pluck();
  const dismissed = db.prepare('SELECT target FROM dismissed_suggestions WHERE annotation_id = ?').pluck();
  const dismiss = db.prepare('INSERT OR IGNORE INTO dismissed_suggestions (annotation_id, target) VALUES (?, ?)');
  const undismiss = db.prepare('DELETE FROM dismissed_suggestions WHERE annotation_id = ? AND target = ?');
  const docStamp = db.prepare("SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM documents").pluck();

  return {
    source: (id: number) => annotation.get(id) as SuggestSource | undefined,
    /** The best `limit` documents for an FTS5 query, best first. A malformed query throws SQLite's error. */
    rankDocuments: (fts: string, limit: number) => docsFor.all(fts, limit) as DocHit[],
    /** Spans with this label in one annotator's layer in any of the documents. */
    taggedIn: (labelId: number, annotatorId: number, docIds: number[]) => spansIn.all(labelId, annotatorId, JSON.stringify(docIds)) as TaggedSpan[],
    /** Each distinct text of this label in one annotator's layer outside one document, with the ids of the spans that have it. */
    textsOfLabel(labelId: number, annotatorId: number, exceptDocId: number): { text: string; ids: number[] }[] {
      return (sameLabelTexts.all(labelId, annotatorId, exceptDocId) as { text: string; ids: string }[]).map((r) => ({ text: r.text, ids: JSON.parse(r.ids) as number[] }));
    },
    /** The annotations at the other end of this one's links (either direction). */
    linkedTo: (id: number) => linked.all(id, id, id) as number[],
    /** The members of this annotation's cluster, itself included; none when it is in no cluster. */
    clusterMates: (id: number) => clusterMates.all(id) as number[],
    /** Keys of the suggestions dismissed for this annotation ('a:<id>' or 'p:<doc>:<start>:<end>'). */
    dismissed: (id: number) => dismissed.all(id) as string[],
    dismiss: (id: number, key: string) => void dismiss.run(id, key),
    undismiss: (id: number, key: string) => void undismiss.run(id, key),
    /** Changes whenever documents are added or deleted: tells when the vocabulary must be read again. */
    corpusStamp: () => docStamp.get() as string,
    /** Every term of the corpus index (fts5vocab 'row': one per distinct token). */
    vocabulary(): string[] {
      db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row')");
      return db.prepare('SELECT term FROM temp.documents_vocab').pluck().all() as string[];
    },
  };
}
