/**
 * Faults testers found in pre-annotation's run path (issue 14 bug fixes): an engine exception costs one
 * document and a note, never the run (on the engine thread or in place, over more than one batch); labels asked
 * in separate runs still get linked; progress starts at once; cancels name their own kind of job and reach a
 * run that has not started yet; two processes running at once take turns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { createHandlers } from '../handlers.js';
import { dispatch, type Method, type Result } from '../../common/contract.js';
import { cpLength } from '../../common/offsets.js';
import { beside } from '../child-script.test-helpers.js';
import { propose } from './engine.js';
import { runPreannotate } from './run.js';

// Set before any engine thread starts (threads copy the environment when they start): texts holding it throw.
const MARKER = 'ENGINE-FAULT-MARKER';
process.env.CROSSCHECK_TEST_ENGINE_THROW = MARKER;

const text = (i: number) => `Igor Konashenkov said ${i + 10} soldiers were wounded in village ${i}. “We counted ${i + 3} people,” the mayor said.`;

function setup(t: { after(fn: () => void): void }, texts: string[], path = ':memory:') {
  const p = openProject(path);
  t.after(() => p.close());
  const docs = texts.map((x, i) => p.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text: x, length: cpLength(x) }, 'now'));
  const h = createHandlers(p, () => undefined);
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  return { p, docs, call };
}

/** The `auto` layer as sorted "doc label start end" rows. */
function autoRows(p: Project): string[] {
  const auto = p.annotators.idByName('auto')!;
  return (p.db.prepare('SELECT doc_id, label_id, start, end FROM annotations WHERE annotator_id = ?').all(auto) as { doc_id: number; label_id: number; start: number; end: number }[])
    .map((r) => `${r.doc_id} ${r.label_id} ${r.start} ${r.end}`)
    .sort();
}

for (const thread of ['always', 'never'] as const) {
  test(`an engine exception (${thread === 'always' ? 'on the engine thread' : 'in place'}) skips that document with a note; the run goes on over 250 documents`, async (t) => {
    const texts = Array.from({ length: 250 }, (_, i) => (i === 3 || i === 230 ? `Bob: “We will win 5 wars.” ${MARKER}` : text(i)));
    const { p, docs } = setup(t, texts);
    const r = await runPreannotate(p, { thread });
    assert.equal(r.cancelled, false);
    assert.equal(r.documents, 250);
    const failed = r.notes.filter((n) => /engine failed/.test(n));
    assert.equal(failed.length, 2, r.notes.join('\n'));
    assert.match(failed[0], new RegExp(`"Doc 3" \\(document ${docs[3]}\\): TypeError: forced engine failure`));
    assert.match(failed[1], new RegExp(`"Doc 230" \\(document ${docs[230]}\\)`));
    const auto = p.annotators.idByName('auto')!;
    const count = (d: number) => p.annotations.listForDocument(d).filter((a) => a.annotatorId === auto).length;
    assert.equal(count(docs[3]) + count(docs[230]), 0);
    assert.equal(count(docs[4]), new Set(propose(texts[4]).spans.map((s) => `${s.label} ${s.start} ${s.end}`)).size);
    assert.ok(count(docs[249]) > 0, 'documents after the failures are proposed');
  });
}

test('--labels claim then --labels speaker: the claims written first are linked said-by to the speakers written second', async (t) => {
  const { p, call } = setup(t, [text(1), text(2)]);
  const claims = await call('preannotate.run', { labels: ['claim'] });
  assert.ok(claims.proposals.claim > 0);
  assert.deepEqual(claims.links, { 'said-by': 0, cites: 0 });
  const speakers = await call('preannotate.run', { labels: ['speaker'] });
  assert.ok(speakers.proposals.speaker > 0);
  const engineSaidBy = [text(1), text(2)].reduce((n, x) => n + propose(x).links.filter((l) => l.type === 'said-by').length, 0);
  assert.ok(engineSaidBy > 0);
  assert.equal(speakers.links['said-by'], engineSaidBy, 'every said-by link the engine makes');
  const figures = await call('preannotate.run', { labels: ['figure'] });
  assert.ok(figures.links.cites > 0, 'cites links once the figures are there');
  assert.equal(p.links.count(), engineSaidBy + figures.links.cites);
});

