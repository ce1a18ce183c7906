/**
 * What a file must be before Crosscheck opens it as a project or restores it as a backup (a backup is a project
 * file too): a regular file
 * (FIFOs, sockets, devices and folders are refused from `lstat`/`stat` alone, never opened, so nothing can
 * block), starting with SQLite's header, holding Crosscheck's tables and a schema history this build knows.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '../common/errors.js';
import { checkHistory } from './migrate.js';
import { isSqliteFileOfThisProcess } from './open-files.js';

/** The first 16 bytes of every SQLite 3 database file (https://www.sqlite.org/fileformat.html#the_database_header). */
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/** Tables every Crosscheck project has had since its first schema (db/migrations/0001_init.ts). */
const crosscheckTables = ['schema_migrations', 'documents', 'labels', 'annotations'];

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Whether `path` exists as a file that can be opened as a SQLite database: false when nothing is there, true
 * for a regular file (or a link to one) that starts with SQLite's header.
 * @throws AppError InvalidInput naming the file: not a regular file (never opened), empty, or not SQLite.
 */
export function existingSqliteFile(path: string): boolean {
  let st: Stats;
  try {
    st = lstatSync(path);
    // A link to a project is fine as long as what it points at is a regular file; stat does not open it.
    if (st.isSymbolicLink()) st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new AppError('InvalidInput', `Cannot read ${path}: ${(e as Error).message}`);
  }
  if (!st.isFile()) throw new AppError('InvalidInput', `${path} is ${kindOf(st)}, not a Crosscheck project; only regular files are opened.`);
  // Opened by SQLite in this process already (the live project, a second backend on it): a SQLite file, and one
  // that plain fs must not open and close, or this process's SQLite locks on it would be dropped (open-files.ts).
  if (st.size === 0) throw new AppError('InvalidInput', `${path} is empty (0 bytes), not a Crosscheck project.`);
  if (isSqliteFileOfThisProcess(path, st)) return true;
  const head = Buffer.alloc(sqliteHeader.length);
  let read = 0;
  // O_NONBLOCK: should the file have been swapped for a FIFO since the stat above, open() still returns at once
  // and the fstat below refuses it.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) throw new AppError('InvalidInput', `${path} is ${kindOf(now)}, not a Crosscheck project; only regular files are opened.`);
    if (now.size === 0) throw new AppError('InvalidInput', `${path} is empty (0 bytes), not a Crosscheck project.`);
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read < head.length || !head.equals(sqliteHeader)) {
    throw new AppError('InvalidInput', `${path} is not a Crosscheck project (it is not a SQLite database).`);
  }
  return true;
}

/**
 * Refuses a SQLite database that is not a Crosscheck project (someone else's database, or a file whose
 * creation never finished).
 * @throws AppError InvalidInput naming the file and the tables it lacks.
 */
function requireCrosscheckTables(db: Database.Database, path: string): void {
  const have = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const missing = crosscheckTables.filter((t) => !have.has(t));
  if (missing.length) {
    throw new AppError('InvalidInput', `${path} is a SQLite database but not a Crosscheck project (no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}).`);
  }
}

/**
 * Checks a SQLite file is a Crosscheck project this build can read, writing nothing.
 * @returns its schema version (≥ 1).
 * @throws AppError InvalidInput (not a Crosscheck project), Unsupported (newer schema), Conflict (other history),
 *   each naming `path`.
 */
export function crosscheckVersion(db: Database.Database, path: string): number {
  requireCrosscheckTables(db, path);
  const version = checkHistory(db, path);
  if (version === 0) throw new AppError('InvalidInput', `${path} is not a Crosscheck project (its schema history is empty).`);
  return version;
}

/** SQLite's answer when a file cannot be read where it lies (WAL without a writable folder for its -shm). */
export const cannotReadInPlace = (e: unknown): boolean => /^SQLITE_(READONLY|CANTOPEN)/.test(String((e as { code?: unknown }).code ?? ''));
