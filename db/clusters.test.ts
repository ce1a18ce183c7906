import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase, type Db } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { mulberry32 } from '../common/random.js';

function project(annotations: number) {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const text = 'word '.repeat(annotations + 1);
  const docId = docs.insert({ title: 't', date: null, source: null, path: null, hash: 'h', text, length: text.length }, 'now');
  const repo = annotationsRepo(db);
  const ids: number[] = [];
  for (let i = 0; i < annotations; i++) ids.push(repo.create({ docId, labelId: 2, start: i * 5, end: i * 5 + 4 }).id);
  return { db, ids, annotations: repo, links: linksRepo(db) };
}

/** Components of the transitive links, by brute force: the truth the incremental clusters must equal. */
function expectedPartition(db: Db): Set<string> {
  const ids = db.prepare('SELECT id FROM annotations').pluck().all() as number[];
  const parent = new Map(ids.map((i) => [i, i]));
  const find = (x: number): number => (parent.get(x) === x ? x : find(parent.get(x)!));
  const edges = db
    .prepare('SELECT from_id, to_id FROM links JOIN link_types t ON t.id = links.type_id WHERE t.transitive = 1')
    .all() as { from_id: number; to_id: number }[];
  for (const e of edges) parent.set(find(e.from_id), find(e.to_id));
  const groups = new Map<number, number[]>();
  for (const i of ids) groups.set(find(i), [...(groups.get(find(i)) ?? []), i]);
  return new Set([...groups.values()].filter((g) => g.length >= 2).map((g) => g.sort((a, b) => a - b).join(',')));
}

function actualPartition(db: Db): Set<string> {
  const rows = db.prepare('SELECT cluster_id, id FROM annotations WHERE cluster_id IS NOT NULL ORDER BY id').all() as { cluster_id: number; id: number }[];
  const groups = new Map<number, number[]>();
  for (const r of rows) groups.set(r.cluster_id, [...(groups.get(r.cluster_id) ?? []), r.id]);
  return new Set([...groups.values()].map((g) => g.join(',')));
}

function assertConsistent(db: Db, step: string) {
  assert.deepEqual(actualPartition(db), expectedPartition(db), step);
  const orphans = db.prepare('SELECT COUNT(*) FROM clusters WHERE id NOT IN (SELECT cluster_id FROM annotations WHERE cluster_id IS NOT NULL)').pluck().get();
  assert.equal(orphans, 0, `${step}: no cluster row without members`);
}

test('linking same-as joins two spans into a cluster named after the earliest mention; a third joins it', () => {
  const p = project(4);
  const [a, b, c] = p.ids;
  p.links.create(a, b, 1);
  const cluster = p.annotations.get(a).clusterId!;
  assert.equal(p.annotations.get(b).clusterId, cluster);
  assert.equal(p.links.clusters.get(cluster).name, 'word');
  p.links.clusters.rename(cluster, 'Sergey Rudskoy');
  p.links.create(c, b, 1);
  assert.equal(p.annotations.get(c).clusterId, cluster, 'a new member joins the existing cluster and keeps its name');
  assert.equal(p.links.clusters.get(cluster).name, 'Sergey Rudskoy');
  assert.equal(p.links.clusters.get(cluster).size, 3);
  assertConsistent(p.db, 'after joins');
});

test('non-transitive links form no clusters', () => {
  const p = project(3);
  p.links.create(p.ids[0], p.ids[1], 4); // said-by
  p.links.create(p.ids[1], p.ids[2], 2); // contradicts
  assert.equal(p.db.prepare('SELECT COUNT(*) FROM clusters').pluck().get(), 0);
  assertConsistent(p.db, 'no clusters');
});

test('merging two named clusters keeps the larger one and its name; removing the bridge splits them again', () => {
  const p = project(5);
  const [a, b, c, d, e] = p.ids;
  p.links.create(a, b, 1);
  p.links.create(b, c, 1);
  p.links.create(d, e, 1);
  const big = p.annotations.get(a).clusterId!;
  const small = p.annotations.get(d).clusterId!;
  p.links.clusters.rename(big, 'Claim: 60 killed');
  const { link } = p.links.merge(big, small);
  assert.equal(p.annotations.get(e).clusterId, big);
  assert.equal(p.links.clusters.get(big).size, 5);
  assert.throws(() => p.links.clusters.get(small), { name: 'NotFound' });
  p.links.delete(link.id);
  assert.equal(p.annotations.get(a).clusterId, big, 'the larger part keeps the id and name');
  assert.notEqual(p.annotations.get(d).clusterId, big);
  assert.equal(p.annotations.get(d).clusterId, p.annotations.get(e).clusterId);
  assertConsistent(p.db, 'after split');
});

