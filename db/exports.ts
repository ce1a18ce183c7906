/**
 * What the exporters read beyond the documents the export run hands them (services/formats): the times of a
 * document's spans (W3C) and the clusters, labels and mention texts the pairs dataset is built from.
 * Every reader runs on the export's read-only snapshot connection; lists of ids travel as one JSON array
 * parameter (`json_each`), so a statement does not depend on how many ids there are.
 */
import type { Db } from './open.js';

/** One mention of a same-as cluster with what the pairs dataset needs of it. */
export interface ClusterMemberRow {
  id: number;
  doc: number;
  label: string;
  cluster: number;
  clusterName: string;
}

const idList = (ids: Iterable<number>) => JSON.stringify([...ids]);

function exportReads(db: Db) {
  const spanTimes = db.prepare('SELECT id, created_at, updated_at FROM annotations WHERE doc_id = ?');
  const clusterIdsSql = (layer: string) =>
    `SELECT DISTINCT cluster_id FROM annotations WHERE cluster_id IS NOT NULL AND doc_id IN (SELECT value FROM json_each(?))${layer} ORDER BY cluster_id`;
  // Every layer but one (`IS NOT NULL` when none is left out: the `auto` proposals unless the export asks for them).
  const clusterIds = db.prepare(clusterIdsSql(' AND annotator_id IS NOT ?')).pluck();
  // `--layer NAME` (issue 13): that layer's rows only, in SQL.
  const layerClusterIds = db.prepare(clusterIdsSql(' AND annotator_id = ?')).pluck();
  const memberPlaces = db.prepare('SELECT a.doc_id AS doc, l.name AS label FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.cluster_id = ?');
  const members = db.prepare(`SELECT a.id, a.doc_id AS doc, l.name AS label, a.cluster_id AS cluster, c.name AS clusterName
    FROM annotations a JOIN labels l ON l.id = a.label_id JOIN clusters c ON c.id = a.cluster_id
    WHERE a.cluster_id = ? ORDER BY a.doc_id, a.start, a.end, a.id`);
  const labels = db.prepare('SELECT id, name FROM labels');
  const labelClustersSql = (layer: string) => `SELECT id, label_id, cluster_id FROM annotations WHERE doc_id IN (SELECT value FROM json_each(?))${layer} ORDER BY id`;
  const labelClusters = db.prepare(labelClustersSql(' AND annotator_id IS NOT ?')).raw();
  const layerLabelClusters = db.prepare(labelClustersSql(' AND annotator_id = ?')).raw();
  const texts = db.prepare('SELECT id, text FROM annotations WHERE id IN (SELECT value FROM json_each(?))');
  const textsWithDoc = db.prepare('SELECT id, doc_id AS doc, text FROM annotations WHERE id IN (SELECT value FROM json_each(?))');

  return {
    /** created_at / updated_at of a document's spans, by span id (the export's ExportSpan does not carry them). */
    spanTimes(docId: number): Map<number, { created: string; modified: string }> {
      const rows = spanTimes.all(docId) as { id: number; created_at: string; updated_at: string }[];
      return new Map(rows.map((r) => [r.id, { created: r.created_at, modified: r.updated_at }]));
    },
    /** Ids of the clusters that have a mention in one of `docIds`, ascending; of the layer `layerId` only when given (else of every layer but `except`). */
    clusterIdsInDocs(docIds: Iterable<number>, layerId: number | null = null, except: number | null = null): number[] {
      return (layerId === null ? clusterIds.all(idList(docIds), except) : layerClusterIds.all(idList(docIds), layerId)) as number[];
    },
    /** Document and label name of every mention of a cluster (any document, any label). */
    clusterMemberPlaces(clusterId: number): { doc: number; label: string }[] {
      return memberPlaces.all(clusterId) as { doc: number; label: string }[];
    },
    /** The mentions of a cluster, by document id, start, end, then span id. */
    clusterMembers(clusterId: number): ClusterMemberRow[] {
      return members.all(clusterId) as ClusterMemberRow[];
    },
    /** Every label's name by its id. */
    labelNamesById(): Map<number, string> {
      return new Map((labels.all() as { id: number; name: string }[]).map((l) => [l.id, l.name]));
    },
    /**
     * [span id, label id, cluster id or null] of every span of `docIds` (of the layer `layerId` only when given, else
     * of every layer but `except`), by span id, read one row at a time.
     */
    spanLabelClusters(docIds: Iterable<number>, layerId: number | null = null, except: number | null = null): IterableIterator<[number, number, number | null]> {
      return (layerId === null ? labelClusters.iterate(idList(docIds), except) : layerLabelClusters.iterate(idList(docIds), layerId)) as IterableIterator<[number, number, number | null]>;
    },
    /** The covered text of each span in `spanIds` (in no particular order; unknown ids are left out). */
    spanTexts(spanIds: Iterable<number>): { id: number; text: string }[] {
      return texts.all(idList(spanIds)) as { id: number; text: string }[];
    },
    /** Like spanTexts, with each span's document id. */
    spanTextsWithDoc(spanIds: Iterable<number>): { id: number; doc: number; text: string }[] {
      return textsWithDoc.all(idList(spanIds)) as { id: number; doc: number; text: string }[];
    },
  };
}

export type ExportReads = ReturnType<typeof exportReads>;

/** One set of prepared statements per connection: an export asks for them once per document or per sink. */
const byDb = new WeakMap<Db, ExportReads>();

/** The export readers of `db` (prepared on first use, then shared by every exporter of the run). */
export function exportsRepo(db: Db): ExportReads {
  let reads = byDb.get(db);
  if (!reads) byDb.set(db, (reads = exportReads(db)));
  return reads;
}
