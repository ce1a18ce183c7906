import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dashboard } from '../../common/dashboard';
import { dashboardCharts, fit, MAX_SOURCE_BARS, shortDate, withEmptyBuckets, type Chart } from '../../renderer/features/dashboard/shape';

const data: Dashboard = {
  documents: { total: 5, done: 3 },
  annotations: 9,
  byLabel: [
    { labelId: 1, name: 'claim', color: '#e8a33d', annotations: 6, documents: 4 },
    { labelId: 3, name: 'figure', color: '#2fae6b', annotations: 1, documents: 1 },
  ],
  bySource: [
    { source: 'RT', documents: 2, annotations: 5 },
    { source: null, documents: 1, annotations: 4 },
  ],
  done: { unit: 'week', buckets: [{ from: '2026-11-23', to: '2026-11-29', documents: 2 }], undated: 1 },
  clusterSizes: [{ size: 3, clusters: 2, claims: 6 }],
  conflicts: { withFigures: 2, total: 1, clusters: [{ clusterId: 7, name: 'Mosul toll', pairs: 2, figures: 3 }] },
};

const chart = (id: Chart['id']) => dashboardCharts(data).find((c) => c.id === id)!;

test('a label bar carries the label colour and opens the documents with that label', () => {
  const [claim] = chart('labels').bars;
  assert.deepEqual([claim.label, claim.value, claim.color, claim.detail], ['claim', 6, '#e8a33d', 'in 4 documents']);
  assert.deepEqual(claim.target, { kind: 'documents', filter: { labelId: 1 } });
  assert.equal(claim.name, 'claim: 6 annotations in 4 documents. Show those documents');
});

test('a source bar filters by that source; documents without a source are shown but lead nowhere', () => {
  const [rt, none] = chart('sources').bars;
  assert.deepEqual(rt.target, { kind: 'documents', filter: { source: 'RT' } });
  assert.equal(none.label, 'No source');
  assert.equal(none.target, null);
  assert.equal(none.value, 4);
});

test('a project with a source per file shows the 30 most annotated sources as bars and sums the rest in a note (a tester: 10,018 bars)', () => {
  const many = Array.from({ length: 10_018 }, (_, i) => ({ source: `article-${String(i).padStart(6, '0')}`, documents: 1, annotations: i < 40 ? 2 : 0 }));
  const c = dashboardCharts({ ...data, bySource: many }).find((x) => x.id === 'sources')!;
  assert.equal(c.bars.length, MAX_SOURCE_BARS);
  assert.deepEqual(c.bars.map((b) => b.label).slice(0, 2), ['article-000000', 'article-000001']);
  assert.equal(c.note, "The 30 sources with the most annotations; 9,988 more sources hold 20 annotations in 9,988 documents (the document list's Source filter finds each).");
  assert.equal(chart('sources').note, '', 'a few sources: every one a bar, no note');
});

test('done over time: week labels, the done documents as target, and the undated ones in the note', () => {
  const c = chart('done');
  assert.equal(c.title, 'Documents done per week');
  assert.equal(c.bars[0].label, '23 Nov–29 Nov');
  assert.equal(c.bars[0].detail, '2026-11-23 to 2026-11-29');
  assert.deepEqual(c.bars[0].target, { kind: 'documents', filter: { done: true, doneFrom: '2026-11-23', doneTo: '2026-11-29' } });
  assert.equal(c.note, '3 documents of 5 done. 1 document done, date unknown (marked before dates were kept).');
});

test('cluster sizes open the claims board; a conflict opens its own cluster', () => {
  const [size] = chart('sizes').bars;
  assert.deepEqual([size.label, size.value, size.detail], ['3 claims', 2, '6 claims in all']);
  assert.deepEqual(size.target, { kind: 'claims' });
  const c = chart('conflicts');
  assert.deepEqual(c.bars[0].target, { kind: 'claims', clusterId: 7 });
  assert.equal(c.note, 'Claim clusters citing figures: 2; with figures that disagree: 1.');
});

test('empty charts say why they are empty', () => {
  const empty: Dashboard = { ...data, byLabel: [], bySource: [], done: { unit: 'day', buckets: [], undated: 0 }, clusterSizes: [], conflicts: { withFigures: 1, total: 0, clusters: [] } };
  const charts = dashboardCharts(empty);
  assert.ok(charts.every((c) => c.bars.length === 0 && c.empty.length > 0));
  assert.equal(charts.find((c) => c.id === 'conflicts')!.empty, 'Every claim cluster’s figures agree.');
});

test('axis text is cut to its room by whole characters; dates read short', () => {
  assert.equal(fit('Mosul', 100), 'Mosul');
  assert.equal(fit('Ministry of Defence of the Russian Federation', 70), 'Ministry …');
  assert.equal(fit('😀😀😀😀😀😀😀😀😀😀😀😀', 42), '😀😀😀😀😀…');
  assert.equal(shortDate('2026-01-05'), '5 Jan');
  assert.equal(shortDate('not a date'), 'not a date');
});

test('idle days and weeks between done buckets show as empty bars, so the axis keeps time (hostile tester)', () => {
  const weeks = withEmptyBuckets(
    [
      { from: '2016-02-22', to: '2016-02-28', documents: 3 },
      { from: '2016-03-14', to: '2016-03-20', documents: 1 },
    ],
    7,
  );
  assert.deepEqual(
    weeks.map((b) => [b.from, b.to, b.documents]),
    [
      ['2016-02-22', '2016-02-28', 3],
      ['2016-02-29', '2016-03-06', 0],
      ['2016-03-07', '2016-03-13', 0],
      ['2016-03-14', '2016-03-20', 1],
    ],
  );
  const days = withEmptyBuckets(
    [
      { from: '2016-12-30', to: '2016-12-30', documents: 2 },
      { from: '2017-01-02', to: '2017-01-02', documents: 1 },
    ],
    1,
  );
  assert.deepEqual(days.map((b) => b.from), ['2016-12-30', '2016-12-31', '2017-01-01', '2017-01-02']);
  assert.deepEqual(withEmptyBuckets([], 1), []);
});
