import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyBindings, shadowedBy, shortcutFor, type KeyLike } from '../../renderer/app/shortcuts';
import type { Label } from '../../common/model';

const labels: Label[] = [
  { id: 1, name: 'claim', color: '#e8a33d', key: '1', position: 0 },
  { id: 2, name: 'speaker', color: '#3d8be8', key: '2', position: 1 },
  { id: 4, name: 'place', color: '#8b5cf6', key: 'p', position: 2 },
];
const press = (over: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...over,
});

test('label keys by key and by code; Alt keeps the selection exact', () => {
  assert.deepEqual(shortcutFor(press({ key: '2', code: 'Digit2' }), labels, false), { type: 'label', label: labels[1], exact: false });
  assert.deepEqual(shortcutFor(press({ key: '¡', code: 'Digit1', altKey: true }), labels, false), { type: 'label', label: labels[0], exact: true });
  assert.deepEqual(shortcutFor(press({ key: 'p', code: 'KeyP' }), labels, false), { type: 'label', label: labels[2], exact: false });
  assert.equal(shortcutFor(press({ key: '9', code: 'Digit9' }), labels, false), null);
});

test('undo and redo with Ctrl or Cmd; nothing is taken while typing', () => {
  assert.deepEqual(shortcutFor(press({ key: 'z', ctrlKey: true }), labels, false), { type: 'undo' });
  assert.deepEqual(shortcutFor(press({ key: 'Z', metaKey: true, shiftKey: true }), labels, false), { type: 'redo' });
  assert.deepEqual(shortcutFor(press({ key: 'y', ctrlKey: true }), labels, false), { type: 'redo' });
  assert.equal(shortcutFor(press({ key: '1', code: 'Digit1' }), labels, true), null);
  assert.equal(shortcutFor(press({ key: 'z', ctrlKey: true }), labels, true), null);
  assert.equal(shortcutFor(press({ key: '1', code: 'Digit1', ctrlKey: true }), labels, false), null);
});

test('Delete, Backspace and Escape', () => {
  assert.deepEqual(shortcutFor(press({ key: 'Delete' }), labels, false), { type: 'delete' });
  assert.deepEqual(shortcutFor(press({ key: 'Backspace' }), labels, false), { type: 'delete' });
  assert.deepEqual(shortcutFor(press({ key: 'Escape' }), labels, false), { type: 'escape' });
});

test('linking keys: L links, A/X accept or dismiss a suggestion, J/K move; a label with the same key wins', () => {
  assert.deepEqual(shortcutFor(press({ key: 'l', code: 'KeyL' }), labels, false), { type: 'link' });
  assert.deepEqual(shortcutFor(press({ key: 'a', code: 'KeyA' }), labels, false), { type: 'accept' });
  assert.deepEqual(shortcutFor(press({ key: 'x', code: 'KeyX' }), labels, false), { type: 'dismiss' });
  assert.deepEqual(shortcutFor(press({ key: 'j', code: 'KeyJ' }), labels, false), { type: 'move', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: 'k', code: 'KeyK' }), labels, false), { type: 'move', step: -1 });
  const withA = [...labels, { id: 9, name: 'actor', color: '#000000', key: 'a', position: 9 }];
  assert.equal(shortcutFor(press({ key: 'a', code: 'KeyA' }), withA, false)?.type, 'label');
  assert.equal(shortcutFor(press({ key: 'l', code: 'KeyL' }), labels, true), null);
});

test('navigation keys: ] and [ move between documents, . and , between annotations, Ctrl+Enter marks done and goes on', () => {
  assert.deepEqual(shortcutFor(press({ key: ']', code: 'BracketRight' }), labels, false), { type: 'document', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: '[', code: 'BracketLeft' }), labels, false), { type: 'document', step: -1 });
  // AltGr (Ctrl+Alt on Windows) is how a German keyboard types ] : still the next document.
  assert.deepEqual(shortcutFor(press({ key: ']', code: 'Digit9', ctrlKey: true, altKey: true }), labels, false), { type: 'document', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: '.', code: 'Period' }), labels, false), { type: 'annotation', step: 1 });
  assert.deepEqual(shortcutFor(press({ key: ',', code: 'Comma' }), labels, false), { type: 'annotation', step: -1 });
  assert.deepEqual(shortcutFor(press({ key: 'Enter', code: 'Enter', ctrlKey: true }), labels, false), { type: 'doneNext' });
  assert.deepEqual(shortcutFor(press({ key: 'Enter', code: 'Enter', metaKey: true }), labels, false), { type: 'doneNext' });
  // Plain Enter stays with the focused button; none of these fire while typing in a field.
  assert.equal(shortcutFor(press({ key: 'Enter', code: 'Enter' }), labels, false), null);
  for (const key of [']', '[', '.', ',', '?']) assert.equal(shortcutFor(press({ key }), labels, true), null, key);
  assert.equal(shortcutFor(press({ key: 'Enter', ctrlKey: true }), labels, true), null);
});

test('? opens the help sheet (Shift+/ on a US keyboard); / alone does nothing', () => {
  assert.deepEqual(shortcutFor(press({ key: '?', code: 'Slash', shiftKey: true }), labels, false), { type: 'help' });
  assert.equal(shortcutFor(press({ key: '/', code: 'Slash' }), labels, false), null);
});

test('the navigation keys never clash with label digits or the linking letters', () => {
  const nav = keyBindings.filter((b) => b.group === 'Navigation').flatMap((b) => b.keys);
  for (const k of nav) assert.ok(!/^[0-9]$/.test(k) && !['L', 'A', 'X', 'J', 'K'].includes(k), k);
  const taken = new Map<string, string>();
  for (const b of keyBindings) for (const k of b.keys) {
    assert.ok(!taken.has(k), `${k} bound twice (${taken.get(k)} and ${b.does})`);
    taken.set(k, b.does);
  }
});

test('shadowedBy names the fixed letters a label key takes over', () => {
  const withL = [...labels, { id: 9, name: 'location', color: '#000000', key: 'l', position: 9 }];
  const hidden = shadowedBy(withL);
  assert.deepEqual([...hidden].map(([b, l]) => [b.keys[0], l.name]), [['L', 'location']]);
  assert.equal(shadowedBy(labels).size, 0);
});
