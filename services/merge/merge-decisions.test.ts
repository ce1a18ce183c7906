/** Merge does not carry proposal decisions (issue 14), and says so when the source has any. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { cpLength } from '../../common/offsets.js';
import { proposalsRepo } from '../../db/proposals.js';
import { mergeProject } from './project-source.js';

test('a source with proposal decisions: the report notes "proposal decisions are not merged"; without any, no such note', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-merge-decisions-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const text = 'Gen. Rudskoy said so.';
  const make = (name: string, decided: boolean) => {
    const path = join(dir, name);
    const s = openProject(path);
    const doc = s.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text, length: cpLength(text) }, new Date().toISOString());
    const speaker = s.labels.list().find((l) => l.name === 'speaker')!.id;
    s.annotations.create({ docId: doc, labelId: speaker, start: 5, end: 12 });
    if (decided) proposalsRepo(s.db).decide({ docId: doc, labelId: speaker, start: 0, end: 4, annotatorId: s.annotators.currentId(), decision: 'rejected' }, new Date().toISOString());
    s.close();
    return path;
  };
  const withDecisions = make('a.crosscheck', true);
  const without = make('b.crosscheck', false);
  const p = openProject(join(dir, 'target.crosscheck'));
  t.after(() => p.close());
  const r1 = await mergeProject(p, withDecisions, { as: 'Ana' });
  assert.ok(r1.notes.some((n) => /proposal decisions are not merged/.test(n)), r1.notes.join('\n'));
  const r2 = await mergeProject(p, without, { as: 'Ben' });
  assert.ok(!r2.notes.some((n) => /proposal decisions/.test(n)), r2.notes.join('\n'));
});
