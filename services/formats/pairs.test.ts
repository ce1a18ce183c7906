import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport, type ExportOptions } from '../export/run.js';
import { splitOf, type SplitRatios } from '../export/split.js';
import { sliceCp } from '../../common/offsets.js';
import { clustersExporter, keyWords, mulberry32, pairsExporter } from './pairs.js';

const exporters = { pairs: pairsExporter, clusters: clustersExporter };
const CLAIM = 1;
const SPEAKER = 2;
const FIGURE = 3;
const SAME_AS = 1;

let dir: string;
let n = 0;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-pairs-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Line {
  a: number;
  b: number;
  label: 0 | 1;
  a_text: string;
  b_text: string;
  a_doc: number;
  b_doc: number;
  a_context: string | null;
  b_context: string | null;
  cluster: string | null;
  label_name: string;
  hard?: boolean;
}

const cp = (s: string) => Array.from(s).length;

/** A project builder: documents by text, spans by the substring they cover (code points), same-as links. */
function builder(name: string) {
  const p = openProject(join(dir, `${name}.crosscheck`));
  const texts = new Map<number, string>();
  return {
    p,
    doc(text: string, title = `doc ${texts.size + 1}`): number {
      const id = p.documents.insert({ title, date: null, source: null, path: null, hash: `${name}-${texts.size}-${text}`, text, length: cp(text) }, 'now');
      texts.set(id, text);
      return id;
    },
    span(doc: number, s: string, labelId: number, nth = 0): number {
      const text = texts.get(doc)!;
      let at = -1;
      for (let i = 0; i <= nth; i++) at = text.indexOf(s, at + 1);
      assert.ok(at >= 0, `"${s}" is in doc ${doc}`);
      const start = cp(text.slice(0, at));
      return p.annotations.create({ docId: doc, labelId, start, end: start + cp(s) }).id;
    },
    same(...ids: number[]) {
      for (let i = 1; i < ids.length; i++) p.links.create(ids[0], ids[i], SAME_AS);
    },
    text: (doc: number) => texts.get(doc)!,
  };
}

async function exportTo(p: Project, o: Omit<ExportOptions, 'dest' | 'docs'> & { docs?: ExportOptions['docs'] }) {
  const dest = join(dir, `out-${++n}`);
  const result = await runExport(p, exporters, { docs: { kind: 'all' }, ...o, dest });
  return { dest, result };
}

const readPairs = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const key = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);

/** Every unordered pair of ids of each group. */
function pairsOf(groups: number[][]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(key(g[i], g[j]));
  return out;
}

/**
 * The shared fixture: 8 news documents. Clusters: A (claim "60 civilians", 3 mentions, one with a ZWJ family
 * emoji), B (claim about a hospital, 2 mentions; plus a figure linked to it in the mixed variant), C (speaker
 * Rudskoy, 2 mentions, one with a combining accent). Unclustered claims, one sharing the word "civilians".
 */
