import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../services/project.js';
import { mergeWrites, spanKey } from './merge-writes.js';

function sample() {
  const p = openProject(':memory:');
  const text = 'The mayor denied it.';
  const doc = p.documents.insert({ title: 'T', date: null, source: null, path: null, hash: 'h', text, length: text.length }, '2026-01-01T00:00:00.000Z');
  const labelId = p.labels.list()[0].id;
  const mine = p.annotations.create({ docId: doc, labelId, start: 4, end: 9 });
  return { p, doc, labelId, mine };
}

test("a layer's spans in a document are found by label and offsets; a layer without any there finds none", () => {
  const { p, doc, labelId, mine } = sample();
  const w = mergeWrites(p.db);
  assert.deepEqual([...w.layerSpans(doc, mine.annotatorId)], [[spanKey(labelId, 4, 9), mine.id]]);
  assert.equal(w.layerSpans(doc, p.annotators.ensure('bob')).size, 0);
  p.close();
});

test('queued spans and links are written with the ids given them, in one layer, when flushed', () => {
  const { p, doc, labelId } = sample();
  const bob = p.annotators.ensure('bob');
  const sameAs = p.links.types().find((t) => t.transitive)!.id;
  const w = mergeWrites(p.db);
  const first = w.nextSpanId();
  const at = '2026-02-02T00:00:00.000Z';
  // More than one statement's worth (256 rows), so both the full and the last, shorter batch are written.
  const n = 300;
  for (let k = 0; k < n; k++) w.addSpan({ id: first + k, docId: doc, labelId, start: 4, end: 9 + (k % 2), text: k % 2 ? 'mayor ' : 'mayor', note: `n${k}`, attributes: '{"role":"x"}', at, annotatorId: bob });
  const link = w.nextLinkId();
  w.addLink({ id: link, fromId: first, toId: first + 1, typeId: sameAs, at, annotatorId: bob });
  w.flush();
  assert.equal(p.annotations.count(), n + 1);
  const last = p.annotations.get(first + n - 1);
  assert.deepEqual([last.note, last.attributes, last.annotatorId, last.createdAt], [`n${n - 1}`, { role: 'x' }, bob, at]);
  assert.deepEqual(p.links.get(link).fromId, first);
  assert.equal(p.links.get(link).annotatorId, bob);
  assert.equal(w.nextSpanId(), first + n);
  p.close();
});

test('ids are never reused: the next id is past the highest ever given, even after that row was deleted', () => {
  const { p, mine } = sample();
  const w = mergeWrites(p.db);
  assert.equal(w.nextSpanId(), mine.id + 1);
  p.annotations.delete(mine.id);
  assert.equal(w.nextSpanId(), mine.id + 1);
  assert.equal(w.nextLinkId(), 1);
  p.close();
});

test('a queued span naming a document the project does not hold is refused when written', () => {
  const { p, labelId } = sample();
  const w = mergeWrites(p.db);
  w.addSpan({ id: w.nextSpanId(), docId: 999, labelId, start: 0, end: 1, text: 'x', note: '', attributes: '{}', at: 'now', annotatorId: 1 });
  assert.throws(() => w.flush(), /FOREIGN KEY/);
  p.close();
});
