import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { clustersRepo } from './clusters.js';
import { exportsRepo } from './exports.js';

const TEXTS = ['Rudskoy said sixty were killed.', 'Konashenkov said 60 died.', 'Nothing here but Rudskoy.'];
const CLAIM = 1;
const SPEAKER = 2;
const SAME_AS = 1;

/** Three documents; a claim cluster across the first two, a speaker cluster in the first and third, a lone span. */
function project() {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const ids = TEXTS.map((text, i) => docs.insert({ title: `d${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: text.length }, 'now'));
  const ann = annotationsRepo(db);
  const links = linksRepo(db);
  const claim0 = ann.create({ docId: ids[0], labelId: CLAIM, start: 8, end: 30 });
  const claim1 = ann.create({ docId: ids[1], labelId: CLAIM, start: 12, end: 24 });
  const who0 = ann.create({ docId: ids[0], labelId: SPEAKER, start: 0, end: 7 });
  const who2 = ann.create({ docId: ids[2], labelId: SPEAKER, start: 17, end: 24 });
  const lone = ann.create({ docId: ids[1], labelId: SPEAKER, start: 0, end: 11 });
  links.create(claim1.id, claim0.id, SAME_AS);
  links.create(who2.id, who0.id, SAME_AS);
  const clusterOf = (id: number) => ann.get(id).clusterId!;
  return { db, ids, ann, reads: exportsRepo(db), claim0, claim1, who0, who2, lone, clusterOf };
}

test('span times: created and updated of the spans of one document, by span id', () => {
  const { db, ids, ann, reads, claim0, who0 } = project();
  const times = reads.spanTimes(ids[0]);
  assert.deepEqual([...times.keys()].sort((a, b) => a - b), [claim0.id, who0.id]);
  const a = ann.get(claim0.id);
  assert.deepEqual(times.get(claim0.id), { created: a.createdAt, modified: a.updatedAt });
  assert.equal(reads.spanTimes(999).size, 0);
  db.close();
});

test('clusters: ids with a mention in the documents (ascending), members with their places, in document and offset order', () => {
  const { db, ids, reads, claim0, claim1, who0, who2, clusterOf } = project();
  const claims = clusterOf(claim0.id);
  const speakers = clusterOf(who0.id);
  assert.deepEqual(reads.clusterIdsInDocs(ids), [claims, speakers].sort((a, b) => a - b));
  assert.deepEqual(reads.clusterIdsInDocs([ids[2]]), [speakers]);
  assert.deepEqual(reads.clusterIdsInDocs(new Set([999])), []);

  assert.deepEqual(
    reads.clusterMemberPlaces(speakers).sort((a, b) => a.doc - b.doc),
    [
      { doc: ids[0], label: 'speaker' },
      { doc: ids[2], label: 'speaker' },
    ],
  );
  const name = clustersRepo(db).get(claims).name;
  assert.deepEqual(reads.clusterMembers(claims), [
    { id: claim0.id, doc: ids[0], label: 'claim', cluster: claims, clusterName: name },
    { id: claim1.id, doc: ids[1], label: 'claim', cluster: claims, clusterName: name },
  ]);
  assert.deepEqual(reads.clusterMembers(speakers).map((m) => m.id), [who0.id, who2.id]);
  db.close();
});

test('labels by id; span, label and cluster rows by span id; span texts with and without their document', () => {
  const { db, ids, reads, claim0, claim1, who0, lone, clusterOf } = project();
  const labels = reads.labelNamesById();
  assert.equal(labels.get(CLAIM), 'claim');
  assert.equal(labels.get(SPEAKER), 'speaker');
  assert.equal(labels.size, 3, 'the default labels: claim, speaker, figure');
  assert.deepEqual([...reads.spanLabelClusters([ids[1]])], [
    [claim1.id, CLAIM, clusterOf(claim1.id)],
    [lone.id, SPEAKER, null],
  ]);
  const byId = <T extends { id: number }>(rows: T[]) => rows.sort((a, b) => a.id - b.id);
  assert.deepEqual(byId(reads.spanTexts([who0.id, claim0.id, 999])), [
    { id: claim0.id, text: TEXTS[0].slice(8, 30) },
    { id: who0.id, text: 'Rudskoy' },
  ]);
  assert.deepEqual(reads.spanTextsWithDoc([lone.id]), [{ id: lone.id, doc: ids[1], text: 'Konashenkov' }]);
  assert.deepEqual(reads.spanTexts([]), []);
  db.close();
});

test('one set of readers per connection', () => {
  const { db, reads } = project();
  assert.equal(exportsRepo(db), reads);
  const other = openDatabase(':memory:');
  assert.notEqual(exportsRepo(other), reads);
  other.close();
  db.close();
});
