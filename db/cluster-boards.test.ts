import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { boards, type BoardLabel } from '../services/boards.js';
import { documentTrashSteps, refusedOrDone, seededProject, withColleague } from '../services/seeded-project.test-helpers.js';
import type { Link, ClusterName } from '../common/model.js';
import type { Db } from './open.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { storedVsFresh } from './stored-vs-fresh.test-helpers.js';

/**
 * Every row migration 0009 keeps, beside a fresh GROUP BY over the annotations: each pair returns the rows where the
 * two differ (stored EXCEPT fresh, and fresh EXCEPT stored). The major label is checked apart (`freshBoards`).
 */
const checks: Record<string, [string, string]> = {
  'per cluster and document': [
    'SELECT cluster_id, doc_id, mentions FROM cluster_document_counts',
    'SELECT cluster_id, doc_id, COUNT(*) FROM annotations WHERE cluster_id IS NOT NULL GROUP BY cluster_id, doc_id',
  ],
  'per cluster and label': [
    'SELECT cluster_id, label_id, mentions FROM cluster_label_counts',
    'SELECT cluster_id, label_id, COUNT(*) FROM annotations WHERE cluster_id IS NOT NULL GROUP BY cluster_id, label_id',
  ],
  'per cluster': [
    'SELECT cluster_id, annotator_id, name, mentions, documents FROM cluster_boards',
    `SELECT k.id, k.annotator_id, k.name, (SELECT COUNT(*) FROM annotations WHERE cluster_id = k.id),
       (SELECT COUNT(DISTINCT doc_id) FROM annotations WHERE cluster_id = k.id) FROM clusters k`,
  ],
};

interface FreshBoard {
  clusters: [number, string, number, number][];
  mentions: number;
  firstDate: string | null;
  lastDate: string | null;
  sources: string[];
}

const isDate = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);

/**
 * Both boards of every layer (and of every layer at once) worked out from the mentions alone, by the rule the
 * boards had before migration 0009 (one pass over every clustered mention): the major label is the one most
 * mentions carry, a tie to the label whose first mention (earliest dated document, undated last, then document id
 * and offset) comes first; order by documents desc, then name ignoring case, then id.
 */
function freshBoards(db: Db): Map<string, FreshBoard> {
  const rows = db.prepare(`
    SELECT a.cluster_id, k.name, k.annotator_id, a.label_id, l.name AS label, a.doc_id, a.start, d.date, d.source
    FROM annotations a JOIN clusters k ON k.id = a.cluster_id JOIN documents d ON d.id = a.doc_id JOIN labels l ON l.id = a.label_id`).all() as {
    cluster_id: number; name: string; annotator_id: number; label_id: number; label: string; doc_id: number; start: number; date: string | null; source: string | null;
  }[];
  const byCluster = new Map<number, typeof rows>();
  for (const r of rows) byCluster.set(r.cluster_id, [...(byCluster.get(r.cluster_id) ?? []), r]);
  const key = (r: (typeof rows)[number]) => `${r.date === null ? 1 : 0}${r.date ?? ''}\x01${String(r.doc_id).padStart(12, '0')} ${String(r.start).padStart(12, '0')}`;
  const out = new Map<string, FreshBoard>();
  const boardOf = (k: string) => out.get(k) ?? (out.set(k, { clusters: [], mentions: 0, firstDate: null, lastDate: null, sources: [] }), out.get(k)!);
  for (const [id, ms] of byCluster) {
    const perLabel = new Map<number, { label: string; n: number; first: string }>();
    for (const m of ms) {
      const p = perLabel.get(m.label_id) ?? { label: m.label, n: 0, first: key(m) };
      perLabel.set(m.label_id, { ...p, n: p.n + 1, first: key(m) < p.first ? key(m) : p.first });
    }
    const major = [...perLabel.entries()].sort((a, b) => b[1].n - a[1].n || (a[1].first < b[1].first ? -1 : a[1].first > b[1].first ? 1 : a[0] - b[0]))[0][1].label;
    for (const k of [`${ms[0].annotator_id}:${major}`, `null:${major}`]) {
      const b = boardOf(k);
      b.clusters.push([id, ms[0].name, ms.length, new Set(ms.map((m) => m.doc_id)).size]);
      b.mentions += ms.length;
      for (const m of ms) {
        if (isDate(m.date) && (!b.firstDate || m.date < b.firstDate)) b.firstDate = m.date;
        if (isDate(m.date) && (!b.lastDate || m.date > b.lastDate)) b.lastDate = m.date;
        if (m.source && !b.sources.includes(m.source)) b.sources.push(m.source);
      }
    }
  }
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  for (const b of out.values()) {
    b.clusters.sort((x, y) => y[3] - x[3] || (lower(x[1]) < lower(y[1]) ? -1 : lower(x[1]) > lower(y[1]) ? 1 : x[0] - y[0]));
    b.sources.sort();
  }
  return out;
}

