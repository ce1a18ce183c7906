import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takesOption } from '../../common/formats.js';
import { checkthatExporter, iclaimId, quoteField, vclaimId } from './checkthat-export.js';
import { exporters } from './index.js';
import { mlFixtures } from './ml-exports.test-helpers.js';
import { findPython, runPython } from './python.test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-checkthat-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
const { project, exportTo } = mlFixtures(() => dir);

/**
 * Claims retold across dated articles: cluster A (3 mentions; its first article by date is not its lowest id),
 * cluster B (2 mentions, one with a quote, one across a line break), a discontinuous claim in A, a speaker
 * cluster, and claims in no cluster.
 */
function claimsProject(name: string) {
  const b = project(name);
  const d1 = b.doc('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo.', { title: 'RIA, Monday', date: '2016-10-17' });
  const d2 = b.doc('Reports say sixty civilians died in Aleppo. The hospital was "bombed twice".', { title: 'Reuters, Sunday', date: '2016-10-16' });
  const d3 = b.doc('Rudskoy repeated: 60 civilians, he said, killed.\nThe hospital was\nbombed twice.', { title: 'TASS, undated' });
  const d4 = b.doc('Prices rose by 5 percent. The minister resigned.', { title: 'Undated 2' });
  const a = [b.span(d1, '60 civilians killed in Aleppo', 'claim'), b.span(d2, 'sixty civilians died in Aleppo', 'claim'), b.span(d3, ['60 civilians', 'killed'], 'claim')];
  const h = [b.span(d2, 'The hospital was "bombed twice"', 'claim'), b.span(d3, 'The hospital was\nbombed twice', 'claim')];
  const c = [b.span(d1, 'Sergey Rudskoy', 'speaker'), b.span(d3, 'Rudskoy', 'speaker')];
  const loose = [b.span(d4, 'Prices rose by 5 percent', 'claim'), b.span(d4, 'The minister resigned', 'claim')];
  b.same(...a);
  b.same(...h);
  b.same(...c);
  b.p.links.clusters.rename(b.clusterOf(a[0]), 'Sixty civilians were killed in Aleppo');
  return { ...b, a, h, c, loose };
}

/** A queries.tsv field as the lab's pandas reads it: a field opening with `"` is CSV-quoted. */
const unquote = (f: string) => (f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f);

/** Reads one folder of the export, checking the layout the lab's scorer, checker and vclaims loader rely on. */
function readFolder(read: (rel: string) => string, folder: string) {
  const at = (f: string) => (folder ? `${folder}/${f}` : f);
  const queries = read(at('queries.tsv')).split('\n').filter(Boolean);
  const qrels = read(at('qrels.tsv')).split('\n').filter(Boolean);
  const texts = new Map<string, string>();
  for (const line of queries) {
    const fields = line.split('\t');
    assert.equal(fields.length, 2, `queries.tsv: two TAB fields, no header: ${line}`);
    assert.match(fields[0], /^iclaim-\d+$/);
    assert.ok(!texts.has(fields[0]), `${fields[0]} once`);
    texts.set(fields[0], unquote(fields[1]));
  }
  const pairs = qrels.map((line) => {
    const m = /^(\S+)\t0\t(\S+)\t1$/.exec(line);
    assert.ok(m, `qrels.tsv: iclaim_id<TAB>0<TAB>vclaim_id<TAB>1, ids without white space (trectools splits on any): ${line}`);
    return [m[1], m[2]] as const;
  });
  assert.equal(new Set(pairs.map((p) => p.join(' '))).size, pairs.length, 'no (iclaim, vclaim) pair twice');
  assert.deepEqual(pairs.map((p) => p[0]), [...texts.keys()], 'every query has its qrels line, in the same order');
  // The lab's format checker on a run that ranks each query's own vclaim first: six TAB fields, Q0, a float score,
  // no repeated pair. Our ids are what makes that run well-formed.
  for (const [q, v] of pairs) {
    const run = `${q}\tQ0\t${v}\t1\t1.0\tcrosscheck`.split('\t');
    assert.equal(run.length, 6);
  }
  return { texts, pairs };
}

/** vclaims/*.json of a folder, keyed by vclaim_id, checked against their file names. */
function readVclaims(dest: string, folder: string, read: (rel: string) => string) {
  const path = join(dest, folder, 'vclaims');
  const out = new Map<string, { vclaim_id: string; vclaim: string; title: string }>();
  for (const file of existsSync(path) ? readdirSync(path) : []) {
    const v = JSON.parse(read(join(folder, 'vclaims', file)));
    assert.deepEqual(Object.keys(v), ['vclaim_id', 'vclaim', 'title']);
    assert.equal(file, `${v.vclaim_id}.json`, 'the file is named after its vclaim_id');
    out.set(v.vclaim_id, v);
  }
  return out;
}

test('checkthat is an export format (issue 11 item 17)', () => {
  assert.equal(exporters.checkthat, checkthatExporter);
  assert.ok(!takesOption('checkthat', 'singletons'));
});

