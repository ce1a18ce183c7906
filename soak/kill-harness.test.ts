import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../services/project.js';
import { runSoak, formatSummary, LIFE_BACKSTOP_SECONDS } from './kill-harness.js';
import { checkProject, emptyModel } from './check.js';

// The test runner's timeout is a backstop behind the harness's own per-life one (which says what hung): a run of
// n kills cannot outlast n backstops. Neither can trip on a slow but healthy machine.
const backstopMs = (kills: number) => (kills + 2) * LIFE_BACKSTOP_SECONDS * 1000;

// A short run of the crash-safety soak (the full one is `npm run soak`): 12 SIGKILLs of a writer on one project
// file, each followed by the integrity, FTS, "every acknowledged write is there" and "no half import" checks.
// Bounded by count: every kill follows a point the writer reached, so the outcome is the same on a busy machine.
test('kill -9 at random moments loses no acknowledged write and leaves no half-applied import (12 kills)', { timeout: backstopMs(12) }, async () => {
  const s = await runSoak({ kills: 12, seed: 4242 });
  const table = formatSummary(s);
  assert.deepEqual(s.failures, [], table);
  assert.equal(s.kills, 12, table);
  // Lives 1, 3, ... 11 pin their kill (the four kinds of stop in turn), the even ones kill on a line's arrival.
  assert.equal(s.killsPinned, 6, table);
  assert.equal(s.killsOnArrival, 6, table);
  assert.ok(s.importsKilledMidTransaction >= 2, `no kill landed inside an import's transaction\n${table}`);
  assert.ok(s.importsCommittedAtKill >= 1, `no kill landed between an import's COMMIT and its ack\n${table}`);
  assert.ok(s.killsDuringAnnotationWrites >= 3, `too few kills landed during annotation writes\n${table}`);
  assert.ok(s.inFlightCommitted >= 2 && s.inFlightAbsent >= 4, `in-flight writes not settled both ways\n${table}`);
  assert.ok(s.acknowledgedWrites > 0, table);
});

// What the soak checks must not depend on the clock: with timers frozen (no setTimeout/setInterval callback ever
// runs in the harness) and Date.now() leaping an hour at each look, the run is the same: exactly its kills, all
// checked. A harness that stopped after so many seconds, or aimed its kills with timers, fails here.
test('the soak is bounded by count: a frozen timer and a racing clock change nothing (4 kills)', { timeout: backstopMs(4) }, async () => {
  let now = Date.now();
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  mock.method(Date, 'now', () => (now += 3_600_000));
  try {
    const s = await runSoak({ kills: 4, seed: 7 });
    const table = formatSummary(s);
    assert.deepEqual(s.failures, [], table);
    assert.equal(s.kills, 4, table);
    assert.equal(s.killsPinned, 2, table);
  } finally {
    mock.timers.reset();
    mock.restoreAll();
  }
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
