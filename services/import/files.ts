/**
 * What an import may open: regular files only, reached only where the host allows.
 *
 * A synchronous open() of a named pipe waits for a writer that may never come, and the whole backend waits with
 * it (every other call, and the browser host's `GET /`); a device may never end; a socket cannot be read at all.
 * So every path is lstat'ed before anything opens it, and a read opens with O_NONBLOCK and checks the open
 * descriptor again with fstat: a file swapped for a pipe between the two is refused, not waited on.
 *
 * A symbolic link met inside a folder is judged by where it leads: the host's path check (services/path-policy.ts)
 * refuses a target outside the folders it may use, so a link cannot bring in a file the person never chose.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { AppError } from '../../common/errors.js';
import type { PathCheck } from '../path-policy.js';
import { isSqliteFileOfThisProcess } from '../../db/open-files.js';

/** What a special file is, in words: `a named pipe (FIFO)`, `a socket`, `a device`; null for a file or folder. */
export function specialKind(st: Stats): string | null {
  if (st.isFile() || st.isDirectory()) return null;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'neither a file nor a folder';
}

/** The reason a special file is left out: `not a regular file (a named pipe (FIFO))`. */
export const notRegularReason = (kind: string) => `not a regular file (${kind})`;

/** The reason a symbolic link whose target the host refuses is left out. */
export const linkOutsideReason = 'symbolic link to a place outside the folders this host may use; not followed';

/** A path refused before it was opened: not a regular file, or a link the host does not follow. */
export class RefusedFile extends AppError {
  constructor(
    readonly path: string,
    /** Why, in the words of an import report's `skipped` reason. */
    readonly reason: string,
  ) {
    super('InvalidInput', `${path}: ${reason}`);
  }
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e);
}

/**
 * A file system entry as an import sees it: a file or a folder to go into (links followed; `linked`: it was reached
 * through a symbolic link), or why it is left out.
 */
export type Entry = { kind: 'file' | 'dir'; st: Stats; linked: boolean } | { kind: 'skip'; reason: string };

/**
 * What `absPath` is, looking before opening anything: lstat first; a symbolic link is followed only when `check`
 * (the host's path check; none: any target) allows where it leads. Reasons are the import report's:
 * `not found`, `broken symbolic link`, `symbolic link loop`, `cannot read: EACCES`, linkOutsideReason,
 * `not a regular file (a named pipe (FIFO))`.
 */
export function entryAt(absPath: string, check?: PathCheck): Entry {
  /** Why a failed lstat (or, past a link, stat) leaves the entry out. */
  const failed = (e: unknown, missing: string): Entry => {
    const c = code(e);
    if (c === 'ENOENT' || c === 'ENOTDIR') return { kind: 'skip', reason: missing };
    return { kind: 'skip', reason: c === 'ELOOP' ? 'symbolic link loop' : `cannot read: ${c}` };
  };
  let st: Stats;
  try {
    st = lstatSync(absPath);
  } catch (e) {
    return failed(e, 'not found');
  }
  const linked = st.isSymbolicLink();
  if (linked) {
    if (check) {
      try {
        check(absPath, 'read');
      } catch {
        return { kind: 'skip', reason: linkOutsideReason };
      }
    }
    try {
      st = statSync(absPath);
    } catch (e) {
      return failed(e, 'broken symbolic link');
    }
  }
  const special = specialKind(st);
  if (special) return { kind: 'skip', reason: notRegularReason(special) };
  return { kind: st.isDirectory() ? 'dir' : 'file', st, linked };
}

/**
 * Throws unless `path` is a regular file (or a link the host allows to one): what to call before handing a path
 * to a reader that opens it synchronously.
 * @throws RefusedFile (InvalidInput, `path: reason`) for a folder, a special file, a refused link or a missing file.
 */
export function assertRegularFile(path: string, check?: PathCheck): void {
  const e = entryAt(path, check);
  if (e.kind === 'skip') throw new RefusedFile(path, e.reason);
  if (e.kind === 'dir') throw new RefusedFile(path, 'a folder, not a file');
}

// O_NONBLOCK: opening a pipe returns at once instead of waiting for a writer (Windows has no pipes on disk: 0).
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens `path` for reading only if it is a regular file: lstat/stat first, then open without blocking and fstat
 * the descriptor (so a pipe swapped in meanwhile is refused too). The caller closes the descriptor.
 * @throws RefusedFile for anything but a regular file; fs errors (ENOENT, EACCES) as they come.
 */
export function openRegular(path: string): number {
  return openSized(path).fd;
}

const openProjectReason = 'a Crosscheck project file open here (import its JSONL export, or restore it as a backup)';

/**
 * Descriptors opened on a project file of this process because it was swapped in after the walk looked: never
 * closed, since closing any descriptor of a file drops this process's SQLite locks on it (db/open-files.ts).
 */
const keptOpen: number[] = [];

/**
 * openRegular, with the size its fstat saw (what readUpTo sizes its buffer from, without a second fstat). `seen`:
 * the stat of `path` a folder walk already took (services/import/walk.ts), which stands in for a fresh one when it
 * is of a regular file (one syscall less per file of a 100,000-file import); the fstat after the open checks that
 * the file opened is still that one, and judges a file swapped in meanwhile as a fresh stat would have.
 */
function openSized(path: string, seen?: Stats): { fd: number; size: number } {
  const st = seen?.isFile() ? seen : statSync(path);
  const special = st.isDirectory() ? 'a folder' : specialKind(st);
  if (special) throw new RefusedFile(path, notRegularReason(special));
  // Reading an open project with fs would drop this process's SQLite locks on it (db/open-files.ts).
  if (isSqliteFileOfThisProcess(path, st)) throw new RefusedFile(path, openProjectReason);
  const fd = openSync(path, constants.O_RDONLY | NONBLOCK);
  let again: Stats;
  try {
    again = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  if (st === seen && (again.dev !== st.dev || again.ino !== st.ino) && isSqliteFileOfThisProcess(path, again)) {
    keptOpen.push(fd);
    throw new RefusedFile(path, openProjectReason);
  }
  if (!again.isFile()) {
    closeSync(fd);
    throw new RefusedFile(path, notRegularReason(specialKind(again) ?? 'a folder'));
  }
  return { fd, size: again.size };
}

/**
 * Reads from `fd` until `limit` bytes or the end of the file. The first buffer is sized from `size` (the open
 * descriptor's fstat, plus one byte to see the end), not a fixed megabyte: an import reads thousands of small
 * files, and zeroing 1 MB for each of them cost more than the import itself.
 */
function readUpTo(fd: number, size: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let want = Math.min(size + 1, limit);
  while (total < limit && want > 0) {
    const buf = Buffer.allocUnsafe(want);
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    // A short read of a regular file is its end; a full one means it grew meanwhile: go on in megabyte steps.
    if (n < buf.length) break;
    want = Math.min(1 << 20, limit - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/**
 * The bytes of a regular file (see openRegular), at most `limit` of them (default: all); `seen`, the stat a folder
 * walk took of it (see openSized).
 * @throws RefusedFile for anything but a regular file; fs errors as they come.
 */
export function readRegularFile(path: string, limit = Number.MAX_SAFE_INTEGER, seen?: Stats): Buffer {
  const { fd, size } = openSized(path, seen);
  try {
    return readUpTo(fd, size, limit);
  } finally {
    closeSync(fd);
  }
}
