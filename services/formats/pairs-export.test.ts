import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitOf, type SplitRatios } from '../export/split.js';
import { keyWords } from './pairs-negatives.js';
import { mulberry32 } from '../../common/random.js';
import { CLAIM, SPEAKER, pairsFixtures, type Line } from './pairs-test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-pairs-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
const { builder, newsProject, exportTo, readPairs, spanFacts } = pairsFixtures(() => dir);

const key = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);

/** Every unordered pair of ids of each group. */
function pairsOf(groups: number[][]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) out.add(key(g[i], g[j]));
  return out;
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
