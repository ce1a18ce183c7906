/**
 * Where a run's proposals are made (run.ts): the run writes its documents batch by batch, in order, and asks
 * this for each batch's proposals (prepared.ts) in turn. With an engine thread (engine-thread.ts) the two cores
 * share the engine's work while the run's own thread also writes:
 * - the thread takes chunks of documents from the front, a few ahead, so it never waits for a batch to be written;
 * - the run's thread, while the batch it must write next is not ready, proposes a chunk itself, the last free
 *   one of the next few batches (work the thread would reach last), then looks for the thread's answers again;
 * - a chunk the thread could not do (it failed to start or stopped) goes back to be done in place, from the front;
 * - a chunk the thread refused while still running (its engine threw on it) is done in place, one document at a
 *   time (prepared.ts catches per document), and never sent to the thread again: resending it would loop forever.
 * Without a thread every chunk is done in place, front to back. Either way the same function prepares each
 * document, so what is written does not depend on where it was proposed.
 */
import { setImmediate as turn } from 'node:timers/promises';
import type { ProposalLabel } from '../../common/proposals.js';
import { startEngineThread, type EngineThread } from './engine-thread.js';
import { prepareChunk, type PreparedChunk } from './prepared.js';

/** Documents per request to the engine thread: small enough that a stolen chunk delays a batch's write little. */
export const CHUNK_DOCS = 20;
/** Requests the thread holds at once: enough to keep it busy while the run writes a batch. */
const AHEAD = 10;
/**
 * How many batches past the one to write next the run's own thread may take chunks from: its proposals wait
 * in memory for their batch, so a run over a whole large corpus holds a few batches' worth, never the corpus'.
 */
const STEAL_WITHIN = 2;

/** One chunk: documents (those whose text was there) and, once made, their proposals. */
interface Chunk {
  docIds: number[];
  state: 'free' | 'thread' | 'here' | 'ready';
  /** Documents chosen for it (those gone since included), for progress. */
  size: number;
  /** The thread refused it: done in place only. */
  refused?: boolean;
  texts?: string[];
  result?: PreparedChunk;
}

/** A batch's proposals: its documents that exist, in order, and one prepared chunk per run of them. */
export interface PreparedBatch {
  docIds: number[];
  chunks: PreparedChunk[];
}

export interface Pipeline {
  /**
   * The proposals of batch `b` (call for 0, 1, 2… in order); null when the run's signal was aborted while
   * waiting (the batch is then not written).
   */
  batch(b: number): Promise<PreparedBatch | null>;
  /** Stops the engine thread, if any (work in flight is dropped). */
  stop(): void;
  /** Documents proposed so far on the engine thread and in place. */
  readonly proposed: { onThread: number; inPlace: number };
}

/**
 * A pipeline over `batches` (document ids per batch, in writing order). `readText` reads a document's text
 * (undefined: no such document, left out); `labels` are the kinds the engine proposes; `thread` whether to try
 * an engine thread (none is used when it cannot start); `start` starts one (tests give a failing one).
 * `o.signal` aborted makes a waiting `batch` return null at its next step; `o.onReady(n)` is told, for
 * progress between writes, each time the first n documents (in writing order) all have their proposals.
 */
