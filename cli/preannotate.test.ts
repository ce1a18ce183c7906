import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../services/project.js';
import { cpLength } from '../common/offsets.js';
import { formatPreannotateReport, proposalLabelsOf } from './preannotate.js';

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

  const again = JSON.parse(cli('preannotate', '--db', db, '--json', '--labels', 'figure').stdout);
  assert.deepEqual([again.documents, again.proposals], [2, { figure: 0 }]);
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
  assert.match(labels.stderr, /--labels for preannotate takes figure, speaker, claim \(got person\)/);
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
