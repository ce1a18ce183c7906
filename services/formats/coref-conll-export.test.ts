import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { takesOption } from '../../common/formats.js';
import { textHash } from '../import/hash.js';
import { COREF_DOCUMENT, corefConllExporter } from './coref-conll-export.js';
import { exporters } from './index.js';
import { mlFixtures } from './ml-exports.test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-coref-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
const { project, exportTo } = mlFixtures(() => dir);

/**
 * The mentions of coref.conll as the reference scorer v8.01 reads them (CorScorer.pm GetCoreference): lines between
 * `#begin document` and `#end document`, blank lines skipped, the LAST TAB-separated column parsed for `(N)`, then
 * `(N`, then `N)` closing the latest open mention of N. Returns each entity's mentions as the tokens they cover.
 */
function scorerMentions(file: string): { name: string; entities: Map<string, string[]> } {
  const lines = file.split('\n');
  const begin = /^#\s*begin document (.*?)$/.exec(lines[0]);
  assert.ok(begin, 'the first line begins the document');
  const rows: string[][] = [];
  const entities = new Map<string, [number, number][]>();
  const open = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    if (/^\s*$/.test(line)) continue;
    if (/#\s*end document/.test(line)) break;
    const cols = line.split('\t');
    rows.push(cols);
    const at = rows.length - 1;
    let cell = cols[cols.length - 1];
    const add = (e: string, a: number) => entities.set(e, [...(entities.get(e) ?? []), [a, at]]);
    cell = cell.replace(/\((\d+)\)/g, (_, e: string) => (add(e, at), ''));
    cell = cell.replace(/\((\d+)/g, (_, e: string) => (open.set(e, [...(open.get(e) ?? []), at]), ''));
    cell.replace(/(\d+)\)/g, (_, e: string) => {
      const start = open.get(e)?.pop();
      assert.ok(start !== undefined, `line ${at}: ${e}) closes nothing`);
      add(e, start);
      return '';
    });
  }
  assert.ok([...open.values()].every((s) => !s.length), 'every mention closes');
  const text = ([a, b]: [number, number]) => {
    assert.equal(rows[a][0], rows[b][0], 'a mention stays in one document');
    return rows.slice(a, b + 1).map((r) => r[3]).join(' ');
  };
  return { name: begin[1], entities: new Map([...entities].map(([e, ms]) => [e, ms.map(text)])) };
}

/**
 * Two analysts' view of three articles: cluster A crosses documents (3 mentions, one nested in a longer claim of
 * cluster B), a speaker cluster, unclustered spans (singletons), and the shapes the rules are about.
 */
function corefProject(name: string) {
  const b = project(name);
  const d1 = b.doc('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo.', { title: 'RIA\tMonday' });
  const d2 = b.doc('Reports say sixty civilians died in Aleppo 🇸🇾. The hospital was bombed.');
  const d3 = b.doc('Rudskoy repeated: 60 civilians killed, he said.');
  const a = [b.span(d1, '60 civilians', 'figure'), b.span(d2, 'sixty civilians', 'figure'), b.span(d3, '60 civilians', 'figure')];
  const claims = [b.span(d1, '60 civilians killed in Aleppo', 'claim'), b.span(d2, 'sixty civilians died in Aleppo', 'claim')];
  const speakers = [b.span(d1, 'Sergey Rudskoy', 'speaker'), b.span(d3, 'Rudskoy', 'speaker')];
  const loose = [b.span(d2, 'The hospital was bombed', 'claim'), b.span(d3, 'he', 'speaker')];
  b.same(...a);
  b.same(...claims);
  b.same(...speakers);
  return { ...b, d: [d1, d2, d3], a, claims, speakers, loose };
}

test('coref-conll is an export format that takes the singletons option (issue 11 item 18)', () => {
  assert.equal(exporters['coref-conll'], corefConllExporter);
  assert.ok(takesOption('coref-conll', 'singletons'));
  assert.ok(!takesOption('coref-conll', 'sentences'));
});

