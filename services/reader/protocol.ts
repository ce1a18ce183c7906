/**
 * The messages between the backend (services/reader/client.ts) and its reader thread (services/reader/worker.ts).
 * Errors cross as `{name, message}` (common/errors.ts), like every other boundary.
 */
import type { MessagePort } from 'node:worker_threads';
import type { WireError } from '../../common/errors.js';

/** What the reader thread is started with. */
export interface ReaderData {
  /** The database file the backend's own connection reads (db/read-connection.ts fileOf). */
  file: string;
  /** The project's path as the person named it (project.info and the like answer with it). */
  projectPath: string;
  /** One Int32 the thread sets to 1, with Atomics.notify, once its connection is closed. */
  closed: SharedArrayBuffer;
  /** Where the thread posts its answers (FromReader). */
  replies: MessagePort;
}

/**
 * `warm`: open the project now instead of at the first call, and keep the boards' order built in the background
 * (services/reader/worker.ts); sent once, by a host's backend right after it opens the project.
 */
export type ToReader = { type: 'call'; id: number; method: string; args: unknown } | { type: 'warm' } | { type: 'close' };

export type FromReader =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  /** The thread cannot open the project (the call is then run by the backend itself). */
  | { id: number; ok: false; unavailable: true; error: WireError };
