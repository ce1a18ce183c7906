import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../common/errors.js';
import type { EventMap, EventName } from '../common/events.js';
import { EVENT_CHANNEL, type EventMessage } from './channels.js';
import { backendEvents } from '../common/events.js';
import { pathChecker } from '../services/path-policy.js';
import { createDropHandler, createIpcHandler, forwardEvents, sendMenuCommand, trustedSenderCheck, type FrameLike } from './ipc.js';
import { APP_INDEX_URL } from './urls.js';

const APP = APP_INDEX_URL;
const trusted = trustedSenderCheck({ rendererUrl: APP });
const top = (url: string): FrameLike => ({ url, parent: null });
const anyPath = () => undefined;

function fakeBackend(result: (method: string, args: unknown) => unknown) {
  const calls: [string, unknown][] = [];
  return {
    calls,
    backend: {
      async call(method: string, args: unknown) {
        calls.push([method, args]);
        return result(method, args);
      },
    },
  };
}

describe('sender check', () => {
  it("accepts the app's own page, with any fragment or query", () => {
    assert.equal(trusted(top(APP)), true);
    assert.equal(trusted(top(`${APP}#/documents/4`)), true);
    assert.equal(trusted(top(`${APP}?project=1`)), true);
  });

  it("is the app's own scheme: crosscheck://app/index.html", () => {
    assert.equal(APP, 'crosscheck://app/index.html');
  });

  it('rejects foreign pages, local files (the renderer itself too), subframes and missing frames', () => {
    assert.equal(trusted(top('https://evil.example/index.html')), false);
    assert.equal(trusted(top('file:///tmp/evil/index.html')), false);
    assert.equal(trusted(top('file:///opt/crosscheck/dist/renderer/index.html')), false);
    assert.equal(trusted(top('crosscheck://app/other.html')), false);
    assert.equal(trusted(top('crosscheck://evil/index.html')), false);
    assert.equal(trusted(top('crosscheck://app.evil/index.html')), false);
    assert.equal(trusted({ url: APP, parent: top(APP) }), false);
    assert.equal(trusted(top('')), false);
    assert.equal(trusted(null), false);
  });

  it('accepts a configured origin but never the opaque "null" origin', () => {
    const check = trustedSenderCheck({ rendererUrl: APP, trustedOrigins: ['http://localhost:5173', 'null'] });
    assert.equal(check(top('http://localhost:5173/')), true);
    assert.equal(check(top('http://localhost:5174/')), false);
    assert.equal(check(top('file:///anything.html')), false);
    assert.equal(check(top('data:text/html,hi')), false);
  });
});

describe('call handler', () => {
  it('refuses a foreign frame with Forbidden without touching the backend', async () => {
    const f = fakeBackend(() => 'secret');
    const handle = createIpcHandler(() => f.backend, trusted, anyPath);
    const reply = await handle({ senderFrame: top('https://evil.example/') }, 'documents.list', {});
    assert.equal(reply.ok, false);
    assert.equal(!reply.ok && reply.error.name, 'Forbidden');
    assert.deepEqual(f.calls, []);
  });

  it("runs the app's calls and wraps the value", async () => {
    const f = fakeBackend((m, a) => ({ m, a }));
    const handle = createIpcHandler(() => f.backend, trusted, anyPath);
    const reply = await handle({ senderFrame: top(APP) }, 'labels.list', { x: 1 });
    assert.deepEqual(reply, { ok: true, value: { m: 'labels.list', a: { x: 1 } } });
  });

  it('hands what a delivers method names to the shell (Show in folder), and only for such methods', async () => {
    const f = fakeBackend((m) => (m === 'export.deliver' ? { path: '/p/exports/jsonl 2026-11-25 031245', name: 'x.zip', kind: 'zip', files: 3, bytes: 9 } : []));
    const shown: string[] = [];
    const handle = createIpcHandler(() => f.backend, trusted, anyPath, (d) => shown.push(d.path));
    const reply = await handle({ senderFrame: top(APP) }, 'export.deliver', { dest: '/p/exports/jsonl 2026-11-25 031245' });
    assert.equal(reply.ok, true);
    await handle({ senderFrame: top(APP) }, 'labels.list', {});
    assert.deepEqual(shown, ['/p/exports/jsonl 2026-11-25 031245']);
  });

  it('shows nothing when the delivery is refused', async () => {
    const f = fakeBackend(() => {
      throw new AppError('InvalidInput', '/etc is not an export of this project; only exports can be handed over.');
    });
    const shown: string[] = [];
    const handle = createIpcHandler(() => f.backend, trusted, anyPath, (d) => shown.push(d.path));
    const reply = await handle({ senderFrame: top(APP) }, 'export.deliver', { dest: '/etc' });
    assert.equal(reply.ok, false);
    assert.deepEqual(shown, []);
  });

  it('turns thrown errors into {name, message} only, which survive structured cloning', async () => {
    const errors: [unknown, { name: string; message: string }][] = [
      [new AppError('NotFound', 'Document 9 does not exist.'), { name: 'NotFound', message: 'Document 9 does not exist.' }],
      [new AppError('ReadOnly', 'The project is read-only.'), { name: 'ReadOnly', message: 'The project is read-only.' }],
      [new Error('disk I/O error'), { name: 'Internal', message: 'disk I/O error' }],
      ['a string', { name: 'Internal', message: 'a string' }],
    ];
    for (const [thrown, expected] of errors) {
      const handle = createIpcHandler(
        () => ({
          call: async () => {
            throw thrown;
          },
        }),
        trusted,
        anyPath,
      );
      const reply = await handle({ senderFrame: top(APP) }, 'labels.list', {});
      assert.deepEqual(reply, { ok: false, error: expected });
      assert.deepEqual(structuredClone(reply), reply);
    }
  });

  it('reports a backend that cannot be reached as an error reply, not a throw', async () => {
    const handle = createIpcHandler(
      () => {
        throw new AppError('Internal', 'No project is open.');
      },
      trusted,
      anyPath,
    );
    assert.deepEqual(await handle({ senderFrame: top(APP) }, 'labels.list', {}), {
      ok: false,
      error: { name: 'Internal', message: 'No project is open.' },
    });
  });

  it('checks every path the contract says a call names, before the backend sees the call', async () => {
    const f = fakeBackend(() => ({ ok: true }));
    const handle = createIpcHandler(() => f.backend, trusted, pathChecker(['/home/analyst/project'], { who: 'this window may use', hint: 'pick it' }));
    const refused: [string, unknown][] = [
      ['export.run', { format: 'jsonl', dest: '/home/analyst/.bashrc' }],
      ['export.toFile', { format: 'jsonl', path: '/etc/cron.d/x' }],
      ['project.restore', { path: '/tmp/other.crosscheck' }],
      ['import.paths', { paths: ['/home/analyst/project/a.txt', '/etc/passwd'] }],
    ];
    for (const [method, args] of refused) {
      const reply = await handle({ senderFrame: top(APP) }, method, args);
      assert.equal(!reply.ok && reply.error.name, 'InvalidInput', method);
      assert.match(!reply.ok ? reply.error.message : '', /outside the folders this window may use/, method);
    }
    assert.deepEqual(f.calls, []);
    const fine = await handle({ senderFrame: top(APP) }, 'export.run', { format: 'jsonl', dest: '/home/analyst/project/exports/x' });
    assert.equal(fine.ok, true);
    assert.equal(f.calls.length, 1);
  });

  it('rejects a method that is not a string', async () => {
    const f = fakeBackend(() => null);
    const handle = createIpcHandler(() => f.backend, trusted, anyPath);
    const reply = await handle({ senderFrame: top(APP) }, 42, {});
    assert.equal(!reply.ok && reply.error.name, 'InvalidInput');
    assert.deepEqual(f.calls, []);
  });
});