function problems(db: Db, board: ReturnType<typeof boards>, layers: number[]): string[] {
  const out = storedVsFresh(db, checks);
  const fresh = freshBoards(db);
  for (const layer of [...layers, null]) {
    for (const label of ['claim', 'speaker'] as BoardLabel[]) {
      const want = fresh.get(`${layer}:${label}`) ?? { clusters: [], mentions: 0, firstDate: null, lastDate: null, sources: [] };
      const page = board.page(label, layer, { offset: 0, limit: 10_000 });
      const got: FreshBoard = {
        clusters: page.clusters.map((c) => [c.id, c.name, c.mentions.length, c.documents]),
        mentions: page.mentions,
        firstDate: page.firstDate,
        lastDate: page.lastDate,
        sources: page.sources,
      };
      if (page.total !== want.clusters.length) out.push(`${layer}:${label} total ${page.total}, fresh ${want.clusters.length}`);
      try {
        assert.deepEqual(got, want);
      } catch {
        out.push(`${layer}:${label} board: ${JSON.stringify(got).slice(0, 400)} fresh ${JSON.stringify(want).slice(0, 400)}`);
      }
    }
  }
  return out;
}

/** A project of the sample corpus with claims, speakers and figures in two layers, some of them in clusters. */
async function seeded(path: string, seed: number) {
  const s = await seededProject(path, seed, ['Dana']);
  for (let i = 0; i < 30; i++) await refusedOrDone(() => s.h['links.create']({ fromId: s.pick(s.ids), toId: s.pick(s.ids), typeId: 1 }));
  return s;
}

test('the kept cluster rows and both boards equal a fresh computation after random sequences of every kind of write (migration 0009)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-cluster-boards-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const seed of [1, 2, 3]) {
    const { p, h, docs, rand, pick, layers, colleague } = await withColleague(dir, seed, seeded);
    // One service for the whole run: its kept totals must follow every write.
    const board = boards(p.db);
    const ids = () => p.db.prepare('SELECT id FROM annotations').pluck().all() as number[];
    const clustered = () => p.db.prepare('SELECT id FROM annotations WHERE cluster_id IS NOT NULL').pluck().all() as number[];
    const clusterIds = () => p.db.prepare('SELECT id FROM clusters').pluck().all() as number[];
    const deleted: Awaited<ReturnType<(typeof h)['annotations.delete']>>[] = [];
    const unlinked: { deleted: Link; clusterNames: ClusterName[] }[] = [];
    const ops: Record<string, () => Promise<unknown>> = {
      create: async () => {
        const start = Math.floor(rand() * 300);
        await refusedOrDone(() => p.annotations.create({ docId: pick(docs), labelId: 1 + Math.floor(rand() * 3), start, end: start + 2, annotatorId: pick(layers) }));
      },
      delete: async () => {
        const d = ids().length ? await refusedOrDone(() => h['annotations.delete']({ id: pick(rand() < 0.7 && clustered().length ? clustered() : ids()) })) : undefined;
        if (d) deleted.push(d);
      },
      'undo delete': async () => {
        const d = deleted.pop();
        if (d) await refusedOrDone(() => h['annotations.restore']({ annotation: d.deleted, links: d.links, clusterName: d.clusterName }));
      },
      relabel: async () => {
        const id = pick(rand() < 0.7 && clustered().length ? clustered() : ids());
        if (id) await refusedOrDone(() => h['annotations.update']({ id, labelId: 1 + Math.floor(rand() * 3) }));
      },
      link: async () => {
        const [a, b] = [pick(ids()), pick(ids())];
        if (a && b && a !== b) await refusedOrDone(() => h['links.create']({ fromId: a, toId: b, typeId: rand() < 0.8 ? 1 : 5 }));
      },
      unlink: async () => {
        const links = p.db.prepare('SELECT id FROM links').pluck().all() as number[];
        const d = links.length ? await refusedOrDone(() => h['links.delete']({ id: pick(links) })) : undefined;
        if (d) unlinked.push(d);
      },
      'undo unlink': async () => {
        const d = unlinked.pop();
        if (d) await refusedOrDone(() => h['links.restore']({ links: [d.deleted], clusterNames: d.clusterNames }));
      },
      rename: async () => {
        const id = pick(clusterIds());
        if (id) await h['clusters.rename']({ id, name: pick(['apple', 'Banana', 'cherry', 'Zed', 'alpha']) });
      },
      'merge clusters': async () => {
        const [a, b] = [pick(clusterIds()), pick(clusterIds())];
        if (a && b && a !== b) await refusedOrDone(() => h['clusters.merge']({ a, b }));
      },
      detach: async () => {
        const id = pick(clustered());
        if (id) await refusedOrDone(() => h['clusters.detach']({ annotationId: id }));
      },
      ...documentTrashSteps({ p, h, pick }),
      'edit date and source': async () => {
        const live = p.db.prepare('SELECT id FROM documents').pluck().all() as number[];
        const date = pick([null, '2019-03-01', '2021-07-15', '2015-01-01']);
        await h['documents.update']({ changes: [{ id: pick(live), date, source: rand() < 0.5 ? null : pick(['TASS', 'RT', 'BBC']) }] });
      },
    };
    for (let step = 0; step < 100; step++) {
      const name = pick(Object.keys(ops));
      await ops[name]();
      assert.deepEqual(problems(p.db, board, layers), [], `seed ${seed}, step ${step} (${name})`);
    }
    // A merge of another project of the same texts (the fast path copies its rows with INSERT … SELECT).
    const merged = join(dir, `m${seed}.crosscheck`);
    copyFileSync(colleague, merged);
    await h['project.merge']({ path: merged });
    const kim = p.annotators.list().find((a) => a.name === 'Kim');
    assert.ok(kim && p.db.prepare('SELECT 1 FROM clusters WHERE annotator_id = ?').get(kim.id), 'the merge brought clusters');
    assert.deepEqual(problems(p.db, board, [...layers, kim.id]), [], `seed ${seed}, after a merge`);
    p.close();
  }
});

