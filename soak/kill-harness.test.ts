import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSoak, formatSummary } from './kill-harness.js';

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