function newsProject(name: string, opts: { mixed?: boolean } = {}) {
  const b = builder(name);
  const d = [
    b.doc('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo. 👩‍👩‍👧 families fled.'),
    b.doc('Reports say sixty civilians died in Aleppo 🇸🇾. The hospital was bombed twice.'),
    b.doc('Rudskoy\u0301 repeated the claim: 60 civilians killed, he said.'),
    b.doc('Doctors confirm the hospital was bombed twice. 40 wounded were counted.'),
    b.doc('Civilians fled the city on Tuesday. The convoy reached Idlib.'),
    b.doc('Prices rose by 5 percent. The minister resigned.'),
    b.doc('The ceasefire collapsed overnight. Talks will resume in Geneva.'),
    b.doc('Sergey Shoigu visited the front. A bridge was destroyed.'),
  ];
  const a1 = b.span(d[0], '60 civilians killed in Aleppo', CLAIM);
  const a2 = b.span(d[1], 'sixty civilians died in Aleppo 🇸🇾', CLAIM);
  const a3 = b.span(d[2], '60 civilians killed', CLAIM);
  const fam = b.span(d[0], '👩‍👩‍👧 families fled', CLAIM);
  const b1 = b.span(d[1], 'The hospital was bombed twice', CLAIM);
  const b2 = b.span(d[3], 'the hospital was bombed twice', CLAIM);
  const c1 = b.span(d[0], 'Sergey Rudskoy', SPEAKER);
  const c2 = b.span(d[2], 'Rudskoy\u0301', SPEAKER);
  const loose = [
    b.span(d[4], 'Civilians fled the city', CLAIM),
    b.span(d[4], 'The convoy reached Idlib', CLAIM),
    b.span(d[5], 'Prices rose by 5 percent', CLAIM),
    b.span(d[5], 'The minister resigned', CLAIM),
    b.span(d[6], 'The ceasefire collapsed overnight', CLAIM),
    b.span(d[6], 'Talks will resume in Geneva', CLAIM),
    b.span(d[7], 'A bridge was destroyed', CLAIM),
    b.span(d[3], '40 wounded were counted', CLAIM),
  ];
  const speakers = [b.span(d[7], 'Sergey Shoigu', SPEAKER), b.span(d[3], 'Doctors', SPEAKER), b.span(d[6], 'Talks', SPEAKER)];
  const figure = b.span(d[3], '40', FIGURE);
  b.same(a1, a2, a3);
  b.same(b1, b2);
  b.same(c1, c2);
  if (opts.mixed) b.same(b1, figure);
  b.p.links.clusters.rename(b.p.annotations.get(a1).clusterId!, 'Sixty civilians');
  const groups = { A: [a1, a2, a3], B: opts.mixed ? [b1, b2, figure] : [b1, b2], C: [c1, c2] };
  return { ...b, d, groups, fam, loose, speakers, figure };
}

/** Label and cluster of every span, straight from the project. */
function spanFacts(p: Project) {
  const rows = p.db
    .prepare('SELECT a.id, a.doc_id AS doc, a.cluster_id AS cluster, l.name AS label, a.text FROM annotations a JOIN labels l ON l.id = a.label_id')
    .all() as { id: number; doc: number; cluster: number | null; label: string; text: string }[];
  return new Map(rows.map((r) => [r.id, r]));
}

test('positives are exactly the within-cluster pairs, with exact texts, documents, contexts, cluster names', async () => {
  const f = newsProject('positives');
  const { dest, result } = await exportTo(f.p, { format: 'pairs' });
  assert.deepEqual(result.files, [join(dest, 'pairs.jsonl')]);
  const lines = readPairs(join(dest, 'pairs.jsonl'));
  assert.ok(lines.every((l) => l.label === 1), 'no negatives unless asked for');
  assert.deepEqual(new Set(lines.map((l) => key(l.a, l.b))), pairsOf(Object.values(f.groups)));
  assert.equal(lines.length, 3 + 1 + 1);
  assert.deepEqual(Object.keys(lines[0]), ['a', 'b', 'label', 'a_text', 'b_text', 'a_doc', 'b_doc', 'a_context', 'b_context', 'cluster', 'label_name']);

  const [a1, a2, a3] = f.groups.A;
  const first = lines.find((l) => l.a === a1 && l.b === a2)!;
  assert.deepEqual(first, {
    a: a1,
    b: a2,
    label: 1,
    a_text: '60 civilians killed in Aleppo',
    b_text: 'sixty civilians died in Aleppo 🇸🇾',
    a_doc: f.d[0],
    b_doc: f.d[1],
    a_context: 'Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo.',
    b_context: 'Reports say sixty civilians died in Aleppo 🇸🇾.',
    cluster: 'Sixty civilians',
    label_name: 'claim',
  });
  assert.ok(lines.some((l) => l.a === a1 && l.b === a3), 'members ordered by document: a is the earlier one');
  const speaker = lines.find((l) => l.label_name === 'speaker')!;
  assert.deepEqual([speaker.a_text, speaker.b_text], ['Sergey Rudskoy', 'Rudskoy\u0301'], 'the combining accent survives');
  assert.ok(result.notes.some((x) => x === 'pairs: 5 positive pair(s).'), result.notes.join('\n'));
  f.p.close();
});

