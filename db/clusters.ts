import type { Db } from './open.js';
import type { ClusterEffect, Cluster } from '../common/model.js';
import { AppError } from '../common/errors.js';

/**
 * Keeps `annotations.cluster_id` equal to the connected components of transitive links (same-as) with two or
 * more members. Every link change calls `recluster` with the annotations it touched; only their components
 * are walked, so the cost is the size of the clusters involved, not of the project.
 *
 * Which cluster row a component keeps: the one most of its members already had (so a cluster keeps its
 * id and its analyst-given name when a mention joins or leaves); when a cluster splits, the larger part keeps
 * it and the other part gets a new cluster named after its earliest mention.
 */
export function clustersRepo(db: Db) {
  const neighbours = db.prepare(`
    SELECT to_id AS id FROM links JOIN link_types t ON t.id = links.type_id WHERE t.transitive = 1 AND from_id = ?
    UNION
    SELECT from_id FROM links JOIN link_types t ON t.id = links.type_id WHERE t.transitive = 1 AND to_id = ?`).pluck();
  const clusterOf = db.prepare('SELECT cluster_id FROM annotations WHERE id = ?').pluck();
  const setCluster = db.prepare('UPDATE annotations SET cluster_id = ? WHERE id = ?');
  const firstMention = db.prepare(`
    SELECT a.text FROM annotations a JOIN documents d ON d.id = a.doc_id
    WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY d.date IS NULL, d.date, d.id, a.start LIMIT 1`).pluck();
  // A cluster belongs to its members' layer (links never cross layers: db/links.ts).
  const insertCluster = db.prepare('INSERT INTO clusters (name, created_at, annotator_id) SELECT ?, ?, annotator_id FROM annotations WHERE id = ?');
  const dropEmpty = db.prepare('DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM annotations WHERE cluster_id = ?)');
  const getOne = db.prepare('SELECT id, name, (SELECT COUNT(*) FROM annotations WHERE cluster_id = clusters.id) AS size FROM clusters WHERE id = ?');
  const rename = db.prepare('UPDATE clusters SET name = ? WHERE id = ?');
  const membersOf = db.prepare(`
    SELECT a.id FROM annotations a JOIN documents d ON d.id = a.doc_id
    WHERE a.cluster_id = ? ORDER BY d.date IS NULL, d.date, d.id, a.start`).pluck();
  const count = db.prepare('SELECT COUNT(*) FROM clusters').pluck();

  function component(seed: number): number[] {
    const seen = new Set([seed]);
    const queue = [seed];
    while (queue.length) {
      const id = queue.pop()!;
      for (const n of neighbours.all(id, id) as number[]) {
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return [...seen];
  }

  /** Recomputes the components of `seeds` (annotation ids that still exist or were just deleted). */
  function recluster(seeds: Iterable<number>, nameHint?: Map<number, string>): ClusterEffect {
    const visited = new Set<number>();
    const components: number[][] = [];
    for (const s of seeds) {
      if (visited.has(s) || clusterOf.get(s) === undefined) continue;
      const c = component(s);
      c.forEach((id) => visited.add(id));
      components.push(c);
    }
    components.sort((a, b) => b.length - a.length);
    const claimed = new Set<number>();
    const before = new Map<number, number | null>();
    for (const c of components) for (const id of c) before.set(id, (clusterOf.get(id) as number | null) ?? null);
    const moved: ClusterEffect['moved'] = [];
    const emptied = new Set<number>();
    for (const c of components) {
      let target: number | null = null;
      if (c.length >= 2) {
        const votes = new Map<number, number>();
        for (const id of c) {
          const k = before.get(id);
          if (k != null && !claimed.has(k)) votes.set(k, (votes.get(k) ?? 0) + 1);
        }
        target = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
        if (target === null) {
          const hinted = c.map((id) => nameHint?.get(id)).find((n) => n);
          const name = hinted ?? ((firstMention.get(JSON.stringify(c)) as string | undefined) ?? '').slice(0, 200);
          target = Number(insertCluster.run(name, new Date().toISOString(), c[0]).lastInsertRowid);
        }
        claimed.add(target);
      }
      for (const id of c) {
        const was = before.get(id) ?? null;
        if (was !== target) {
          setCluster.run(target, id);
          moved.push({ id, clusterId: target });
          if (was !== null) emptied.add(was);
        }
      }
    }
    for (const k of emptied) dropEmpty.run(k, k);
    return { moved };
  }

  const insertWithId = db.prepare('INSERT INTO clusters (id, name, created_at, annotator_id) SELECT ?, ?, created_at, annotator_id FROM clusters WHERE id = ?');
  const dropCluster = db.prepare('DELETE FROM clusters WHERE id = ?');
  const moveMembers = db.prepare('UPDATE annotations SET cluster_id = ? WHERE cluster_id = ?');
  const idTaken = db.prepare('SELECT 1 FROM clusters WHERE id = ?').pluck();

  /**
   * Gives the clusters of imported spans the ids and names they had in the file (ids only where free), so an
   * exported project comes back as it was. Returns how many clusters were adopted.
   */
  function adopt(given: Map<number, { id: number; name: string }>): number {
    const done = new Set<number>();
    for (const [annotationId, wanted] of given) {
      const current = clusterOf.get(annotationId) as number | null | undefined;
      if (current == null || done.has(current)) continue;
      const id = current !== wanted.id && !idTaken.get(wanted.id) ? wanted.id : current;
      if (id !== current) {
        // A new row first, then the members, then the old row: every step keeps the foreign keys valid.
        insertWithId.run(id, wanted.name, current);
        moveMembers.run(id, current);
        dropCluster.run(current);
      } else rename.run(wanted.name, current);
      done.add(id);
    }
    return done.size;
  }

  return {
    recluster,
    component,
    adopt,
    /** Member annotation ids, earliest document first. */
    members: (id: number) => membersOf.all(id) as number[],
    count: () => count.get() as number,
    get(id: number): Cluster {
      const c = getOne.get(id) as Cluster | undefined;
      if (!c) throw new AppError('NotFound', `Cluster ${id} does not exist.`);
      return c;
    },
    rename(id: number, name: string): Cluster {
      return db.transaction(() => {
        const before = getOne.get(id) as Cluster | undefined;
        if (!before) throw new AppError('NotFound', `Cluster ${id} does not exist.`);
        rename.run(name, id);
        return { ...before, name };
      })();
    },
  };
}

export type ClustersRepo = ReturnType<typeof clustersRepo>;
