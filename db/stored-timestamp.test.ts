import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { storedTimestamp, storedTimestampOrNull, UNKNOWN_TIME } from './stored-timestamp.js';
import { timestampProblem } from '../common/document-meta.js';
import { openBackend } from '../services/backend.js';
import type { Call } from '../common/contract.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

test('ISO timestamps are handed out as stored; readable ones become ISO; the rest the epoch', () => {
  assert.equal(storedTimestamp('2024-05-01T12:00:00.000Z'), '2024-05-01T12:00:00.000Z');
  assert.equal(storedTimestamp('2024-05-01T12:00:00+02:00'), '2024-05-01T12:00:00+02:00');
  assert.equal(storedTimestamp('2026-01-01'), '2026-01-01T00:00:00.000Z');
  assert.equal(storedTimestamp('bench'), UNKNOWN_TIME);
  assert.equal(storedTimestamp('t'), UNKNOWN_TIME);
  assert.equal(storedTimestamp(''), UNKNOWN_TIME);
  assert.equal(storedTimestamp('2024-13-45T99:00:00Z'), UNKNOWN_TIME);
  assert.equal(storedTimestampOrNull(null), null);
  for (const v of ['2026-01-01', 'bench', 't', '', 'Tue, 01 Dec 2026 10:00:00 GMT', '2024-13-45T99:00:00Z']) {
    assert.equal(timestampProblem(storedTimestamp(v)), null, `"${v}" handed out as "${storedTimestamp(v)}", which restore refuses`);
  }
});

test('documents and annotations stored with non-ISO timestamps can be deleted and put back (undo)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-stamps-'));
  try {
    const path = join(dir, 'p.crosscheck');
    copyFileSync(join(fixtures, 'v1.crosscheck'), path);
    const raw = new Database(path);
    const legacy = raw.prepare("SELECT COUNT(*) FROM documents WHERE imported_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'").pluck().get() as number;
    raw.close();
    assert.ok(legacy > 0, 'the fixture holds documents with non-ISO import times (else this test proves nothing)');
    const backend = openBackend(path);
    const b = { call: backend.call as Call };
    try {
      const before = await b.call('documents.list', { limit: 5000 });
      assert.ok(before.items.length > 0);
      const ids = before.items.map((d) => d.id);
      const spansBefore = await b.call('annotations.listForDocument', { docId: ids[0]! });
      const { deleted } = await b.call('documents.deleteMany', { ids });
      await b.call('documents.restore', { deleted });
      const after = await b.call('documents.list', { limit: 5000 });
      assert.deepEqual(after.items.map((d) => [d.id, d.title, d.importedAt]), before.items.map((d) => [d.id, d.title, d.importedAt]));
      const spansAfter = await b.call('annotations.listForDocument', { docId: ids[0]! });
      assert.deepEqual(spansAfter.map((a) => [a.id, a.start, a.end, a.labelId, a.createdAt]), spansBefore.map((a) => [a.id, a.start, a.end, a.labelId, a.createdAt]));
      // One annotation deleted and put back by undo as the renderer does it: the row it was handed, as it was handed.
      if (spansBefore.length) {
        const a = spansBefore[0]!;
        const gone = await b.call('annotations.delete', { id: a.id });
        await b.call('annotations.restore', { annotation: gone.deleted, links: gone.links, clusterName: gone.clusterName });
        const again = await b.call('annotations.listForDocument', { docId: a.docId });
        assert.ok(again.some((x) => x.id === a.id && x.start === a.start && x.end === a.end));
      }
    } finally {
      backend.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
