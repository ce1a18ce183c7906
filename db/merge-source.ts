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
    /** Whether the source records any proposal decision (issue 14; a file from before has no such table). */
    hasProposalDecisions: (): boolean =>
      !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'proposal_decisions'").get() &&
      !!db.prepare('SELECT 1 FROM proposal_decisions LIMIT 1').get(),
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
    /**
     * The per-row rules a forged file can break that the schema does not hold, one query per rule, each giving at
     * most 3 offending rows (`what` names the row, `detail` what is wrong with it):
     * - `offsetsNotWhole`: a span whose start or end is not an integer (1.5, text);
     * - `textNotText`: a span whose text is stored as a BLOB, number or NULL;
     * - `labelControl`: a label name holding a control character (U+0000..U+001F, U+007F..U+009F);
     * - `longClusterName`: a cluster name over `clusterNameMax` characters (the contract's clusters.rename limit);
     *   SQLite's length() counts code points, so rows over half the limit are returned and the caller measures;
     * - `linkAcrossLayers`: a link joining spans of two layers, or lying in another layer than its spans;
     * - `clusterLayer`: a span in a cluster of another annotator (clusters take their members' layer);
     * - `curatedByNowhere`: a span or link whose curated_by names no annotator.
     */
    offsetsNotWhole: () =>
      db.prepare(`SELECT id, start, "end" FROM annotations WHERE typeof(start) <> 'integer' OR typeof("end") <> 'integer' LIMIT 3`).all() as { id: number; start: unknown; end: unknown }[],
    textNotText: () => db.prepare(`SELECT id, typeof(text) AS type FROM annotations WHERE typeof(text) <> 'text' LIMIT 3`).all() as { id: number; type: string }[],
    labelControl: () =>
      db
        .prepare(
          // GLOB's class holds the control characters themselves; NUL (which ends a GLOB pattern) is found in the bytes.
          `SELECT id, name FROM labels WHERE name GLOB '*[' || char(1) || '-' || char(31) || char(127) || '-' || char(159) || ']*'
             OR instr(CAST(name AS BLOB), x'00') > 0 LIMIT 3`,
        )
        .all() as { id: number; name: string }[],
    longClusterName: (clusterNameMax: number) =>
      (db.prepare('SELECT id, name FROM clusters WHERE length(name) > ? LIMIT 50').all(Math.floor(clusterNameMax / 2)) as { id: number; name: string }[])
        .filter((c) => String(c.name).length > clusterNameMax)
        .slice(0, 3),
    linkAcrossLayers: () =>
      db
        .prepare(
          `SELECT k.id FROM links k JOIN annotations f ON f.id = k.from_id JOIN annotations t ON t.id = k.to_id
           WHERE f.annotator_id IS NOT t.annotator_id OR f.annotator_id IS NOT k.annotator_id LIMIT 3`,
        )
        .pluck()
        .all() as number[],
    clusterLayer: () =>
      db
        .prepare(
          `SELECT a.id AS annotation, c.id AS cluster, a.annotator_id AS spanLayer, c.annotator_id AS clusterLayer
           FROM annotations a JOIN clusters c ON c.id = a.cluster_id WHERE a.annotator_id IS NOT c.annotator_id LIMIT 3`,
        )
        .all() as { annotation: number; cluster: number; spanLayer: number; clusterLayer: number }[],
    curatedByNowhere: () =>
      db
        .prepare(
          `SELECT 'annotation' AS kind, id, curated_by AS curatedBy FROM annotations WHERE curated_by IS NOT NULL AND curated_by NOT IN (SELECT id FROM annotators)
           UNION ALL SELECT 'link', id, curated_by FROM links WHERE curated_by IS NOT NULL AND curated_by NOT IN (SELECT id FROM annotators) LIMIT 3`,
        )
        .all() as { kind: 'annotation' | 'link'; id: number; curatedBy: unknown }[],
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
