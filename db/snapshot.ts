import Database from 'better-sqlite3';
import type { Db } from './open.js';
import { inAsyncTransaction } from './transaction.js';

/**
 * Runs `read` on one consistent snapshot of the project: a second, read-only connection to the file inside one
 * read transaction, so a long export sees one state while the analyst keeps working and never holds the
 * project's writer. An in-memory project (path ':memory:' or '') has no file to reopen: `read` then gets the
 * project's own connection, still inside one transaction. The second connection is closed afterwards.
 */
export async function readSnapshot<T>(db: Db, path: string, read: (snapshot: Db) => Promise<T>): Promise<T> {
  const own = path === ':memory:' || path === '';
  const snapshot: Db = own
    ? db
    : new Database(path, { readonly: true, fileMustExist: true, nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined });
  try {
    return await inAsyncTransaction(snapshot, 'deferred', () => read(snapshot));
  } finally {
    if (!own) snapshot.close();
  }
}
