import type { Db } from './open.js';

/**
 * Runs `fn` as one SQLite transaction and returns its result: committed when it returns, rolled back when it
 * throws (the error is rethrown). Inside another transaction it becomes a savepoint, so repository writes that
 * open their own transactions compose into one. `fn` must be synchronous: an `await` inside would commit early.
 */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

/**
 * One transaction around work that yields to the event loop between steps (progress events, cancel checks):
 * better-sqlite3's `transaction()` refuses promises, so this is BEGIN … COMMIT by hand. 'immediate' takes the
 * write lock at once (an import), 'deferred' only reads (an export's snapshot). Rolled back when `fn` rejects.
 * Callers must keep other writes on this connection out while it runs (the backend's call queue does).
 */
export async function inAsyncTransaction<T>(db: Db, mode: 'immediate' | 'deferred', fn: () => Promise<T>): Promise<T> {
  db.exec(mode === 'immediate' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    const result = await fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** SQLite's total_changes() of `db`: rows inserted, updated or deleted through this connection since it opened. */
export function totalChanges(db: Db): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}
