/**
 * What an export may do with what is already at its destination: nothing, unless it is an earlier Crosscheck export
 * and the person asked to replace it (`replace`, the CLI's `--force`). An export never writes over a file or a
 * folder Crosscheck did not write: with a token, `export.toFile ~/.bashrc` once replaced a shell's start-up file.
 *
 * How an earlier export is recognised, by content, never by name:
 * - a file: a regular file whose first line parses as a line of our JSONL (services/formats/jsonl.ts
 *   jsonlLineSchema; the one-file export only writes that format);
 * - a folder: every entry in it is a regular file or folder, and every file is one the new export writes too
 *   (same path inside the folder), so replacing it loses nothing the export does not write again.
 */
import { closeSync, linkSync, lstatSync, readdirSync, readSync, renameSync, rmdirSync, rmSync, unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { AppError } from '../../common/errors.js';
import { jsonlLineSchema } from '../formats/jsonl.js';
import { openRegular } from '../import/files.js';

/** Longest first line read to recognise an export (one document with its spans; our limit is 50 MB of text). */
const FIRST_LINE_LIMIT = 256 * 1024 * 1024;

/** What lstat says is at `path`, or null when nothing is (nor a dangling link). */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('InvalidInput', `Cannot use ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Refuses a destination name the file system would not take as typed: on Windows the characters `<>:"|?*` in a
 * name (a drive's colon aside). NUL and control characters are refused by the contract already (common/contract.ts).
 * @param arg the argument's name, for the message (`dest`, `path`).
 * @throws AppError('InvalidInput') naming the argument and the character.
 */
export function checkDestName(arg: string, path: string, platform = process.platform): void {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(path);
  if (control) throw new AppError('InvalidInput', `${arg}: a path to write cannot hold a NUL byte or other control characters (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}).`);
  if (platform === 'win32') {
    const bad = /[<>"|?*]|(?<!^[A-Za-z]):/.exec(path);
    if (bad) throw new AppError('InvalidInput', `${arg}: Windows does not allow "${bad[0]}" in a file name.`);
  }
}

/** The first line of a regular file (up to FIRST_LINE_LIMIT bytes), opened without following into a pipe. */
function firstLine(path: string): string {
  const fd = openRegular(path);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 20);
    while (total < FIRST_LINE_LIMIT) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const nl = buf.subarray(0, n).indexOf(0x0a);
      chunks.push(Buffer.from(buf.subarray(0, nl < 0 ? n : nl)));
      total += n;
      if (nl >= 0) break;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is a regular file whose first line is a line of Crosscheck's JSONL export. */
export function isCrosscheckJsonl(path: string): boolean {
  try {
    return jsonlLineSchema.safeParse(JSON.parse(firstLine(path))).success;
  } catch {
    return false;
  }
}

const alreadyExists = (path: string, what: string) => new AppError('InvalidInput', `${path} already exists${what}; Crosscheck never writes over it.`);

/**
 * Checks the destination of a one-file export before anything is written: nothing there, or (with `replace`) an
 * earlier Crosscheck JSONL export.
 * @throws AppError('InvalidInput') "… already exists" for anything else, saying what to do.
 */
export function checkFileDest(path: string, replace: boolean): void {
  const st = lstatOrNull(path);
  if (!st) return;
  if (!replace) throw alreadyExists(path, ' (choose a new name; from the command line, --force replaces an earlier Crosscheck export)');
  if (!st.isFile() || !isCrosscheckJsonl(path)) throw alreadyExists(path, ' and is not a Crosscheck JSONL export');
}

/**
 * Moves the finished file `tmp` to `path`. Without `replace` it never replaces what appeared there meanwhile (a
 * hard link fails when the name is taken; where links are not supported, the name is checked just before).
 * @throws AppError('InvalidInput') "… already exists" when something took the name since checkFileDest.
 */
export function moveFileInto(tmp: string, path: string, replace: boolean): void {
  if (replace) {
    checkFileDest(path, true); // still an earlier export of ours, just before it goes
    renameSync(tmp, path);
    return;
  }
  try {
    linkSync(tmp, path);
    unlinkSync(tmp);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyExists(path, '');
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  if (lstatOrNull(path)) throw alreadyExists(path, '');
  renameSync(tmp, path);
}

/** Relative paths (with the platform's separator) of every entry under `dir`; throws on anything but files and folders. */
function entriesUnder(dir: string, rel = ''): { files: string[] } {
  const files: string[] = [];
  for (const name of readdirSync(join(dir, rel))) {
    const r = rel ? join(rel, name) : name;
    const st = lstatSync(join(dir, r));
    if (st.isDirectory()) files.push(...entriesUnder(dir, r).files);
    else if (st.isFile()) files.push(r);
    else throw alreadyExists(join(dir, r), ' and is not a file or folder an export writes');
  }
  return { files };
}

/**
 * Checks the destination of a folder export before anything is written: nothing there, an empty folder, or (with
 * `replace`) a folder; what it holds is judged at the end by moveFolderInto, once the export's files are known.
 * @throws AppError('InvalidInput') "… already exists" for a file, a link, or a non-empty folder without `replace`.
 */
export function checkFolderDest(dest: string, replace: boolean): void {
  const st = lstatOrNull(dest);
  if (!st) return;
  if (!st.isDirectory()) throw alreadyExists(dest, ' and is not a folder (choose a new folder for the export)');
  if (readdirSync(dest).length === 0) return;
  if (!replace) throw alreadyExists(dest, ' and is not empty (choose a new folder; from the command line, --force replaces an earlier Crosscheck export)');
}

/**
 * Moves the finished export folder `tmp` to `dest`. An empty folder at `dest` is taken over. With `replace`, a
 * folder there is replaced only when every file in it is one `tmp` holds too; it is set aside, the new folder moved
 * in, then the old one removed (put back if the move fails).
 * @throws AppError('InvalidInput') "… already exists" naming a file the new export does not write, or when the
 * folder filled up since checkFolderDest.
 */
export function moveFolderInto(tmp: string, dest: string, replace: boolean): void {
  const st = lstatOrNull(dest);
  if (!st) return renameSync(tmp, dest);
  if (!st.isDirectory()) throw alreadyExists(dest, ' and is not a folder');
  if (readdirSync(dest).length === 0) {
    rmdirSync(dest); // fails, rather than deletes, if a file arrived meanwhile
    return renameSync(tmp, dest);
  }
  if (!replace) throw alreadyExists(dest, ' and is not empty');
  const ours = new Set(entriesUnder(tmp).files);
  const foreign = entriesUnder(dest).files.filter((f) => !ours.has(f));
  if (foreign.length) {
    const shown = foreign.slice(0, 3).map((f) => f.split(sep).join('/')).join(', ');
    throw alreadyExists(dest, ` and holds files this export does not write (${shown}${foreign.length > 3 ? ', …' : ''}); it is left as it is`);
  }
  const aside = join(dirname(dest), `.${basename(dest)}.replaced-${process.pid}`);
  renameSync(dest, aside);
  try {
    renameSync(tmp, dest);
  } catch (e) {
    renameSync(aside, dest);
    throw e;
  }
  rmSync(aside, { recursive: true, force: true });
}