export function pipeline(
  batches: readonly number[][],
  readText: (docId: number) => string | undefined,
  labels: ProposalLabel[],
  thread: boolean,
  start: () => EngineThread | null = startEngineThread,
  o: { signal?: { aborted: boolean }; onReady?: (docs: number) => void } = {},
): Pipeline {
  const chunksOf: Chunk[][] = batches.map((ids) => {
    const out: Chunk[] = [];
    for (let i = 0; i < ids.length; i += CHUNK_DOCS) out.push({ docIds: ids.slice(i, i + CHUNK_DOCS), size: Math.min(CHUNK_DOCS, ids.length - i), state: 'free' });
    return out;
  });
  const all = chunksOf.flat();
  // Index in `all` just past batch b's chunks.
  const endOf: number[] = [];
  chunksOf.reduce((n, cs, b) => (endOf[b] = n + cs.length), 0);
  const engine: EngineThread | null = thread ? start() : null;
  const proposed = { onThread: 0, inPlace: 0 };
  let warned = false;
  let wake: (() => void) | null = null;
  const answered = () => new Promise<void>((r) => (wake = r));
  const notify = () => {
    wake?.();
    wake = null;
  };

  /** The texts of a chunk's documents, read once; documents gone since the run chose them are left out. */
  function textsOf(c: Chunk): string[] {
    if (!c.texts) {
      const present: number[] = [];
      c.texts = [];
      for (const id of c.docIds) {
        const t = readText(id);
        if (t === undefined) continue;
        present.push(id);
        c.texts.push(t);
      }
      c.docIds = present;
    }
    return c.texts;
  }

  function done(c: Chunk, result: PreparedChunk) {
    c.result = result;
    c.texts = undefined;
    c.state = 'ready';
    const was = readyDocs;
    for (; readyUpTo < all.length && all[readyUpTo].state === 'ready'; readyUpTo++) readyDocs += all[readyUpTo].size;
    if (readyDocs > was) o.onReady?.(readyDocs);
  }
  // The chunks all[0..readyUpTo) have their proposals: readyDocs documents.
  let readyUpTo = 0, readyDocs = 0;

  // No chunk before `front` is free (a chunk the thread gave back resets it), refused ones aside.
  let front = 0;
  // Chunks the running thread refused, to be done in place.
  const refused: Chunk[] = [];

  /** Keeps the thread AHEAD chunks ahead, taking free chunks from the front. */
  function feed() {
    if (!engine?.usable) return;
    for (; front < all.length && engine.inFlight < AHEAD; front++) {
      const c = all[front];
      if (c.state !== 'free' || c.refused) continue;
      c.state = 'thread';
      engine.proposeChunk(textsOf(c), labels).then(
        (r) => {
          if (c.state === 'thread') {
            done(c, r);
            proposed.onThread += c.docIds.length;
          }
          notify();
        },
        (e: Error) => {
          if (c.state === 'thread') c.state = 'free';
          // Refused by a thread that still runs: the engine threw on this chunk; never send it again.
          if (engine.usable) {
            c.refused = true;
            refused.push(c);
          }
          front = 0;
          if (!engine.usable && !warned && !stopped) {
            warned = true;
            process.emitWarning(`Crosscheck's pre-annotation thread is not available (${e.message}); proposals are made on the main thread.`);
          }
          notify();
        },
      );
    }
  }

  /**
   * The chunk the run's own thread should do now, batch `b` being next to write: while the thread works, the
   * last free one up to STEAL_WITHIN batches on; else the first free one.
   */
  function pickHere(b: number): Chunk | undefined {
    // Refused chunks first: feed() passes over them, so `front` may be past them.
    const r = refused.find((c) => c.state === 'free');
    if (r) return r;
    if (engine?.usable) {
      for (let i = endOf[Math.min(b + STEAL_WITHIN, endOf.length - 1)] - 1; i >= front; i--) if (all[i].state === 'free') return all[i];
      return undefined;
    }
    for (; front < all.length; front++) if (all[front].state === 'free') return all[front];
    return undefined;
  }

  let stopped = false;
  return {
    async batch(b) {
      const mine = chunksOf[b] ?? [];
      while (!mine.every((c) => c.state === 'ready')) {
        if (o.signal?.aborted) return null;
        feed();
        const c = pickHere(b);
        if (c) {
          c.state = 'here';
          done(c, prepareChunk(textsOf(c), labels));
          proposed.inPlace += c.docIds.length;
          // Lets the thread's answers, progress events and a cancel in before the next chunk.
          await turn();
        } else if (!mine.every((x) => x.state === 'ready')) {
          // Wakes to look at the signal now and then, should the thread be slow to answer.
          const tick = setTimeout(notify, 100);
          await answered();
          clearTimeout(tick);
        }
      }
      // Keep the thread busy while this batch is written.
      feed();
      const out: PreparedBatch = { docIds: mine.flatMap((c) => c.docIds), chunks: mine.map((c) => c.result!) };
      for (const c of mine) c.result = undefined;
      return out;
    },
    stop() {
      stopped = true;
      engine?.stop();
    },
    proposed,
  };
}
