import type { Db } from './open.js';
import type { DeletedDocuments, DeleteImpact, StoredDocument } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { toAnnotation, type AnnotationRow } from './annotations.js';
import { clustersRepo } from './clusters.js';
import { toLink, type LinkRow } from './links.js';
import { storedTimestamp, storedTimestampOrNull } from './stored-timestamp.js';
import { issuedIdCheck } from './issued-ids.js';

interface DocRow {
  id: number;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  path: string | null;
  origin: string | null;
  external_id: string | null;
  hash: string;
  text: string;
  length: number;
  imported_at: string;
  done: number;
  done_at: string | null;
}

const toStored = (r: DocRow): StoredDocument => ({
  id: r.id,
  title: r.title,
  date: r.date,
  source: r.source,
  url: r.url,
  path: r.path,
  origin: r.origin,
  externalId: r.external_id,
  hash: r.hash,
  text: r.text,
  length: r.length,
  importedAt: storedTimestamp(r.imported_at),
  done: !!r.done,
  doneAt: storedTimestampOrNull(r.done_at),
});

/** `?` placeholders are not used for id sets: json_each takes any number of ids in one bound parameter. */
const IDS = 'SELECT value FROM json_each(?)';

/**
 * Deleting documents with everything that hangs on them, and putting all of it back (undo). Nothing here opens a
 * transaction of its own except `remove` and `restore`, which each run as one (a savepoint inside a caller's).
 *
 * What a delete takes: the documents and their search index rows, their annotations (cascade), every link
 * touching those annotations (cascade, also links to spans of other documents), the suggestions dismissed for
 * them (cascade), and clusters left without members. Clusters that keep members elsewhere are recomputed, as
 * deleting an annotation does (db/clusters.ts), and the proposal decisions made in them (cascade). `restore` reverses exactly that: rows come back under their ids,
 * clusters under their ids and names, and the clusters of the other documents' spans are recomputed once more.
 */
