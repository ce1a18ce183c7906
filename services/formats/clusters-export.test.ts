import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sliceCp } from '../../common/offsets.js';
import { CLAIM, pairsFixtures } from './pairs-test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-clusters-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
const { newsProject, exportTo, spanFacts } = pairsFixtures(() => dir);

test('clusters.tsv: one line per span, clusters as c<id>, singletons as s<span id>, texts exact and escaped', async () => {
  const f = newsProject('clusters');
  const tabbed = f.doc('Line one\tcol\nline two 👩🏽‍🚒 e\u0301.');
  const odd = f.span(tabbed, 'col\nline two 👩🏽‍🚒 e\u0301', CLAIM);
  const facts = spanFacts(f.p);
  const { dest, result } = await exportTo(f.p, { format: 'clusters', split: { train: 1, dev: 1, test: 1, seed: 5 } });
  const rows: string[][] = [];
  for (const split of ['train', 'dev', 'test']) {
    const text = readFileSync(join(dest, split, 'clusters.tsv'), 'utf8');
    const [header, ...lines] = text.split('\n').filter(Boolean);
    assert.equal(header, 'doc_id\tspan_id\tstart\tend\tlabel\tcluster_id\tcluster_name\ttext\tannotator', `${split} has the header even if empty`);
    rows.push(...lines.map((l) => l.split('\t')));
  }
  assert.equal(rows.length, facts.size, 'every span once');
  const unescape = (s: string) => s.replace(/\\([\\tnr])/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c as string]!);
  for (const r of rows) {
    assert.equal(r.length, 9, 'tabs and line breaks in texts are escaped');
    const [doc, span, start, end, label, cluster, name, text, annotator] = r;
    assert.equal(annotator, f.p.annotators.current().name, 'every row names its span\'s layer');
    const fact = facts.get(Number(span))!;
    assert.equal(Number(doc), fact.doc);
    assert.equal(label, fact.label);
    assert.equal(unescape(text), fact.text);
    const docText = (f.p.db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(fact.doc) as string);
    assert.equal(sliceCp(docText, Number(start), Number(end)), fact.text, 'offsets are code points');
    if (fact.cluster === null) {
      assert.equal(cluster, `s${span}`);
      assert.equal(name, '');
    } else {
      assert.equal(cluster, `c${fact.cluster}`);
    }
  }
  const oddRow = rows.find((r) => Number(r[1]) === odd)!;
  assert.equal(oddRow[7], 'col\\nline two 👩🏽‍🚒 e\u0301');
  const a1 = rows.find((r) => Number(r[1]) === f.groups.A[0])!;
  assert.equal(a1[6], 'Sixty civilians');
  assert.equal(new Set(rows.filter((r) => r[5].startsWith('c')).map((r) => r[5])).size, 3);
  assert.equal(rows.filter((r) => r[5].startsWith('c')).length, 7);
  assert.deepEqual(result.notes, []);
  f.p.close();
});
