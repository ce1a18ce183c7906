/**
 * Pre-annotation runs (issue 14): what the engine proposes lands in the `auto` layer with provenance, once. The
 * assertions compare with the engine's own output (engine.ts), so they hold whatever rules it grows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject, type Project } from '../project.js';
import { createHandlers } from '../handlers.js';
import { dispatch, type Method, type Result } from '../../common/contract.js';
import { cpLength } from '../../common/offsets.js';
import type { EventMap } from '../../common/events.js';
import { propose } from './engine.js';
import { confidenceText, runPreannotate } from './run.js';

const TEXTS = [
  'Sergey Rudskoy said at least 60 civilians were killed in Mosul. “Over 200 people were injured in 3 strikes,” Igor Konashenkov told reporters.',
  'The ministry said 41 fighters surrendered near Raqqa, according to Igor Konashenkov.',
  '“We counted 396 people in the shelter,” the mayor said on Friday.',
];

function setup(t: { after(fn: () => void): void }, texts = TEXTS) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const docs = texts.map((text, i) => p.documents.insert({ title: `d${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now'));
  const progress: EventMap['preannotate.progress'][] = [];
  const h = createHandlers(p, (event, payload) => {
    if (event === 'preannotate.progress') progress.push(payload as EventMap['preannotate.progress']);
  });
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  return { p, docs, call, progress };
}

/** The `auto` layer as [doc, label, start, end] rows, sorted. */
function autoRows(p: Project, docs: number[]): string[] {
  const auto = p.annotators.idByName('auto');
  if (auto === undefined) return [];
  const labels = new Map(p.labels.list().map((l) => [l.id, l.name]));
  return docs.flatMap((d) => p.annotations.listForDocument(d).filter((a) => a.annotatorId === auto).map((a) => `${d} ${labels.get(a.labelId)} ${a.start} ${a.end}`)).sort();
}

/** What the engine proposes for the project's documents, as autoRows shows it (duplicates once). */
function engineRows(p: Project, docs: number[], labels = ['figure', 'speaker', 'claim']): string[] {
  const rows = docs.flatMap((id) => propose(p.documents.get(id).text).spans.filter((s) => labels.includes(s.label)).map((s) => `${id} ${s.label} ${s.start} ${s.end}`));
  return [...new Set(rows)].sort();
}

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

test('a run writes what the engine proposes into the auto layer, with rule and confidence; a second run adds nothing', async (t) => {
  const { p, docs, call } = setup(t);
  const first = await call('preannotate.run', {});
  assert.equal(first.documents, 3);
  assert.deepEqual(Object.keys(first.proposals), ['figure', 'speaker', 'claim']);
  assert.ok(total(first.proposals) > 0, 'the sample texts hold proposals');
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs));
  assert.equal(total(first.proposals), autoRows(p, docs).length);
  assert.equal(first.cancelled, false);
  assert.deepEqual(first.notes, []);

  const auto = p.annotators.idByName('auto')!;
  const spans = docs.flatMap((d) => p.annotations.listForDocument(d)).filter((a) => a.annotatorId === auto);
  for (const s of spans) {
    assert.ok(s.attributes.rule, `span ${s.id} has a rule`);
    assert.match(s.attributes.confidence, /^(0(\.\d{1,3})?|1)$/, `span ${s.id} confidence ${s.attributes.confidence}`);
    assert.equal(s.text, [...p.documents.get(s.docId).text].slice(s.start, s.end).join(''));
  }
  // Links the engine made between the spans it wrote are there, in the auto layer.
  const engineLinks = docs.reduce((n, d) => n + propose(p.documents.get(d).text).links.length, 0);
  assert.equal(total(first.links), engineLinks);
  assert.equal(p.links.count(), engineLinks);

  const second = await call('preannotate.run', {});
  assert.deepEqual(second.proposals, { figure: 0, speaker: 0, claim: 0 });
  assert.deepEqual(second.links, { 'said-by': 0, cites: 0 });
  assert.equal(total(second.skipped), total(first.proposals), 'everything proposed before is skipped and counted');
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs));
  assert.equal(p.links.count(), engineLinks);
});