test('accepting proposals into clusters keeps the cluster rows', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-cluster-boards-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { p, h, docs, layers } = await seeded(join(dir, 'p.crosscheck'), 7);
  const board = boards(p.db);
  const auto = p.annotators.ensure('auto', true);
  const a = p.annotations.create({ docId: docs[0], labelId: 1, start: 0, end: 5, annotatorId: auto });
  const b = p.annotations.create({ docId: docs[1], labelId: 1, start: 0, end: 5, annotatorId: auto });
  p.links.create(a.id, b.id, 1);
  await h['proposals.decide']({ ids: [a.id, b.id], decision: 'accept' });
  assert.deepEqual(problems(p.db, board, [...layers, auto]), []);
  p.close();
});

test('migration 0009 keeps what a project already holds, and a tie between labels goes to the earliest mention', (t) => {
  const db = new Database(':memory:');
  t.after(() => db.close());
  migrate(db, migrations.filter((m) => m.version < 9));
  db.exec(`
    INSERT INTO documents (id, title, date, source, hash, text, length, imported_at, done, done_at)
      VALUES (1, 'b', '2020-05-01', 'RT', 'h1', 'one two three', 13, 'x', 0, NULL), (2, 'A', '2020-01-01', 'AP', 'h2', 'four five', 9, 'x', 1, 'y');
    INSERT INTO clusters (id, name, created_at, annotator_id) VALUES (1, 'tied', 'x', 1), (2, 'claims', 'x', 1);
    INSERT INTO annotations (doc_id, label_id, start, end, text, created_at, updated_at, annotator_id, cluster_id)
      VALUES (1, 1, 0, 3, 'one', 'x', 'x', 1, 1), (2, 2, 0, 4, 'four', 'x', 'x', 1, 1),
             (1, 1, 4, 7, 'two', 'x', 'x', 1, 2), (1, 1, 8, 13, 'three', 'x', 'x', 1, 2), (2, 1, 5, 9, 'five', 'x', 'x', 1, 2);`);
  migrate(db);
  assert.deepEqual(
    db.prepare('SELECT cluster_id, label_id, mentions, documents FROM cluster_boards ORDER BY 1').raw().all(),
    [[1, 2, 2, 2], [2, 1, 3, 2]],
    'cluster 1 ties one claim and one speaker: the speaker is in the earlier document (2020-01-01)',
  );
  const board = boards(db as unknown as Db);
  assert.deepEqual(problems(db as unknown as Db, board, [1]), []);
  // The claim's document moves before the speaker's: the tie goes to the claim now.
  db.prepare("UPDATE documents SET date = '2019-01-01' WHERE id = 1").run();
  assert.equal(db.prepare('SELECT label_id FROM cluster_boards WHERE cluster_id = 1').pluck().get(), 1);
  assert.deepEqual(problems(db as unknown as Db, board, [1]), []);
});
