import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { curation } from './index.js';
import { curationProject, CLAIM, SPEAKER, SAID_BY, SAME_AS } from './curation.test-helpers.js';

const spansOf = (g: { docId: number; labelId: number; start: number; end: number }[]) => g.map((a) => [a.docId, a.labelId, a.start, a.end]);

describe('curation.mergeAgreements', () => {
  test('two annotators: only exact agreements (document, start, end, label) go to gold; a second run adds nothing', () => {
    const { p, tag, goldSpans } = curationProject();
    for (const w of ['ana', 'ben'] as const) tag(w, 1, CLAIM, 10, 27);
    tag('ana', 1, SPEAKER, 0, 9);
    tag('ben', 1, CLAIM, 0, 9); // label disagreement
    tag('ana', 2, CLAIM, 0, 14);
    tag('ben', 2, CLAIM, 0, 9); // boundary disagreement
    tag('cat', 2, CLAIM, 15, 24); // cat is not compared
    const c = curation(p);
    const preview = c.mergeAgreements(['ana', 'ben'], undefined, true);
    assert.deepEqual([preview.spans, preview.created], [1, []]);
    assert.deepEqual(goldSpans(), []);
    const r = c.mergeAgreements(['ana', 'ben'], undefined, false);
    assert.deepEqual([r.documents, r.spans, r.links, r.clusterLinks], [1, 1, 0, 0]);
    assert.deepEqual(spansOf(goldSpans()), [[1, CLAIM, 10, 27]]);
    assert.equal(goldSpans()[0].curatedBy, p.annotators.currentId());
    const again = c.mergeAgreements(['ana', 'ben'], undefined, false);
    assert.deepEqual([again.spans, again.links, again.clusterLinks, again.created.length], [0, 0, 0, 0]);
  });

  test('three annotators: a span two of three have goes to gold, one of three does not; docIds limits the documents', () => {
    const { p, tag, goldSpans } = curationProject();
    tag('ana', 1, CLAIM, 10, 27);
    tag('cat', 1, CLAIM, 10, 27);
    tag('ben', 1, SPEAKER, 0, 9);
    for (const w of ['ana', 'ben', 'cat'] as const) tag(w, 2, SPEAKER, 15, 24);
    const c = curation(p);
    c.mergeAgreements(['ana', 'ben', 'cat'], [1], false);
    assert.deepEqual(spansOf(goldSpans()), [[1, CLAIM, 10, 27]]);
    c.mergeAgreements(['ana', 'ben', 'cat'], undefined, false);
    assert.deepEqual(spansOf(goldSpans()), [[1, CLAIM, 10, 27], [2, SPEAKER, 15, 24]]);
  });

  test('a said-by link goes to gold when a majority has it between agreed spans', () => {
    const { p, tag, goldSpans } = curationProject();
    const ids = Object.fromEntries((['ana', 'ben', 'cat'] as const).map((w) => [w, [tag(w, 1, CLAIM, 10, 27), tag(w, 1, SPEAKER, 0, 9)]]));
    p.links.create(ids.ana[0], ids.ana[1], SAID_BY);
    p.links.create(ids.ben[0], ids.ben[1], SAID_BY);
    p.links.create(ids.cat[1], ids.cat[0], SAID_BY); // the other way round: not the same directed link
    const r = curation(p).mergeAgreements(['ana', 'ben', 'cat'], undefined, false);
    assert.deepEqual([r.spans, r.links], [2, 1]);
    const g = goldSpans(1);
    const l = p.links.forAnnotation(g.find((x) => x.labelId === CLAIM)!.id);
    assert.deepEqual(l.map((x) => [x.fromId, x.toId, x.typeId]), [[g.find((x) => x.labelId === CLAIM)!.id, g.find((x) => x.labelId === SPEAKER)!.id, SAID_BY]]);
  });

  /*
   * Hand-worked clusters. Mentions (all tagged speaker): m1 = doc 1 0..9, m2 = doc 1 17..27, m3 = doc 2 15..24,
   * m4 = doc 2 0..9 (all three layers have m1..m4), m5 = doc 2 25..31 (ana and ben only; 2 of 3, so gold).
   * ana: {m1 m2 m3} {m4 m5}; ben: {m1 m2} {m3 m4 m5}; cat: {m1 m3}, m2 and m4 alone.
   * Pairs, linked / layers having both: m1m2 2/3 yes; m1m3 2/3 yes; m2m3 1/3 no; m3m4 1/3 no; m4m5 2/2 yes;
   * m3m5 1/2 (ana and ben have both; only ben links them) no. Gold: {m1 m2 m3} by two links, {m4 m5} by one.
   */
  test('clusters are merged by majority on each mention pair (hand-worked example), with a spanning set of same-as links', () => {
    const { p, tag, goldSpans } = curationProject();
    const at = { m1: [1, 0, 9], m2: [1, 17, 27], m3: [2, 15, 24], m4: [2, 0, 9], m5: [2, 25, 31] } as const;
    type M = keyof typeof at;
    const has: Record<'ana' | 'ben' | 'cat', M[]> = { ana: ['m1', 'm2', 'm3', 'm4', 'm5'], ben: ['m1', 'm2', 'm3', 'm4', 'm5'], cat: ['m1', 'm2', 'm3', 'm4'] };
    const clusters: Record<'ana' | 'ben' | 'cat', M[][]> = { ana: [['m1', 'm2', 'm3'], ['m4', 'm5']], ben: [['m1', 'm2'], ['m3', 'm4', 'm5']], cat: [['m1', 'm3']] };
    for (const w of ['ana', 'ben', 'cat'] as const) {
      const id = Object.fromEntries(has[w].map((m) => [m, tag(w, at[m][0], SPEAKER, at[m][1], at[m][2])]));
      for (const c of clusters[w]) for (let i = 1; i < c.length; i++) p.links.create(id[c[i - 1]], id[c[i]], SAME_AS);
    }
    const r = curation(p).mergeAgreements(['ana', 'ben', 'cat'], undefined, false);
    assert.deepEqual([r.spans, r.clusterLinks], [5, 3]);
    const g = goldSpans();
    const cluster = (m: M) => g.find((x) => x.docId === at[m][0] && x.start === at[m][1])!.clusterId;
    assert.ok(cluster('m1') !== null);
    assert.equal(cluster('m2'), cluster('m1'));
    assert.equal(cluster('m3'), cluster('m1'));
    assert.ok(cluster('m4') !== null && cluster('m4') !== cluster('m1'));
    assert.equal(cluster('m5'), cluster('m4'));
    assert.equal(curation(p).mergeAgreements(['ana', 'ben', 'cat'], undefined, false).clusterLinks, 0);
  });

  test('what a merge returns is what undo needs: deleting the created spans leaves gold as it was', () => {
    const { p, tag, goldSpans } = curationProject();
    const a = [tag('ana', 1, CLAIM, 10, 27), tag('ana', 1, SPEAKER, 0, 9)];
    const b = [tag('ben', 1, CLAIM, 10, 27), tag('ben', 1, SPEAKER, 0, 9)];
    p.links.create(a[0], a[1], SAID_BY);
    p.links.create(b[0], b[1], SAID_BY);
    const r = curation(p).mergeAgreements(['ana', 'ben'], undefined, false);
    assert.equal(r.createdLinks.length, 1);
    for (const l of r.createdLinks) p.links.delete(l.id);
    for (const x of r.created) p.annotations.delete(x.id);
    assert.deepEqual(goldSpans(), []);
  });

  test('bad input: fewer than two annotators, gold among them, an unknown document', () => {
    const { p } = curationProject();
    const c = curation(p);
    assert.throws(() => c.mergeAgreements(['ana'], undefined, false), { name: 'InvalidInput' });
    p.annotators.ensure('gold', true);
    assert.throws(() => c.mergeAgreements(['ana', 'gold'], undefined, false), { name: 'InvalidInput' });
    assert.throws(() => c.mergeAgreements(['ana', 'ben'], [42], false), { name: 'NotFound' });
  });
});
