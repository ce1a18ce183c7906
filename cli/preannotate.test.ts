import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../services/project.js';
import { cpLength } from '../common/offsets.js';
import { EventEmitter } from 'node:events';
import type { Call } from '../common/contract.js';
import type { PreannotateReport } from '../common/proposals.js';
import { EXIT_INTERRUPTED, formatPreannotateReport, preannotateCommand, proposalLabelsOf } from './preannotate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let db: string;

const TEXTS = [
  'Sergey Rudskoy said at least 60 civilians were killed in Mosul. “Over 200 people were injured,” Igor Konashenkov told reporters.',
  'The ministry said 41 fighters surrendered near Raqqa.',
];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-preannotate-cli-'));
  db = join(dir, 'p.crosscheck');
  const p = openProject(db);
  TEXTS.forEach((text, i) => p.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now'));
  p.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CROSSCHECK_HOME: dir }, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('preannotate --json prints {"documents": N, "proposals": {label: n}} first, on one line; a second run adds nothing', () => {
  const r = cli('preannotate', '--db', db, '--json');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]);
  assert.deepEqual(Object.keys(report).slice(0, 2), ['documents', 'proposals']);
  assert.ok(lines[0].startsWith('{"documents":2,"proposals":{"figure":'), lines[0]);
  assert.deepEqual(Object.keys(report.proposals), ['figure', 'speaker', 'claim']);
  assert.ok(Object.values(report.proposals).every((n) => Number.isInteger(n)));
  assert.ok((report.proposals.figure as number) > 0, lines[0]);

  assert.deepEqual(Object.keys(report.links), ['said-by', 'cites']);
  const again = JSON.parse(cli('preannotate', '--db', db, '--json', '--labels', 'figure').stdout);
  assert.deepEqual([again.documents, again.proposals, again.links], [2, { figure: 0 }, { 'said-by': 0, cites: 0 }]);
  assert.equal(again.skipped.figure, report.proposals.figure);
});

test('preannotate --query picks documents; without --json a person reads a summary per label', () => {
  const r = cli('preannotate', '--db', db, '--query', 'Raqqa', '--labels', 'speaker,Claim');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Pre-annotated 1 document: \d+ proposals? added to the auto layer\.$/m);
  assert.match(r.stdout, /^ {2}speaker +\d+ new/m);
  assert.match(r.stdout, /^ {2}claim +\d+ new/m);
});

test('bad flags are usage errors (exit 2) that say what is wrong', () => {
  const labels = cli('preannotate', '--db', db, '--labels', 'figure,person');
  assert.equal(labels.code, 2);
  assert.equal(labels.stderr, 'crosscheck: preannotate proposes no label "person"\nlabels: figure, speaker, claim\n', 'one line and the labels, not the whole usage');
  const empty = cli('preannotate', '--db', db, '--labels', '');
  assert.equal(empty.code, 2);
  assert.equal(empty.stderr.trim().split('\n').length, 1, empty.stderr);
  assert.match(empty.stderr, /--labels needs at least one label/);
  const both = cli('preannotate', '--db', db, '--query', 'x', '--done');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--query and --done/);
  const unknown = cli('preannotate', '--db', db, '--bogus');
  assert.equal(unknown.code, 2);
  assert.equal(cli('preannotate').code, 2, '--db is required');
  assert.equal(cli('preannotate', '--db', join(dir, 'none.crosscheck')).code, 1, 'a project that does not exist');
});

test('export --layer auto needs --include-proposals; with it the JSONL holds the proposals alone, with provenance', () => {
  const refused = cli('export', '--db', db, '--format', 'jsonl', '--out', join(dir, 'auto.jsonl'), '--layer', 'auto');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /the auto layer holds proposals: add --include-proposals/i);
  assert.ok(!refused.stderr.includes('includeProposals'), refused.stderr);
  const file = join(dir, 'auto.jsonl');
  const r = cli('export', '--db', db, '--format', 'jsonl', '--out', file, '--layer', 'auto', '--include-proposals');
  assert.equal(r.code, 0, r.stderr);
  const spans = readFileSync(file, 'utf8').trim().split('\n').flatMap((l) => JSON.parse(l).spans as { annotator: string; attributes: Record<string, string> }[]);
  assert.ok(spans.length > 0);
  assert.ok(spans.every((s) => s.annotator === 'auto' && s.attributes.rule && /^(0(\.\d{1,3})?|1)$/.test(s.attributes.confidence)));
});

test('the summary names skipped spans, links and notes; --labels is read in any case', () => {
  const text = formatPreannotateReport({
    documents: 3,
    proposals: { figure: 2, claim: 0 },
    links: { cites: 1 },
    skipped: { claim: 4 },
    cancelled: true,
    notes: ['This project has no label "speaker": nothing was proposed for it.'],
  });
  assert.equal(
    text,
    [
      'Cancelled after 3 documents: 2 proposals added to the auto layer.',
      '  figure     2 new',
      '  claim      0 new, 4 skipped (proposed, decided or tagged already)',
      '  links      1 cites',
      '  note       This project has no label "speaker": nothing was proposed for it.',
      '  What was added stays; run again to go on.',
    ].join('\n'),
  );
  assert.deepEqual(proposalLabelsOf(['Figure', 'figure', 'CLAIM']), ['figure', 'claim']);
  assert.equal(proposalLabelsOf([]), undefined);
});

test('--done with none done and a search matching nothing say so; an empty search names pre-annotation', () => {
  const done = cli('preannotate', '--db', db, '--done');
  assert.equal(done.code, 0, done.stderr);
  assert.match(done.stdout, /note +No document is marked done/);
  const none = cli('preannotate', '--db', db, '--query', 'zzzunfound');
  assert.match(none.stdout, /note +The search matched no document/);
  const star = cli('preannotate', '--db', db, '--query', '*');
  assert.equal(star.code, 1);
  assert.match(star.stderr, /documents to pre-annotate is empty/);
});

test('Ctrl+C cancels the run: the report prints with "cancelled": true (with --json too), exit code 130', async () => {
  const interrupts = new EventEmitter();
  const calls: string[] = [];
  let cancel: (() => void) | undefined;
  const report: PreannotateReport = { documents: 200, proposals: { figure: 5 }, links: { 'said-by': 0, cites: 0 }, skipped: {}, cancelled: true, notes: [] };
  const call = (async (method: string, args: { jobId?: string }) => {
    calls.push(`${method} ${args.jobId}`);
    if (method === 'preannotate.cancel') cancel?.();
    // The run goes on until it is cancelled, then reports what it did.
    if (method === 'preannotate.run') await new Promise<void>((r) => (cancel = r));
    return method === 'preannotate.run' ? report : { cancelled: true };
  }) as unknown as Call;
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), error: () => undefined };
  const running = preannotateCommand(call, { labels: [], done: false, json: true, paths: [] }, out, undefined, { write: () => true }, interrupts as never);
  await new Promise((r) => setImmediate(r));
  interrupts.emit('SIGINT');
  assert.equal(await running, EXIT_INTERRUPTED);
  assert.equal(EXIT_INTERRUPTED, 130);
  assert.deepEqual(calls, [`preannotate.run cli-${process.pid}`, `preannotate.cancel cli-${process.pid}`]);
  assert.equal(JSON.parse(lines[0]).cancelled, true);
  assert.equal(interrupts.listenerCount('SIGINT'), 0, 'the handler is gone once the run is over');
});
