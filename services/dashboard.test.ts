import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from './project.js';
import { dashboard } from './dashboard.js';
import { boards } from './boards.js';
import { AUTO_LAYER } from '../common/annotators.js';

const CLAIM = 1;
const SPEAKER = 2;
const FIGURE = 3;
const SAME_AS = 1;

/**
 * Four outlets retell one claim with figures (RT and AP say 60, TASS says 200: two disagreeing pairs), two smaller
 * claim clusters without figures, and a speaker cluster the claim charts must leave out.
 */
function project() {
  const p = openProject(':memory:');
  const texts = {
    RT: 'RT: 60 civilians were killed in Mosul. The pier was hit. Rudskoy spoke.',
    TASS: 'TASS: 200 civilians were killed in Mosul. The pier was hit. Rutskoy spoke.',
    AP: 'AP: 60 civilians died in Mosul. The bridge fell. Aid was sent.',
    BBC: 'BBC: The bridge fell. Aid was sent.',
  };
  const ids: Record<string, number> = {};
  for (const [source, text] of Object.entries(texts)) {
    ids[source] = p.documents.insert({ title: source, date: null, source, path: null, hash: source, text, length: text.length }, 'now');
  }
  const span = (source: keyof typeof texts, labelId: number, s: string) => {
    const at = texts[source].indexOf(s);
    assert.ok(at >= 0, s);
    return p.annotations.create({ docId: ids[source], labelId, start: at, end: at + s.length }).id;
  };
  const same = (a: number, b: number) => p.links.create(a, b, SAME_AS);

  const killedRT = span('RT', CLAIM, '60 civilians were killed in Mosul');
  const killedTASS = span('TASS', CLAIM, '200 civilians were killed in Mosul');
  const killedAP = span('AP', CLAIM, '60 civilians died in Mosul');
  span('RT', FIGURE, '60 civilians');
  span('TASS', FIGURE, '200 civilians');
  span('AP', FIGURE, '60 civilians');
  same(killedRT, killedTASS);
  same(killedTASS, killedAP);
  same(span('RT', CLAIM, 'The pier was hit'), span('TASS', CLAIM, 'The pier was hit'));
  same(span('AP', CLAIM, 'The bridge fell'), span('BBC', CLAIM, 'The bridge fell'));
  same(span('RT', SPEAKER, 'Rudskoy'), span('TASS', SPEAKER, 'Rutskoy'));
  const killed = p.annotations.get(killedRT).clusterId!;
  return { p, killed };
}

test('claims per cluster size: the claims board\'s clusters only (speaker clusters left out)', () => {
  const { p } = project();
  assert.deepEqual(dashboard(p.db).get().clusterSizes, [
    { size: 2, clusters: 2, claims: 4 },
    { size: 3, clusters: 1, claims: 3 },
  ]);
});

test('figures in conflict: the clusters whose figures disagree, with the pairs the claims board flags', () => {
  const { p, killed } = project();
  const d = dashboard(p.db).get();
  const onBoard = boards(p.db).page('claim', null, { offset: 0, limit: 50 }).clusters.find((c) => c.id === killed)!;
  assert.equal(onBoard.conflicts.length, 2); // 60 vs 200, twice; RT and AP agree
  assert.deepEqual(d.conflicts, {
    withFigures: 1,
    total: 1,
    clusters: [{ clusterId: killed, name: onBoard.name, pairs: 2, figures: 3 }],
  });
});

test('the whole dashboard of a small project: totals, labels, sources, done', () => {
  const { p } = project();
  p.documents.setDone(1, true, '2026-01-05T10:00:00.000Z');
  p.documents.setDone(2, true, '2026-06-01T10:00:00.000Z');
  const d = dashboard(p.db).get();
  assert.deepEqual(d.documents, { total: 4, done: 2 });
  assert.equal(d.annotations, 12);
  assert.deepEqual(d.byLabel.map((l) => [l.name, l.annotations, l.documents]), [['claim', 7, 4], ['speaker', 2, 2], ['figure', 3, 3]]);
  assert.deepEqual(d.bySource.map((s) => [s.source, s.annotations]), [['RT', 4], ['TASS', 4], ['AP', 3], ['BBC', 1]]);
  // Five months apart: counted by week (Monday to Sunday).
  assert.deepEqual(d.done, {
    unit: 'week',
    undated: 0,
    buckets: [
      { from: '2026-01-05', to: '2026-01-11', documents: 1 },
      { from: '2026-06-01', to: '2026-06-07', documents: 1 },
    ],
  });
});

test('after a pre-annotation run the dashboard counts what the analysts annotated, not the proposals', () => {
  const { p } = project();
  const before = dashboard(p.db).get();
  const auto = p.annotators.ensure(AUTO_LAYER, true);
  // A figure proposed in every document (BBC had none), a speaker in AP.
  for (const doc of p.documents.list('imported', 'asc', 0, 10).items) {
    p.annotations.create({ docId: doc.id, labelId: FIGURE, start: 0, end: 2, annotatorId: auto });
  }
  p.annotations.create({ docId: 3, labelId: SPEAKER, start: 0, end: 2, annotatorId: auto });
  const after = dashboard(p.db).get();
  assert.equal(after.annotations, 12);
  assert.deepEqual(after.byLabel, before.byLabel);
  assert.deepEqual(after.bySource, before.bySource);
  assert.deepEqual(after.clusterSizes, before.clusterSizes);
});

test('done dates within a few weeks are counted by day', () => {
  const { p } = project();
  p.documents.setDone(1, true, '2026-01-05T10:00:00.000Z');
  p.documents.setDone(2, true, '2026-01-20T10:00:00.000Z');
  const d = dashboard(p.db).get();
  assert.equal(d.done.unit, 'day');
  assert.deepEqual(d.done.buckets.map((b) => b.from), ['2026-01-05', '2026-01-20']);
});
