import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../services/project.js';
import { mergeSourceReader, mergeTargetWrites } from './merge-source.js';

function sample() {
  const p = openProject(':memory:');
  const text = 'The mayor denied it.';
  const doc = p.documents.insert({ title: 'T', date: null, source: null, path: null, hash: 'h', text, length: text.length }, '2026-01-01T00:00:00.000Z');
  const labelId = p.labels.list()[0].id;
  p.annotations.create({ docId: doc, labelId, start: 4, end: 9 });
  return { p, doc, labelId };
}

test('the source reader gives documents, their spans in text order, and finds rows naming what does not exist', () => {
  const { p, doc } = sample();
  const r = mergeSourceReader(p.db);
  assert.deepEqual(r.documentIds(), [doc]);
  assert.equal(r.document(doc).text, 'The mayor denied it.');
  assert.deepEqual(r.spans(doc).map((s) => [s.start, s.end, s.text]), [[4, 9, 'mayor']]);
  assert.deepEqual(r.damage(), []);
  assert.deepEqual(r.brokenReferences(), []);
  p.db.pragma('foreign_keys = OFF');
  p.db.prepare('UPDATE annotations SET label_id = 999').run();
  assert.deepEqual(r.brokenReferences().map((b) => [b.table, b.parent]), [['annotations', 'labels']]);
  p.close();
});

test('an annotator the merge left empty is removed; one holding spans, or the current one, stays', () => {
  const { p } = sample();
  const w = mergeTargetWrites(p.db);
  const empty = p.annotators.ensure('nobody');
  assert.equal(w.dropEmptyAnnotator(empty), true);
  assert.equal(p.annotators.idByName('nobody'), undefined);
  assert.equal(w.dropEmptyAnnotator(p.annotators.currentId()), false, 'the current annotator (with a span) stays');
  p.annotators.choose('Dana');
  assert.equal(w.dropEmptyAnnotator(p.annotators.currentId()), false, 'the current annotator stays even when empty');
  p.close();
});

test('a document the merge added takes the url and done state of the source', () => {
  const { p, doc } = sample();
  mergeTargetWrites(p.db).setDocumentState(doc, 'https://example.org/a', true, '2026-02-01T10:00:00.000Z');
  const s = p.documents.summary(doc);
  assert.deepEqual([s.url, s.done, s.doneAt], ['https://example.org/a', true, '2026-02-01T10:00:00.000Z']);
  p.close();
});

test('the source reader gives every span in one read, by document and then in text order, as the per-document read does', () => {
  const { p, doc, labelId } = sample();
  const text = 'A second text, with words.';
  const other = p.documents.insert({ title: 'U', date: null, source: null, path: null, hash: 'h2', text, length: text.length }, '2026-01-01T00:00:00.000Z');
  p.annotations.create({ docId: other, labelId, start: 9, end: 13 });
  p.annotations.create({ docId: other, labelId, start: 2, end: 8 });
  p.annotations.create({ docId: doc, labelId, start: 0, end: 3 });
  const r = mergeSourceReader(p.db);
  const all = r.allSpans();
  assert.deepEqual(all, [...r.spans(doc), ...r.spans(other)]);
  assert.deepEqual(all.map((s) => s.text), ['The', 'mayor', 'second', 'text']);
  p.close();
});
