import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { dashboardRepo } from './dashboard.js';
import { annotatorsRepo } from './annotators.js';
import { AUTO_LAYER } from '../common/annotators.js';

const CLAIM = 1;
const SPEAKER = 2;
const FIGURE = 3;

/** Three documents (RT, TASS, no source), five spans; the first two done in one week, the third before dates were kept. */
function project() {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const text = 'Rudskoy said 60 civilians were killed in Mosul.';
  const doc = (title: string, source: string | null) =>
    docs.insert({ title, date: null, source, path: null, hash: title, text, length: text.length }, 'now');
  const rt = doc('rt', 'RT');
  const tass = doc('tass', 'TASS');
  const bare = doc('bare', null);
  const ann = annotationsRepo(db);
  const span = (docId: number, labelId: number, s: string) =>
    ann.create({ docId, labelId, start: text.indexOf(s), end: text.indexOf(s) + s.length });
  span(rt, CLAIM, '60 civilians were killed');
  span(rt, CLAIM, 'killed in Mosul');
  span(rt, FIGURE, '60 civilians');
  span(tass, CLAIM, '60 civilians were killed in Mosul');
  span(bare, SPEAKER, 'Rudskoy');
  return { db, docs, rt, tass, bare, repo: dashboardRepo(db) };
}

test('annotations per label: every label in order, with its spans and the documents that carry it', () => {
  const { repo } = project();
  assert.deepEqual(
    repo.byLabel().map((l) => [l.labelId, l.name, l.color, l.annotations, l.documents]),
    [
      [CLAIM, 'claim', '#e8a33d', 3, 2],
      [SPEAKER, 'speaker', '#3d8be8', 1, 1],
      [FIGURE, 'figure', '#2fae6b', 1, 1],
    ],
  );
});

test('annotations per source: most annotated first, no source last; an edited source moves its document', () => {
  const { repo, docs, bare } = project();
  assert.deepEqual(repo.bySource(), [
    { source: 'RT', documents: 1, annotations: 3 },
    { source: 'TASS', documents: 1, annotations: 1 },
    { source: null, documents: 1, annotations: 1 },
  ]);
  docs.setMeta({ ...docs.meta(bare), source: 'TASS' });
  assert.deepEqual(repo.bySource(), [
    { source: 'RT', documents: 1, annotations: 3 },
    { source: 'TASS', documents: 2, annotations: 2 },
  ]);
});

test('a source with documents but no spans still counts its documents', () => {
  const { db, repo } = project();
  const text = 'Nothing tagged here.';
  documentsRepo(db).insert({ title: 'x', date: null, source: 'AP', path: null, hash: 'x', text, length: text.length }, 'now');
  assert.deepEqual(repo.bySource().at(-1), { source: 'AP', documents: 1, annotations: 0 });
});

test('documents done over time: per UTC day or per Monday-to-Sunday week; done before dates were kept is undated', () => {
  const { db, docs, rt, tass, bare, repo } = project();
  docs.setDone(rt, true, '2026-11-23T08:00:00.000Z'); // a Monday
  docs.setDone(tass, true, '2026-11-29T23:30:00.000Z'); // the Sunday of that week
  docs.setDone(bare, true);
  // As a project upgraded from schema 4 has it: done, no date.
  db.prepare('UPDATE documents SET done_at = NULL WHERE id = ?').run(bare);

  assert.deepEqual(repo.totals(), { total: 3, done: 3, undated: 1, annotations: 5, first: '2026-11-23', last: '2026-11-29' });
  assert.deepEqual(repo.doneBuckets('day'), [
    { from: '2026-11-23', to: '2026-11-23', documents: 1 },
    { from: '2026-11-29', to: '2026-11-29', documents: 1 },
  ]);
  assert.deepEqual(repo.doneBuckets('week'), [{ from: '2026-11-23', to: '2026-11-29', documents: 2 }]);

  docs.setDone(tass, false);
  assert.deepEqual(repo.doneBuckets('week'), [{ from: '2026-11-23', to: '2026-11-29', documents: 1 }]);
  assert.equal(repo.totals().done, 2);
});

test('an empty project counts zeros, not nulls', () => {
  const db = openDatabase(':memory:');
  const repo = dashboardRepo(db);
  assert.deepEqual(repo.totals(), { total: 0, done: 0, undated: 0, annotations: 0, first: null, last: null });
  assert.deepEqual(repo.bySource(), []);
  assert.deepEqual(repo.doneBuckets('day'), []);
  assert.deepEqual(repo.byLabel().map((l) => l.annotations), [0, 0, 0]);
});

test('proposals (the auto layer) are left out of every count; other analysts\' spans are in', () => {
  const { db, rt, tass, bare, repo } = project();
  const ann = annotationsRepo(db);
  const layers = annotatorsRepo(db);
  const auto = layers.ensure(AUTO_LAYER, true);
  const text = 'Rudskoy said 60 civilians were killed in Mosul.';
  const at = (docId: number, labelId: number, s: string, annotatorId: number) =>
    ann.create({ docId, labelId, start: text.indexOf(s), end: text.indexOf(s) + s.length, annotatorId });
  // A pre-annotation run: speakers and figures everywhere, a claim on the bare document.
  for (const docId of [rt, tass, bare]) at(docId, FIGURE, '60 civilians', auto);
  at(rt, SPEAKER, 'Rudskoy', auto);
  at(tass, SPEAKER, 'Rudskoy', auto);
  at(bare, CLAIM, '60 civilians were killed', auto);
  // Another analyst tags the TASS speaker.
  at(tass, SPEAKER, 'Rudskoy', layers.ensure('maria'));

  assert.deepEqual(
    repo.byLabel().map((l) => [l.name, l.annotations, l.documents]),
    [['claim', 3, 2], ['speaker', 2, 2], ['figure', 1, 1]],
  );
  assert.deepEqual(repo.bySource(), [
    { source: 'RT', documents: 1, annotations: 3 },
    { source: 'TASS', documents: 1, annotations: 2 },
    { source: null, documents: 1, annotations: 1 },
  ]);
  assert.equal(repo.totals().annotations, 6);
});
