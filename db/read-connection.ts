import Database from 'better-sqlite3';
import { AppError } from '../common/errors.js';
import type { Db } from './open.js';

/**
 * The file a connection reads, for a second connection to open beside it (the reader thread); null for an
 * in-memory database, which no other connection can reach, and for a closed connection.
 */
export function fileOf(db: Db): string | null {
  return db.memory || !db.open ? null : db.name;
}

/**
 * A second, read-only connection to a project file that is already open (and migrated) elsewhere in this
 * process. It never writes the file; its temporary tables (search scratch space) live in its own temp schema.
 * In WAL mode it reads beside the writer without blocking it.
 * @throws AppError Internal when SQLite cannot open the file read-only.
 */
export function openReadConnection(file: string): Db {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (e) {
    throw new AppError('Internal', `Cannot open a reader on ${file}: ${(e as Error).message}`);
  }
}

/**
 * Runs `fn` in one read transaction, so that all it reads comes from one committed state of the file (WAL
 * snapshot), whatever other connections commit meanwhile. `fn` may be async, but nothing else may use this
 * connection until it settles (the reader runs one call at a time).
 */
export async function inReadSnapshot<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN');
  try {
    return await fn();
  } finally {
    // COMMIT even after a failure: the transaction wrote nothing but scratch tables, which may as well stay.
    if (db.inTransaction) db.exec('COMMIT');
  }
}
