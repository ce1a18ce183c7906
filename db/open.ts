import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../common/errors.js';
import { appliedVersion, latestVersion, migrate } from './migrate.js';
import { backupPath } from './backup.js';

export type Db = Database.Database;

export interface OpenOptions {
  readOnly?: boolean;
  /** Refuse to create a file that does not exist (opening a project, as opposed to "New project"). */
  mustExist?: boolean;
}

/**
 * Opens (or creates) a project file: WAL so readers never block the writer, foreign keys on, a busy timeout so
 * a second host on the same file waits instead of failing, then runs pending migrations.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if ((opts.mustExist || opts.readOnly) && path !== ':memory:' && !existsSync(path)) {
    throw new AppError('NotFound', `No project file at ${path}.`);
  }
  let db: Db;
  try {
    db = new Database(path, {
      readonly: !!opts.readOnly,
      nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined,
    });
  } catch (e) {
    throw new AppError('InvalidInput', `Cannot open project ${path}: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!opts.readOnly) {
      db.pragma('journal_mode = WAL');
      // FULL makes every committed transaction durable through a power loss, not only a process crash.
      db.pragma('synchronous = FULL');
      const from = appliedVersion(db);
      if (from > 0 && from < latestVersion && path !== ':memory:') {
        // An upgrade rewrites the schema: keep the project as it was first. Opening is synchronous, so the
        // copy is SQLite's VACUUM INTO (one consistent snapshot, written by SQLite itself); the "Back up
        // project" command uses the online backup API.
        const dest = backupPath(path, ` before upgrade to v${latestVersion}`);
        db.prepare('VACUUM INTO ?').run(dest);
      }
      migrate(db);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    if (/not a database|malformed/i.test(msg)) {
      throw new AppError('InvalidInput', `${path} is not a Crosscheck project (${msg}).`);
    }
    throw new AppError('Internal', `Cannot open project ${path}: ${msg}`);
  }
}

/**
 * Closes a project connection. A writable one first leaves one self-contained file behind (no -wal/-shm): it
 * can be copied, mailed, or opened from read-only media, where SQLite could not create WAL's shared-memory
 * file. Another connection still open keeps WAL (the switch needs exclusive access), which is fine: it does
 * this itself when it closes.
 */
export function closeDatabase(db: Db, readOnly: boolean): void {
  if (!readOnly) {
    try {
      db.pragma('journal_mode = DELETE');
    } catch {
      /* busy: another connection has the file open */
    }
  }
  db.close();
}

/**
 * SQLite's `data_version`: a number that changes whenever another connection (another window, host or the CLI)
 * commits to the file. Commits of this connection do not change it.
 */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}
