import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandOf, formatScore, measuresOf, meanOf } from '../../../renderer/features/agreement/measures';
import { buildMatrix } from '../../../renderer/features/agreement/matrix';
import { labelFigures } from '../../../renderer/features/agreement/labelFigures';
import { documentRows } from '../../../renderer/features/agreement/documentRows';
import { comparableAnnotators, controlsProblem, defaultAnnotators, reportArgs } from '../../../renderer/features/agreement/query';
import { reportFileName, reportJson } from '../../../renderer/features/agreement/reportFiles';
import { fakeBackend } from '../../app/fakeBackend';
import { annotatorsFixture, reportFixture } from './fixture';
import type { AgreementReport } from '../../../common/agreement';

const measure = (id: string) => measuresOf(reportFixture).find((m) => m.id === id)!;

test('the measure picker lists span, cluster and per-link-type measures, in that order', () => {
  assert.deepEqual(
    measuresOf(reportFixture).map((m) => m.id),
    ['exact', 'overlap', 'kappa', 'conll', 'muc', 'b3', 'ceafe', 'blanc', 'link:said-by'],
  );
  const anaBen = reportFixture.pairs[0];
  assert.equal(measure('exact').of(anaBen), 0.6667);
  assert.equal(measure('kappa').of(anaBen), 0.7);
  assert.equal(measure('conll').of(anaBen), 0.55);
  assert.equal(measure('link:said-by').of(anaBen), 0.5);
});

test('figures are written with two decimals, a true minus sign for negative κ, and a dash for 0/0', () => {
  assert.equal(formatScore(0.8), '0.80');
  assert.equal(formatScore(1), '1.00');
  assert.equal(formatScore(-0.1), '−0.10');
  assert.equal(formatScore(-0.001), '0.00');
  assert.equal(formatScore(null), '—');
  assert.equal(formatScore(Number.NaN), '—');
});

test('colour bands run from 0 (below 0.2, negative included) to 4 (0.8 and up); 0/0 has no band', () => {
  assert.deepEqual([-0.4, 0, 0.19, 0.2, 0.5, 0.79, 0.8, 1].map(bandOf), [0, 0, 0, 1, 2, 3, 4, 4]);
  assert.equal(bandOf(null), null);
});

test('the matrix writes the pair figure in both halves and leaves the diagonal empty', () => {
  const m = buildMatrix(reportFixture, measure('overlap'));
  assert.deepEqual(m.names, ['ana', 'ben', 'cleo']);
  const [ana, ben] = m.rows;
  assert.equal(ana[0].self, true);
  assert.equal(ana[0].text, '');
  assert.equal(ana[0].pair, null);
  assert.equal(ana[1].text, '0.80');
  assert.equal(ben[0].text, '0.80');
  assert.deepEqual(ben[0].pair, { a: 'ana', b: 'ben' }, 'the lower half opens the same pair, as the report names it');
  assert.equal(ana[1].band, 4);
  assert.equal(ana[1].title, 'ana × ben: Overlap span F1 0.80 over 3 documents. Show their disagreements');
  assert.equal(m.rows[2][1].text, '0.33');
});

test('a 0/0 cell shows a dash, no colour, and a title saying why', () => {
  const m = buildMatrix(reportFixture, measure('link:said-by'));
  const cell = m.rows[0][2];
  assert.deepEqual([cell.text, cell.band, cell.value], ['—', null, null]);
  assert.match(cell.title, /^ana × cleo: said-by link F1 cannot be computed: no said-by links on either side \(0\/0\)/);
});

test('a pair with no document annotated by both is a dash that says so', () => {
  const report: AgreementReport = { ...reportFixture, pairs: reportFixture.pairs.filter((p) => p.b !== 'cleo') };
  const cell = buildMatrix(report, measure('overlap')).rows[2][0];
  assert.equal(cell.text, '—');
  assert.equal(cell.title, 'cleo × ana: no document annotated by both');
  assert.deepEqual(cell.pair, { a: 'ana', b: 'cleo' });
});

test('per-label figures: one pair as the report has them, or the mean over the pairs that have each figure; α over all', () => {
  const pair = labelFigures(reportFixture, { a: 'ana', b: 'cleo' });
  assert.deepEqual(pair, [
    { label: 'claim', exactF1: 0.25, overlapF1: 0.5, kappa: 0.3, alpha: 0.41 },
    { label: 'speaker', exactF1: null, overlapF1: null, kappa: null, alpha: null },
  ]);
  const mean = labelFigures(reportFixture, null);
  // speaker: ana×ben 1, ana×cleo null (left out), ben×cleo 0 → 0.5.
  assert.equal(mean[1].exactF1, 0.5);
  assert.ok(Math.abs(mean[0].overlapF1! - (0.75 + 0.5 + 0.4) / 3) < 1e-12);
  assert.equal(meanOf([null, undefined]), null);
});

