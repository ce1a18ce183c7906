/**
 * Where a run's proposals are made (pipeline.ts): on the engine thread and in place, batch by batch in order,
 * the same proposals either way; a thread that fails hands its documents back to be done in place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProposalLabel } from '../../common/proposals.js';
import { pipeline } from './pipeline.js';
import { prepareChunk, type PreparedChunk } from './prepared.js';
import type { EngineThread } from './engine-thread.js';

const LABELS: ProposalLabel[] = ['figure', 'speaker', 'claim'];
const TEXT = (i: number) => `Igor Konashenkov said ${i + 10} soldiers were wounded in village ${i}. “We counted ${i + 3} people,” the mayor said.`;
// 130 documents in batches of 50 (the last one short); document 77 is gone (no text): left out.
const IDS = Array.from({ length: 130 }, (_, i) => i + 1);
const BATCHES = [IDS.slice(0, 50), IDS.slice(50, 100), IDS.slice(100)];
const readText = (id: number) => (id === 77 ? undefined : TEXT(id));

/** Every batch, in order, as the pipeline hands them out. */
async function drain(p: ReturnType<typeof pipeline>) {
  const out = [];
  try {
    for (let b = 0; b < BATCHES.length; b++) out.push((await p.batch(b))!);
  } finally {
    p.stop();
  }
  return out;
}

/** A batch's proposals as one chunk made in place, for comparison. */
const inPlace = (ids: number[]): PreparedChunk => prepareChunk(ids.map((id) => readText(id)!), LABELS);
/** Chunks of one batch joined into one (same fields, concatenated). */
function joined(chunks: PreparedChunk[]): PreparedChunk {
  const keys = Object.keys(chunks[0]) as (keyof PreparedChunk)[];
  return Object.fromEntries(keys.map((k) => [k, chunks.flatMap((c) => c[k] as unknown[])])) as unknown as PreparedChunk;
}

test('with the engine thread: every batch in order, the same proposals as made in place, some made on the thread', async () => {
  const p = pipeline(BATCHES, readText, LABELS, true);
  const batches = await drain(p);
  assert.deepEqual(batches.map((b) => b.docIds), BATCHES.map((ids) => ids.filter((id) => id !== 77)));
  for (const b of batches) assert.deepEqual(joined(b.chunks), inPlace(b.docIds));
  assert.ok(p.proposed.onThread > 0, `the thread proposed some (${JSON.stringify(p.proposed)})`);
  assert.equal(p.proposed.onThread + p.proposed.inPlace, 129);
});

test('without a thread, or when it fails, every document is proposed in place, once', async (t) => {
  const none = pipeline(BATCHES, readText, LABELS, true, () => null);
  const plain = await drain(none);
  assert.deepEqual(none.proposed, { onThread: 0, inPlace: 129 });

  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  // A thread that answers its first request, then fails: what it held comes back and is done in place.
  let calls = 0;
  let usable = true;
  const failing: EngineThread = {
    proposeChunk: (texts, labels) => (++calls === 1 ? Promise.resolve(prepareChunk(texts, labels)) : ((usable = false), Promise.reject(new Error('gone')))),
    get inFlight() {
      return 0;
    },
    get usable() {
      return usable;
    },
    stop: () => undefined,
  };
  const p = pipeline(BATCHES, readText, LABELS, true, () => failing);
  assert.deepEqual(await drain(p), plain);
  assert.equal(p.proposed.onThread + p.proposed.inPlace, 129);
  assert.ok(p.proposed.onThread > 0);
  await new Promise((r) => setImmediate(r));
  assert.ok(warnings.some((w) => /pre-annotation thread is not available \(gone\)/.test(w)), warnings.join('\n'));
});

/** A thread that stays usable and answers through `answer` (or never, when it returns undefined). */
function fakeThread(answer: (texts: string[], labels: ProposalLabel[]) => Promise<PreparedChunk> | undefined) {
  let inFlight = 0;
  const sent: string[][] = [];
  const thread: EngineThread = {
    proposeChunk(texts, labels) {
      sent.push(texts);
      inFlight++;
      return (answer(texts, labels) ?? new Promise<PreparedChunk>(() => undefined)).finally(() => inFlight--);
    },
    get inFlight() {
      return inFlight;
    },
    usable: true,
    stop: () => undefined,
  };
  return { thread, sent };
}

test('a chunk the running thread refuses (its engine threw) is done in place and never sent again', async () => {
  // 260 documents in two batches: the thread refuses every chunk holding document 7 or 230.
  const ids = Array.from({ length: 260 }, (_, i) => i + 1);
  const batches = [ids.slice(0, 200), ids.slice(200)];
  const bad = (texts: string[]) => texts.some((x) => / village (6|229)\./.test(x));
  const { thread, sent } = fakeThread((texts, labels) => (bad(texts) ? Promise.reject(new Error('TypeError in speakers.ts')) : Promise.resolve(prepareChunk(texts, labels))));
  const p = pipeline(batches, (id) => TEXT(id), LABELS, true, () => thread);
  const out = [];
  for (let b = 0; b < batches.length; b++) out.push((await p.batch(b))!);
  p.stop();
  assert.deepEqual(out.map((b) => b.docIds), batches);
  for (const b of out) assert.deepEqual(joined(b.chunks), prepareChunk(b.docIds.map(TEXT), LABELS));
  const refused = sent.filter(bad);
  assert.ok(refused.length >= 1 && refused.length <= 2, `each refused chunk was sent once (${refused.length})`);
  assert.equal(new Set(refused.map((x) => x[0])).size, refused.length);
  assert.ok(p.proposed.inPlace >= 20 * refused.length);
});

test('a cancel is honoured while the run waits on a thread that does not answer', async () => {
  const { thread } = fakeThread(() => undefined);
  const signal = { aborted: false };
  const p = pipeline([IDS.slice(0, 20)], readText, LABELS, true, () => thread, { signal });
  // Only one chunk, taken by the thread, which never answers: the batch waits until the cancel.
  setTimeout(() => (signal.aborted = true), 30);
  assert.equal(await p.batch(0), null);
  p.stop();
});
