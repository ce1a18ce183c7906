import type { Db } from './open.js';
import { indexTokenizer } from './fts-bounds.js';

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
  /** The document's length in code points (what reading it for passages costs). */
  length: number;
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
  const docsFor = db.prepare(`SELECT r.docId, r.rank, d.length FROM (
      SELECT rowid AS docId, bm25(documents_fts, 1.0, 1.0) AS rank FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?
    ) r JOIN documents d ON d.id = r.docId ORDER BY r.rank`);
  // Newest first, unranked but with each row's bm25: for a query too common to rank every match of.
  const newestFor = db.prepare(`SELECT r.docId, r.rank, d.length FROM (
      SELECT rowid AS docId, bm25(documents_fts, 1.0, 1.0) AS rank FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?
    ) r JOIN documents d ON d.id = r.docId ORDER BY r.rank`);
  const spansIn = db.prepare(`SELECT id, doc_id, start, end, text FROM annotations
    WHERE label_id = ? AND annotator_id = ? AND doc_id IN (SELECT value FROM json_each(?))`);
  const linked = db.prepare(`SELECT CASE WHEN from_id = ? THEN to_id ELSE from_id END FROM links WHERE from_id = ? OR to_id = ?`).pluck();
  const clusterMates = db.prepare('SELECT id FROM annotations WHERE cluster_id = (SELECT cluster_id FROM annotations WHERE id = ?)').pluck();
  const dismissed = db.prepare('SELECT target FROM dismissed_suggestions WHERE annotation_id = ?').pluck();
  const dismiss = db.prepare('INSERT OR IGNORE INTO dismissed_suggestions (annotation_id, target) VALUES (?, ?)');
  const undismiss = db.prepare('DELETE FROM dismissed_suggestions WHERE annotation_id = ? AND target = ?');
  const lastDocument = db.prepare('SELECT IFNULL(MAX(id), 0) FROM documents').pluck();
  // The index's vocabulary and a scratch index (temp schema, which a read-only connection can write too) with
  // the corpus index's tokenizer, for the terms of a few new documents. Made at first use; IF NOT EXISTS on
  // every use, since a rolled-back transaction of this connection drops temp tables made inside it.
  const ensureVocabularyTables = () =>
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.documents_vocab USING fts5vocab(main, 'documents_fts', 'row');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.new_terms USING fts5(title, text, tokenize='${indexTokenizer(db).replace(/'/g, "''")}');
      CREATE VIRTUAL TABLE IF NOT EXISTS temp.new_terms_vocab USING fts5vocab(temp, 'new_terms', 'row');`);
  let vocabularyStatements: ReturnType<typeof prepareVocabulary> | null = null;
  const prepareVocabulary = () => ({
    between: db.prepare('SELECT term FROM temp.documents_vocab WHERE term >= ? AND term < ?').pluck(),
    docsWith: db.prepare('SELECT doc FROM temp.documents_vocab WHERE term = ?').pluck(),
    clearNew: db.prepare('DELETE FROM temp.new_terms'),
    fillNew: db.prepare('INSERT INTO temp.new_terms (rowid, title, text) SELECT id, title, text FROM documents WHERE id > ? AND id <= ?'),
    newTerms: db.prepare('SELECT term FROM temp.new_terms_vocab').pluck(),
  });
  const vocabularyReads = () => {
    ensureVocabularyTables();
    return (vocabularyStatements ??= prepareVocabulary());
  };

  return {
    source: (id: number) => annotation.get(id) as SuggestSource | undefined,
    /** The best `limit` documents for an FTS5 query, best first, with their lengths. A malformed query throws SQLite's error. */
    rankDocuments: (fts: string, limit: number) => docsFor.all(fts, limit) as DocHit[],
    /**
     * The `limit` newest documents matching an FTS5 query, ordered by their bm25 among themselves: costs `limit`
     * matches, where ranking costs every match. A malformed query throws SQLite's error.
     */
    newestDocuments: (fts: string, limit: number) => newestFor.all(fts, limit) as DocHit[],
    /** How many documents hold an index term (one look-up in the index's vocabulary; 0 for none). */
    documentsWith: (term: string) => (vocabularyReads().docsWith.get(term) as number | undefined) ?? 0,
    /** Spans with this label in one annotator's layer in any of the documents. */
    taggedIn: (labelId: number, annotatorId: number, docIds: number[]) => spansIn.all(labelId, annotatorId, JSON.stringify(docIds)) as TaggedSpan[],
    /** The annotations at the other end of this one's links (either direction). */
    linkedTo: (id: number) => linked.all(id, id, id) as number[],
    /** The members of this annotation's cluster, itself included; none when it is in no cluster. */
    clusterMates: (id: number) => clusterMates.all(id) as number[],
    /** Keys of the suggestions dismissed for this annotation ('a:<id>' or 'p:<doc>:<start>:<end>'). */
    dismissed: (id: number) => dismissed.all(id) as string[],
    dismiss: (id: number, key: string) => void dismiss.run(id, key),
    undismiss: (id: number, key: string) => void undismiss.run(id, key),
    /**
     * The highest document id ever given out in this project (0 before the first import): ids are never reused
     * (AUTOINCREMENT), so documents added since a vocabulary was read are exactly those above it.
     */
    lastDocumentId: () => lastDocument.get() as number,
    /**
     * The corpus index's terms from `lo` (included) to `hi` (excluded), in the index's (UTF-8 byte) order.
     * fts5vocab counts each term's documents as it goes, so this costs the index lists of those terms: read a
     * range once and keep it (services/suggest/vocabulary.ts), never the whole index per request.
     */
    termsBetween: (lo: string, hi: string) => vocabularyReads().between.all(lo, hi) as string[],
    /**
     * The index terms of the documents with ids in (after, upTo], tokenized as the corpus index does (its own
     * tokenizer, on a scratch index): what an import added to the vocabulary, at the cost of those documents only.
     */
    termsOfDocuments(after: number, upTo: number): string[] {
      const q = vocabularyReads();
      q.clearNew.run();
      try {
        q.fillNew.run(after, upTo);
        return q.newTerms.all() as string[];
      } finally {
        q.clearNew.run();
      }
    },
  };
}
