import Database from 'better-sqlite3';
import { copyFileSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../common/errors.js';
import { appliedVersion, latestVersion, migrate } from './migrate.js';
import { backupPath } from './backup.js';
import { cannotReadInPlace, crosscheckVersion, existingSqliteFile } from './file-check.js';
import { markOpenedBySqlite } from './open-files.js';

export type Db = Database.Database;

export interface OpenOptions {
  readOnly?: boolean;
  /** Refuse to create a file that does not exist (opening a project, as opposed to "New project"). */
  mustExist?: boolean;
  /** Told before an older project is copied and upgraded (which can take a minute on a big one), to say so. */
  upgrading?: (u: Upgrade) => void;
}

/** An upgrade about to run: the project, its schema now and after, and where the copy of it as it was goes. */
export interface Upgrade {
  path: string;
  from: number;
  to: number;
  backup: string;
}

/**
 * Where a read-only connection reads from: the project file itself, or a private copy in the system's temp
 * folder, taken when the project was opened, because the file could not be read where it is (a WAL database
 * needs its `-shm` file beside it, which a read-only folder cannot hold) or because its schema is older than
 * this build's (the copy is upgraded; the file is not).
 */
export type ReadOnlySource = 'file' | 'private copy' | 'upgraded private copy';

const readOnlySources = new WeakMap<Db, { source: ReadOnlySource; copyDir?: string }>();
/** Private copies still open, removed when the process exits should their project not have been closed. */
const openCopies = new Set<string>();
let removesCopiesOnExit = false;

function connect(path: string, readonly: boolean): Db {
  try {
    const db = new Database(path, { readonly, nativeBinding: process.env.CROSSCHECK_SQLITE_BINDING || undefined });
    markOpenedBySqlite(path);
    return db;
  } catch (e) {
    throw new AppError('InvalidInput', `Cannot open project ${path}: ${(e as Error).message}`);
  }
}

/** The AppError a failed open throws: ours as they are; SQLite's "not a database" as InvalidInput naming the file. */
function refusal(e: unknown, path: string): Error {
  if (e instanceof AppError) return e;
  const msg = (e as Error).message;
  if (/not a database|malformed/i.test(msg)) return new AppError('InvalidInput', `${path} is not a Crosscheck project (${msg}).`);
  return new AppError('Internal', `Cannot open project ${path}: ${msg}`);
}

/**
 * Opens (or creates) a project file: WAL so readers never block the writer, foreign keys on, a busy timeout so
 * a second host on the same file waits instead of failing, then runs pending migrations. An existing file must
 * be a Crosscheck project (a 0-byte file, a FIFO or someone else's database is refused, never turned into a
 * project); a path where nothing is yet becomes a new project unless `mustExist` or `readOnly`.
 * @throws AppError NotFound (missing and mustExist/readOnly), InvalidInput (not a Crosscheck project, naming
 *   it), Unsupported (written by a newer Crosscheck), Conflict (another schema history), Internal.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const exists = path !== ':memory:' && existingSqliteFile(path);
  if ((opts.mustExist || opts.readOnly) && path !== ':memory:' && !exists) {
    throw new AppError('NotFound', `No project file at ${path}.`);
  }
  if (opts.readOnly && path !== ':memory:') return openReadOnly(path);
  const db = connect(path, !!opts.readOnly);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // Before anything is written (even WAL's header bytes): is this a project this build may change?
    if (exists) crosscheckVersion(db, path);
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
        opts.upgrading?.({ path, from, to: latestVersion, backup: dest });
        db.prepare('VACUUM INTO ?').run(dest);
      }
      migrate(db, undefined, exists ? path : undefined);
      immediateTransactions(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw refusal(e, path);
  }
}

/**
 * Makes every `db.transaction(fn)` of this connection BEGIN IMMEDIATE: the write lock is taken before the first
 * read, so when another process (a second window, the CLI) writes the same file, the transaction waits its turn
 * under the busy timeout. A DEFERRED one would read first and then fail at once on its first write with
 * "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy handler waits out: https://sqlite.org/lang_transaction.html,
 * "BEGIN IMMEDIATE"), losing the edit. `.deferred()` stays available to a caller that only reads; inside another
 * transaction a transaction function is a savepoint whatever its mode (better-sqlite3 docs, "transaction").
 */
function immediateTransactions(db: Db): void {
  const plain = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => plain(fn).immediate) as Db['transaction'];
}

/**
 * Opens an existing project without writing a byte beside it. Read in place when SQLite can; otherwise (a WAL
 * file in a read-only folder: "attempt to write a readonly database") or when the schema is older than this
 * build's (it cannot be upgraded here, and today's queries would fail on it), read from a private copy.
 * A schema newer than this build's is refused: its data would be shown wrong.
 */
function openReadOnly(path: string): Db {
  const db = connect(path, true);
  let version: number;
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    version = crosscheckVersion(db, path);
  } catch (e) {
    db.close();
    if (cannotReadInPlace(e)) return openPrivateCopy(path, 'private copy');
    throw refusal(e, path);
  }
  if (version === latestVersion) {
    readOnlySources.set(db, { source: 'file' });
    return db;
  }
  db.close();
  return openPrivateCopy(path, 'upgraded private copy');
}

/** A regular file at `path` (not a link, FIFO or anything else). */
function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Copies the project (with its -wal, which holds committed transactions not yet written back) into a fresh
 * temp folder, upgrades the copy's schema, and opens it query-only. closeDatabase removes the copy.
 */
function openPrivateCopy(path: string, source: ReadOnlySource): Db {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-read-only-'));
  const copy = join(dir, basename(path));
  try {
    copyFileSync(path, copy);
    if (isRegularFile(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = connect(copy, false);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      crosscheckVersion(db, path);
      migrate(db, undefined, path);
      // The copy is never written after this: it shows the project as it was when opened.
      db.pragma('query_only = ON');
    } catch (e) {
      db.close();
      throw e;
    }
    readOnlySources.set(db, { source, copyDir: dir });
    openCopies.add(dir);
    if (!removesCopiesOnExit) {
      removesCopiesOnExit = true;
      process.once('exit', () => openCopies.forEach((d) => rmSync(d, { recursive: true, force: true })));
    }
    return db;
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw refusal(e, path);
  }
}

/** Where a connection opened with `readOnly` reads from (see ReadOnlySource); undefined for other connections. */
export function readOnlySource(db: Db): ReadOnlySource | undefined {
  return readOnlySources.get(db)?.source;
}

/**
 * Closes a project connection. A writable one first leaves one self-contained file behind (no -wal/-shm): it
 * can be copied, mailed, or opened from read-only media, where SQLite could not create WAL's shared-memory
 * file. Another connection still open keeps WAL (the switch needs exclusive access), which is fine: it does
 * this itself when it closes. A read-only connection to a private copy removes the copy.
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
  const copyDir = readOnlySources.get(db)?.copyDir;
  if (copyDir) {
    rmSync(copyDir, { recursive: true, force: true });
    openCopies.delete(copyDir);
  }
}

/**
 * SQLite's `data_version`: a number that changes whenever another connection (another window, host or the CLI)
 * commits to the file. Commits of this connection do not change it.
 */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/**
 * Gives back the memory SQLite holds for `db` that it can read again (its page cache: up to `cache_size`, 2 MB by
 * default, per schema, the temp schema's included), as `PRAGMA shrink_memory`. Called when a thread has gone quiet
 * (services/idle-release.ts); the next read fetches its pages from the file (the system's cache) again.
 */
export function releaseMemory(db: Db): void {
  if (db.open) db.pragma('shrink_memory');
}
