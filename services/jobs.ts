/**
 * Cancellable jobs of one kind (pre-annotation runs, exports), by the job id the caller gave. Each kind has its
 * own registry, so cancelling a pre-annotation never touches an export that happens to share its id.
 *
 * A run waits in the backend's write queue before it starts, while its cancel call bypasses the queue: a cancel
 * for an id that is neither running nor finished is remembered, and the run that later starts under that id
 * stops at once (its signal starts aborted). Remembered and finished ids are bounded (REMEMBERED each, oldest
 * forgotten first), so a long-lived server holds a few hundred strings at most.
 */

/** How many cancelled-before-start and finished ids each registry remembers. */
const REMEMBERED = 200;

/** A bounded insertion-ordered set: adding past `max` forgets the oldest. */
function boundedSet(max: number) {
  const s = new Set<string>();
  return {
    add(id: string) {
      s.delete(id);
      s.add(id);
      if (s.size > max) s.delete(s.values().next().value as string);
    },
    has: (id: string) => s.has(id),
    delete: (id: string) => s.delete(id),
  };
}

export interface JobRegistry {
  /** Runs `run` under `id` with a signal its cancel sets; started aborted when cancelled before it began. */
  run<T>(id: string, run: (signal: { aborted: boolean }) => Promise<T>): Promise<T>;
  /**
   * Cancels the job `id`: true when it runs now (it stops at its next check) or has not started yet (it will
   * stop at once when it does); false when it has finished already.
   */
  cancel(id: string): { cancelled: boolean };
}

/** A registry for one kind of job. */
export function jobRegistry(): JobRegistry {
  const running = new Map<string, { aborted: boolean }>();
  const cancelledEarly = boundedSet(REMEMBERED);
  const finished = boundedSet(REMEMBERED);
  return {
    async run(id, run) {
      const signal = { aborted: cancelledEarly.delete(id) };
      finished.delete(id);
      running.set(id, signal);
      try {
        return await run(signal);
      } finally {
        if (running.get(id) === signal) running.delete(id);
        finished.add(id);
      }
    },
    cancel(id) {
      const job = running.get(id);
      if (job) {
        job.aborted = true;
        return { cancelled: true };
      }
      if (finished.has(id)) return { cancelled: false };
      cancelledEarly.add(id);
      return { cancelled: true };
    },
  };
}
