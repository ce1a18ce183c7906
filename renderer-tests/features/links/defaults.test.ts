import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycleType, defaultLink } from '../../../renderer/features/links/defaults';
import type { LinkType } from '../../../common/model';

const types: LinkType[] = ['same-as', 'contradicts', 'supports', 'said-by', 'cites'].map((name, i) => ({
  id: i + 1,
  name,
  directed: name === 'said-by' || name === 'cites',
  transitive: name === 'same-as',
  color: '#000000',
  position: i,
}));
const name = (r: { type: LinkType | undefined }) => r.type?.name;

test('same label → same-as; claim/speaker → said-by from the claim; claim/figure → cites from the claim', () => {
  assert.equal(name(defaultLink('speaker', 'speaker', types)), 'same-as');
  assert.deepEqual(defaultLink('claim', 'speaker', types), { type: types[3], swap: false });
  assert.deepEqual(defaultLink('speaker', 'claim', types), { type: types[3], swap: true });
  assert.deepEqual(defaultLink('figure', 'claim', types), { type: types[4], swap: true });
  assert.equal(name(defaultLink('speaker', 'figure', types)), 'same-as');
});

test('a project without the named types falls back to its first type', () => {
  const custom = [{ ...types[1], id: 9 }];
  assert.equal(defaultLink('claim', 'speaker', custom).type?.id, 9);
  assert.equal(defaultLink('claim', 'claim', []).type, undefined);
});

test('Tab cycles through every type and wraps both ways', () => {
  assert.equal(cycleType(types, types[4], 1)?.name, 'same-as');
  assert.equal(cycleType(types, types[0], -1)?.name, 'cites');
  assert.equal(cycleType(types, undefined, 1)?.name, 'same-as');
  assert.equal(cycleType([], undefined, 1), undefined);
});
