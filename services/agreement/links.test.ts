import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linkAgreement, type LinkRef } from './links.js';

const DIRECTED = new Set(['said-by', 'cites', 'supports']);
const directed = (type: string) => DIRECTED.has(type);
const link = (type: string, from: string, to: string): LinkRef => ({ type, from, to });

describe('linkAgreement', () => {
  test('per type recall, precision and F1 with a as the key', () => {
    const a = [link('said-by', 'c1', 's1'), link('said-by', 'c2', 's2'), link('cites', 'c1', 'c3')];
    const b = [link('said-by', 'c1', 's1'), link('said-by', 'c2', 's9'), link('said-by', 'c4', 's4'), link('cites', 'c1', 'c3')];
    const s = linkAgreement(a, b, directed);
    assert.deepEqual(Object.keys(s), ['cites', 'said-by']);
    assert.deepEqual(s.cites, { r: 1, p: 1, f1: 1 });
    assert.equal(s['said-by'].r, 1 / 2);
    assert.equal(s['said-by'].p, 1 / 3);
    assert.ok(Math.abs(s['said-by'].f1! - 0.4) < 1e-12);
  });
  test('direction matters for a directed type, not for a symmetric one', () => {
    const s = linkAgreement(
      [link('supports', 'x', 'y'), link('contradicts', 'x', 'y')],
      [link('supports', 'y', 'x'), link('contradicts', 'y', 'x')],
      directed,
    );
    assert.deepEqual(s.supports, { r: 0, p: 0, f1: 0 });
    assert.deepEqual(s.contradicts, { r: 1, p: 1, f1: 1 });
  });
  test('same ends with another type do not match; span mentions match by (doc, start, end)', () => {
    const span = (doc: number, start: number, end: number) => ({ doc, start, end });
    const s = linkAgreement(
      [{ type: 'cites', from: span(1, 0, 5), to: span(2, 3, 9) }],
      [{ type: 'supports', from: span(1, 0, 5), to: span(2, 3, 9) }, { type: 'cites', from: span(1, 0, 5), to: span(2, 3, 9) }],
      directed,
    );
    assert.deepEqual(s.cites, { r: 1, p: 1, f1: 1 });
    assert.deepEqual(s.supports, { r: null, p: 0, f1: 0 });
  });
  test('duplicates count once; no links at all give no entries', () => {
    const s = linkAgreement([link('cites', 'a', 'b'), link('cites', 'a', 'b')], [link('cites', 'a', 'b')], directed);
    assert.deepEqual(s.cites, { r: 1, p: 1, f1: 1 });
    assert.deepEqual(linkAgreement([], [], directed), {});
  });
});

const links = fc.array(
  fc.record({ type: fc.constantFrom('said-by', 'contradicts'), from: fc.constantFrom('a', 'b', 'c', 'd'), to: fc.constantFrom('a', 'b', 'c', 'd') }),
  { maxLength: 12 },
);

describe('properties', () => {
  test('identical links score 1; swapping sides swaps recall and precision', () => {
    fc.assert(
      fc.property(links, links, (a, b) => {
        for (const s of Object.values(linkAgreement(a, a, directed))) assert.deepEqual(s, { r: 1, p: 1, f1: 1 });
        const ab = linkAgreement(a, b, directed);
        const ba = linkAgreement(b, a, directed);
        assert.deepEqual(Object.keys(ab), Object.keys(ba));
        for (const t of Object.keys(ab)) assert.deepEqual([ab[t].r, ab[t].p, ab[t].f1], [ba[t].p, ba[t].r, ba[t].f1]);
      }),
    );
  });
  test('reversing every link of a symmetric type changes nothing', () => {
    fc.assert(
      fc.property(links, links, (a, b) => {
        const flip = b.map((l) => (l.type === 'contradicts' ? { ...l, from: l.to, to: l.from } : l));
        assert.deepEqual(linkAgreement(a, flip, directed), linkAgreement(a, b, directed));
      }),
    );
  });
});
