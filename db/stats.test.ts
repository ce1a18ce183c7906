import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../services/project.js';
import { statsRepo } from './stats.js';
import { AUTO_LAYER } from '../common/annotators.js';

const SAID_BY = 'said-by';

/** Two documents: the analyst's claim and speaker linked `said-by`, and the same pair proposed (with its link) in `auto`. */
function project() {
  const p = openProject(':memory:');
  const text = 'Rudskoy said 60 civilians were killed.';
  const ids = ['one', 'two'].map((title) => p.documents.insert({ title, date: null, source: null, path: null, hash: title, text, length: text.length }, 'now'));
  const labels = new Map(p.labels.list().map((l) => [l.name, l.id]));
  const saidBy = p.links.types().find((t) => t.name === SAID_BY)!.id;
  return { p, ids, labels, saidBy };
}

test('stats count documents, annotations per label, links and clusters of every layer but auto', () => {
  const { p, ids, labels, saidBy } = project();
  const span = (docId: number, label: string, start: number, end: number, annotatorId?: number) =>
    p.annotations.create({ docId, labelId: labels.get(label)!, start, end, annotatorId }).id;
  const claim = span(ids[0], 'claim', 13, 37);
  const speaker = span(ids[0], 'speaker', 0, 7);
  const other = p.annotators.ensure('maria');
  span(ids[1], 'figure', 13, 25, other);
  const before = statsRepo(p.db).get();

  const auto = p.annotators.ensure(AUTO_LAYER, true);
  for (const docId of ids) {
    const c = span(docId, 'claim', 13, 37, auto);
    const s = span(docId, 'speaker', 0, 7, auto);
    span(docId, 'figure', 13, 25, auto);
    // As a run writes them: a `said-by` link of the auto layer between two proposals.
    p.db.prepare("INSERT INTO links (from_id, to_id, type_id, created_at, annotator_id) VALUES (?, ?, ?, 'now', ?)").run(c, s, saidBy, auto);
  }
  p.links.create(claim, speaker, saidBy);

  const stats = statsRepo(p.db).get();
  assert.deepEqual(before, { documents: 2, annotations: 3, byLabel: { claim: 1, speaker: 1, figure: 1 }, links: 0, clusters: 0 });
  assert.deepEqual(stats, { ...before, links: 1 });
  assert.equal(p.links.count(), 3, 'the auto links are there, only not counted');
  assert.deepEqual(Object.keys(stats.byLabel), ['claim', 'speaker', 'figure']);
});

test('a project without an auto layer counts every span', () => {
  const { p, ids, labels } = project();
  p.annotations.create({ docId: ids[1], labelId: labels.get('figure')!, start: 13, end: 25 });
  assert.equal(p.annotators.idByName(AUTO_LAYER), undefined);
  assert.deepEqual(statsRepo(p.db).get().byLabel, { claim: 0, speaker: 0, figure: 1 });
});