test('taking a hub out of a star keeps the other mentions together, and undo restores the star', () => {
  const p = project(5);
  const [hub, x, y, z] = p.ids;
  for (const o of [x, y, z]) p.links.create(hub, o, 1);
  const cluster = p.annotations.get(hub).clusterId!;
  p.links.clusters.rename(cluster, 'Igor Konashenkov');
  const { removed, added, clusterNames } = p.links.detach(hub);
  assert.deepEqual(clusterNames, [{ annotationId: hub, name: 'Igor Konashenkov' }]);
  assert.equal(removed.length, 3);
  assert.equal(added.length, 2, 'x-y and x-z chain the rest');
  assert.equal(p.annotations.get(hub).clusterId, null);
  for (const o of [x, y, z]) assert.equal(p.annotations.get(o).clusterId, cluster);
  assertConsistent(p.db, 'after detach');
  // Undo as the workbench does it: put the hub's links back, then take the chain away.
  p.links.restore(removed, clusterNames);
  for (const l of added) p.links.delete(l.id);
  for (const o of [hub, x, y, z]) assert.equal(p.annotations.get(o).clusterId, cluster);
  assert.equal(p.links.clusters.get(cluster).name, 'Igor Konashenkov');
  assertConsistent(p.db, 'after undo');
});

test('a cluster dissolved by removing its last link comes back under its name when the link is restored', () => {
  const p = project(2);
  const [a, b] = p.ids;
  const { link } = p.links.create(a, b, 1);
  p.links.clusters.rename(p.annotations.get(a).clusterId!, 'Sergey Rudskoy');
  const { deleted, clusterNames } = p.links.delete(link.id);
  assert.equal(p.annotations.get(a).clusterId, null);
  p.links.restore([deleted], clusterNames);
  assert.equal(p.links.clusters.get(p.annotations.get(a).clusterId!).name, 'Sergey Rudskoy');
  assertConsistent(p.db, 'after restore');
});

test('deleting a mention removes its links and reclusters; restoring it with its links and name brings all back', () => {
  const p = project(3);
  const [a, b, c] = p.ids;
  p.links.create(a, b, 1);
  p.links.create(b, c, 1);
  const cluster = p.annotations.get(a).clusterId!;
  p.links.clusters.rename(cluster, 'Rudskoy');
  const gone = p.annotations.delete(b);
  assert.equal(gone.links.length, 2);
  assert.equal(gone.clusterName, 'Rudskoy');
  assert.equal(p.annotations.get(a).clusterId, null, 'a and c were held together only by b');
  assert.equal(p.links.count(), 0);
  assertConsistent(p.db, 'after delete');
  p.annotations.restore(gone.annotation, gone.links, gone.clusterName);
  const back = p.annotations.get(b).clusterId!;
  assert.equal(p.annotations.get(a).clusterId, back);
  assert.equal(p.links.clusters.get(back).name, 'Rudskoy');
  assert.equal(p.links.count(), 2);
  assertConsistent(p.db, 'after restore');
});

test('links are refused to oneself, twice (either way for symmetric types), or to missing spans; nothing is written', () => {
  const p = project(2);
  const [a, b] = p.ids;
  assert.throws(() => p.links.create(a, a, 1), { name: 'InvalidInput' });
  p.links.create(a, b, 1);
  assert.throws(() => p.links.create(b, a, 1), { name: 'Conflict' });
  p.links.create(a, b, 4); // said-by a → b
  p.links.create(b, a, 4); // said-by is directed: b → a is a different link
  assert.throws(() => p.links.create(a, 999, 1), { name: 'NotFound' });
  assert.equal(p.links.count(), 3);
});

test('random link, unlink, detach and delete sequences keep clusters equal to the connected components', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const r = mulberry32(seed);
    const p = project(14);
    const alive = new Set(p.ids);
    const deleted: ReturnType<typeof p.annotations.delete>[] = [];
    const pick = () => [...alive][Math.floor(r() * alive.size)];
    for (let step = 0; step < 120; step++) {
      const op = r();
      const label = `seed ${seed} step ${step}`;
      try {
        if (op < 0.45) {
          const x = pick();
          const y = pick();
          if (x !== y) p.links.create(x, y, r() < 0.8 ? 1 : 2);
        } else if (op < 0.7) {
          const all = p.db.prepare('SELECT id FROM links').pluck().all() as number[];
          if (all.length) p.links.delete(all[Math.floor(r() * all.length)]);
        } else if (op < 0.8) {
          p.links.detach(pick());
        } else if (op < 0.9 && alive.size > 3) {
          const x = pick();
          deleted.push(p.annotations.delete(x));
          alive.delete(x);
        } else if (deleted.length) {
          const d = deleted.pop()!;
          // Links to spans deleted since cannot come back; restore those that still can.
          const ok = d.links.filter((l) => [l.fromId, l.toId].every((e) => e === d.annotation.id || alive.has(e)));
          p.annotations.restore(d.annotation, ok, d.clusterName);
          alive.add(d.annotation.id);
        }
      } catch (e) {
        if ((e as Error).name !== 'Conflict') throw e;
      }
      assertConsistent(p.db, label);
    }
  }
});
