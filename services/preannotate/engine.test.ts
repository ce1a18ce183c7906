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
