// The report's fast paths (issue 13 bench target) give the figures of the measure library's definitions: the word
// scanner finds the words of the regex definition, sparse codings are the dense codings' covered words, and a
// random project's report (pooled and per document) equals exactMatch, overlapMatch, spanKappa, spanAlpha,
// clusterAgreement and linkAgreement applied to its spans directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildOffsetIndex, utf16ToCp } from '../../common/offsets.js';
import { mulberry32, randomInt } from '../../common/random.js';
import type { PairAgreement } from '../../common/agreement.js';
import { openProject } from '../project.js';
import { spanAlpha } from './alpha.js';
import { clusterAgreement, type MentionSpan } from './clusters.js';
import { spanKappa } from './kappa.js';
import { linkAgreement, type LinkRef } from './links.js';
import { agreementReport } from './report.js';
import { sparseCoding, sparseOf } from './sparse.js';
import { exactMatch, overlapMatch, type SpanRow } from './spans.js';
import { wordBounds, wordCoding, wordUnits, wordUnitsByDoc } from './words.js';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const CHARS = ['a', 'Z', '9', ' ', '.', 'é', '\u0301', '😀', '𝐀', '\ud800', '\udc00', '東', 'ك', '\u064e', '_', '٣', '\u200d', 'Ⅻ'];

test('the word scanner finds the words of the regex definition (letters, numbers, marks; lone surrogates split)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...CHARS), { maxLength: 16 }), (cs) => {
      const text = cs.join('');
      const index = buildOffsetIndex(text);
      const expected = [...text.matchAll(WORD)].map((m) => ({ start: utf16ToCp(index, m.index), end: utf16ToCp(index, m.index + m[0].length) }));
      assert.deepEqual(wordUnits(text), expected);
    }),
    { numRuns: 500, seed: 13 },
  );
});

test('a sparse coding lists exactly the covered words of the dense coding, with their labels and category', () => {
  const text = 'one two three four five six seven eight';
  const bounds = wordBounds(text);
  const span = fc.tuple(fc.nat(39), fc.nat(39), fc.constantFrom('x', 'y', 'z')).map(([p, q, label]) => ({ doc: 1, start: Math.min(p, q), end: Math.max(p, q) + 1, label }));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 8 }), (spans) => {
      assert.deepEqual(sparseCoding(bounds, spans), sparseOf(wordCoding(wordUnits(text), spans)));
    }),
    { numRuns: 300, seed: 13 },
  );
});

const LABELS = ['claim', 'speaker', 'figure'];
const TEXTS = ['The mayor denied the report on Friday, officials said.', 'Officials in Mosul said the mayor was wrong about 3 things.', 'Nobody 😀 answered the café owner.'];
const near = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-12);

/** A span the random project made, with its annotation id. */
type MadeSpan = SpanRow & { id: number };

/** A project of TEXTS, three layers of random spans (some in two labels at once), same-as and said-by links. */
function randomProject(seed: number) {
  const r = mulberry32(seed);
  const p = openProject(':memory:');
  const docs = TEXTS.map((text, i) => p.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: [...text].length }, 'now'));
  const layers = new Map<string, MadeSpan[]>();
  const links: { layer: string; from: number; to: number; type: 'same-as' | 'said-by' }[] = [];
  for (const name of ['Ann', 'Bo', 'Cy']) {
    const annotatorId = p.annotators.ensure(name, false);
    const rows: MadeSpan[] = [];
    docs.forEach((docId, d) => {
      if (r() < 0.2) return; // this annotator skips the document
      const n = [...TEXTS[d]].length;
      for (let k = randomInt(r, 1, 6); k > 0; k--) {
        const start = randomInt(r, 0, n - 2);
        const end = Math.min(n, start + randomInt(r, 1, 12));
        const label = LABELS[randomInt(r, 0, 2)];
        const labelId = p.labels.list().find((l) => l.name === label)!.id;
        if (p.annotations.sameSpan(docId, labelId, start, end, annotatorId)) continue;
        const id = p.annotations.create({ docId, labelId, start, end, annotatorId }).id;
        rows.push({ id, doc: docId, start, end, label });
      }
    });
    for (let k = 0; k + 1 < rows.length; k++) {
      const type = r() < 0.5 ? 'same-as' : 'said-by';
      if (r() < 0.5) {
        // Either direction: said-by is directed, so a reversed link is another link.
        const [from, to] = r() < 0.5 ? [rows[k].id, rows[k + 1].id] : [rows[k + 1].id, rows[k].id];
        p.links.create(from, to, p.links.types().find((t) => t.name === type)!.id);
        links.push({ layer: name, from, to, type });
      }
    }
    layers.set(name, rows);
  }
  return { p, docs, layers, links };
}

