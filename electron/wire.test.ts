// The whole desktop wire without Electron: bridge (preload) -> IPC (structured clone) -> handler (main) -> the
// real backend on a temporary project.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openBackend, type Backend } from '../services/backend.js';
import { createBridge, type CrosscheckBridge } from './bridge.js';
import { CALL_CHANNEL } from './channels.js';
import { pathChecker } from '../services/path-policy.js';
import { createIpcHandler, trustedSenderCheck } from './ipc.js';

const APP = 'file:///app/dist/renderer/index.html';

describe('desktop wire against the real backend', () => {
  let dir: string;
  let backend: Backend;
  let bridge: CrosscheckBridge;
  let frameUrl = APP;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'crosscheck-wire-'));
    backend = openBackend(join(dir, 'wire.crosscheck'));
    const handle = createIpcHandler(() => backend, trustedSenderCheck({ rendererUrl: APP }), pathChecker([dir]));
    bridge = createBridge(
      {
        // Electron structured-clones both ways; so does this.
        invoke: async (channel, ...args) => {
          assert.equal(channel, CALL_CHANNEL);
          const [method, payload] = structuredClone(args);
          return structuredClone(await handle({ senderFrame: { url: frameUrl, parent: null } }, method, payload));
        },
        sendSync: () => true,
        on: () => undefined,
        removeListener: () => undefined,
      },
      () => '',
    );
  });

  after(() => {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns results', async () => {
    const labels = (await bridge.call('labels.list', {})) as { name: string }[];
    assert.ok(Array.isArray(labels));
  });

  it('carries NotFound across with its name and message', async () => {
    await assert.rejects(bridge.call('documents.get', { id: 424242 }), (e: { name: string; message: string }) => {
      assert.equal(e.name, 'NotFound');
      assert.match(e.message, /424242/);
      return true;
    });
  });

  it('carries invalid arguments across as InvalidInput', async () => {
    await assert.rejects(bridge.call('labels.create', { name: '' }), { name: 'InvalidInput' });
    await assert.rejects(bridge.call('no.such.method', {}), { name: 'InvalidInput' });
  });

  it('refuses a foreign page', async () => {
    frameUrl = 'https://evil.example/';
    try {
      await assert.rejects(bridge.call('labels.list', {}), { name: 'Forbidden' });
    } finally {
      frameUrl = APP;
    }
  });
});
