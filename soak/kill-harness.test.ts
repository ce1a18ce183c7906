import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../services/project.js';
import { runSoak, formatSummary } from './kill-harness.js';
import { checkProject, emptyModel } from './check.js';

// A short run of the crash-safety soak (the full one is `npm run soak`): 12 SIGKILLs of a writer on one project
// file, each followed by the integrity, FTS, "every acknowledged write is there" and "no half import" checks.
test('kill -9 at random moments loses no acknowledged write and leaves no half-applied import (12 kills)', { timeout: 60_000 }, async () => {
  const s = await runSoak({ kills: 12, seconds: 28, seed: 4242 });
  const table = formatSummary(s);
  assert.deepEqual(s.failures, [], table);
  assert.equal(s.kills, 12, table);
  assert.ok(s.killsDuringImports > 0, `no kill landed during an import\n${table}`);
  assert.ok(s.killsDuringAnnotationWrites > 0, `no kill landed during an annotation write\n${table}`);
  assert.ok(s.acknowledgedWrites > 0, table);
});

// The checks themselves must be able to fail: a soak that cannot see a lost write proves nothing.
test('the after-kill check sees a half import, an index out of step, a lost and a phantom write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-soak-check-'));
  const db = join(dir, 'p.crosscheck');
  try {
    const p = openProject(db);
    const docs = ['alpha bt1x1tok one', 'beta bt1x1tok two', 'gamma bt2x1tok three'].map((text, i) =>
      p.documents.insert({ title: `d${i}`, date: null, source: null, path: `/in/${i < 2 ? 'bt1x1-n2' : 'bt2x1-n1'}/f000${i}.txt`, hash: `h${i}`, text, length: text.length }, 'now'),
    );
    const a = p.annotations.create({ docId: docs[0], labelId: 1, start: 0, end: 5, note: 'L1#1 x', attributes: { life: '1', seq: '1' } });
    p.close();

    const model = emptyModel();
    model.batches.set('bt1x1', 2).set('bt2x1', 1);
    model.annotations.set(a.id, { docId: docs[0], labelId: 1, start: 0, end: 5, note: 'L1#1 x', attributes: { life: '1', seq: '1' } });
    assert.deepEqual(checkProject(db, model, null).failures, [], 'a sound project passes');

    // An acknowledged annotation that is not there, and one that is there but was never written.
    const lost = emptyModel();
    lost.batches = model.batches;
    lost.annotations.set(a.id + 1, { docId: docs[0], labelId: 1, start: 0, end: 5, note: 'L1#2 y', attributes: {} });
    const f1 = checkProject(db, lost, null).failures.join('\n');
    assert.match(f1, /acknowledged annotation \d+ \("L1#2 y"\) is missing/);
    assert.match(f1, /annotation \d+ \("L1#1 x"\) is in the project but was never written/);

    // An in-flight create found committed is taken into the model; a phantom import is not.
    const settling = emptyModel();
    settling.batches.set('bt1x1', 2).set('bt2x1', 1);
    const r = checkProject(db, settling, { k: 'create', docId: docs[0], labelId: 1, start: 0, end: 5, note: 'L1#1 x', attributes: { life: '1', seq: '1' } });
    assert.equal(r.settled, 'committed');
    assert.deepEqual(r.failures, []);
    assert.ok(settling.annotations.has(a.id));

    // A document row gone without its index entry (half an import, an index out of step with its table), and an
    // index entry gone without its row (a search that misses a document).
    const raw = openProject(db);
    raw.db.prepare('DELETE FROM documents WHERE id = ?').run(docs[1]);
    raw.db.prepare("INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', ?, 'd2', 'gamma bt2x1tok three')").run(docs[2]);
    raw.close();
    const f2 = checkProject(db, model, null).failures.join('\n');
    assert.match(f2, /import bt1x1 is half-applied: 1 of its 2 documents/);
    assert.match(f2, /FTS integrity-check against the documents table/);
    assert.match(f2, /search for import bt2x1 finds 0 documents, not 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