test('documents are listed most disagreement first; for all pairs with the report\'s own disagreement', () => {
  const rows = documentRows(reportFixture, null);
  assert.deepEqual(rows.map((r) => [r.docId, r.disagreement]), [[2, 0.6833], [1, 0.25], [3, 0.1]]);
  assert.deepEqual(rows[0].annotators, ['ana', 'ben', 'cleo']);
  assert.equal(rows[2].alpha, 0.8);
});

test('a pair keeps only the documents both annotated, sorted by 1 − the mean of their exact and overlap F1 there', () => {
  const anaBen = documentRows(reportFixture, { a: 'ana', b: 'ben' });
  assert.deepEqual(anaBen.map((r) => [r.docId, Math.round(r.disagreement * 1e6) / 1e6]), [[2, 0.5], [3, 0.25], [1, 0]]);
  assert.deepEqual(anaBen[0].annotators, ['ana', 'ben']);
  const anaCleo = documentRows(reportFixture, { a: 'ana', b: 'cleo' });
  assert.deepEqual(anaCleo.map((r) => r.docId), [2, 1], 'cleo has no spans in document 3');
  assert.deepEqual(anaCleo.map((r) => r.overlapF1), [0.25, 0.75]);
});

test('equal disagreement keeps a stable order: by title, then id', () => {
  const base = reportFixture.perDocument![2];
  const report: AgreementReport = { ...reportFixture, perDocument: [{ ...base, docId: 9, title: 'b' }, { ...base, docId: 8, title: 'a' }, { ...base, docId: 7, title: 'a' }] };
  assert.deepEqual(documentRows(report, null).map((r) => r.docId), [7, 8, 9]);
});

test('a report without per-document figures gives an empty table', () => {
  assert.deepEqual(documentRows({ ...reportFixture, perDocument: undefined }, null), []);
});

test('by default every layer with spans is compared except auto and gold (copied from the others, it would raise the figures); gold can be ticked', () => {
  assert.deepEqual(defaultAnnotators(annotatorsFixture), ['ana', 'ben', 'cleo']);
  const withGold = annotatorsFixture.map((a) => (a.name === 'gold' ? { ...a, spans: 3, documents: 1 } : a));
  assert.deepEqual(defaultAnnotators(withGold), ['ana', 'ben', 'cleo'], 'a new user saw alpha rise from 0.746 to 0.843 once gold was compared');
  assert.ok(comparableAnnotators(withGold).some((a) => a.name === 'gold'), 'gold is offered');
});

test('the controls become agreement.report arguments: empty labels and query left out, per-document always asked', () => {
  assert.deepEqual(reportArgs({ annotators: ['ana', 'ben'], labels: [], done: false, query: '  ' }), { annotators: ['ana', 'ben'], perDocument: true });
  assert.deepEqual(reportArgs({ annotators: ['ana', 'ben'], labels: ['claim'], done: true, query: ' Mosul ' }), {
    annotators: ['ana', 'ben'],
    labels: ['claim'],
    query: 'Mosul',
    done: true,
    perDocument: true,
  });
  assert.equal(controlsProblem({ annotators: ['ana'], labels: [], done: false, query: '' }), 'Pick at least two annotators to compare.');
  assert.equal(controlsProblem({ annotators: ['ana', 'ben'], labels: [], done: false, query: '' }), null);
});

test('the JSON download is the report itself; file names carry the annotators and the day', () => {
  assert.deepEqual(JSON.parse(reportJson(reportFixture)), reportFixture);
  const day = new Date(2026, 2, 5);
  assert.equal(reportFileName(reportFixture, 'json', day), 'agreement-ana-ben-cleo-2026-03-05.json');
  assert.equal(reportFileName({ ...reportFixture, annotators: ['Zoë K.', 'ben/2'] }, 'csv', day), 'agreement-Zoë_K_-ben_2-2026-03-05.csv');
});

test('the view\'s first call, over the default layers, gives a matrix of exactly those annotators', async () => {
  const backend = fakeBackend();
  const args = reportArgs({ annotators: ['ana', 'ben'], labels: [], done: false, query: '' });
  const report = await backend.call('agreement.report', args);
  assert.deepEqual(backend.calls.at(-1), ['agreement.report', { annotators: ['ana', 'ben'], perDocument: true }]);
  const m = buildMatrix(report, measuresOf(report).find((x) => x.id === 'overlap')!);
  assert.deepEqual(m.names, ['ana', 'ben']);
  assert.equal(m.rows[0][1].text, '0.80');
  assert.deepEqual(documentRows(report, { a: 'ana', b: 'ben' })[0].docId, 2);
});