test('negatives: k per positive, same label, never a positive, never twice, in the same split', async () => {
  const f = newsProject('negatives');
  const facts = spanFacts(f.p);
  const { dest, result } = await exportTo(f.p, { format: 'pairs', negatives: 3, seed: 7 });
  const lines = readPairs(join(dest, 'pairs.jsonl'));
  const pos = lines.filter((l) => l.label === 1);
  const neg = lines.filter((l) => l.label === 0);
  assert.equal(pos.length, 5);
  assert.equal(neg.length, 3 * pos.length, 'k negatives per positive');
  const positives = pairsOf(Object.values(f.groups));
  const seen = new Set<string>();
  for (const l of neg) {
    const a = facts.get(l.a)!;
    const b = facts.get(l.b)!;
    assert.equal(a.label, b.label, 'same label');
    assert.equal(l.label_name, a.label);
    assert.ok(a.cluster !== null, 'the anchor is a clustered mention');
    assert.notEqual(a.cluster, b.cluster, 'different clusters (or none)');
    assert.ok(!positives.has(key(l.a, l.b)), 'never a positive pair');
    assert.ok(!seen.has(key(l.a, l.b)), 'never the same negative twice');
    seen.add(key(l.a, l.b));
    assert.equal(l.cluster, null);
    assert.equal(typeof l.hard, 'boolean');
    assert.deepEqual([l.a_text, l.b_text, l.a_doc, l.b_doc], [a.text, b.text, a.doc, b.doc]);
    assert.ok(l.b_context && l.b_context.includes(l.b_text), 'the context is the sentence around the mention');
  }
  // Each positive is followed by its negatives, the first ⌈k/2⌉ anchored on its a, the rest on its b.
  lines.forEach((l, i) => {
    if (l.label === 1) {
      const after = lines.slice(i + 1, i + 4);
      assert.deepEqual(after.map((x) => x.a), [l.a, l.a, l.b]);
    }
  });
  assert.ok(neg.some((l) => facts.get(l.b)!.cluster === null) && neg.some((l) => facts.get(l.b)!.cluster !== null), 'both other clusters and unclustered mentions are drawn');
  assert.ok(result.notes.includes('pairs: 5 positive pair(s), 15 negative pair(s) (' + neg.filter((l) => l.hard).length + ' hard).'), result.notes.join('\n'));
  f.p.close();
});

