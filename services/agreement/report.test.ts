import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from '../project.js';
import { agreementReport } from './report.js';
import type { PairAgreement } from '../../common/agreement.js';

const LABEL = { claim: 1, speaker: 2, figure: 3 } as const;
const TYPE = { 'same-as': 1, contradicts: 2, supports: 3, 'said-by': 4, cites: 5 } as const;
const close = (actual: number | null, expected: number, what = '') => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

/** A project of `texts` (documents 1, 2, …) whose layers tests fill in. */
function project(t: { after(fn: () => void): void }, texts: string[]) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const docs = texts.map((text, i) =>
    p.documents.insert({ title: `Doc ${i + 1}`, date: null, source: null, path: null, hash: `h${i}`, text, length: [...text].length }, 'now'),
  );
  /** The layer `name`: add spans (returns their ids) and links in it. */
  const layer = (name: string) => {
    const annotatorId = p.annotators.ensure(name, true);
    return {
      span: (doc: number, label: keyof typeof LABEL, start: number, end: number) =>
        p.annotations.create({ docId: docs[doc - 1], labelId: LABEL[label], start, end, annotatorId }).id,
      link: (from: number, to: number, type: keyof typeof TYPE) => void p.links.create(from, to, TYPE[type]),
    };
  };
  return { p, docs, layer };
}

const MAYOR = 'The mayor denied the report on Friday.'; // speaker 0–9 "The mayor", claim 10–37
const OFFICIALS = 'Officials in Mosul said the mayor was wrong.'; // speaker 0–9, 28–33 "mayor"

/** One annotator's full reading of both texts: speakers linked same-as across documents, a said-by link. */
function fullReading(l: ReturnType<ReturnType<typeof project>['layer']>) {
  const mayor = l.span(1, 'speaker', 0, 9);
  const claim = l.span(1, 'claim', 10, 37);
  const officials = l.span(2, 'speaker', 0, 9);
  const mayor2 = l.span(2, 'speaker', 28, 33);
  l.link(claim, mayor, 'said-by');
  l.link(mayor, mayor2, 'same-as');
  return { mayor, claim, officials, mayor2 };
}

test('two identical layers agree on every measure: span F1, κ, α, every cluster score and link F1 are 1', (t) => {
  const { p, layer } = project(t, [MAYOR, OFFICIALS]);
  fullReading(layer('Ann'));
  fullReading(layer('Bo'));
  const r = agreementReport(p);
  assert.equal(r.documents, 2);
  assert.deepEqual(r.annotators, ['Ann', 'Bo']);
  const [pair] = r.pairs;
  assert.equal(r.pairs.length, 1);
  assert.deepEqual([pair.a, pair.b, pair.documents], ['Ann', 'Bo', 2]);
  assert.deepEqual(Object.keys(pair.spans), ['claim', 'speaker', 'overall']);
  for (const f of Object.values(pair.spans)) assert.deepEqual(f, { exactF1: 1, overlapF1: 1, kappa: 1 });
  for (const m of ['muc', 'b3', 'ceafe', 'blanc'] as const) assert.deepEqual(pair.clusters[m], { r: 1, p: 1, f1: 1 }, m);
  assert.equal(pair.clusters.conll, 1);
  assert.deepEqual(pair.links, { 'said-by': { r: 1, p: 1, f1: 1 } });
  assert.deepEqual(r.alpha, { claim: 1, speaker: 1, overall: 1 });
  assert.equal(r.perDocument, undefined);
});

