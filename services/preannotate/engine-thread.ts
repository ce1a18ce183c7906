/**
 * A worker thread running the pre-annotation engine (engine-worker.ts), so that a run (run.ts) proposes for the
 * next documents on one core while it writes the last ones on the other. Started by the first run that wants it
 * and kept a while for the next (warm); it holds no database connection and no state, so stopping it at any time
 * loses nothing but the work in flight.
 *
 * When the thread cannot start, or fails later, every call waiting on it (and every later call) is refused, and
 * the run proposes those documents on its own thread instead: the same function (prepared.ts) either way, so
 * the rows written are the same.
 */
import { Worker } from 'node:worker_threads';
import type { ProposalLabel } from '../../common/proposals.js';
import type { PreparedChunk } from './prepared.js';

/**
 * Set by scripts/build.mjs in bundles: the engine thread's own bundle, beside the bundle that starts it.
 * Undefined when running from source (tsx).
 */
declare const __CROSSCHECK_PREANNOTATE__: string | undefined;

/** A request: the texts of some documents, in order. */
export interface ToEngine {
  id: number;
  texts: string[];
  labels: ProposalLabel[];
}

/** Its answer: the documents prepared, or why the engine threw. */
export type FromEngine = { id: number; ok: true; chunk: PreparedChunk } | { id: number; ok: false; message: string };

export interface EngineThread {
  /** Prepares `texts` on the thread. Rejects when the thread has failed or been stopped (prepare them in place then). */
  proposeChunk(texts: string[], labels: ProposalLabel[]): Promise<PreparedChunk>;
  /** How many requests it has not answered yet. */
  readonly inFlight: number;
  /** Whether it can still take requests. */
  readonly usable: boolean;
  /** Ends this run's use of the thread; its requests in flight are refused. */
  stop(): void;
}

/** How long a thread no run uses is kept for the next run (its start costs tens of ms bundled, ~1 s from source). */
const IDLE_MS = 30_000;

/** The thread runs share (one at a time in practice: runs take the backend's write queue). */
interface Shared {
  worker: Worker;
  pending: Map<number, { resolve(c: PreparedChunk): void; reject(e: Error): void }>;
  failed: Error | null;
  users: number;
  idle: ReturnType<typeof setTimeout> | null;
  /** Keeps the process alive only while a run waits for the thread (a CLI command exits when done). */
  hold(): void;
  /** Refuses every request waiting and stops the thread. */
  fail(e: Error): void;
}
let shared: Shared | null = null;
let seq = 0;

/** The shared thread, started when there is none (or the last one failed). @throws when it cannot start. */
function thread(): Shared {
  if (shared && !shared.failed) return shared;
  const s: Shared = {
    worker: spawn(),
    pending: new Map(),
    failed: null,
    users: 0,
    idle: null,
    hold: () => (s.pending.size ? s.worker.ref() : s.worker.unref()),
    fail(e) {
      s.failed ??= e;
      for (const p of s.pending.values()) p.reject(s.failed);
      s.pending.clear();
      if (shared === s) shared = null;
      void s.worker.terminate();
    },
  };
  s.worker.on('message', (m: FromEngine) => {
    const p = s.pending.get(m.id);
    if (!p) return;
    s.pending.delete(m.id);
    s.hold();
    if (m.ok) p.resolve(m.chunk);
    else p.reject(new Error(m.message));
  });
  s.worker.on('error', (e) => s.fail(e instanceof Error ? e : new Error(String(e))));
  s.worker.on('exit', (code) => s.fail(new Error(`the engine thread stopped (exit code ${code})`)));
  s.hold();
  return (shared = s);
}

/**
 * An engine thread for one run, or null when none can be started here (the run then proposes in place). The
 * thread is shared with later runs and stopped once none has used it for IDLE_MS.
 */
export function startEngineThread(): EngineThread | null {
  let s: Shared;
  try {
    s = thread();
  } catch {
    return null;
  }
  if (s.idle) clearTimeout(s.idle);
  s.idle = null;
  s.users++;
  const mine = new Set<number>();
  let stopped = false;
  const refused = () => s.failed ?? new Error('the engine thread was stopped');

  return {
    proposeChunk(texts, labels) {
      if (stopped || s.failed) return Promise.reject(refused());
      return new Promise((resolve, reject) => {
        const id = ++seq;
        mine.add(id);
        const settle = () => mine.delete(id);
        s.pending.set(id, { resolve: (c) => (settle(), resolve(c)), reject: (e) => (settle(), reject(e)) });
        s.worker.postMessage({ id, texts, labels } satisfies ToEngine);
        s.hold();
      });
    },
    get inFlight() {
      return mine.size;
    },
    get usable() {
      return !stopped && !s.failed;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // This run's requests still in flight are answered into the void (the thread takes them in turn).
      for (const id of mine) s.pending.get(id)?.reject(refused());
      for (const id of mine) s.pending.delete(id);
      mine.clear();
      s.hold();
      if (--s.users === 0 && !s.failed) {
        s.idle = setTimeout(() => s.fail(new Error('idle')), IDLE_MS);
        s.idle.unref();
      }
    },
  };
}

/** The bundled thread beside this bundle, or, from source, engine-worker.ts through tsx. */
function spawn(): Worker {
  if (typeof __CROSSCHECK_PREANNOTATE__ === 'string') return new Worker(new URL(__CROSSCHECK_PREANNOTATE__, import.meta.url));
  // Node 20 gives a worker none of its parent's module hooks, so the thread registers tsx itself first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./engine-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}
