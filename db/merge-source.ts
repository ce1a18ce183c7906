/**
 * The SQL of a merge (issue 13, services/merge/): reading another analyst's project (a `.crosscheck` opened
 * read-only, db/open.ts) and the few writes and counts on the target that the repositories do not offer.
 * Every statement is prepared once; per-document reads go by primary key or the `annotations_by_doc` index.
 */
import type { Db } from './open.js';
import type { AnnotationRow } from './annotations.js';

/** A source document's row; `done` is 0/1 as stored. */
export interface SourceDocument {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  path: string | null;
  url: string | null;
  hash: string;
  text: string;
  length: number;
  done: number;
  done_at: string | null;
}

/** A source span's row (offsets in code points, `attributes` as stored JSON). */
export type SourceSpan = Pick<AnnotationRow, 'id' | 'doc_id' | 'label_id' | 'start' | 'end' | 'text' | 'note' | 'attributes' | 'cluster_id' | 'created_at' | 'annotator_id'>;

type SpanTuple = [number, number, number, number, number, string, string, string, number | null, string, number];

export interface SourceLink {
  id: number;
  from_id: number;
  to_id: number;
  type_id: number;
  annotator_id: number;
}

/** Reads a source project. `db` is a read-only connection at this build's schema (db/open.ts openReadOnly). */
export function mergeSourceReader(db: Db) {
  const docIds = db.prepare('SELECT id FROM documents ORDER BY id').pluck();
  const doc = db.prepare('SELECT id, title, date, source, path, url, hash, text, length, done, done_at FROM documents WHERE id = ?');
  const spans = db.prepare(
    'SELECT id, doc_id, label_id, start, "end", text, note, attributes, cluster_id, created_at, annotator_id FROM annotations WHERE doc_id = ? ORDER BY start, "end", id',
  );
  const allSpans = db.prepare(
    'SELECT id, doc_id, label_id, start, "end", text, note, attributes, cluster_id, created_at, annotator_id FROM annotations ORDER BY doc_id, start, "end", id',
  ).raw();
  return {
    /** Integrity problems (`PRAGMA quick_check`), empty when the file is sound. */
    damage: (): string[] =>
      (db.pragma('quick_check(3)') as Record<string, string>[]).map((r) => String(Object.values(r)[0])).filter((m) => m !== 'ok'),
    /** Rows naming a row that does not exist (`PRAGMA foreign_key_check`), at most 3. */
    brokenReferences: () => (db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]).slice(0, 3),
    labels: () => db.prepare('SELECT id, name, color FROM labels ORDER BY position, id').all() as { id: number; name: string; color: string }[],
    linkTypes: () =>
      db.prepare('SELECT id, name, directed, transitive, color FROM link_types ORDER BY position, id').all() as {
        id: number;
        name: string;
        directed: number;
        transitive: number;
        color: string;
      }[],
    /** Annotators with the number of spans and links in their layer. */
    annotators: () =>
      db
        .prepare(
          `SELECT a.id, a.name,
             (SELECT COUNT(*) FROM annotations WHERE annotator_id = a.id) AS spans,
             (SELECT COUNT(*) FROM links WHERE annotator_id = a.id) AS links
           FROM annotators a ORDER BY a.id`,
        )
        .all() as { id: number; name: string; spans: number; links: number }[],
    /** Annotator ids that rows use but the annotators table lacks (a forged file). */
    unknownAnnotators: () =>
      db
        .prepare(
          `SELECT annotator_id FROM annotations WHERE annotator_id NOT IN (SELECT id FROM annotators)
           UNION SELECT annotator_id FROM links WHERE annotator_id NOT IN (SELECT id FROM annotators) LIMIT 3`,
        )
        .pluck()
        .all() as number[],
    documentIds: () => docIds.all() as number[],
    document: (id: number) => doc.get(id) as SourceDocument,
    spans: (docId: number) => spans.all(docId) as SourceSpan[],
    /** Every span of the file in one read, by document id then as `spans` orders a document's (a merge walks them with the documents). */
    allSpans: (): SourceSpan[] =>
      // Rows as arrays, made objects here: better-sqlite3's own row objects cost twice the time for 300,000 spans.
      (allSpans.all() as SpanTuple[]).map(([id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, annotator_id]) => ({
        id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, annotator_id,
      })),
    /** Spans whose document is not in the file (a forged file), at most 3. */
    orphanSpans: () => db.prepare('SELECT id, doc_id FROM annotations WHERE doc_id NOT IN (SELECT id FROM documents) LIMIT 3').all() as { id: number; doc_id: number }[],
    links: () => db.prepare('SELECT id, from_id, to_id, type_id, annotator_id FROM links ORDER BY id').all() as SourceLink[],
    clusterNames: () => new Map((db.prepare('SELECT id, name FROM clusters').all() as { id: number; name: string }[]).map((c) => [c.id, c.name])),
  };
}

/** The target-side statements a merge needs beyond the repositories. */
export function mergeTargetWrites(db: Db) {
  const setState = db.prepare('UPDATE documents SET url = ?, done = ?, done_at = ? WHERE id = ?');
  const clustersByLayer = db.prepare('SELECT annotator_id AS id, COUNT(*) AS n FROM clusters WHERE id > ? GROUP BY annotator_id');
  const maxCluster = db.prepare('SELECT COALESCE(MAX(id), 0) FROM clusters').pluck();
  const dropEmpty = db.prepare(`DELETE FROM annotators WHERE id = @id
    AND NOT EXISTS (SELECT 1 FROM annotations WHERE annotator_id = @id OR curated_by = @id)
    AND NOT EXISTS (SELECT 1 FROM links WHERE annotator_id = @id OR curated_by = @id)
    AND NOT EXISTS (SELECT 1 FROM clusters WHERE annotator_id = @id)
    AND CAST(@id AS TEXT) IS NOT (SELECT value FROM project_settings WHERE key = 'current_annotator')`);
  return {
    /**
     * Removes an annotator a merge created but put nothing in (an import names its default layer before it knows
     * whether any span needs it); one holding anything, or the current one, stays. @returns whether it went.
     */
    dropEmptyAnnotator: (id: number) => dropEmpty.run({ id }).changes > 0,
    /** Gives a document the merge added the url and done state the source has (documents.insert does not take them). */
    setDocumentState: (id: number, url: string | null, done: boolean, doneAt: string | null) => setState.run(url, done ? 1 : 0, done ? doneAt : null, id),
    /** The highest cluster id now: clusters made later have higher ids (AUTOINCREMENT, db/migrations/0002_links.ts). */
    maxClusterId: () => maxCluster.get() as number,
    /** Clusters with ids above `after`, counted per annotator id. */
    clustersAfter: (after: number) => new Map((clustersByLayer.all(after) as { id: number; n: number }[]).map((r) => [r.id, r.n])),
  };
}
