import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBridge, unwrapReply, type IpcRendererLike } from './bridge.js';
import { CALL_CHANNEL, DROP_CHANNEL, EVENT_CHANNEL } from './channels.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc(answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null })) {
  const listeners = new Map<string, Set<Listener>>();
  const invoked: unknown[][] = [];
  const sentSync: unknown[][] = [];
  const ipc: IpcRendererLike = {
    async invoke(channel, ...args) {
      invoked.push([channel, ...args]);
      return answer(channel, ...args);
    },
    sendSync(channel, ...args) {
      sentSync.push([channel, ...args]);
      return true;
    },
    on(channel, l) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(l);
    },
    removeListener(channel, l) {
      listeners.get(channel)?.delete(l);
    },
  };
  const push = (channel: string, message: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({}, message);
  };
  return { ipc, invoked, sentSync, push, listenerCount: (c: string) => listeners.get(c)?.size ?? 0 };
}

describe('bridge.call', () => {
  it('uses the one call channel and resolves with the value', async () => {
    const f = fakeIpc(() => ({ ok: true, value: [1, 2] }));
    const bridge = createBridge(f.ipc, () => '');
    assert.deepEqual(await bridge.call('labels.list', {}), [1, 2]);
    assert.deepEqual(await bridge.call('stats.get'), [1, 2]);
    assert.deepEqual(f.invoked, [
      [CALL_CHANNEL, 'labels.list', {}],
      [CALL_CHANNEL, 'stats.get', {}],
    ]);
  });

  it('rejects with the error name and message from main', async () => {
    const f = fakeIpc(() => ({ ok: false, error: { name: 'NotFound', message: 'Document 9 does not exist.' } }));
    const bridge = createBridge(f.ipc, () => '');
    await assert.rejects(bridge.call('documents.get', { id: 9 }), { name: 'NotFound', message: 'Document 9 does not exist.' });
  });

  it('rejects with a plain {name, message}: contextBridge would strip an Error down to its message', async () => {
    const f = fakeIpc(() => ({ ok: false, error: { name: 'Conflict', message: 'x' } }));
    const err = await createBridge(f.ipc, () => '').call('labels.create', {}).catch((e: unknown) => e);
    assert.equal(Object.getPrototypeOf(err), Object.prototype);
    assert.deepEqual(err, { name: 'Conflict', message: 'x' });
  });

  it('treats a malformed reply as an Internal error', () => {
    for (const bad of [undefined, null, 'x', {}, { ok: 'yes' }, { ok: false }]) {
      assert.throws(() => unwrapReply(bad), { name: 'Internal' });
    }
  });
});

describe('bridge.on', () => {
  it('delivers only the subscribed event, over one IPC listener', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, () => '');
    const progress: unknown[] = [];
    const menu: unknown[] = [];
    bridge.on('import.progress', (p) => progress.push(p));
    bridge.on('menu.command', (p) => menu.push(p.command));
    assert.equal(f.listenerCount(EVENT_CHANNEL), 1);
    f.push(EVENT_CHANNEL, { event: 'import.progress', payload: { done: 1, total: 2, current: 'a' } });
    f.push(EVENT_CHANNEL, { event: 'menu.command', payload: { command: 'undo' } });
    f.push(EVENT_CHANNEL, { event: 'not.an.event', payload: 1 });
    f.push(EVENT_CHANNEL, 'garbage');
    assert.deepEqual(progress, [{ done: 1, total: 2, current: 'a' }]);
    assert.deepEqual(menu, ['undo']);
  });

  it('stops delivering after unsubscribe', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, () => '');
    const got: unknown[] = [];
    const off = bridge.on('project.changed', (p) => got.push(p));
    f.push(EVENT_CHANNEL, { event: 'project.changed', payload: { reason: 'a' } });
    off();
    off();
    f.push(EVENT_CHANNEL, { event: 'project.changed', payload: { reason: 'b' } });
    assert.deepEqual(got, [{ reason: 'a' }]);
  });

  it('refuses names that are not in EventMap', () => {
    const bridge = createBridge(fakeIpc().ipc, () => '');
    assert.throws(() => bridge.on('crosscheck:call' as 'project.changed', () => undefined), /unknown event/);
    assert.throws(() => bridge.on('__proto__' as 'project.changed', () => undefined), /unknown event/);
  });

  it('keeps delivering to others when one subscriber throws', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, () => '');
    const got: unknown[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      bridge.on('project.changed', () => {
        throw new Error('boom');
      });
      bridge.on('project.changed', (p) => got.push(p));
      f.push(EVENT_CHANNEL, { event: 'project.changed', payload: { reason: 'x' } });
    } finally {
      console.error = original;
    }
    assert.deepEqual(got, [{ reason: 'x' }]);
  });
});

describe('bridge.pathForFile', () => {
  it('asks webUtils for the path', () => {
    const file = { name: 'a.txt' } as unknown as File;
    const bridge = createBridge(fakeIpc().ipc, (f) => (f === file ? '/home/u/a.txt' : ''));
    assert.equal(bridge.pathForFile(file), '/home/u/a.txt');
  });

  it('tells main the path of a real dropped file on the drop channel, synchronously (never by invoke)', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, () => '/home/u/a.txt');
    assert.equal(bridge.pathForFile({ name: 'a.txt' }), '/home/u/a.txt');
    assert.deepEqual(f.sentSync, [[DROP_CHANNEL, '/home/u/a.txt']]);
    assert.deepEqual(f.invoked, []);
  });

  it('tells main nothing about a File without a path (one a script made)', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, () => '');
    assert.equal(bridge.pathForFile({ name: '.bashrc' }), '');
    assert.deepEqual(f.sentSync, []);
  });

  it('still answers the path when main cannot be told', () => {
    const f = fakeIpc();
    f.ipc.sendSync = () => {
      throw new Error('channel closed');
    };
    const original = console.error;
    console.error = () => undefined;
    try {
      assert.equal(createBridge(f.ipc, () => '/home/u/a.txt').pathForFile({ name: 'a.txt' }), '/home/u/a.txt');
    } finally {
      console.error = original;
    }
  });

  it('exposes exactly call, on and pathForFile', () => {
    assert.deepEqual(Object.keys(createBridge(fakeIpc().ipc, () => '')).sort(), ['call', 'on', 'pathForFile']);
  });
});