test('progress: an event at the start before any document is proposed, then after every chunk of documents, in order', async (t) => {
  const texts = Array.from({ length: 90 }, (_, i) => text(i));
  const { p } = setup(t, texts);
  const seen: number[] = [];
  const written: number[] = [];
  let rowsAtStart = -1;
  const auto = () => p.db.prepare('SELECT COUNT(*) FROM annotations').pluck().get() as number;
  await runPreannotate(p, {
    thread: 'never',
    onProgress: ({ done, total }) => {
      assert.equal(total, 90);
      if (!seen.length) rowsAtStart = auto();
      seen.push(done);
      written.push(auto());
    },
  });
  assert.equal(seen[0], 0);
  assert.equal(rowsAtStart, 0);
  // One batch of 90 (batches hold 200): progress after each chunk of 20 while it is proposed, before it is written.
  assert.deepEqual(seen, [0, 20, 40, 60, 80, 90]);
  assert.equal(written.at(-2), 0, 'events before the batch was written');
});

test('preannotate.cancel never cancels an export with the same job id, and export.cancel never a run', async (t) => {
  const { call } = setup(t, Array.from({ length: 450 }, (_, i) => text(i)));
  const running = call('preannotate.run', { jobId: 'X', labels: ['figure'] });
  assert.deepEqual(await call('export.cancel', { jobId: 'X' }), { cancelled: true }, 'an export X not started yet');
  const r = await running;
  assert.equal(r.cancelled, false, 'the run X is no export');
  assert.equal(r.documents, 450);
});

test('a run cancelled before it started (queued behind another) stops at once with cancelled: true', async (t) => {
  const { p, call } = setup(t, Array.from({ length: 30 }, (_, i) => text(i)));
  assert.deepEqual(await call('preannotate.cancel', { jobId: 'queued' }), { cancelled: true });
  const r = await call('preannotate.run', { jobId: 'queued' });
  assert.equal(r.cancelled, true);
  assert.equal(r.documents, 0);
  assert.equal(p.annotators.idByName('auto') === undefined || autoRows(p).length === 0, true);
  // Once finished, the id is known as done: a late cancel says so, and a new run under it goes through.
  assert.deepEqual(await call('preannotate.cancel', { jobId: 'queued' }), { cancelled: false });
  const again = await call('preannotate.run', { jobId: 'queued' });
  assert.equal(again.cancelled, false);
  assert.equal(again.documents, 30);
});

test('--done with none done, a search matching nothing: a note says so; an empty search names pre-annotation', async (t) => {
  const { call } = setup(t, [text(1)]);
  const done = await call('preannotate.run', { docs: { kind: 'done' } });
  assert.ok(done.notes.includes('No document is marked done: nothing was pre-annotated.'), done.notes.join('\n'));
  const none = await call('preannotate.run', { docs: { kind: 'query', q: 'zzzunfound' } });
  assert.ok(none.notes.includes('The search matched no document: nothing was pre-annotated.'), none.notes.join('\n'));
  await assert.rejects(call('preannotate.run', { docs: { kind: 'query', q: '*' } }), { name: 'InvalidInput', message: /documents to pre-annotate is empty/ });
});

test('two processes pre-annotating one project file at once both finish: integrity ok, nothing duplicated', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-preannotate-two-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'p.crosscheck');
  const texts = Array.from({ length: 400 }, (_, i) => text(i));
  setup(t, texts, file).p.close();
  // Small batches: many transactions from each process, interleaving.
  const script = `
    import { openProject } from ${beside('project.ts')};
    import { runPreannotate } from ${beside('preannotate/run.ts')};
    const p = openProject(${JSON.stringify(file)});
    const r = await runPreannotate(p, { batch: 5, thread: 'never' });
    p.close();
    console.log(JSON.stringify(r));`;
  const child = () => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, CROSSCHECK_TEST_ENGINE_THROW: '' } });
    let out = '', err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => resolve({ code, out, err }));
  });
  const runs = await Promise.all([child(), child()]);
  for (const r of runs) assert.equal(r.code, 0, r.err);
  const reports = runs.map((r) => JSON.parse(r.out.trim().split('\n').pop()!));
  for (const r of reports) assert.equal(r.documents, 400);
  const p = openProject(file);
  t.after(() => p.close());
  assert.equal(p.db.pragma('integrity_check', { simple: true }), 'ok');
  const rows = autoRows(p);
  assert.equal(new Set(rows).size, rows.length, 'no span twice');
  const engineCount = texts.reduce((n, x) => n + new Set(propose(x).spans.map((s) => `${s.label} ${s.start} ${s.end}`)).size, 0);
  assert.equal(rows.length, engineCount);
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  assert.equal(sum(reports[0].proposals) + sum(reports[1].proposals), engineCount, 'each span written by one process, skipped by the other');
  const links = p.db.prepare('SELECT COUNT(*) FROM links').pluck().get() as number;
  const linkRows = p.db.prepare('SELECT COUNT(*) FROM (SELECT DISTINCT from_id, to_id, type_id FROM links)').pluck().get() as number;
  assert.equal(links, linkRows);
});