test('queries, qrels and vclaims as CheckThat! task 2 lays them out: one query per claim mention, its cluster as the verified claim', async () => {
  const f = claimsProject('layout');
  const { dest, result, read } = await exportTo(f.p, { format: 'checkthat', labels: ['claim'] });
  const { texts, pairs } = readFolder(read, '');
  const vclaims = readVclaims(dest, '', read);
  const A = vclaimId(f.clusterOf(f.a[0]));
  const H = vclaimId(f.clusterOf(f.h[0]));
  assert.deepEqual([...vclaims.keys()].sort(), [A, H].sort(), 'one vclaim per cluster of the exported labels');
  assert.deepEqual(vclaims.get(A), { vclaim_id: A, vclaim: 'Sixty civilians were killed in Aleppo', title: 'Reuters, Sunday' }, 'the title of the earliest article');
  assert.equal(vclaims.get(H)!.title, 'Reuters, Sunday');
  assert.equal(vclaims.get(H)!.vclaim, 'The hospital was "bombed twice"', 'a cluster is named after its earliest mention');
  assert.deepEqual(
    pairs.map(([q, v]) => [q, v]),
    [
      [iclaimId(f.a[0]), A],
      [iclaimId(f.a[1]), A],
      [iclaimId(f.h[0]), H],
      [iclaimId(f.a[2]), A],
      [iclaimId(f.h[1]), H],
    ],
  );
  assert.equal(texts.get(iclaimId(f.h[0])), 'The hospital was "bombed twice"', 'quoted as CSV, read back exactly');
  assert.match(read('queries.tsv'), /\t"The hospital was ""bombed twice"""\n/);
  assert.equal(texts.get(iclaimId(f.h[1])), 'The hospital was bombed twice', 'a line break becomes a space');
  assert.equal(texts.get(iclaimId(f.a[2])), '60 civilians killed', 'a discontinuous mention: its fragments joined by one space');
  for (const l of f.loose) assert.ok(!texts.has(iclaimId(l)), 'claims in no cluster are not queries');
  assert.ok(result.notes.includes('queries.tsv holds 5 claim mentions of 2 clusters; vclaims/ holds all 2 clusters of the export.'), result.notes.join('\n'));
  assert.ok(result.notes.includes('2 spans in no cluster are not written (no verified claim to retrieve).'));
  assert.ok(result.notes.includes('1 discontinuous mention written as its fragments joined by one space.'));
  assert.ok(result.notes.includes('1 mention text with tabs or line breaks written with single spaces instead (one line per mention).'));
  assert.equal(quoteField('plain'), 'plain');
  f.p.close();
});

test('splits: each folder has its queries and qrels, and the vclaims of every cluster; all labels unless filtered', async () => {
  const f = claimsProject('splits');
  const { dest, result, read } = await exportTo(f.p, { format: 'checkthat', split: { train: 1, dev: 1, test: 1, seed: 4 } });
  const all = new Map<string, string>();
  for (const split of ['train', 'dev', 'test']) {
    const { pairs } = readFolder(read, split);
    for (const [q, v] of pairs) all.set(q, v);
    assert.equal(readVclaims(dest, split, read).size, 3, `${split}: the whole collection of verified claims`);
  }
  assert.equal(all.size, 7, 'every clustered mention once over the splits (speakers too, when no label filter)');
  assert.ok(result.notes.some((n) => /^Mentions of 2 labels \((claim, speaker|speaker, claim)\) are in queries\.tsv: export with --labels claim for claims only\.$/.test(n)), result.notes.join('\n'));
  f.p.close();
});

test('pandas reads queries and qrels as the lab scorer and baselines do (read_csv, sep TAB, names, no header)', async (t) => {
  const py = findPython(['pandas']);
  if ('skip' in py) return t.skip(py.skip);
  const f = claimsProject('pandas');
  const { dest, read } = await exportTo(f.p, { format: 'checkthat', labels: ['claim'] });
  const { texts, pairs } = readFolder(read, '');
  const script = `
import json, os, sys
import pandas as pd
root = sys.argv[1]
q = pd.read_csv(os.path.join(root, 'queries.tsv'), sep='\\t', names=['iclaim_id', 'iclaim'])
g = pd.read_csv(os.path.join(root, 'qrels.tsv'), sep='\\t', names=['iclaim_id', '0', 'vclaim_id', 'relevance'])
print(json.dumps({'queries': [list(r) for r in q.itertuples(index=False)], 'qrels': [[r[0], int(r[1]), r[2], int(r[3])] for r in g.itertuples(index=False)]}))
`;
  const got = JSON.parse(runPython(py.python, script, [dest]).trim().split('\n').pop()!);
  assert.deepEqual(got.queries, [...texts.entries()]);
  assert.deepEqual(got.qrels, pairs.map(([q, v]) => [q, 0, v, 1]));
  f.p.close();
});
