import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from './open.js';
import { documentsRepo } from './documents.js';
import { openAudit } from './audit.js';

test('a sound project has no problems; a document row gone without its index entry is seen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-audit-'));
  try {
    const path = join(dir, 'p.crosscheck');
    const db = openDatabase(path);
    const docs = documentsRepo(db);
    const kept = docs.insert({ title: 'a', date: null, source: null, path: null, hash: 'a', text: 'alpha tok', length: 9 }, 'now');
    const gone = docs.insert({ title: 'b', date: null, source: null, path: null, hash: 'b', text: 'beta tok', length: 8 }, 'now');
    closeDatabase(db, false);

    let audit = openAudit(path);
    assert.deepEqual(audit.problems(), []);
    assert.equal(audit.countMatches('tok'), 2);
    assert.deepEqual(audit.documentText(kept), { text: 'alpha tok', length: 9 });
    assert.equal(audit.emptyClusters(), 0);
    audit.close();

    // Out of step on purpose: only the row is deleted, the index keeps its entry.
    const raw = openDatabase(path);
    raw.prepare('DELETE FROM documents WHERE id = ?').run(gone);
    closeDatabase(raw, false);
    audit = openAudit(path);
    assert.match(audit.problems().join('\n'), /FTS integrity-check against the documents table/);
    assert.deepEqual(audit.documents().map((d) => d.id), [kept]);
    audit.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
