/**
 * Giving memory back once a thread has gone quiet (issue 15: backend + page renderer ≤ 400 MB, project browsed).
 *
 * Why: V8 grows a thread's heap while it serves a burst of calls (a claims board answer, 60 suggestions, the
 * vocabulary read in the background) and keeps the pages it grew once the burst is garbage: its memory reducer
 * only runs after a full collection, and an idle worker thread that only ever did young-generation collections
 * kept 92 MB of heap for 28 MB of live objects until the process ended (measured at 100,000 documents; one
 * collection brought it to 18 MB). SQLite's page caches likewise keep what the last reads used.
 *
 * So each thread of the backend (the host's own, and the reader thread) runs, once per quiet spell, one full
 * collection and its `release` (SQLite's shrink_memory on its connection): QUIET_MS after its last call or
 * background step, and the collection again AGAIN_MS later. Each costs 20–70 ms of CPU while nothing waits on the
 * thread; a call that arrives during one waits that long at most.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long a thread must have had nothing to do before its memory is given back (ms). */
export const QUIET_MS = 5000;

/**
 * How long after a release its collection runs once more (ms). The first full collection after a burst leaves
 * memory that a second, once allocation has stopped, gives back: V8 sizes the young generation and lets go of
 * emptied pages by what was allocated since the collection before. Measured on the browser host at 100,000
 * documents after 400 list pages: 114 MB anonymous after the release, 86 MB after the second collection.
 */
export const AGAIN_MS = 1000;

let collector: (() => void) | null | undefined;

/**
 * V8's full garbage collection as a function, or null where it cannot be had. Node exposes it only under
 * `--expose-gc`; the flag is set for the one context made here (later contexts and this one's globals are as
 * they were).
 */
export function fullCollection(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    setFlagsFromString('--expose-gc');
    collector = runInNewContext('gc') as () => void;
  } catch {
    collector = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return typeof collector === 'function' ? collector : (collector = null);
}

/** What idleRelease returns: call `busy` whenever the thread does something; `stop` when it closes. */
export interface IdleRelease {
  /** The thread did work just now: the quiet spell (and the release at its end) starts again from now. */
  busy(): void;
  /** No release any more (the project is closing). */
  stop(): void;
  /** How many releases have run (for tests and diagnostics). */
  readonly releases: number;
}

/**
 * Runs `release` and one full collection (`collect`, V8's by default) when the thread has been quiet for
 * `quietMs` after being `busy`, and the collection once more `againMs` later (AGAIN_MS) unless busy meanwhile;
 * once per quiet spell, never while nothing was done since the last release. When
 * `idle` says the thread is still at something (a call awaiting), the release waits another `quietMs`.
 * A `release` that throws (a connection closed meanwhile) is ignored: giving memory back is never worth an error.
 * Timers are unref'd: they never keep a process alive.
 */
export function idleRelease(opts: { release?: () => void; collect?: (() => void) | null; quietMs?: number; againMs?: number; idle?: () => boolean } = {}): IdleRelease {
  const quietMs = opts.quietMs ?? QUIET_MS;
  const againMs = opts.againMs ?? AGAIN_MS;
  const collect = opts.collect === undefined ? fullCollection() : opts.collect;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let releases = 0;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, quietMs);
    timer.unref?.();
  };
  const run = () => {
    timer = null;
    if (stopped) return;
    if (opts.idle && !opts.idle()) return arm();
    try {
      opts.release?.();
    } catch {
      /* closed meanwhile */
    }
    collect?.();
    releases++;
    if (!collect) return;
    // Once more a moment later: the first collection after a burst leaves pages that only the next one gives back.
    timer = setTimeout(() => ((timer = null), collect()), againMs);
    timer.unref?.();
  };
  return {
    busy() {
      if (!stopped) arm();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    get releases() {
      return releases;
    },
  };
}
