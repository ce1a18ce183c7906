/**
 * The project files this process has opened with SQLite, by device, inode and birth time. POSIX advisory locks belong to a
 * process, not a descriptor: when any code of this process opens such a file with plain `fs` and closes it, every
 * SQLite lock this process holds on it is dropped, and another process may then checkpoint or delete the WAL
 * under our open connection (a corrupt project). So nothing outside SQLite may open these files, nor their
 * -wal/-shm/-journal: the importers refuse them, and the project checks skip their own header read.
 * Files stay listed for the life of the process (a closed project is no import source either).
 */
import { statSync, type Stats } from 'node:fs';

const opened = new Set<string>();
/**
 * Device, inode and birth time: an inode number is reused once its file is deleted (a test's or an analyst's
 * project removed, then a new file to import gets the same number), and that new file is not ours. Where the file
 * system gives no birth time (0), device and inode alone.
 */
const key = (st: Stats) => `${st.dev}:${st.ino}:${st.birthtimeMs}`;
const SIDE_FILES = /-(wal|shm|journal)$/;

/** Records that `path` is (now) opened by SQLite in this process. Silently ignores a path with no file yet. */
export function markOpenedBySqlite(path: string): void {
  try {
    opened.add(key(statSync(path)));
  } catch {
    /* ':memory:' or not created yet */
  }
}

/**
 * Whether `path` (already stat'ed as `st`, which follows links) is a project file this process opened with SQLite,
 * or one of its -wal/-shm/-journal side files. Stats only; never opens anything.
 */
export function isSqliteFileOfThisProcess(path: string, st: Stats): boolean {
  if (opened.has(key(st))) return true;
  if (!SIDE_FILES.test(path)) return false;
  try {
    return opened.has(key(statSync(path.replace(SIDE_FILES, ''))));
  } catch {
    return false;
  }
}