test('spans decided by anyone, or tagged in the running analyst\'s layer, are skipped and counted per label', async (t) => {
  const { p, docs, call } = setup(t);
  const engine = propose(TEXTS[0]).spans;
  const figure = engine.find((s) => s.label === 'figure')!;
  const speaker = engine.find((s) => s.label === 'speaker')!;
  const labelId = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  // Eli rejected the figure (a decision outlives its proposal: keyed by place); Dana tagged the speaker by hand.
  await call('annotators.choose', { name: 'Eli' });
  const eli = p.annotators.currentId();
  const { proposalsRepo } = await import('../../db/proposals.js');
  proposalsRepo(p.db).decide({ docId: docs[0], labelId: labelId('figure'), start: figure.start, end: figure.end, annotatorId: eli, decision: 'rejected' }, 'now');
  await call('annotators.choose', { name: 'Dana' });
  await call('annotations.create', { docId: docs[0], labelId: labelId('speaker'), start: speaker.start, end: speaker.end });

  const run = await call('preannotate.run', { docs: { kind: 'ids', ids: [docs[0]] } });
  assert.deepEqual(run.skipped, { figure: 1, speaker: 1 });
  const count = (label: string) => new Set(engine.filter((s) => s.label === label).map((s) => `${s.start} ${s.end}`)).size;
  assert.deepEqual(run.proposals, { figure: count('figure') - 1, speaker: count('speaker') - 1, claim: count('claim') });
  const rows = autoRows(p, docs);
  assert.ok(!rows.includes(`${docs[0]} figure ${figure.start} ${figure.end}`), 'rejected by Eli: not proposed');
  assert.ok(!rows.includes(`${docs[0]} speaker ${speaker.start} ${speaker.end}`), 'tagged by Dana: not proposed');
});

test('documents by ids, by search and done; labels a subset; unknown ids refused', async (t) => {
  const { p, docs, call } = setup(t);
  const byId = await call('preannotate.run', { docs: { kind: 'ids', ids: [docs[1]] }, labels: ['figure'] });
  assert.equal(byId.documents, 1);
  assert.deepEqual(Object.keys(byId.proposals), ['figure']);
  assert.deepEqual(autoRows(p, docs), engineRows(p, [docs[1]], ['figure']));

  const query = await call('preannotate.run', { docs: { kind: 'query', q: 'shelter' }, labels: ['figure'] });
  assert.equal(query.documents, 1);
  assert.deepEqual(autoRows(p, docs), engineRows(p, [docs[1], docs[2]], ['figure']));

  assert.equal((await call('preannotate.run', { docs: { kind: 'done' } })).documents, 0);
  p.documents.setDone(docs[0], true);
  const done = await call('preannotate.run', { docs: { kind: 'done' }, labels: ['speaker', 'figure'] });
  assert.equal(done.documents, 1);
  assert.deepEqual(autoRows(p, docs), [...new Set([...engineRows(p, [docs[1], docs[2]], ['figure']), ...engineRows(p, [docs[0]], ['figure', 'speaker'])])].sort());

  await assert.rejects(call('preannotate.run', { docs: { kind: 'ids', ids: [docs[2] + 50] } }), { name: 'NotFound', message: new RegExp(`${docs[2] + 50}`) });
  await assert.rejects(call('preannotate.run', { docs: { kind: 'query', q: '""' } }), { name: 'InvalidInput' });
});

test('labels or link types the project lacks are notes, not errors', async (t) => {
  const { p, call } = setup(t);
  const figure = p.labels.list().find((l) => l.name === 'figure')!;
  p.labels.delete(figure.id);
  p.links.updateType(p.links.types().find((t) => t.name === 'said-by')!.id, { name: 'attributed-to' });
  const r = await call('preannotate.run', {});
  // Every label asked and both link types are in the report, 0 for those the project cannot hold.
  assert.deepEqual(r.proposals.figure, 0);
  assert.deepEqual(Object.keys(r.proposals), ['figure', 'speaker', 'claim']);
  assert.deepEqual(r.links['said-by'], 0);
  assert.deepEqual(Object.keys(r.links), ['said-by', 'cites']);
  assert.ok(r.notes.some((n) => /no label "figure"/.test(n)), r.notes.join('\n'));
  assert.ok(r.notes.some((n) => /no link type "said-by"/.test(n)), r.notes.join('\n'));
  assert.equal(r.links.cites, 0, 'cites links need figures, which this project cannot hold');
});

test('progress after each batch; a cancelled run keeps the batches it committed and a second run goes on', async (t) => {
  const texts = Array.from({ length: 7 }, (_, i) => `Igor Konashenkov said ${i + 10} soldiers were wounded in village ${i}.`);
  const { p, docs } = setup(t, texts);
  const signal = { aborted: false };
  const seen: { done: number; total: number }[] = [];
  const r = await runPreannotate(p, {
    batch: 3,
    signal,
    onProgress: (pr) => {
      seen.push(pr);
      if (pr.done === 3) signal.aborted = true;
    },
  });
  assert.equal(r.cancelled, true);
  assert.equal(r.documents, 3);
  assert.deepEqual(seen, [{ done: 0, total: 7 }, { done: 3, total: 7 }]);
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs.slice(0, 3)));

  const rest = await runPreannotate(p, { batch: 3, onProgress: (pr) => seen.push(pr) });
  assert.equal(rest.cancelled, false);
  assert.equal(rest.documents, 7);
  assert.deepEqual(seen.slice(2).map((s) => s.done), [0, 3, 6, 7]);
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs));
});

