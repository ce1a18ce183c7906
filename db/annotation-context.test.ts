import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { annotationContextRepo, CONTEXT_WINDOW } from './annotation-context.js';
import { sliceCp } from '../common/offsets.js';

// Astral characters before the span: the window's offsets must count code points, as SQLite's substr does.
const TEXT = `${'😀 word '.repeat(200)}Sergey Rudskoy said so.${' tail'.repeat(200)}`;
const START = Array.from(TEXT).length - ' tail'.length * 200 - 'Sergey Rudskoy said so.'.length;

function project() {
  const db = openDatabase(':memory:');
  const docId = documentsRepo(db).insert({ title: 'T', date: '2017-01-02', source: 'RT', path: null, hash: 'h', text: TEXT, length: Array.from(TEXT).length }, 'now');
  const a = annotationsRepo(db).create({ docId, labelId: 2, start: START, end: START + 14 });
  return { db, docId, a };
}

test('an annotation comes with its label, document and the text CONTEXT_WINDOW code points either side', () => {
  const { db, a } = project();
  const [got, ...rest] = annotationContextRepo(db).annotations([a.id, 12345]);
  assert.equal(rest.length, 0, 'unknown ids are left out');
  assert.deepEqual(
    { ...got, window: undefined },
    { annotation: a, label: 'speaker', docTitle: 'T', docDate: '2017-01-02', docSource: 'RT', clusterName: null, window: undefined },
  );
  assert.equal(got.window.start, START - CONTEXT_WINDOW);
  assert.equal(got.window.text, sliceCp(TEXT, START - CONTEXT_WINDOW, START + 14 + CONTEXT_WINDOW));
  assert.deepEqual(annotationContextRepo(db).annotations([]), []);
  db.close();
});

test('a passage window starts at 0 near the beginning and is null for a missing document', () => {
  const { db, docId } = project();
  const p = annotationContextRepo(db).passage(docId, 2, 6);
  assert.deepEqual(p, { docTitle: 'T', docDate: '2017-01-02', docSource: 'RT', window: { start: 0, text: sliceCp(TEXT, 0, 6 + CONTEXT_WINDOW) } });
  assert.equal(annotationContextRepo(db).passage(docId + 1, 0, 1), null);
  db.close();
});
