import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointerTracker } from '../../../renderer/features/links/pointerMoved';

test('a list under a resting pointer is not chosen by it: only a real move after the first event counts', () => {
  const moved = pointerTracker();
  assert.equal(moved({ clientX: 300, clientY: 200 }), false, 'the first event (the list appearing under the pointer) only records');
  assert.equal(moved({ clientX: 300, clientY: 200 }), false, 'a synthetic move at the same place is no choice');
  assert.equal(moved({ clientX: 302, clientY: 200 }), true, 'the analyst moving the mouse is');
});