test('one layer missing a span: exact F1 2/3, recall and precision with a as the key; swapping names swaps r and p', (t) => {
  for (const [full, partial] of [['Ann', 'Bo'], ['Bo', 'Ann']]) {
    const { p, layer } = project(t, [MAYOR]);
    const f = layer(full);
    f.span(1, 'speaker', 0, 9);
    f.span(1, 'claim', 10, 37);
    layer(partial).span(1, 'speaker', 0, 9);
    const [pair] = agreementReport(p).pairs;
    assert.deepEqual([pair.a, pair.b], ['Ann', 'Bo']);
    close(pair.spans.overall.exactF1, 2 / 3, 'exact F1');
    close(pair.spans.overall.overlapF1, 2 / 3, 'overlap F1');
    assert.equal(pair.spans.speaker.exactF1, 1);
    // The claim only the full reading has: F1 0; κ 0 (one side codes its 5 words 1, the other none: p_o = p_e).
    assert.deepEqual(pair.spans.claim, { exactF1: 0, overlapF1: 0, kappa: 0 });
    // Ann is the key: 2 mentions (singletons) against 1, so B³ recall 1/2 when Ann is full, precision 1/2 when not.
    const b3 = full === 'Ann' ? { r: 1 / 2, p: 1 } : { r: 1, p: 1 / 2 };
    close(pair.clusters.b3.r, b3.r, 'B³ r');
    close(pair.clusters.b3.p, b3.p, 'B³ p');
    close(pair.clusters.b3.f1, 2 / 3, 'B³ F1');
    // No same-as link on either side: MUC has no links to count, 0/0.
    assert.deepEqual(pair.clusters.muc, { r: null, p: null, f1: null });
  }
});

test('overlap F1 counts a boundary difference as a match that exact F1 does not', (t) => {
  const { p, layer } = project(t, [MAYOR]);
  layer('Ann').span(1, 'speaker', 0, 9); // "The mayor"
  layer('Bo').span(1, 'speaker', 4, 9); // "mayor"
  const { spans } = agreementReport(p).pairs[0];
  assert.equal(spans.speaker.exactF1, 0);
  assert.equal(spans.speaker.overlapF1, 1);
  // 7 words; Ann codes "The mayor" speaker (2 words), Bo "mayor" (1): they differ on "The" only.
  // p_o·N² = 7·6, chance Σ n_a·n_b = 2·1 + 5·6 = 32: κ = (42 − 32) / (49 − 32) = 10/17.
  close(spans.speaker.kappa, 10 / 17, 'κ speaker');
});

test('--labels narrows the spans compared, not the documents: a document annotated with other labels still counts', (t) => {
  const { p, layer } = project(t, [MAYOR, OFFICIALS]);
  const ann = layer('Ann');
  const bo = layer('Bo');
  ann.span(1, 'claim', 10, 37);
  bo.span(1, 'claim', 10, 37);
  ann.span(2, 'claim', 10, 44); // Bo annotated document 2 with a speaker only
  bo.span(2, 'speaker', 0, 9);
  const all = agreementReport(p);
  const claims = agreementReport(p, { labels: ['Claim'] });
  assert.equal(all.documents, 2);
  assert.equal(claims.documents, 2);
  assert.equal(claims.pairs[0].documents, 2);
  assert.deepEqual(Object.keys(claims.pairs[0].spans), ['claim', 'overall']);
  // Ann's claim in document 2 is unmatched: 1 match of 2 + 1.
  close(claims.pairs[0].spans.claim.exactF1, 2 / 3, 'claim exact F1');
  close(claims.pairs[0].spans.overall.exactF1, 2 / 3, 'overall exact F1');
  // A label asked for that neither side uses: every measure 0/0, null.
  const figures = agreementReport(p, { labels: ['figure'] });
  assert.equal(figures.documents, 2);
  assert.deepEqual(figures.pairs[0].spans.figure, { exactF1: null, overlapF1: null, kappa: null });
  assert.deepEqual(figures.alpha, { figure: null, overall: null });
  for (const m of ['muc', 'b3', 'ceafe', 'blanc'] as const) assert.deepEqual(figures.pairs[0].clusters[m], { r: null, p: null, f1: null }, m);
  assert.equal(figures.pairs[0].clusters.conll, null);
});

