import type { Db } from './open.js';
import type { ClusterEffect, ClusterName, Link, LinkType } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { issuedIdCheck } from './issued-ids.js';
import { clustersRepo } from './clusters.js';
import { storedTimestamp } from './stored-timestamp.js';

/** A `links` row as SQLite returns it. */
export interface LinkRow {
  id: number;
  from_id: number;
  to_id: number;
  type_id: number;
  created_at: string;
  annotator_id: number;
  curated_by?: number | null;
  /** Present where the query selects it (`SELECT *`, `links.*`). */
  external_id?: string | null;
}
/** A `links` row as the model's Link (external id only when there is one). */
export const toLink = (r: LinkRow): Link => ({
  id: r.id,
  fromId: r.from_id,
  toId: r.to_id,
  typeId: r.type_id,
  createdAt: storedTimestamp(r.created_at),
  annotatorId: r.annotator_id,
  ...(r.curated_by ? { curatedBy: r.curated_by } : {}),
  ...(r.external_id ? { externalId: r.external_id } : {}),
});

interface TypeRow {
  id: number;
  name: string;
  directed: number;
  transitive: number;
  color: string;
  position: number;
}
const toType = (r: TypeRow): LinkType => ({
  id: r.id,
  name: r.name,
  directed: !!r.directed,
  transitive: !!r.transitive,
  color: r.color,
  position: r.position,
});