describe('drop handler', () => {
  function recorder() {
    const granted: string[] = [];
    return { granted, handle: createDropHandler(trusted, (p) => void granted.push(p)) };
  }

  it("records an absolute path the app's own page reports", () => {
    const r = recorder();
    assert.equal(r.handle({ senderFrame: top(APP) }, '/home/u/corpus'), true);
    assert.deepEqual(r.granted, ['/home/u/corpus']);
  });

  it('ignores foreign pages, subframes, and anything that is not a sane absolute path', () => {
    const r = recorder();
    assert.equal(r.handle({ senderFrame: top('https://evil.example/') }, '/home/u/.bashrc'), false);
    assert.equal(r.handle({ senderFrame: top('file:///opt/crosscheck/dist/renderer/index.html') }, '/home/u/.bashrc'), false);
    assert.equal(r.handle({ senderFrame: { url: APP, parent: top(APP) } }, '/home/u/.bashrc'), false);
    assert.equal(r.handle({ senderFrame: null }, '/home/u/.bashrc'), false);
    for (const bad of ['relative/a.txt', '', '/a\0b', `/${'x'.repeat(5000)}`, 42, null, ['/a'], { path: '/a' }]) {
      assert.equal(r.handle({ senderFrame: top(APP) }, bad), false, JSON.stringify(bad));
    }
    assert.deepEqual(r.granted, []);
  });
});

describe('event forwarding', () => {
  function emitter() {
    const subs = new Map<string, Set<(p: unknown) => void>>();
    return {
      on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void) {
        const set = subs.get(event) ?? new Set();
        subs.set(event, set);
        set.add(cb as (p: unknown) => void);
        return () => void set.delete(cb as (p: unknown) => void);
      },
      emit(event: string, payload: unknown) {
        for (const cb of subs.get(event) ?? []) cb(payload);
      },
      count: () => [...subs.values()].reduce((n, s) => n + s.size, 0),
    };
  }

  it('sends every backend event to the window as {event, payload} on one channel, until stopped', () => {
    const backend = emitter();
    const sent: [string, EventMessage][] = [];
    const stop = forwardEvents(backend, (c, m) => sent.push([c, m]));
    assert.equal(backend.count(), backendEvents.length);
    backend.emit('import.progress', { done: 1, total: 5, current: 'a.txt' });
    backend.emit('project.changed', { reason: 'import' });
    assert.deepEqual(sent, [
      [EVENT_CHANNEL, { event: 'import.progress', payload: { done: 1, total: 5, current: 'a.txt' } }],
      [EVENT_CHANNEL, { event: 'project.changed', payload: { reason: 'import' } }],
    ]);
    stop();
    assert.equal(backend.count(), 0);
    backend.emit('project.changed', { reason: 'late' });
    assert.equal(sent.length, 2);
  });

  it('sends menu commands as menu.command events', () => {
    const sent: [string, EventMessage][] = [];
    sendMenuCommand((c, m) => sent.push([c, m]), 'label:2');
    assert.deepEqual(sent, [[EVENT_CHANNEL, { event: 'menu.command', payload: { command: 'label:2' } }]]);
  });
});
