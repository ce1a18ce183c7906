import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../services/project.js';
import { formatAgreement } from './agreement.js';
import type { AgreementReport } from '../common/agreement.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let db: string;

/** Two documents; Ann and Bo agree on the first, Bo misses Ann's claim in the second. */
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-agreement-cli-'));
  db = join(dir, 'p.crosscheck');
  const p = openProject(db);
  const text = 'The mayor denied the report on Friday.';
  const docs = [1, 2].map((i) => p.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: text.length }, 'now'));
  for (const name of ['Bo', 'Ann']) {
    const annotatorId = p.annotators.ensure(name);
    for (const docId of docs) p.annotations.create({ docId, labelId: 2, start: 0, end: 9, annotatorId });
    if (name === 'Ann') p.annotations.create({ docId: docs[1], labelId: 1, start: 10, end: 37, annotatorId });
  }
  p.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CROSSCHECK_HOME: dir }, timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('agreement --json prints one JSON object of the issue\'s shape (through the backend\'s reader)', () => {
  const r = cli('agreement', '--db', db, '--json', '--per-document');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const report = JSON.parse(lines[0]) as AgreementReport;
  assert.equal(report.documents, 2);
  assert.deepEqual(report.annotators, ['Ann', 'Bo']);
  const [pair] = report.pairs;
  assert.deepEqual(Object.keys(pair), ['a', 'b', 'documents', 'spans', 'clusters', 'links']);
  assert.deepEqual([pair.a, pair.b, pair.documents], ['Ann', 'Bo', 2]);
  assert.deepEqual(pair.spans.speaker, { exactF1: 1, overlapF1: 1, kappa: 1 });
  assert.equal(pair.spans.overall.exactF1, 0.8); // 2 matched of 3 + 2
  assert.deepEqual(Object.keys(pair.clusters), ['muc', 'b3', 'ceafe', 'blanc', 'conll']);
  assert.deepEqual(Object.keys(report.alpha), ['claim', 'speaker', 'overall']);
  assert.deepEqual(report.perDocument!.map((d) => d.docId), [2, 1]);
});

test('agreement --labels and --csv: the documents stay those annotated by both; one CSV row per figure', () => {
  const r = cli('agreement', '--db', db, '--csv', '--labels', 'claim', '--annotators', 'bo,ann');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'document,a,b,measure,label,r,p,value');
  assert.ok(lines.includes(',,,documents,,,,2'), r.stdout);
  assert.ok(lines.includes(',Ann,Bo,exact_f1,claim,,,0'), r.stdout);
  // α claim: 14 word units of 2 values; Ann codes 5 of them 1, Bo none: 1 − 27·10 / (28² − 5² − 23²) = −4/23.
  const alpha = lines.find((l) => l.startsWith(',,,alpha,claim,,,'));
  assert.ok(alpha && Math.abs(Number(alpha.split(',').at(-1)) + 4 / 23) < 1e-12, r.stdout);
});

test('agreement names an unknown annotator, exit 1 without a stack trace; --json with --csv is a usage error', () => {
  const r = cli('agreement', '--db', db, '--annotators', 'Ann,Zoe');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^crosscheck: Unknown annotator: Zoe\. The project's annotators: .*Ann.*Bo/);
  assert.ok(!/\n\s+at /.test(r.stderr), r.stderr);
  const both = cli('agreement', '--db', db, '--json', '--csv');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--json and --csv/);
});

test('the table puts pairs across and measures down, α per label below, 0/0 as —', () => {
  const none = { r: null, p: null, f1: null };
  const text = formatAgreement({
    documents: 3,
    annotators: ['Ann', 'Bo'],
    pairs: [{ a: 'Ann', b: 'Bo', documents: 3, spans: { claim: { exactF1: 0.5, overlapF1: 0.75, kappa: null }, overall: { exactF1: 0.5, overlapF1: 0.75, kappa: 0.4 } }, clusters: { muc: none, b3: { r: 1, p: 1, f1: 1 }, ceafe: none, blanc: none, conll: null }, links: { 'said-by': { r: 1, p: 0.5, f1: 2 / 3 } } }],
    alpha: { claim: 0.25, overall: null },
  });
  const lines = text.split('\n');
  assert.equal(lines[0], 'Agreement of Ann, Bo over 3 documents annotated by at least two.');
  assert.match(lines[2], /^\s+Ann × Bo$/);
  assert.ok(lines.some((l) => /^claim  exact F1\s+0\.500$/.test(l)), text);
  assert.ok(lines.some((l) => /^claim  Cohen's κ\s+—$/.test(l)), text);
  assert.ok(lines.some((l) => /^clusters  B³ F1\s+1\.000$/.test(l)), text);
  assert.ok(lines.some((l) => /^links  said-by F1\s+0\.667$/.test(l)), text);
  assert.ok(lines.some((l) => /^ {2}claim\s+0\.250$/.test(l)), text);
  assert.ok(lines.some((l) => /^ {2}overall\s+—$/.test(l)), text);
});