export function linksRepo(db: Db) {
  const clusters = clustersRepo(db);
  const types = db.prepare('SELECT * FROM link_types ORDER BY position, id');
  const typeById = db.prepare('SELECT * FROM link_types WHERE id = ?');
  const typeByName = db.prepare('SELECT id FROM link_types WHERE name = ? COLLATE NOCASE').pluck();
  const insertType = db.prepare(
    'INSERT INTO link_types (name, directed, transitive, color, position) VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM link_types))',
  );
  const updateType = db.prepare('UPDATE link_types SET name = ?, directed = ?, color = ? WHERE id = ?');
  const one = db.prepare('SELECT * FROM links WHERE id = ?');
  const existing = db.prepare(
    'SELECT id FROM links WHERE type_id = ? AND ((from_id = ? AND to_id = ?) OR (? = 0 AND from_id = ? AND to_id = ?))',
  ).pluck();
  const annotatorOf = db.prepare('SELECT annotator_id FROM annotations WHERE id = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO links (id, from_id, to_id, type_id, created_at, external_id, annotator_id, curated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM links WHERE id = ?');
  const issued = issuedIdCheck(db);
  const ofAnnotation = db.prepare('SELECT * FROM links WHERE from_id = ? OR to_id = ? ORDER BY id');
  const count = db.prepare('SELECT COUNT(*) FROM links').pluck();
  const clusterMembers = db.prepare('SELECT id FROM annotations WHERE cluster_id = ? ORDER BY id').pluck();
  const transitiveOf = db.prepare(`
    SELECT links.* FROM links JOIN link_types t ON t.id = links.type_id
    WHERE t.transitive = 1 AND (from_id = ? OR to_id = ?) ORDER BY links.id`);
  const sameAsType = db.prepare('SELECT id FROM link_types WHERE transitive = 1 ORDER BY position, id LIMIT 1').pluck();
  const namesOf = db.prepare(`SELECT a.id AS annotationId, c.name FROM annotations a JOIN clusters c ON c.id = a.cluster_id
    WHERE a.id IN (SELECT value FROM json_each(?))`);

  /** The cluster names the given annotations have now: what undo needs if a change dissolves their clusters. */
  const clusterNames = (ids: number[]): ClusterName[] => namesOf.all(JSON.stringify(ids)) as ClusterName[];
  const hints = (names: ClusterName[] | undefined) => (names?.length ? new Map(names.map((n) => [n.annotationId, n.name])) : undefined);

  function getType(id: number): LinkType {
    const r = typeById.get(id) as TypeRow | undefined;
    if (!r) throw new AppError('NotFound', `Link type ${id} does not exist.`);
    return toType(r);
  }

  function get(id: number): Link {
    const r = one.get(id) as LinkRow | undefined;
    if (!r) throw new AppError('NotFound', `Link ${id} does not exist.`);
    return toLink(r);
  }

  /**
   * Inserts one link (no transaction, no reclustering): the building block of the operations below. A link
   * joins two spans of one layer and belongs to it: each annotator links their own spans (issue 13), so clusters
   * never mix layers. @throws AppError InvalidInput (self-link, two layers), NotFound, Conflict (already linked).
   */
  function insertLink(
    fromId: number,
    toId: number,
    typeId: number,
    id: number | null = null,
    createdAt?: string,
    externalId: string | null = null,
    curatedBy: number | null = null,
  ): Link {
    if (fromId === toId) throw new AppError('InvalidInput', 'An annotation cannot be linked to itself.');
    const layers = [fromId, toId].map((a) => {
      const layer = annotatorOf.get(a) as number | undefined;
      if (layer === undefined) throw new AppError('NotFound', `Annotation ${a} does not exist.`);
      return layer;
    });
    if (layers[0] !== layers[1]) {
      throw new AppError('InvalidInput', `Annotations ${fromId} and ${toId} are in different annotators' layers; a link joins spans of one layer.`);
    }
    const type = getType(typeId);
    if (existing.get(typeId, fromId, toId, type.directed ? 1 : 0, toId, fromId) !== undefined) {
      throw new AppError('Conflict', `These two annotations are already linked as ${type.name}.`);
    }
    if (id !== null && one.get(id)) throw new AppError('Conflict', `Link ${id} already exists.`);
    const info = insert.run(id, fromId, toId, typeId, createdAt ?? new Date().toISOString(), externalId, layers[0], curatedBy);
    return get(Number(info.lastInsertRowid));
  }

  return {
    clusters,
    count: () => count.get() as number,
    /**
     * One link for a bulk import: no transaction and no reclustering (the import reclusters once at the end).
     * Returns null when the two annotations are already linked with that type; other faults throw as in create.
     */
    insertUnlessLinked(fromId: number, toId: number, typeId: number, curatedBy: number | null = null): Link | null {
      try {
        return insertLink(fromId, toId, typeId, null, undefined, null, curatedBy);
      } catch (e) {
        if (e instanceof AppError && e.name === 'Conflict') return null;
        throw e;
      }
    },
    get,
    types: () => (types.all() as TypeRow[]).map(toType),
    getType,
    createType(name: string, directed: boolean, transitive: boolean, color: string): LinkType {
      return db.transaction(() => {
        if (typeByName.get(name) !== undefined) throw new AppError('Conflict', `A link type named "${name}" already exists.`);
        return getType(Number(insertType.run(name, directed ? 1 : 0, transitive ? 1 : 0, color).lastInsertRowid));
      })();
    },
    updateType(id: number, patch: { name?: string; directed?: boolean; color?: string }): LinkType {
      return db.transaction(() => {
        const cur = getType(id);
        const name = patch.name ?? cur.name;
        const other = typeByName.get(name) as number | undefined;
        if (other !== undefined && other !== id) throw new AppError('Conflict', `A link type named "${name}" already exists.`);
        updateType.run(name, (patch.directed ?? cur.directed) ? 1 : 0, patch.color ?? cur.color, id);
        return getType(id);
      })();
    },

    forAnnotation: (annotationId: number) => (ofAnnotation.all(annotationId, annotationId) as LinkRow[]).map(toLink),

    create(fromId: number, toId: number, typeId: number): { link: Link; effect: ClusterEffect } {
      return db.transaction(() => {
        const link = insertLink(fromId, toId, typeId);
        const effect = getType(typeId).transitive ? clusters.recluster([fromId, toId]) : { moved: [] };
        return { link, effect };
      })();
    },

    /**
     * Puts back deleted links under their old ids (undo). `clusterName` names a cluster that has to be made
     * anew because the deletion had dissolved it.
     */
    restore(ls: Link[], names?: ClusterName[]): { links: Link[]; effect: ClusterEffect } {
      return db.transaction(() => {
        for (const l of ls) issued('links', l.id, 'Link');
        const links = ls.map((l) => insertLink(l.fromId, l.toId, l.typeId, l.id, l.createdAt, l.externalId ?? null, l.curatedBy ?? null));
        const touched = ls.filter((l) => getType(l.typeId).transitive).flatMap((l) => [l.fromId, l.toId]);
        return { links, effect: touched.length ? clusters.recluster(touched, hints(names)) : { moved: [] } };
      })();
    },

    delete(id: number): { deleted: Link; clusterNames: ClusterName[]; effect: ClusterEffect } {
      return db.transaction(() => {
        const deleted = get(id);
        const names = clusterNames([deleted.fromId, deleted.toId]);
        remove.run(id);
        const effect = getType(deleted.typeId).transitive ? clusters.recluster([deleted.fromId, deleted.toId]) : { moved: [] };
        return { deleted, clusterNames: names, effect };
      })();
    },

    /**
     * Joins two clusters (or lone annotations) with one same-as link between their first members; returns the
     * link so that undo can take it away again.
     */
    merge(a: number, b: number): { link: Link; effect: ClusterEffect } {
      return db.transaction(() => {
        const typeId = sameAsType.get() as number | undefined;
        if (typeId === undefined) throw new AppError('Conflict', 'No transitive link type exists to merge with.');
        const first = (clusterId: number) => {
          const m = clusterMembers.all(clusterId) as number[];
          if (!m.length) throw new AppError('NotFound', `Cluster ${clusterId} does not exist.`);
          return m[0];
        };
        if (a === b) throw new AppError('InvalidInput', 'A cluster cannot be merged with itself.');
        const from = first(a);
        const to = first(b);
        const link = insertLink(from, to, typeId);
        return { link, effect: clusters.recluster([from, to]) };
      })();
    },

    /**
     * Takes one mention out of its cluster and keeps the rest together: its transitive links go, and the
     * mentions it joined are chained to each other where they would otherwise fall apart.
     */
    detach(annotationId: number): { removed: Link[]; added: Link[]; clusterNames: ClusterName[]; effect: ClusterEffect } {
      return db.transaction(() => {
        if (annotatorOf.get(annotationId) === undefined) throw new AppError('NotFound', `Annotation ${annotationId} does not exist.`);
        const names = clusterNames([annotationId]);
        const removed = (transitiveOf.all(annotationId, annotationId) as LinkRow[]).map(toLink);
        for (const l of removed) remove.run(l.id);
        const others = [...new Set(removed.map((l) => (l.fromId === annotationId ? l.toId : l.fromId)))];
        const added: Link[] = [];
        const typeId = removed[0]?.typeId;
        for (let i = 1; i < others.length; i++) {
          if (!clusters.component(others[0]).includes(others[i])) added.push(insertLink(others[0], others[i], typeId));
        }
        const effect = clusters.recluster([annotationId, ...others]);
        return { removed, added, clusterNames: names, effect };
      })();
    },
  };
}

export type LinksRepo = ReturnType<typeof linksRepo>;