test('clusters: one side links two mentions across documents, the other leaves them singletons (reference scorer counts)', (t) => {
  const { p, layer } = project(t, [MAYOR, OFFICIALS]);
  const ann = layer('Ann');
  const bo = layer('Bo');
  const [a1, a2, a3] = [ann.span(1, 'speaker', 0, 9), ann.span(2, 'speaker', 28, 33), ann.span(2, 'speaker', 0, 9)];
  const [b1, , b3] = [bo.span(1, 'speaker', 0, 9), bo.span(2, 'speaker', 28, 33), bo.span(2, 'speaker', 0, 9)];
  ann.link(a1, a2, 'same-as');
  // said-by is directed: opposite directions do not match; supports is not: they do.
  ann.link(a3, a1, 'said-by');
  bo.link(b1, b3, 'said-by');
  ann.link(a1, a3, 'supports');
  bo.link(b3, b1, 'supports');
  const { clusters, links } = agreementReport(p).pairs[0];
  // Key {m1,m2},{m3}; response {m1},{m2},{m3}.
  assert.deepEqual(clusters.muc, { r: 0, p: null, f1: 0 });
  close(clusters.b3.r, 2 / 3, 'B³ r');
  assert.equal(clusters.b3.p, 1);
  close(clusters.b3.f1, 0.8, 'B³ F1');
  close(clusters.ceafe.r, 5 / 6, 'CEAF-e r');
  close(clusters.ceafe.p, 5 / 9, 'CEAF-e p');
  close(clusters.ceafe.f1, 2 / 3, 'CEAF-e F1');
  close(clusters.blanc.r, 0.5, 'BLANC r');
  close(clusters.blanc.p, 1 / 3, 'BLANC p');
  close(clusters.blanc.f1, 0.4, 'BLANC F1');
  close(clusters.conll, (0 + 0.8 + 2 / 3) / 3, 'CoNLL');
  assert.deepEqual(links, { 'said-by': { r: 0, p: 0, f1: 0 }, supports: { r: 1, p: 1, f1: 1 } });
});

test('α with three annotators: one without spans in a document is missing there, not "none"; documents by one alone do not count', (t) => {
  const { p, layer } = project(t, ['one two', 'one two', 'one two']);
  const [a, b, c] = [layer('A'), layer('B'), layer('C')];
  a.span(1, 'claim', 0, 3);
  b.span(1, 'claim', 0, 3);
  c.span(1, 'claim', 4, 7);
  a.span(2, 'claim', 0, 3);
  b.span(2, 'claim', 4, 7);
  a.span(3, 'claim', 0, 7); // A alone
  const r = agreementReport(p);
  assert.equal(r.documents, 2);
  // Units (claim / none): {c,c,n} {n,n,c} {c,n} {n,c}: D_o sum 8, n = 10, n_claim = n_none = 5: α = 1 − 9·8 / 50.
  close(r.alpha.overall, 1 - 72 / 50, 'α overall');
  close(r.alpha.claim, 1 - 72 / 50, 'α claim');
  assert.deepEqual(r.pairs.map((x) => [x.a, x.b, x.documents]), [['A', 'B', 2], ['A', 'C', 1], ['B', 'C', 1]]);
});

test('per document: every document annotated by two or more, most disagreement first, with its own pairs and α', (t) => {
  const { p, layer } = project(t, [MAYOR, OFFICIALS, MAYOR + ' Again.']);
  const ann = layer('Ann');
  const bo = layer('Bo');
  ann.span(1, 'speaker', 0, 9);
  bo.span(1, 'speaker', 0, 9);
  ann.span(2, 'speaker', 0, 9);
  ann.span(2, 'speaker', 28, 33);
  bo.span(2, 'speaker', 0, 9); // 1 of 3: F1 2/3
  ann.span(3, 'claim', 10, 37);
  bo.span(3, 'speaker', 0, 9); // nothing matches: F1 0
  const r = agreementReport(p, { perDocument: true });
  const rows = r.perDocument!;
  assert.deepEqual(rows.map((d) => d.docId), [3, 2, 1]);
  assert.deepEqual(rows.map((d) => d.title), ['Doc 3', 'Doc 2', 'Doc 1']);
  close(rows[0].disagreement, 1, 'doc 3');
  close(rows[1].disagreement, 1 / 3, 'doc 2');
  assert.equal(rows[2].disagreement, 0);
  assert.deepEqual(rows[2].annotators, ['Ann', 'Bo']);
  assert.equal(rows[2].pairs[0].documents, 1);
  assert.equal(rows[2].alpha.overall, 1);
  close(rows[1].pairs[0].spans.overall.exactF1, 2 / 3, 'doc 2 exact F1');
});