export function documentTrash(db: Db) {
  const clusters = clustersRepo(db);
  const docsIn = db.prepare(`SELECT * FROM documents WHERE id IN (${IDS}) ORDER BY id`);
  const annotationsIn = db.prepare(
    `SELECT id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at, external_id, annotator_id, curated_by
     FROM annotations WHERE doc_id IN (${IDS}) ORDER BY id`,
  );
  const linksOf = db.prepare(
    `SELECT * FROM links WHERE from_id IN (SELECT id FROM annotations WHERE doc_id IN (${IDS}))
     OR to_id IN (SELECT id FROM annotations WHERE doc_id IN (${IDS})) ORDER BY id`,
  );
  const clustersIn = db.prepare(`SELECT id, name, created_at AS createdAt, annotator_id AS annotatorId FROM clusters WHERE id IN (${IDS}) ORDER BY id`);
  const dismissedOf = db.prepare(
    `SELECT annotation_id AS annotationId, target FROM dismissed_suggestions
     WHERE annotation_id IN (SELECT id FROM annotations WHERE doc_id IN (${IDS})) ORDER BY annotation_id, target`,
  );
  const countAnnotations = db.prepare(`SELECT COUNT(*) FROM annotations WHERE doc_id IN (${IDS})`).pluck();
  const countLinks = db
    .prepare(
      `SELECT COUNT(*) FROM links WHERE from_id IN (SELECT id FROM annotations WHERE doc_id IN (${IDS}))
       OR to_id IN (SELECT id FROM annotations WHERE doc_id IN (${IDS}))`,
    )
    .pluck();
  const countDocs = db.prepare(`SELECT COUNT(*) FROM documents WHERE id IN (${IDS})`).pluck();
  const deleteFts = db.prepare("INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)");
  const insertFts = db.prepare('INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)');
  const deleteDocs = db.prepare(`DELETE FROM documents WHERE id IN (${IDS})`);
  const dropIfEmpty = db.prepare('DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM annotations WHERE cluster_id = ?)');
  const docExists = db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck();
  const byHash = db.prepare('SELECT id FROM documents WHERE hash = ?').pluck();
  const clusterExists = db.prepare('SELECT 1 FROM clusters WHERE id = ?').pluck();
  const annotationExists = db.prepare('SELECT 1 FROM annotations WHERE id = ?').pluck();
  const linkExists = db.prepare('SELECT 1 FROM links WHERE id = ?').pluck();
  const labelExists = db.prepare('SELECT 1 FROM labels WHERE id = ?').pluck();
  const annotatorExists = db.prepare('SELECT 1 FROM annotators WHERE id = ?').pluck();
  const annotatorOf = db.prepare('SELECT annotator_id FROM annotations WHERE id = ?').pluck();
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, title, date, source, url, path, origin, external_id, hash, text, length, imported_at, done, done_at)
     VALUES (@id, @title, @date, @source, @url, @path, @origin, @externalId, @hash, @text, @length, @importedAt, @done, @doneAt)`,
  );
  const insertCluster = db.prepare('INSERT INTO clusters (id, name, created_at, annotator_id) VALUES (?, ?, ?, ?)');
  const insertAnnotation = db.prepare(
    `INSERT INTO annotations (id, doc_id, label_id, start, end, text, note, attributes, cluster_id, created_at, updated_at, external_id, annotator_id, curated_by)
     VALUES (@id, @docId, @labelId, @start, @end, @text, @note, @attributes, @clusterId, @createdAt, @updatedAt, @externalId, @annotatorId, @curatedBy)`,
  );
  const insertDismissed = db.prepare('INSERT OR IGNORE INTO dismissed_suggestions (annotation_id, target) VALUES (?, ?)');
  const insertLink = db.prepare(
    'INSERT INTO links (id, from_id, to_id, type_id, created_at, external_id, annotator_id, curated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const transitive = db.prepare('SELECT transitive FROM link_types WHERE id = ?').pluck();
  const decisionsIn = db.prepare(
    `SELECT doc_id AS docId, label_id AS labelId, start, end, annotator_id AS annotatorId, decision, decided_at AS decidedAt
     FROM proposal_decisions WHERE doc_id IN (${IDS}) ORDER BY doc_id, label_id, start, end, annotator_id`,
  );
  const insertDecision = db.prepare(
    `INSERT OR IGNORE INTO proposal_decisions (doc_id, label_id, start, end, annotator_id, decision, decided_at)
     VALUES (@docId, @labelId, @start, @end, @annotatorId, @decision, @decidedAt)`,
  );
  const issued = issuedIdCheck(db);

  /** Everything deleting `ids` would take with it, read without changing anything. */
  function snapshot(ids: number[]): DeletedDocuments {
    const key = JSON.stringify(ids);
    const annotations = (annotationsIn.all(key) as AnnotationRow[]).map(toAnnotation);
    const clusterIds = [...new Set(annotations.map((a) => a.clusterId).filter((c): c is number => c !== null))];
    const links = (linksOf.all(key, key) as LinkRow[]).map(toLink);
    return {
      documents: (docsIn.all(key) as DocRow[]).map(toStored),
      annotations,
      links,
      clusters: (clustersIn.all(JSON.stringify(clusterIds)) as DeletedDocuments['clusters']).map((c) => ({ ...c, createdAt: storedTimestamp(c.createdAt) })),
      dismissed: dismissedOf.all(key) as DeletedDocuments['dismissed'],
      decisions: (decisionsIn.all(key) as NonNullable<DeletedDocuments['decisions']>).map((d) => ({ ...d, decidedAt: storedTimestamp(d.decidedAt) })),
    };
  }

  return {
    /** How many of `ids` exist, and the annotations and links deleting them would take (the confirmation). */
    impact(ids: number[]): DeleteImpact {
      const key = JSON.stringify(ids);
      return {
        documents: countDocs.get(key) as number,
        annotations: countAnnotations.get(key) as number,
        links: countLinks.get(key, key) as number,
      };
    },

    /**
     * Deletes the documents `ids` with everything that hangs on them (see above) as one transaction, and returns
     * all of it for `restore`. @throws AppError NotFound naming the first id that is not a document (nothing deleted).
     */
    remove(ids: number[]): DeletedDocuments {
      return db.transaction(() => {
        for (const id of ids) if (!docExists.get(id)) throw new AppError('NotFound', `Document ${id} does not exist.`);
        const gone = snapshot(ids);
        const goneAnnotations = new Set(gone.annotations.map((a) => a.id));
        for (const d of gone.documents) deleteFts.run(d.id, d.title, d.text);
        deleteDocs.run(JSON.stringify(ids));
        // Spans of other documents that were linked to the deleted ones: their clusters may split or dissolve.
        const neighbours = gone.links.flatMap((l) => [l.fromId, l.toId]).filter((a) => !goneAnnotations.has(a));
        clusters.recluster(neighbours);
        for (const c of gone.clusters) dropIfEmpty.run(c.id, c.id);
        return gone;
      })();
    },

    /**
     * Puts back what `remove` returned, under the same ids. Refused whole when any document id is taken again or
     * its text is in the project under another id (a re-import since); a link whose other end has been deleted
     * since is left out, as that annotation is gone. The caller checks the rows (services/documents.ts).
     * @returns the ids of the documents put back.
     * @throws AppError Conflict (a document, its text or an annotation id taken again), InvalidInput (a label,
     * annotator or link type that does not exist; an id the project never issued, db/issued-ids.ts).
     */
    restore(b: DeletedDocuments): number[] {
      return db.transaction(() => {
        for (const d of b.documents) {
          issued('documents', d.id, 'Document');
          if (docExists.get(d.id)) throw new AppError('Conflict', `Document ${d.id} exists again; nothing was restored.`);
          const twin = byHash.get(d.hash) as number | undefined;
          if (twin !== undefined) {
            throw new AppError('Conflict', `Document ${twin} holds the same text as "${d.title}" (imported again since); nothing was restored.`);
          }
        }
        for (const a of b.annotations) {
          issued('annotations', a.id, 'Annotation');
          if (annotationExists.get(a.id)) throw new AppError('Conflict', `Annotation ${a.id} exists again; nothing was restored.`);
          if (!labelExists.get(a.labelId)) throw new AppError('InvalidInput', `Annotation ${a.id}: label ${a.labelId} does not exist; nothing was restored.`);
          for (const who of [a.annotatorId, a.curatedBy].filter((w) => w !== undefined)) {
            if (!annotatorExists.get(who)) throw new AppError('InvalidInput', `Annotation ${a.id}: annotator ${who} does not exist; nothing was restored.`);
          }
        }
        for (const c of b.clusters) issued('clusters', c.id, 'Cluster');
        for (const d of b.decisions ?? []) {
          if (!labelExists.get(d.labelId)) throw new AppError('InvalidInput', `A proposal decision: label ${d.labelId} does not exist; nothing was restored.`);
          if (!annotatorExists.get(d.annotatorId)) throw new AppError('InvalidInput', `A proposal decision: annotator ${d.annotatorId} does not exist; nothing was restored.`);
        }
        for (const l of b.links) {
          if (transitive.get(l.typeId) === undefined) throw new AppError('InvalidInput', `Link ${l.id}: link type ${l.typeId} does not exist; nothing was restored.`);
        }
        for (const d of b.documents) {
          insertDoc.run({ ...d, done: d.done ? 1 : 0 });
          insertFts.run(d.id, d.title, d.text);
        }
        for (const c of b.clusters) if (!clusterExists.get(c.id)) insertCluster.run(c.id, c.name, c.createdAt, c.annotatorId ?? 1);
        for (const a of b.annotations) {
          insertAnnotation.run({
            ...a,
            attributes: JSON.stringify(a.attributes),
            clusterId: a.clusterId !== null && clusterExists.get(a.clusterId) ? a.clusterId : null,
            externalId: a.externalId ?? null,
            curatedBy: a.curatedBy ?? null,
          });
        }
        for (const s of b.dismissed) insertDismissed.run(s.annotationId, s.target);
        // Decisions are keyed by place, not by span: a rejection stays a rejection after the document comes back.
        for (const d of b.decisions ?? []) insertDecision.run(d);
        // Restored spans that were in a cluster are recomputed too, whatever happened to their links meanwhile.
        const touched: number[] = b.annotations.filter((a) => a.clusterId !== null).map((a) => a.id);
        for (const l of b.links) {
          if (linkExists.get(l.id) || !annotationExists.get(l.fromId) || !annotationExists.get(l.toId)) continue;
          const layer = annotatorOf.get(l.fromId);
          if (layer !== annotatorOf.get(l.toId) || layer !== l.annotatorId) {
            throw new AppError('InvalidInput', `Link ${l.id}: a link joins two spans of its own layer (annotator ${l.annotatorId}); nothing was restored.`);
          }
          issued('links', l.id, 'Link');
          insertLink.run(l.id, l.fromId, l.toId, l.typeId, l.createdAt, l.externalId ?? null, l.annotatorId, l.curatedBy ?? null);
          if (transitive.get(l.typeId)) touched.push(l.fromId, l.toId);
        }
        // The restored spans carry their cluster ids, so each component votes its old cluster back (db/clusters.ts).
        const names = new Map(b.clusters.map((c) => [c.id, c.name]));
        const hints = new Map(b.annotations.filter((a) => a.clusterId !== null).map((a) => [a.id, names.get(a.clusterId!) ?? '']));
        clusters.recluster(touched, hints);
        for (const c of b.clusters) dropIfEmpty.run(c.id, c.id);
        return b.documents.map((d) => d.id);
      })();
    },
  };
}

export type DocumentTrash = ReturnType<typeof documentTrash>;
