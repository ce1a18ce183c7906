import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { curation } from './index.js';
import { curationProject, CLAIM, SPEAKER, SAID_BY } from './curation.test-helpers.js';

// doc 1: 'The mayor denied the report on Friday.'  "The mayor" 0..9, "mayor" 4..9, "denied the report" 10..27.
describe('curation.diff classifies items across two layers', () => {
  test('each kind: agree (both exactly), missing (one lacks it), boundary (overlap, other offsets), label (same offsets, other label)', () => {
    const { p, tag } = curationProject();
    tag('ana', 1, CLAIM, 10, 27);
    tag('ben', 1, CLAIM, 10, 27); // agree
    tag('ana', 1, SPEAKER, 0, 9); // label: ben calls it a claim
    tag('ben', 1, CLAIM, 0, 9);
    tag('ana', 1, CLAIM, 31, 37); // missing from ben ("Friday")
    const d = curation(p).diff(1, ['ana', 'ben']);
    assert.deepEqual(
      d.items.map((i) => [i.start, i.end, i.kind, i.missingFrom]),
      [
        [0, 9, 'label', []],
        [10, 27, 'agree', []],
        [31, 37, 'missing', ['ben']],
      ],
    );
    const label = d.items[0];
    assert.deepEqual(label.versions.map((v) => [v.labelId, v.annotators]), [[CLAIM, ['ben']], [SPEAKER, ['ana']]]);
  });

  test('boundary: overlapping spans of one label with different offsets are one item with two versions', () => {
    const { p, tag } = curationProject();
    const a = tag('ana', 1, CLAIM, 0, 16); // "The mayor denied"
    const b = tag('ben', 1, CLAIM, 4, 27); // "mayor denied the report"
    const [item] = curation(p).diff(1, ['ana', 'ben']).items;
    assert.equal(item.kind, 'boundary');
    assert.deepEqual([item.start, item.end], [0, 27]);
    assert.deepEqual(item.versions.map((v) => v.annotationIds), [[a], [b]]);
  });

  test('overlapping spans of different labels and offsets are separate items (each missing from the other layer)', () => {
    const { p, tag } = curationProject();
    tag('ana', 1, SPEAKER, 0, 9);
    tag('ben', 1, CLAIM, 0, 27);
    const d = curation(p).diff(1, ['ana', 'ben']);
    assert.deepEqual(d.items.map((i) => [i.kind, i.missingFrom]), [['missing', ['ben']], ['missing', ['ana']]]);
  });

  test('a chain of same-label overlaps is one item (0..10, 5..15, 12..20)', () => {
    const { p, tag } = curationProject();
    tag('ana', 1, CLAIM, 0, 10);
    tag('ben', 1, CLAIM, 4, 16);
    tag('cat', 1, CLAIM, 10, 20);
    const d = curation(p).diff(1, ['ana', 'ben', 'cat']);
    assert.equal(d.items.length, 1);
    assert.equal(d.items[0].kind, 'boundary');
  });
});

describe('curation.diff with three layers', () => {
  test('agree needs all three; two of three is missing from the third; one differing edge is boundary; one label differing is label', () => {
    const { p, tag } = curationProject();
    for (const w of ['ana', 'ben', 'cat'] as const) tag(w, 1, CLAIM, 10, 27); // agree
    tag('ana', 1, CLAIM, 31, 37);
    tag('ben', 1, CLAIM, 31, 37); // missing from cat
    for (const w of ['ana', 'ben'] as const) tag(w, 2, CLAIM, 0, 9);
    tag('cat', 2, CLAIM, 0, 14); // boundary ("Officials said")
    for (const w of ['ana', 'ben'] as const) tag(w, 2, SPEAKER, 15, 24);
    tag('cat', 2, CLAIM, 15, 24); // label
    const c = curation(p);
    assert.deepEqual(c.diff(1, ['ana', 'ben', 'cat']).items.map((i) => [i.kind, i.missingFrom]), [['agree', []], ['missing', ['cat']]]);
    const d2 = c.diff(2, ['ana', 'ben', 'cat']).items;
    assert.deepEqual(d2.map((i) => i.kind), ['boundary', 'label']);
    assert.deepEqual(d2[0].versions.map((v) => v.annotators), [['ana', 'ben'], ['cat']]);
  });

  test('without names, every non-reserved layer with a span in the document is compared', () => {
    const { p, tag } = curationProject();
    tag('ana', 1, CLAIM, 0, 9);
    tag('cat', 1, CLAIM, 0, 9);
    tag('ben', 2, CLAIM, 0, 9);
    assert.deepEqual(curation(p).diff(1).annotators.map((a) => a.name), ['ana', 'cat']);
  });
});

describe('curation.diff shows gold and links', () => {
  test('a gold span joins its item and marks the version gold holds; a link item says which layers have it', () => {
    const { p, tag } = curationProject();
    const claimA = tag('ana', 1, CLAIM, 10, 27);
    const mayorA = tag('ana', 1, SPEAKER, 0, 9);
    tag('ben', 1, CLAIM, 10, 27);
    tag('ben', 1, SPEAKER, 0, 9);
    p.links.create(claimA, mayorA, SAID_BY);
    const c = curation(p);
    c.accept({ docId: 1, annotationIds: [claimA], linkIds: [], remove: [], unlink: [] });
    const d = c.diff(1, ['ana', 'ben']);
    const claim = d.items.find((i) => i.start === 10)!;
    assert.equal(claim.gold.length, 1);
    assert.equal(claim.versions[0].goldId, claim.gold[0].annotationId);
    assert.equal(d.items.find((i) => i.start === 0)!.gold.length, 0);
    assert.deepEqual(d.links.map((l) => [l.typeId, l.kind, l.annotators, l.missingFrom, l.endsInGold]), [[SAID_BY, 'missing', ['ana'], ['ben'], false]]);
  });

  test('bad input: an unknown annotator is NotFound, the gold layer or a name twice is InvalidInput', () => {
    const { p } = curationProject();
    const c = curation(p);
    assert.throws(() => c.diff(1, ['nobody']), { name: 'NotFound' });
    assert.throws(() => c.diff(1, ['ana', 'ana']), { name: 'InvalidInput' });
    p.annotators.ensure('gold', true);
    assert.throws(() => c.diff(1, ['gold']), { name: 'InvalidInput' });
    assert.throws(() => c.diff(99, ['ana']), { name: 'NotFound' });
  });
});