test('default annotators: everyone with spans but auto; named annotators any case, each once', (t) => {
  const { p, layer } = project(t, [MAYOR]);
  for (const name of ['Bo', 'auto', 'Ann']) layer(name).span(1, 'speaker', 0, 9);
  p.annotators.ensure('Cy', false); // no spans
  assert.deepEqual(agreementReport(p).annotators, ['Ann', 'Bo']);
  const r = agreementReport(p, { annotators: ['bo', 'AUTO', 'Bo'] });
  assert.deepEqual(r.annotators, ['Bo', 'auto']);
  assert.deepEqual(r.pairs.map((x) => [x.a, x.b]), [['Bo', 'auto']]);
  // A named annotator with no spans is compared over no documents: every figure null.
  const empty: PairAgreement = agreementReport(p, { annotators: ['Ann', 'Cy'] }).pairs[0];
  assert.equal(empty.documents, 0);
  assert.deepEqual(empty.spans.overall, { exactF1: null, overlapF1: null, kappa: null });
});

test('unknown annotators or labels are named; fewer than two annotators is refused with a reason', (t) => {
  const { p, layer } = project(t, [MAYOR]);
  layer('Ann').span(1, 'speaker', 0, 9);
  assert.throws(() => agreementReport(p), { name: 'InvalidInput', message: /at least two annotators.*Ann/ });
  layer('Bo').span(1, 'speaker', 0, 9);
  assert.throws(() => agreementReport(p, { annotators: ['Ann', 'Zoe', 'Max'] }), { name: 'InvalidInput', message: /Unknown annotators: Zoe, Max\. The project's annotators: .*Ann/ });
  assert.throws(() => agreementReport(p, { annotators: ['Ann', 'ann'] }), { name: 'InvalidInput', message: /only Ann was named/ });
  assert.throws(() => agreementReport(p, { labels: ['claim', 'quote'] }), { name: 'InvalidInput', message: /Unknown label: quote\. The project's labels: claim, speaker, figure/ });
  assert.throws(() => agreementReport(p, { query: 'mayor', done: true }), { name: 'InvalidInput' });
});

test('documents by search or done mark: only those are compared', (t) => {
  const { p, docs, layer } = project(t, [MAYOR, OFFICIALS]);
  for (const name of ['Ann', 'Bo']) {
    const l = layer(name);
    l.span(1, 'speaker', 0, 9);
    l.span(2, 'speaker', 0, name === 'Ann' ? 9 : 5);
  }
  assert.equal(agreementReport(p).pairs[0].spans.overall.exactF1, 0.5);
  const mosul = agreementReport(p, { query: 'Mosul' });
  assert.equal(mosul.documents, 1);
  assert.equal(mosul.pairs[0].spans.overall.exactF1, 0);
  p.documents.setDone(docs[0], true);
  const done = agreementReport(p, { done: true });
  assert.equal(done.documents, 1);
  assert.equal(done.pairs[0].spans.overall.exactF1, 1);
});

test('a label called __proto__ is reported like any other, in the spans, in α and in the JSON (hostile tester)', (t) => {
  const { p, layer } = project(t, [MAYOR, OFFICIALS]);
  fullReading(layer('Ann'));
  fullReading(layer('Bo'));
  p.labels.update(LABEL.claim, { name: '__proto__' });
  const r = agreementReport(p);
  const [pair] = r.pairs;
  assert.deepEqual(Object.keys(pair.spans), ['__proto__', 'speaker', 'overall']);
  assert.deepEqual(pair.spans.__proto__, { exactF1: 1, overlapF1: 1, kappa: 1 });
  assert.equal(Object.getPrototypeOf(pair.spans), Object.prototype, 'the record keeps its prototype');
  assert.deepEqual(Object.keys(r.alpha), ['__proto__', 'speaker', 'overall']);
  assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(r)).pairs[0].spans), ['__proto__', 'speaker', 'overall']);
  assert.deepEqual(Object.keys(agreementReport(p, { labels: ['__proto__'] }).pairs[0].spans), ['__proto__', 'overall']);
});
