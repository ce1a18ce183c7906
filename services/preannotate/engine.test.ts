import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { propose } from './engine.js';

const text = 'At least 60 civilians were killed in Mosul, according to the Russian MoD. “We see no progress,” Gen. Sergey Rudskoy said.';
const str = (s: { start: number; end: number }) => Array.from(text).slice(s.start, s.end).join('');

describe('propose', () => {
  test('figures, speakers and claims sorted by start, links pointing at the right spans', () => {
    const { spans, links } = propose(text);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].start <= spans[i].start);
    const saidBy = links.filter((l) => l.type === 'said-by').map((l) => [str(spans[l.from]), str(spans[l.to])]);
    assert.deepEqual(saidBy, [
      ['At least 60 civilians were killed in Mosul', 'the Russian MoD'],
      ['We see no progress', 'Gen. Sergey Rudskoy'],
    ]);
    const cites = links.filter((l) => l.type === 'cites');
    assert.ok(cites.length >= 1);
    for (const l of cites) {
      assert.equal(spans[l.from].label, 'claim');
      assert.equal(spans[l.to].label, 'figure');
      assert.ok(spans[l.to].start >= spans[l.from].start && spans[l.to].end <= spans[l.from].end);
    }
  });

  test('labels limit what is returned, and links whose ends are left out are dropped', () => {
    const only = propose(text, ['speaker']);
    assert.deepEqual(only.spans.map(str), ['the Russian MoD', 'Gen. Sergey Rudskoy']);
    assert.deepEqual(only.links, []);
    const claims = propose(text, ['claim', 'speaker']);
    assert.ok(claims.spans.every((s) => s.label !== 'figure'));
    assert.equal(claims.links.filter((l) => l.type === 'said-by').length, 2);
    assert.equal(claims.links.filter((l) => l.type === 'cites').length, 0);
  });

  test('empty text proposes nothing', () => {
    assert.deepEqual(propose(''), { spans: [], links: [] });
  });
});

describe('propose: run-on and pathological texts stay bounded (hostile tester)', () => {
  const claimsOf = (t: string) => {
    const p = propose(t);
    return { ...p, claims: p.spans.filter((s) => s.label === 'claim') };
  };
  const MAX_CLAIM = 2000;

  test('a sentence with no end gives claims no longer than the bound, and links grow with the spans', () => {
    for (const unit of ['He said 5 people died and ', 'the man who said 5 people said ', 'He said that ', 'according to Bob, ', '“He said 5 people died ']) {
      const t = unit.repeat(Math.ceil(30_000 / unit.length));
      const { spans, links, claims } = claimsOf(t);
      assert.ok(claims.length > 10, `${unit}: claims found`);
      for (const c of claims) assert.ok(c.end - c.start <= MAX_CLAIM, `${unit}: claim of ${c.end - c.start} code points`);
      assert.ok(links.length <= spans.length * 16, `${unit}: ${links.length} links for ${spans.length} spans`);
    }
  });

  test('a reported clause never crosses a paragraph; a quotation does only when the paragraph opens with a mark', () => {
    const t = 'Bob said 5 people died\nand the ministry counted 60 more.\n“We will win,\n“and 6 villages will fall,” he added.';
    const { claims } = claimsOf(t);
    const str = (s: { start: number; end: number }) => Array.from(t).slice(s.start, s.end).join('');
    assert.deepEqual(claims.map(str), ['5 people died', 'We will win,\n“and 6 villages will fall']);
  });

  test('a quotation left open for more than the bound is no quotation', () => {
    const t = `Bob said: “${'the army took 5 towns and '.repeat(200)}`;
    for (const c of claimsOf(t).claims) assert.ok(c.end - c.start <= MAX_CLAIM);
  });
});
