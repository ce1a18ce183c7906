import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MergeReport } from '../common/merge.js';
import { runCli } from './commands.js';
import { UsageError } from './args.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-cli-merge-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in this process; what it printed, by stream. */
async function cli(...args: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await runCli(args, { log: (s) => (out.stdout += s + '\n'), error: (s) => (out.stderr += s + '\n') });
  return { code, ...out };
}

const TEXT = 'The mayor denied the report on Friday.\n';

/** A target project holding TEXT (as mayor.txt), and Eve's JSONL: TEXT under another title with a span of hers, plus a text only she has. */
async function setup(name: string) {
  const txt = join(dir, `${name}-mayor.txt`);
  writeFileSync(txt, TEXT);
  const db = join(dir, `${name}.crosscheck`);
  assert.equal((await cli('import', txt, '--db', db)).code, 0);
  const eve = join(dir, `${name}-eve.jsonl`);
  const line = (id: number, title: string, text: string) =>
    JSON.stringify({ id, title, text, spans: [{ id, start: 0, end: 9, label: 'speaker', annotator: 'eve' }], links: [] });
  writeFileSync(eve, [line(1, 'Eve calls it Mayor', TEXT), line(2, 'Only Eve', 'Officials said so on Monday.')].join('\n') + '\n');
  return { db, eve };
}

test('crosscheck merge --json reports documents matched and added and the layer; a second run adds nothing and says so', async () => {
  const { db, eve } = await setup('a');
  const first = await cli('merge', eve, '--db', db, '--json');
  assert.equal(first.code, 0, first.stderr);
  const r = JSON.parse(first.stdout) as MergeReport;
  assert.deepEqual(r.documents, { matched: 1, added: 1 });
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans]), [['eve', 2]]);
  const second = await cli('merge', eve, '--db', db);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /nothing new \(it was merged before\); 2 documents matched/);
});

test('crosscheck merge of a project with --as lists the layer under its new name for a person', async () => {
  const { db, eve } = await setup('b');
  const source = join(dir, 'eves-project.crosscheck');
  assert.equal((await cli('import', eve, '--db', source)).code, 0);
  const r = await cli('merge', source, '--db', db, '--as', 'Eve Adams');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 document matched, 1 added/);
  assert.match(r.stdout, /layer +Eve Adams \(eve in the source\), new: 2 spans, 0 links, 0 clusters added/);
});

test('crosscheck merge refuses a file that is not a project naming it, and needs exactly one source', async () => {
  const { db } = await setup('c');
  const bad = join(dir, 'notes.crosscheck');
  writeFileSync(bad, 'not a project');
  await assert.rejects(cli('merge', bad, '--db', db), (e: Error) => e.name === 'InvalidInput' && /notes\.crosscheck is not a Crosscheck project/.test(e.message));
  await assert.rejects(cli('merge', '--db', db), UsageError);
});

test('a source without spans says so, and says why that happens (a project still open keeps its work in its -wal), not "merged before"', async () => {
  const { db } = await setup('empty');
  const bare = join(dir, 'empty-source.crosscheck');
  const txt = join(dir, 'empty-mayor.txt');
  assert.equal((await cli('import', txt, '--db', bare)).code, 0);
  const r = await cli('merge', bare, '--db', db, '--as', 'Eve');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Nothing to merge in .*empty-source\.crosscheck: 1 document matched\./);
  assert.match(r.stdout, /holds no spans or links\. If it is a project still open in Crosscheck, its latest work may be in the "-wal" file/);
  assert.doesNotMatch(r.stdout, /merged before/);
});
