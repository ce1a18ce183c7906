/**
 * Taking turns with another process that writes the same project (a second window, `serve`, the CLI). SQLite lets
 * one connection write at a time; a write that finds the file locked waits under the busy timeout (db/open.ts,
 * 5 s) and then fails with SQLITE_BUSY. An import holds the lock for its whole length (it is all or nothing), so a
 * tag made in the UI meanwhile would fail and be lost. Instead, a write call that failed with SQLITE_BUSY before
 * it changed anything is run again once the other writer has had time to finish, and the windows are told that the
 * change is waiting (event 'project.waiting'), until `maxWaitMs` has passed; then the call fails with a message
 * that says so. "Before it changed anything" is SQLite's total_changes() of the connection: unchanged means no
 * statement of the call wrote, so running it again cannot write twice.
 */
import { AppError } from '../common/errors.js';

/** How long a write waits for another process before it gives up: an import of 100,000 articles takes ~45 s. */
export const MAX_WAIT_MS = 10 * 60_000;

/** Whether `e` is SQLite saying another connection holds the file (SQLITE_BUSY and its extended codes). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** What `inTurnWithOthers` needs from its surroundings (injected so tests need no second process or clock). */
export interface TurnDeps {
  /** The connection's total_changes(): rows written by it since it opened. */
  changes: () => number;
  /** Told true when a write starts waiting and false when it ran or gave up. */
  waiting: (waiting: boolean) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  maxWaitMs?: number;
}

/**
 * Runs `write`; when it fails with SQLITE_BUSY having written nothing, waits (50 ms doubling to 1 s; the busy
 * timeout inside each attempt waits too) and runs it again, until it succeeds, fails otherwise, or `maxWaitMs`
 * (default MAX_WAIT_MS) has passed. Returns what `write` returns.
 * @throws what `write` throws, except SQLITE_BUSY after the wait: AppError Conflict saying another window or the
 *   command line is writing the project and that this change was not saved.
 */
export async function inTurnWithOthers<T>(write: () => Promise<T>, deps: TurnDeps): Promise<T> {
  const started = deps.now();
  const maxWait = deps.maxWaitMs ?? MAX_WAIT_MS;
  let pause = 50;
  let told = false;
  try {
    for (;;) {
      const before = deps.changes();
      try {
        return await write();
      } catch (e) {
        if (!isBusy(e) || deps.changes() !== before) throw e;
        if (deps.now() - started >= maxWait) {
          throw new AppError(
            'Conflict',
            `Another window or the command line has been writing this project for ${Math.round((deps.now() - started) / 1000)} s (an import?); this change was not saved. Try it again when that has finished.`,
          );
        }
        if (!told) deps.waiting((told = true));
        await deps.sleep(pause);
        pause = Math.min(pause * 2, 1000);
      }
    }
  } finally {
    if (told) deps.waiting(false);
  }
}
