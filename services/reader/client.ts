/**
 * The backend's reader: a worker thread with its own read-only connection to the project, which runs the methods
 * the contract declares `queue: 'reader'` (searches, the finder, suggestions, boards) off the event loop, so a
 * long read never holds up the host (`GET /`, `project.info`, writes in the queue).
 *
 * Consistency: each call reads one committed state of the file (db/read-connection.ts inReadSnapshot). A write
 * is answered only once committed, so a read sent after a write's answer sees it; an import's transaction,
 * open across event-loop turns, is not seen until it commits (the state a person last saw stays consistent).
 *
 * The thread starts at the first reader call (commands that never search never start one), or at open when the
 * backend is told to warm it (the hosts: `warm`), and is closed with the backend. Should it fail to start or open the project, its calls run on the backend itself, in the queue,
 * as before the reader existed (a warning says so once).
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { ReaderMethod } from '../../common/contract.js';
import { AppError, fromWireError } from '../../common/errors.js';
import type { FromReader, ReaderData, ToReader } from './protocol.js';

/**
 * Set by scripts/build.mjs in bundles: the reader's own bundle, beside the bundle that starts it. Undefined when
 * running from source (tsx).
 */
declare const __CROSSCHECK_READER__: string | undefined;

/** How long close() waits for the thread to close its connection: a backstop, reached only by a stuck thread. */
const CLOSE_WAIT_MS = 10_000;

export interface Reader {
  /** Runs a reader method on the thread; validates `args` there (the contract's dispatch). */
  call(method: ReaderMethod, args: unknown): Promise<unknown>;
  /**
   * Starts the thread now and has it open the project and prepare what first reads need, in the background
   * (services/reader/worker.ts). Nothing happens in process when the thread is not available: warming is never
   * worth holding up the calls in the queue.
   */
  warm(): void;
  /**
   * Closes the thread's connection before returning (so the backend's own connection can then be closed alone
   * and leave one self-contained file). Calls sent before are answered first; only a thread stuck past
   * CLOSE_WAIT_MS leaves calls unanswered, and those are refused with Cancelled.
   */
  close(): void;
}

/**
 * A reader for the database file `file` (opened read-only) of the project at `projectPath`. `inProcess` runs a
 * call on the backend itself, used when the thread is not available.
 */
export function startReader(file: string, projectPath: string, inProcess: (method: ReaderMethod, args: unknown) => Promise<unknown>): Reader {
  const closedFlag = new SharedArrayBuffer(4);
  const pending = new Map<number, { method: ReaderMethod; args: unknown; resolve(v: unknown): void; reject(e: unknown): void }>();
  let worker: Worker | null = null;
  /** The thread answers on a port of its own, which close() can read synchronously. */
  let replies: MessagePort | null = null;
  let usable = true;
  let closed = false;
  let exited = false;
  let seq = 0;

  /** Keeps the process alive only while a call is waiting for the thread (a CLI command exits when done). */
  const holdWhileBusy = () => {
    for (const handle of [worker, replies]) {
      if (pending.size) handle?.ref();
      else handle?.unref();
    }
  };

  function settle(r: FromReader) {
    const c = pending.get(r.id);
    if (!c) return;
    if (!r.ok && 'unavailable' in r) return giveUp(fromWireError(r.error));
    pending.delete(r.id);
    holdWhileBusy();
    if (r.ok) c.resolve(r.value);
    else c.reject(fromWireError(r.error));
  }

  /** From now on calls run in process; those waiting for the thread run there too (reads may run twice). */
  function giveUp(reason: unknown) {
    if (!usable || closed) return;
    usable = false;
    process.emitWarning(`Crosscheck's reader thread is not available (${(reason as Error)?.message ?? reason}); searches run in turn with the other calls.`);
    for (const [id, c] of pending) {
      pending.delete(id);
      inProcess(c.method, c.args).then(c.resolve, c.reject);
    }
    void worker?.terminate();
  }

  function thread(): Worker {
    if (worker) return worker;
    const channel = new MessageChannel();
    replies = channel.port1;
    replies.on('message', settle);
    const w = spawnReader({ file, projectPath, closed: closedFlag, replies: channel.port2 });
    w.on('error', giveUp);
    w.on('exit', (code) => {
      exited = true;
      giveUp(new Error(`it stopped (exit code ${code})`));
    });
    return (worker = w);
  }

  /** Whether the thread runs (started now if not yet); false once calls run in process. */
  function running(): boolean {
    if (usable && !worker) {
      try {
        thread();
      } catch (e) {
        giveUp(e);
      }
    }
    return usable;
  }

  return {
    warm() {
      if (!closed && running()) worker!.postMessage({ type: 'warm' } satisfies ToReader);
    },

    call(method, args) {
      if (closed) return Promise.reject(new AppError('Cancelled', 'The project was closed.'));
      if (!running()) return inProcess(method, args);
      return new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { method, args, resolve, reject });
        worker!.postMessage({ type: 'call', id, method, args } satisfies ToReader);
        holdWhileBusy();
      });
    },

    close() {
      if (closed) return;
      closed = true;
      if (worker && !exited && usable) {
        worker.postMessage({ type: 'close' } satisfies ToReader);
        Atomics.wait(new Int32Array(closedFlag), 0, 0, CLOSE_WAIT_MS);
        // The answers the thread sent before it closed, which the event loop has not delivered yet.
        for (let m = receiveMessageOnPort(replies!); m; m = receiveMessageOnPort(replies!)) settle(m.message as FromReader);
      }
      replies?.close();
      void worker?.terminate();
      for (const c of pending.values()) c.reject(new AppError('Cancelled', 'The project was closed before this read finished.'));
      pending.clear();
    },
  };
}

/** Starts the thread: the bundled reader beside this bundle, or, from source, worker.ts through tsx. */
function spawnReader(data: ReaderData): Worker {
  const options = { workerData: data, transferList: [data.replies] };
  if (typeof __CROSSCHECK_READER__ === 'string') return new Worker(new URL(__CROSSCHECK_READER__, import.meta.url), options);
  // Node 20 gives a worker none of its parent's module hooks, so the thread registers tsx itself first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
