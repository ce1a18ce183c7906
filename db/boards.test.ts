import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { annotationsRepo } from './annotations.js';
import { linksRepo } from './links.js';
import { boardsRepo } from './boards.js';

const A = 'RT: 60 civilians were killed in Mosul.';
const B = 'TASS: over 60 civilians died.';

test('a cluster aggregates per label; mentions come earliest document first; figures come by cites links and by lying inside a mention', () => {
  const db = openDatabase(':memory:');
  const docs = documentsRepo(db);
  const later = docs.insert({ title: 'a', date: '2017-02-01', source: 'RT', path: null, hash: 'a', text: A, length: A.length }, 'now');
  const earlier = docs.insert({ title: 'b', date: '2017-01-01', source: 'TASS', path: null, hash: 'b', text: B, length: B.length }, 'now');
  const ann = annotationsRepo(db);
  const at = (docId: number, text: string, s: string, labelId: number) =>
    ann.create({ docId, labelId, start: text.indexOf(s), end: text.indexOf(s) + s.length }).id;
  const claimA = at(later, A, '60 civilians were killed in Mosul', 1);
  const claimB = at(earlier, B, 'over 60 civilians died', 1);
  const inside = at(later, A, '60 civilians', 3);
  const cited = at(earlier, B, 'over 60', 3);
  const links = linksRepo(db);
  links.create(claimA, claimB, 1);
  links.create(cited, claimB, 5); // cites, pointing at the claim: either direction counts

  const repo = boardsRepo(db);
  const claim = repo.labelId('claim')!;
  const board = repo.entries(claim, 1, 0, -1);
  assert.equal(board.length, 1, 'one cluster on the claims board');
  const [{ id: cluster_id, name, ...counts }] = board;
  assert.deepEqual(counts, { mentions: 2, documents: 2 });
  assert.deepEqual(repo.entries(repo.labelId('speaker')!, 1, 0, -1), [], 'not on the speakers board');
  const totals = repo.totals(claim, 1);
  assert.deepEqual({ ...totals, sources: JSON.parse(totals.sources).sort() }, { clusters: 1, mentions: 2, first_date: '2017-01-01', last_date: '2017-02-01', sources: ['RT', 'TASS'] });
  assert.deepEqual(repo.totals(claim, 2), { clusters: 0, mentions: 0, first_date: null, last_date: null, sources: '[]' }, "another layer's board is empty");
  assert.equal(repo.positionOf(claim, 1, cluster_id), 0);
  assert.equal(repo.positionOf(claim, 2, cluster_id), undefined, "not on another layer's board");
  const mentions = repo.mentionsOf([cluster_id]);
  assert.deepEqual(mentions.map((m) => [m.annotation_id, m.source, m.label]), [
    [claimB, 'TASS', 'claim'],
    [claimA, 'RT', 'claim'],
  ]);
  assert.deepEqual(repo.memberIds([cluster_id]), [[cluster_id, claimA], [cluster_id, claimB]]);
  assert.equal(name, 'over 60 civilians died', "named after the earliest document's mention");
  const figures = repo.figuresOf([claimA, claimB]).map((f) => [f.mention_id, f.annotation_id, f.text, f.source]);
  assert.deepEqual(
    figures.sort((x, y) => Number(x[1]) - Number(y[1])),
    [
      [claimA, inside, '60 civilians', 'RT'],
      [claimB, cited, 'over 60', 'TASS'],
    ],
  );
  assert.deepEqual(repo.figuresOf([]), []);
  assert.deepEqual(
    repo.figureValuesOf([claimA, claimB]).map((f) => [f.mention_id, f.annotation_id]),
    [[claimA, inside], [claimB, cited]],
    'the same figures without their sources, by mention then figure',
  );
  db.close();
});
