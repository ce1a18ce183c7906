/**
 * The 'project.waiting' notice (services/write-turns.ts) is a status, not an error: followWaiting hands it to the
 * status line and takes it away when the wait ends; it never touches the workbench's error (the toast).
 * The browser side (the notice beside a real error, the change saved after) is e2e/write-wait.spec.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventMap } from '../../common/events';
import { followWaiting, WAITING_MESSAGE } from '../../renderer/app/useWorkbench';

function events() {
  const fns = new Set<(p: EventMap['project.waiting']) => void>();
  return {
    on: (_event: 'project.waiting', fn: (p: EventMap['project.waiting']) => void) => (fns.add(fn), () => void fns.delete(fn)),
    emit: (waiting: boolean) => fns.forEach((fn) => fn({ waiting })),
    count: () => fns.size,
  };
}

test('the waiting notice shows while another process holds the project and goes away when the wait ends', () => {
  const e = events();
  const shown: (string | null)[] = [];
  const off = followWaiting(e.on, (m) => shown.push(m));
  e.emit(true);
  e.emit(false);
  e.emit(true);
  assert.deepEqual(shown, [WAITING_MESSAGE, null, WAITING_MESSAGE]);
  off();
  assert.equal(e.count(), 0);
  e.emit(false);
  assert.equal(shown.length, 3);
});
