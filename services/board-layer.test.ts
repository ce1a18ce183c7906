import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from './backend.js';
import type { Call } from '../common/contract.js';

test('a board or finder asked for an annotator that does not exist says so instead of showing an empty layer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-board-layer-'));
  const backend = openBackend(join(dir, 'p.crosscheck'));
  const call = backend.call as Call;
  try {
    const [me] = await call('annotators.list', {});
    const mine = await call('boards.claims', { annotatorId: me!.id, offset: 0, limit: 40 });
    assert.equal(mine.total, 0);
    for (const [method, args] of [
      ['boards.claims', { annotatorId: 999_999, offset: 0, limit: 40 }],
      ['boards.speakers', { annotatorId: 999_999, offset: 0, limit: 40 }],
      ['boards.conflicts', { annotatorId: 999_999, limit: 10 }],
    ] as const) {
      await assert.rejects(call(method, args as never), (e: Error) => e.name === 'NotFound' && /Annotator 999999 does not exist/.test(e.message), method);
    }
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