test('exact file: one scorer document for all articles, doc-name column, TABs, coreference cell last, a blank line between articles', async () => {
  const f = corefProject('exact');
  const { result, read } = await exportTo(f.p, { format: 'coref-conll' });
  const [A, C, S] = [f.clusterOf(f.a[0]), f.clusterOf(f.claims[0]), f.clusterOf(f.speakers[0])];
  const [d1, d2, d3] = f.d.map((d) => `doc-${d}`);
  const rows = (doc: string, cells: [string, string][]) => cells.map(([tok, c], i) => `${doc}\t0\t${i}\t${tok}\t${c}`);
  assert.equal(
    read('coref.conll'),
    [
      `#begin document ${COREF_DOCUMENT}`,
      ...rows(d1, [['Gen', '-'], ['.', '-'], ['Sergey', `(${S}`], ['Rudskoy', `${S})`], ['said', '-'], [':', '-'], ['60', `(${C}|(${A}`], ['civilians', `${A})`], ['killed', '-'], ['in', '-'], ['Aleppo', `${C})`], ['.', '-']]),
      '',
      ...rows(d2, [['Reports', '-'], ['say', '-'], ['sixty', `(${C}|(${A}`], ['civilians', `${A})`], ['died', '-'], ['in', '-'], ['Aleppo', `${C})`], ['🇸🇾', '-'], ['.', '-'], ['The', '-'], ['hospital', '-'], ['was', '-'], ['bombed', '-'], ['.', '-']]),
      '',
      ...rows(d3, [['Rudskoy', `(${S})`], ['repeated', '-'], [':', '-'], ['60', `(${A}`], ['civilians', `${A})`], ['killed', '-'], [',', '-'], ['he', '-'], ['said', '-'], ['.', '-']]),
      '',
      '#end document',
      '',
    ].join('\n'),
  );
  assert.equal(
    read('documents.tsv'),
    `doc\ttokens\tsha256\ttitle\n${d1}\t12\t${textHash('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo.')}\tRIA\\tMonday\n` +
      `${d2}\t14\t${textHash('Reports say sixty civilians died in Aleppo 🇸🇾. The hospital was bombed.')}\tdoc 2\n` +
      `${d3}\t10\t${textHash('Rudskoy repeated: 60 civilians killed, he said.')}\tdoc 3\n`,
  );
  assert.deepEqual(result.notes, [
    'coref.conll holds 3 clusters and 7 mentions; 2 singletons left out (export with singletons to include them).',
    'coref-conll holds no labels: the coreference column has entity numbers only.',
  ]);
  f.p.close();
});

test('the scorer reads the app’s clusters across documents; singletons only with the option, numbered above every cluster id', async () => {
  const f = corefProject('scorer');
  const plain = scorerMentions((await exportTo(f.p, { format: 'coref-conll' })).read('coref.conll'));
  assert.equal(plain.name, COREF_DOCUMENT);
  const app = (span: number) => f.p.links.clusters.get(f.clusterOf(span));
  for (const group of [f.a, f.claims, f.speakers]) {
    const c = app(group[0]);
    assert.equal(plain.entities.get(String(c.id))?.length, c.size, `cluster ${c.name}: as many mentions as the app counts`);
  }
  assert.deepEqual(plain.entities.get(String(app(f.a[0]).id)), ['60 civilians', 'sixty civilians', '60 civilians']);
  assert.equal(plain.entities.size, 3);

  const withSingletons = await exportTo(f.p, { format: 'coref-conll', singletons: true });
  const all = scorerMentions(withSingletons.read('coref.conll'));
  assert.equal(all.entities.size, 5);
  const maxCluster = Math.max(...[f.a, f.claims, f.speakers].map((g) => app(g[0]).id));
  const singles = [...all.entities.entries()].filter(([e]) => Number(e) > maxCluster);
  assert.deepEqual(singles.map(([, m]) => m).sort(), [['The hospital was bombed'], ['he']]);
  assert.ok(withSingletons.result.notes.includes('coref.conll holds 3 clusters and 9 mentions, singletons included.'), withSingletons.result.notes.join('\n'));

  // A label filter leaves the speaker cluster out; a cluster left with one mention in the export is a singleton.
  const claimsOnly = scorerMentions((await exportTo(f.p, { format: 'coref-conll', labels: ['claim', 'figure'] })).read('coref.conll'));
  assert.equal(claimsOnly.entities.size, 2);
  f.p.close();
});