test('the same seed gives the same file; another seed another sample', async () => {
  const f = newsProject('seeds');
  const run = async (seed: number) => readFileSync(join((await exportTo(f.p, { format: 'pairs', negatives: 2, seed })).dest, 'pairs.jsonl'), 'utf8');
  const one = await run(11);
  assert.equal(await run(11), one);
  const other = await run(12);
  assert.notEqual(other, one);
  const positives = (s: string) => readPairs2(s).filter((l) => l.label === 1);
  assert.deepEqual(positives(other), positives(one), 'positives do not depend on the seed');
  f.p.close();
});
const readPairs2 = (s: string): Line[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('hard negatives: a candidate sharing a key word with the anchor is preferred', async () => {
  const b = builder('hard');
  const d1 = b.doc('Officials said 60 civilians were killed near Aleppo.');
  const d2 = b.doc('Sixty civilians were killed near Aleppo, the monitor said.');
  const d3 = b.doc('The weather stayed warm. Markets closed early. Civilians were evacuated from Homs. Trains ran late.');
  const x = b.span(d1, '60 civilians were killed near Aleppo', CLAIM);
  const y = b.span(d2, 'Sixty civilians were killed near Aleppo', CLAIM);
  b.same(x, y);
  b.span(d3, 'The weather stayed warm', CLAIM);
  b.span(d3, 'Markets closed early', CLAIM);
  const hard = b.span(d3, 'Civilians were evacuated from Homs', CLAIM);
  b.span(d3, 'Trains ran late', CLAIM);
  for (const seed of [1, 2, 3, 4, 5]) {
    const { dest } = await exportTo(b.p, { format: 'pairs', negatives: 2, seed });
    const neg = readPairs(join(dest, 'pairs.jsonl')).filter((l) => l.label === 0);
    assert.equal(neg.length, 2);
    const fromA = neg.filter((l) => l.a === x);
    assert.equal(fromA.length, 1);
    assert.equal(fromA[0].b, hard, `seed ${seed}: all 4 candidates are drawn and the one sharing "civilians" wins`);
    assert.equal(fromA[0].hard, true);
  }
  assert.deepEqual([...keyWords('The 60 civilians, said RT — café!')].sort(), ['60', 'café', 'civilians'].sort());
  b.p.close();
});

test('too few candidates: fewer negatives, and a note says so', async () => {
  const b = builder('short');
  const d1 = b.doc('Alpha said one thing. Beta said another.');
  const d2 = b.doc('Alpha again. Gamma here.');
  const x = b.span(d1, 'Alpha', SPEAKER);
  const y = b.span(d2, 'Alpha', SPEAKER);
  b.same(x, y);
  const other = b.span(d1, 'Beta', SPEAKER);
  const { dest, result } = await exportTo(b.p, { format: 'pairs', negatives: 4, seed: 1 });
  const neg = readPairs(join(dest, 'pairs.jsonl')).filter((l) => l.label === 0);
  assert.deepEqual(
    neg.map((l) => [l.a, l.b]),
    [
      [x, other],
      [y, other],
    ],
    'the one candidate, once per anchor',
  );
  assert.ok(result.notes.includes('pairs: 1 positive pair(s) got fewer than 4 negatives: too few mentions with the same label outside their cluster in this split.'));
  b.p.close();
});

test('a split puts a pair only where both documents are, and counts the pairs it had to drop', async () => {
  const f = newsProject('split');
  const facts = spanFacts(f.p);
  // A seed whose split keeps some cluster pairs together and separates others.
  const all = pairsOf(Object.values(f.groups));
  let found: SplitRatios | null = null;
  for (let seed = 1; seed < 500 && !found; seed++) {
    const r = { train: 50, dev: 25, test: 25, seed };
    const splits = [...all].map((k) => k.split(':').map(Number)).map(([a, b]) => [splitOf(facts.get(a)!.doc, r), splitOf(facts.get(b)!.doc, r)]);
    const within = splits.filter(([a, b]) => a === b);
    if (within.length >= 2 && within.length < splits.length && new Set(within.map(([s]) => s)).size >= 2) found = r;
  }
  assert.ok(found, 'some seed splits the fixture both ways');
  const ratios: SplitRatios = found;
  const { dest, result } = await exportTo(f.p, { format: 'pairs', negatives: 1, seed: 3, split: ratios });
  let cross = 0;
  for (const k of all) {
    const [a, b] = k.split(':').map(Number);
    if (splitOf(facts.get(a)!.doc, ratios) !== splitOf(facts.get(b)!.doc, ratios)) cross++;
  }
  let written = 0;
  for (const split of ['train', 'dev', 'test'] as const) {
    const file = join(dest, split, 'pairs.jsonl');
    assert.ok(existsSync(file), `${split}/pairs.jsonl exists even when empty`);
    const lines = readPairs(file);
    for (const l of lines) {
      assert.equal(splitOf(l.a_doc, ratios), split, `${split}: a's document is in ${split}`);
      assert.equal(splitOf(l.b_doc, ratios), split, `${split}: b's document is in ${split}`);
    }
    const expected = new Set(
      [...all].filter((k) => {
        const [a, b] = k.split(':').map(Number);
        return splitOf(facts.get(a)!.doc, ratios) === split && splitOf(facts.get(b)!.doc, ratios) === split;
      }),
    );
    assert.deepEqual(new Set(lines.filter((l) => l.label === 1).map((l) => key(l.a, l.b))), expected, `${split}: exactly the pairs inside it`);
    written += expected.size;
  }
  assert.equal(written + cross, all.size);
  assert.ok(cross > 0);
  const note = result.notes.find((x) => x.includes('different splits'));
  assert.ok(note, result.notes.join('\n'));
  assert.match(note, new RegExp(`^pairs: ${cross} same-as pair\\(s\\) join mentions in different splits \\(`));
  assert.equal(result.notes.filter((x) => x.includes('different splits')).length, 1, 'said once, not once per split');
  f.p.close();
});

test('label and document filters: pairs with a mention left out are not written, and are counted', async () => {
  const f = newsProject('filters', { mixed: true });
  const mixed = await exportTo(f.p, { format: 'pairs' });
  const all = readPairs(join(mixed.dest, 'pairs.jsonl'));
  assert.equal(all.length, 3 + 3 + 1);
  assert.equal(all.filter((l) => l.label_name === 'claim/figure').length, 2, 'a cluster mixing labels names both');

  const claims = await exportTo(f.p, { format: 'pairs', labels: ['claim'] });
  const lines = readPairs(join(claims.dest, 'pairs.jsonl'));
  assert.deepEqual(new Set(lines.map((l) => key(l.a, l.b))), pairsOf([f.groups.A, f.groups.B.slice(0, 2)]));
  assert.ok(claims.result.notes.includes('pairs: 2 same-as pair(s) have one mention in a document or with a label outside this export; they are left out.'), claims.result.notes.join('\n'));

  const search = await exportTo(f.p, { format: 'pairs', docs: { kind: 'query', q: 'Aleppo' } });
  const aleppo = readPairs(join(search.dest, 'pairs.jsonl'));
  assert.deepEqual(new Set(aleppo.map((l) => key(l.a, l.b))), pairsOf([f.groups.A.slice(0, 2)]), 'only documents 1 and 2 mention Aleppo');
  f.p.close();
});

test('negatives must be a whole number of 0 or more', async () => {
  const f = newsProject('bad-negatives');
  for (const negatives of [-1, 1.5]) {
    await assert.rejects(exportTo(f.p, { format: 'pairs', negatives }), (e: Error) => e.name === 'InvalidInput' && /whole number/.test(e.message));
  }
  f.p.close();
});

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
    assert.equal(header, 'doc_id\tspan_id\tstart\tend\tlabel\tcluster_id\tcluster_name\ttext', `${split} has the header even if empty`);
    rows.push(...lines.map((l) => l.split('\t')));
  }
  assert.equal(rows.length, facts.size, 'every span once');
  const unescape = (s: string) => s.replace(/\\([\\tnr])/g, (_, c) => ({ '\\': '\\', t: '\t', n: '\n', r: '\r' })[c as string]!);
  for (const r of rows) {
    assert.equal(r.length, 8, 'tabs and line breaks in texts are escaped');
    const [doc, span, start, end, label, cluster, name, text] = r;
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

test('pairs keep emoji, ZWJ sequences and combining marks exact', async () => {
  const b = builder('emoji');
  const d1 = b.doc('Семья 👩‍👩‍👧 said: the café\u0301 🇺🇦 was hit.');
  const d2 = b.doc('Другая семья 👩‍👩‍👧 says the café\u0301 🇺🇦 was struck.');
  const x = b.span(d1, 'Семья 👩‍👩‍👧', SPEAKER);
  const y = b.span(d2, 'семья 👩‍👩‍👧', SPEAKER);
  const c1 = b.span(d1, 'the café\u0301 🇺🇦 was hit', CLAIM);
  const c2 = b.span(d2, 'the café\u0301 🇺🇦 was struck', CLAIM);
  b.same(x, y);
  b.same(c1, c2);
  const { dest } = await exportTo(b.p, { format: 'pairs' });
  const lines = readPairs(join(dest, 'pairs.jsonl'));
  assert.deepEqual(
    lines.map((l) => [l.a_text, l.b_text]),
    [
      ['Семья 👩‍👩‍👧', 'семья 👩‍👩‍👧'],
      ['the café\u0301 🇺🇦 was hit', 'the café\u0301 🇺🇦 was struck'],
    ],
  );
  assert.equal(lines[1].a_context, 'Семья 👩‍👩‍👧 said: the café\u0301 🇺🇦 was hit.');
  b.p.close();
});

test('mulberry32 is deterministic and spreads', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(Array.from({ length: 1000 }, () => b()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const buckets = new Array(10).fill(0);
  for (const x of xs) buckets[Math.floor(x * 10)]++;
  assert.ok(buckets.every((c) => c > 60 && c < 140), buckets.join(','));
});
