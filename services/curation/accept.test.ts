import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { curation } from './index.js';
import { curationProject, CLAIM, SPEAKER, SAID_BY, SAME_AS } from './curation.test-helpers.js';

const none = { linkIds: [], remove: [], unlink: [] };

describe('curation.accept writes the gold layer', () => {
  test('an accepted span is copied into gold with the current annotator as curatedBy', () => {
    const { p, tag, goldSpans } = curationProject();
    const a = tag('ana', 1, CLAIM, 10, 27);
    p.annotations.update(a, { note: 'checked', attributes: { stance: 'denial' } });
    p.annotators.choose('Dana');
    const r = curation(p).accept({ docId: 1, annotationIds: [a], ...none });
    const gold = goldSpans(1);
    assert.equal(gold.length, 1);
    assert.deepEqual([gold[0].labelId, gold[0].start, gold[0].end, gold[0].note, gold[0].attributes], [CLAIM, 10, 27, 'checked', { stance: 'denial' }]);
    assert.equal(gold[0].annotatorId, p.annotators.idByName('gold'));
    assert.equal(gold[0].curatedBy, p.annotators.idByName('Dana'));
    assert.deepEqual(r.created.map((c) => c.id), [gold[0].id]);
  });

  test('links among accepted spans are copied, direction kept, whether accepted together or one after the other', () => {
    const { p, tag, goldSpans } = curationProject();
    const claim = tag('ana', 1, CLAIM, 10, 27);
    const mayor = tag('ana', 1, SPEAKER, 0, 9);
    p.links.create(claim, mayor, SAID_BY);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [mayor], ...none });
    const r = c.accept({ docId: 1, annotationIds: [claim], ...none });
    assert.equal(r.links.length, 1);
    const g = goldSpans(1);
    const gClaim = g.find((x) => x.labelId === CLAIM)!;
    const gMayor = g.find((x) => x.labelId === SPEAKER)!;
    assert.deepEqual([r.links[0].fromId, r.links[0].toId, r.links[0].typeId], [gClaim.id, gMayor.id, SAID_BY]);
    assert.equal(r.links[0].annotatorId, p.annotators.idByName('gold'));
    assert.equal(r.links[0].curatedBy, p.annotators.currentId());
  });

  test('a same-as link across documents is copied once both mentions are gold, and gold clusters form', () => {
    const { p, tag, goldSpans } = curationProject();
    const m1 = tag('ana', 1, SPEAKER, 0, 9);
    const m2 = tag('ana', 2, SPEAKER, 15, 24);
    p.links.create(m1, m2, SAME_AS);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [m1], ...none });
    c.accept({ docId: 2, annotationIds: [m2], ...none });
    const [g1, g2] = [...goldSpans(1), ...goldSpans(2)];
    assert.ok(g1.clusterId !== null && g1.clusterId === g2.clusterId);
  });

  test('accepting what gold already has changes nothing (idempotent)', () => {
    const { p, tag, goldSpans } = curationProject();
    const a = tag('ana', 1, CLAIM, 10, 27);
    const b = tag('ben', 1, CLAIM, 10, 27);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [a], ...none });
    const again = c.accept({ docId: 1, annotationIds: [b, a], ...none });
    assert.deepEqual([again.created, again.links, again.removed], [[], [], []]);
    assert.equal(goldSpans(1).length, 1);
  });

  test("choosing the other side replaces gold's version; neither removes it; a kept version is not remade", () => {
    const { p, tag, goldSpans } = curationProject();
    const a = tag('ana', 1, CLAIM, 0, 16);
    const b = tag('ben', 1, CLAIM, 4, 27);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [a], ...none });
    const first = goldSpans(1)[0].id;
    c.accept({ docId: 1, annotationIds: [b], linkIds: [], remove: [first], unlink: [] });
    assert.deepEqual(goldSpans(1).map((g) => [g.start, g.end]), [[4, 27]]);
    const second = goldSpans(1)[0].id;
    const kept = c.accept({ docId: 1, annotationIds: [b], linkIds: [], remove: [second], unlink: [] });
    assert.deepEqual([kept.removed, kept.created], [[], []]);
    c.accept({ docId: 1, annotationIds: [], linkIds: [], remove: [second], unlink: [] });
    assert.deepEqual(goldSpans(1), []);
  });

  test('what an accept returns is what undo needs: deleting the created and restoring the removed gives gold back', () => {
    const { p, tag, goldSpans } = curationProject();
    const a = tag('ana', 1, CLAIM, 0, 16);
    const mayor = tag('ana', 1, SPEAKER, 0, 9);
    const b = tag('ben', 1, CLAIM, 4, 27);
    p.links.create(a, mayor, SAID_BY);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [a, mayor], ...none });
    const before = goldSpans(1).map(({ id, start, end, labelId, curatedBy }) => ({ id, start, end, labelId, curatedBy }));
    const gLink = p.links.forAnnotation(before[0].id)[0];
    const r = c.accept({ docId: 1, annotationIds: [b], linkIds: [], remove: [goldSpans(1).find((g) => g.labelId === CLAIM && g.start === 0)!.id], unlink: [] });
    assert.equal(r.removed.length, 1);
    assert.deepEqual(r.removed[0].links.map((l) => l.id), [gLink.id]);
    // Undo, in reverse order, as renderer/state/history.ts applies the inverse of the batch.
    for (const l of r.links) p.links.delete(l.id);
    for (const x of r.created) p.annotations.delete(x.id);
    for (const x of [...r.removed].reverse()) p.annotations.restore(x.deleted, x.links, x.clusterName);
    if (r.unlinked.links.length) p.links.restore(r.unlinked.links, r.unlinked.clusterNames);
    assert.deepEqual(goldSpans(1).map(({ id, start, end, labelId, curatedBy }) => ({ id, start, end, labelId, curatedBy })), before);
    assert.deepEqual(p.links.forAnnotation(before[0].id).map((l) => l.id), [gLink.id]);
  });

  test('bad input: a span of another document or of gold, a non-gold span to remove, a link without gold ends', () => {
    const { p, tag, goldSpans } = curationProject();
    const a = tag('ana', 1, CLAIM, 10, 27);
    const m = tag('ana', 1, SPEAKER, 0, 9);
    const l = p.links.create(a, m, SAID_BY).link;
    const c = curation(p);
    assert.throws(() => c.accept({ docId: 2, annotationIds: [a], ...none }), { name: 'InvalidInput' });
    assert.throws(() => c.accept({ docId: 1, annotationIds: [], linkIds: [], remove: [a], unlink: [] }), { name: 'InvalidInput' });
    assert.throws(() => c.accept({ docId: 1, annotationIds: [], linkIds: [l.id], remove: [], unlink: [] }), /accept both of its spans first/);
    c.accept({ docId: 1, annotationIds: [a], ...none });
    assert.throws(() => c.accept({ docId: 1, annotationIds: [goldSpans(1)[0].id], ...none }), { name: 'InvalidInput' });
    assert.throws(() => c.accept({ docId: 1, annotationIds: [9999], ...none }), { name: 'NotFound' });
  });
});
