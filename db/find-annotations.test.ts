import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { findAnnotationIds } from './find-annotations.js';

const TEXT = 'Rudskoy said 60% of 100_000 were hit. Konashenkov denied it.';

function project() {
  const db = openDatabase(':memory:');
  const docId = documentsRepo(db).insert({ title: 'Mosul brief', date: null, source: null, path: null, hash: 'h', text: TEXT, length: TEXT.length }, 'now');
  const span = (s: string, labelId: number) => annotationsRepo(db).create({ docId, labelId, start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length }).id;
  return { db, rudskoy: span('Rudskoy', 2), figure: span('60% of 100_000', 3), konashenkov: span('Konashenkov', 2) };
}

test('every word must match the text, label, document title or cluster name; newest first', () => {
  const { db, rudskoy, figure, konashenkov } = project();
  assert.deepEqual(findAnnotationIds(db, '', { limit: 10 }), [konashenkov, figure, rudskoy]);
  assert.deepEqual(findAnnotationIds(db, 'rud', { limit: 10 }), [rudskoy]);
  assert.deepEqual(findAnnotationIds(db, 'speaker mosul', { limit: 10 }), [konashenkov, rudskoy], 'label and title');
  assert.deepEqual(findAnnotationIds(db, 'speaker nowhere', { limit: 10 }), []);
  linksRepo(db).create(rudskoy, konashenkov, 1);
  const cluster = annotationsRepo(db).get(rudskoy).clusterId!;
  linksRepo(db).clusters.rename(cluster, 'MoD spokesmen');
  assert.deepEqual(findAnnotationIds(db, 'spokesmen', { limit: 10 }), [konashenkov, rudskoy], 'cluster name');
  db.close();
});

test('% and _ are matched literally; label, excluded id and limit narrow the list', () => {
  const { db, rudskoy, figure, konashenkov } = project();
  assert.deepEqual(findAnnotationIds(db, '60%', { limit: 10 }), [figure]);
  assert.deepEqual(findAnnotationIds(db, '100_000', { limit: 10 }), [figure]);
  assert.deepEqual(findAnnotationIds(db, 'R_dskoy', { limit: 10 }), [], 'the underscore is not a wildcard');
  assert.deepEqual(findAnnotationIds(db, '', { labelId: 2, excludeId: konashenkov, limit: 10 }), [rudskoy]);
  assert.deepEqual(findAnnotationIds(db, '', { limit: 1 }), [konashenkov]);
  db.close();
});

test('a word typed again (in any ASCII case) is tested once: the first eight different words all count', () => {
  const { db, rudskoy } = project();
  // Nine words, eight of them the same: "konashenkov" still has to match, so nothing does.
  assert.deepEqual(findAnnotationIds(db, `${'rud RUD '.repeat(4)}konashenkov`, { limit: 10 }), []);
  assert.deepEqual(findAnnotationIds(db, `${'rud RUD '.repeat(4)}speaker`, { limit: 10 }), [rudskoy]);
  db.close();
});