test('preannotate.cancel stops a run started through the handlers; progress events name its job', async (t) => {
  const texts = Array.from({ length: 450 }, (_, i) => `Igor Konashenkov said ${i + 10} soldiers were wounded.`);
  const { call, progress } = setup(t, texts);
  const running = call('preannotate.run', { jobId: 'job-1', labels: ['figure'] });
  // The run yields after its first progress event and after every chunk of documents: the cancel lands then.
  assert.deepEqual(await call('preannotate.cancel', { jobId: 'job-1' }), { cancelled: true });
  const r = await running;
  assert.equal(r.cancelled, true);
  assert.ok(r.documents < 450 && r.documents % 200 === 0, `stopped at a batch boundary (${r.documents})`);
  assert.ok(progress.length >= 1 && progress.every((e) => e.jobId === 'job-1' && e.total === 450));
  assert.deepEqual(await call('preannotate.cancel', { jobId: 'job-1' }), { cancelled: false }, 'a finished job is no longer known');
});

/** Every row a run wrote (annotations and links, timestamps aside), in id order. */
function allRows(p: Project) {
  const spans = p.db.prepare('SELECT id, doc_id, label_id, start, end, text, note, attributes, annotator_id FROM annotations ORDER BY id').all();
  const links = p.db.prepare('SELECT id, from_id, to_id, type_id, annotator_id FROM links ORDER BY id').all();
  return { spans, links };
}

const MANY = Array.from({ length: 45 }, (_, i) => `${TEXTS[i % TEXTS.length]} (${i})`);

test('proposing on the engine thread writes the same rows, reports and progress as proposing in place', async (t) => {
  const runs = await Promise.all((['never', 'always'] as const).map(async (thread) => {
    const { p } = setup(t, MANY);
    // A span tagged by hand and one rejected: skips must not depend on where proposals were made either.
    const first = propose(MANY[0]).spans[0];
    const labelId = p.labels.list().find((l) => l.name === first.label)!.id;
    p.annotations.create({ docId: 1, labelId, start: first.start, end: first.end });
    const progress: { done: number; total: number }[] = [];
    const report = await runPreannotate(p, { thread, batch: 4, onProgress: (pr) => progress.push(pr) });
    return { report, progress, rows: allRows(p) };
  }));
  assert.ok(runs[0].rows.spans.length > MANY.length && runs[0].rows.links.length > 0, 'the texts hold spans and links');
  assert.deepEqual(runs[1].rows, runs[0].rows);
  assert.deepEqual(runs[1].report, runs[0].report);
  assert.deepEqual(runs[0].progress.map((pr) => pr.done), [0, ...Array.from({ length: 11 }, (_, i) => (i + 1) * 4), 45], 'in order, after each batch');
  // The thread may make several chunks ready at once: the same steps, some passed over, never going back.
  const steps = runs[1].progress.map((pr) => pr.done);
  assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
  assert.ok(steps.every((d) => runs[0].progress.some((pr) => pr.done === d)) && steps.at(-1) === 45 && steps[0] === 0, steps.join(' '));
});

test('a run using the engine thread stops between batches when cancelled, and the next run goes on', async (t) => {
  const { p, docs } = setup(t, MANY);
  const signal = { aborted: false };
  const r = await runPreannotate(p, { thread: 'always', batch: 10, signal, onProgress: (pr) => (signal.aborted ||= pr.done >= 20) });
  assert.equal(r.cancelled, true);
  assert.ok(r.documents >= 10 && r.documents <= 30 && r.documents % 10 === 0, `stopped at a batch boundary (${r.documents})`);
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs.slice(0, r.documents)));
  const rest = await runPreannotate(p, { thread: 'always', batch: 10 });
  assert.equal(rest.documents, 45);
  assert.deepEqual(autoRows(p, docs), engineRows(p, docs));
});

test('confidence attributes hold at most three decimals, within 0..1', () => {
  assert.equal(confidenceText(0.8), '0.8');
  assert.equal(confidenceText(2 / 3), '0.667');
  assert.equal(confidenceText(1), '1');
  assert.equal(confidenceText(1.4), '1');
  assert.equal(confidenceText(-0.2), '0');
});