/** The pair figures computed by the measure library on `docs` (the old composition of the report). */
function expectedPair(made: ReturnType<typeof randomProject>, a: string, b: string, docs: Set<number>, words: ReturnType<typeof wordUnitsByDoc>): Omit<PairAgreement, 'a' | 'b' | 'documents'> {
  const rows = (name: string) => made.layers.get(name)!.filter((s) => docs.has(s.doc));
  const [ra, rb] = [rows(a), rows(b)];
  const exact = exactMatch(ra, rb, docs);
  const overlap = overlapMatch(ra, rb, docs);
  const kappa = spanKappa(ra, rb, words, docs);
  const spans: PairAgreement['spans'] = {};
  for (const label of new Set([...ra, ...rb].map((s) => s.label))) spans[label] = { exactF1: exact.labels.get(label)!.f1, overlapF1: overlap.labels.get(label)!.f1, kappa: kappa.labels.get(label) ?? null };
  spans.overall = { exactF1: exact.overall.f1, overlapF1: overlap.overall.f1, kappa: kappa.overall };
  const mention = (s: SpanRow): MentionSpan => ({ doc: s.doc, start: s.start, end: s.end });
  const clustering = (name: string, spans: typeof ra) => {
    // Same-as components of the layer, then every other span a singleton; a mention counted once (clustered first).
    const root = new Map(spans.map((s) => [s.id, s.id]));
    const find = (x: number): number => (root.get(x) === x ? x : find(root.get(x)!));
    for (const l of made.links) if (l.layer === name && l.type === 'same-as' && root.has(l.from) && root.has(l.to)) root.set(find(l.from), find(l.to));
    const linked = new Set(made.links.filter((l) => l.layer === name && l.type === 'same-as').flatMap((l) => [l.from, l.to]));
    const groups = new Map<string, MentionSpan[]>();
    const seen = new Set<string>();
    for (const s of [...spans.filter((x) => linked.has(x.id)), ...spans.filter((x) => !linked.has(x.id))]) {
      const key = `${s.doc}:${s.start}:${s.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const g = linked.has(s.id) ? `c${find(s.id)}` : key;
      groups.set(g, [...(groups.get(g) ?? []), mention(s)]);
    }
    return [...groups.values()];
  };
  const linkRefs = (name: string, spans: typeof ra): LinkRef[] => {
    const byId = new Map(spans.map((s) => [s.id, s]));
    return made.links.filter((l) => l.layer === name && l.type === 'said-by' && byId.has(l.from) && byId.has(l.to)).map((l) => ({ type: l.type, from: mention(byId.get(l.from)!), to: mention(byId.get(l.to)!) }));
  };
  return { spans, clusters: clusterAgreement(clustering(a, ra), clustering(b, rb)), links: linkAgreement(linkRefs(a, ra), linkRefs(b, rb), () => true) };
}

/** Asserts the report's figures equal the library's, labels and link types missing on one side being null. */
function assertPair(actual: PairAgreement, expected: ReturnType<typeof expectedPair>, what: string) {
  for (const [label, f] of Object.entries(actual.spans)) {
    const e = expected.spans[label] ?? { exactF1: null, overlapF1: null, kappa: null };
    for (const k of ['exactF1', 'overlapF1', 'kappa'] as const) assert.ok(near(f[k], e[k]), `${what} ${label} ${k}: ${f[k]} ≠ ${e[k]}`);
  }
  for (const m of ['muc', 'b3', 'ceafe', 'blanc'] as const) for (const k of ['r', 'p', 'f1'] as const) assert.ok(near(actual.clusters[m][k], expected.clusters[m][k]), `${what} ${m}.${k}`);
  assert.ok(near(actual.clusters.conll, expected.clusters.conll), `${what} conll`);
  const said = actual.links['said-by'];
  const e = expected.links['said-by'] ?? { r: null, p: null, f1: null };
  if (said) for (const k of ['r', 'p', 'f1'] as const) assert.ok(near(said[k], e[k]), `${what} said-by ${k}`);
}

test('the report, pooled and per document, equals the measure library applied to the same spans (random projects)', () => {
  for (let seed = 1; seed <= 25; seed++) {
    const made = randomProject(seed);
    try {
      const words = wordUnitsByDoc(new Map(made.docs.map((d, i) => [d, TEXTS[i]])));
      const annotated = new Map([...made.layers].map(([name, rows]) => [name, new Set(rows.map((s) => s.doc))]));
      const names = [...made.layers.keys()].filter((n) => annotated.get(n)!.size > 0);
      if (names.length < 2) continue;
      const report = agreementReport(made.p, { perDocument: true });
      const inTwo = made.docs.filter((d) => names.filter((n) => annotated.get(n)!.has(d)).length >= 2);
      assert.equal(report.documents, inTwo.length, `seed ${seed}`);
      for (const pair of report.pairs) {
        const docs = new Set(inTwo.filter((d) => annotated.get(pair.a)!.has(d) && annotated.get(pair.b)!.has(d)));
        assertPair(pair, expectedPair(made, pair.a, pair.b, docs, words), `seed ${seed} ${pair.a}×${pair.b}`);
      }
      const alpha = spanAlpha(new Map([...made.layers].filter(([n]) => names.includes(n))), words, annotated);
      for (const [label, value] of Object.entries(report.alpha)) assert.ok(near(value, label === 'overall' ? alpha.overall : alpha.labels.get(label) ?? null), `seed ${seed} α ${label}`);
      for (const row of report.perDocument!) {
        for (const pair of row.pairs) assertPair(pair, expectedPair(made, pair.a, pair.b, new Set([row.docId]), words), `seed ${seed} doc ${row.docId} ${pair.a}×${pair.b}`);
      }
    } finally {
      made.p.close();
    }
  }
});
