import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyBindings, keyGroups, shortcutFor, type KeyLike } from '../../../renderer/app/shortcuts';
import type { Label } from '../../../common/model';

const press = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });
const labels: Label[] = [
  { id: 1, name: 'claim', color: '#e8a33d', key: '1', position: 0 },
  // A project may give a label a suggestion letter: the label keeps the plain key, the proposal keys keep Shift.
  { id: 2, name: 'actor', color: '#3d8be8', key: 'a', position: 1 },
];

test('Shift+A/X/E decide the current proposal and Shift+J/K move, before any label key (Caps Lock or not)', () => {
  assert.deepEqual(shortcutFor(press({ key: 'A', code: 'KeyA', shiftKey: true }), labels, false), { type: 'proposal', act: 'accept' });
  assert.deepEqual(shortcutFor(press({ key: 'a', code: 'KeyA', shiftKey: true }), labels, false), { type: 'proposal', act: 'accept' }, 'Caps Lock on');
  assert.deepEqual(shortcutFor(press({ key: 'X', code: 'KeyX', shiftKey: true }), labels, false), { type: 'proposal', act: 'reject' });
  assert.deepEqual(shortcutFor(press({ key: 'E', code: 'KeyE', shiftKey: true }), labels, false), { type: 'proposal', act: 'acceptAll' });
  assert.deepEqual(shortcutFor(press({ key: 'J', code: 'KeyJ', shiftKey: true }), labels, false), { type: 'proposalMove', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: 'K', code: 'KeyK', shiftKey: true }), labels, false), { type: 'proposalMove', step: -1 });
  assert.equal(shortcutFor(press({ key: 'A', code: 'KeyA', shiftKey: true }), labels, true), null, 'nothing while typing');
  assert.equal(shortcutFor(press({ key: 'A', code: 'KeyA', shiftKey: true, ctrlKey: true }), labels, false), null);
});

test('the plain keys keep what they did: digits and label letters tag, A/X/J/K act on suggestions', () => {
  assert.equal(shortcutFor(press({ key: '1', code: 'Digit1' }), labels, false)?.type, 'label');
  assert.equal(shortcutFor(press({ key: 'a', code: 'KeyA' }), labels, false)?.type, 'label', 'the label given "a" wins, as before');
  assert.deepEqual(shortcutFor(press({ key: 'x', code: 'KeyX' }), labels, false), { type: 'dismiss' });
  assert.deepEqual(shortcutFor(press({ key: 'j', code: 'KeyJ' }), labels, false), { type: 'move', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: 'k', code: 'KeyK' }), labels, false), { type: 'move', step: -1 });
  assert.deepEqual(shortcutFor(press({ key: 'a', code: 'KeyA' }), labels.slice(0, 1), false), { type: 'accept' });
});

test('the help sheet lists the proposal keys in their own group', () => {
  assert.ok(keyGroups.includes('Proposals'));
  assert.deepEqual(
    keyBindings.filter((b) => b.group === 'Proposals').map((b) => b.keys.join()),
    ['Shift+A', 'Shift+X', 'Shift+E', 'Shift+J', 'Shift+K'],
  );
});