test('what CoNLL brackets cannot hold: repeated token ranges, crossing mentions of one cluster, discontinuous spans, white space', async () => {
  const b = project('rules');
  const d = b.doc('Ann Bob Cyd Dee Eve Fay.');
  const x = [b.span(d, 'Ann Bob Cyd', 'claim'), b.span(d, 'Bob Cyd Dee', 'claim'), b.span(d, 'Fay', 'claim')]; // first two cross
  const same = b.span(d, 'Ann Bob Cy', 'speaker'); // the same tokens as x[0], unclustered: left out
  const gap = [b.span(d, ['Dee', 'Fay'], 'figure'), b.span(d, 'Eve', 'figure')];
  b.span(d, ' ', 'figure');
  b.same(...x);
  b.same(...gap);
  const { result, read } = await exportTo(b.p, { format: 'coref-conll', singletons: true });
  const got = scorerMentions(read('coref.conll'));
  assert.deepEqual(got.entities.get(String(b.clusterOf(x[0]))), ['Ann Bob Cyd', 'Fay']);
  assert.deepEqual(got.entities.get(String(b.clusterOf(gap[0])))?.sort(), ['Dee Eve Fay', 'Eve'], 'a discontinuous span over its whole extent');
  assert.equal(got.entities.size, 2, `the span over "${'Ann Bob Cy'}" (id ${same}) is the same mention as a clustered one`);
  for (const n of [
    '1 span covering only white space had no token to mark.',
    '1 span covering the same tokens as another mention left out (the scorer reads one mention per token range; a clustered span is kept first, then the lowest id).',
    '1 mention crossing another mention of the same cluster left out (CoNLL brackets must nest).',
    '1 discontinuous span written over its whole extent (the scorer reads contiguous mentions only).',
  ])
    assert.ok(result.notes.includes(n), `${n}\n${result.notes.join('\n')}`);
  b.p.close();
});

test('splits: each split file is one scorer document with its part of every cluster', async () => {
  const f = corefProject('splits');
  const { result, read } = await exportTo(f.p, { format: 'coref-conll', split: { train: 1, dev: 1, test: 1, seed: 2 } });
  let mentions = 0;
  const splitsOf = new Map<string, number>();
  for (const split of ['train', 'dev', 'test']) {
    const file = read(`${split}/coref.conll`);
    assert.match(file, new RegExp(`^#begin document ${COREF_DOCUMENT.replace(/[()]/g, '\\$&')}\n`));
    assert.match(file, /#end document\n$/);
    for (const [e, ms] of scorerMentions(file).entities) {
      mentions += ms.length;
      splitsOf.set(e, (splitsOf.get(e) ?? 0) + 1);
    }
  }
  assert.equal(mentions, 7, 'every mention of a cluster of the export, in the split of its document');
  const crossing = [...splitsOf.values()].filter((n) => n > 1).length;
  const note = result.notes.find((n) => /mentions in more than one split/.test(n));
  if (crossing) assert.match(note ?? '', new RegExp(`^${crossing} clusters? ha(s|ve) mentions in more than one split`));
  else assert.equal(note, undefined);
  f.p.close();
});

test('the reference scorer (scorer.pl v8.01) scores a file against itself at 100%', async (t) => {
  const scorer = process.env.CONLL_SCORER;
  if (!scorer) return t.skip('set CONLL_SCORER to the reference scorer’s scorer.pl (conll/reference-coreference-scorers v8.01) to run it');
  const f = corefProject('perl');
  const { dest } = await exportTo(f.p, { format: 'coref-conll', singletons: true });
  const file = join(dest, 'coref.conll');
  const r = spawnSync('perl', [scorer, 'all', file, file, 'none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const f1 = [...r.stdout.matchAll(/Coreference: Recall: .*?F1: ([\d.]+)%/g)].map((m) => Number(m[1]));
  assert.ok(f1.length >= 4, r.stdout);
  for (const v of f1) assert.equal(v, 100, r.stdout);
  f.p.close();
});
