/**
 * Expands the files and folders an analyst picked into the list of files to import. Nothing inside a
 * folder is dropped silently: every file that will not be imported comes back in `skipped` with a reason,
 * because "I imported 400 files and got 396 documents" must be explainable from the report alone.
 */
import { accessSync, constants, readdirSync, realpathSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { PathCheck } from '../path-policy.js';
import { formats } from '../../common/formats.js';
import { nameLengthRefusal } from '../../common/file-names.js';
import { entryAt } from './files.js';

/** Bytes; bigger files are refused before they are read. Decimal MB, as in the reasons shown. */
export const MAX_FILE_BYTES = 50_000_000;

export interface WalkedFile {
  /** As given, or joined onto a given folder; never resolved, so the report shows what the user picked. */
  path: string;
  absPath: string;
  size: number;
  /**
   * The path stored with the document: relative to the folder the named file or folder is in, with `/`
   * (`corpus/000.txt` for the folder `/home/me/news/corpus`), so exports never carry the analyst's folders.
   * Relative paths under `base` (uploads) are stored as given.
   */
  stored: string;
  /** What the walk's lstat (or, past a link, stat) saw: the read need not stat the file again (files.ts). */
  st?: Stats;
}

export interface WalkResult {
  files: WalkedFile[];
  skipped: { path: string; reason: string }[];
}

const SYSTEM_NAMES = new Set([
  'thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx', '$recycle.bin', 'system volume information', 'icon\r',
]);

/**
 * True for names the OS or a sync tool creates next to real files (`.DS_Store`, `._x`, `Thumbs.db`,
 * `__MACOSX`, Office `~$` lock files). `.` and `..` are path steps, not hidden files.
 *
 * @example
 * isHiddenOrSystem('.DS_Store') // true
 * isHiddenOrSystem('article.txt') // false
 */
export function isHiddenOrSystem(name: string): boolean {
  if (name === '.' || name === '..') return false;
  return name.startsWith('.') || name.startsWith('~$') || SYSTEM_NAMES.has(name.toLowerCase());
}

/**
 * True for `.txt` and `.md` files (any case). Says nothing about hidden files: check isHiddenOrSystem too.
 *
 * @example
 * isImportableName('Notes.MD') // true
 * isImportableName('scan.pdf') // false
 */
export function isImportableName(name: string): boolean {
  // `s`: a name may hold a line break (POSIX allows any byte but / and NUL), and "." alone would not match it.
  return /^.+\.(txt|md)$/is.test(name);
}

/**
 * Why a file or folder name is left out of an import, or null: the one rule for folder walks (the CLI, the desktop
 * dialog) and browser uploads (services/import/uploads.ts), so a name imports the same way whichever way it came.
 * Hidden and system names are skipped; a NUL byte cannot be in a name on any system. Other control characters
 * (a line break, a tab) are legal in a POSIX name and import; reports show them escaped (common/file-names.ts) and
 * the title and source a document falls back on have them as spaces. A name over 255 bytes (no common file system
 * holds one; an upload may bring one) is refused. The type (.txt, .md) is checked apart: isImportableName.
 *
 * @example importNameRefusal('.DS_Store') // 'hidden or system file'
 * @example importNameRefusal('new\nline.txt') // null
 */
export function importNameRefusal(name: string): string | null {
  if (isHiddenOrSystem(name)) return 'hidden or system file';
  if (name.includes('\0')) return 'the name holds a NUL byte';
  return nameLengthRefusal(name);
}

/** Why a file whose name is not UTF-8 is left out (Node reads such names with U+FFFD; the file cannot be named back). */
export const NOT_UTF8 = 'the file name is not valid UTF-8: rename it to import it';

/**
 * What separates folders in a path on this system: `/`, and `\` too on Windows. Elsewhere a `\` is part of a name
 * (Linux allows "a\b.txt"), and the name, its stored path and the title it falls back on keep it.
 */
const SEPARATOR = process.platform === 'win32' ? /[\\/]/ : /\//;

const collator = new Intl.Collator('en', { numeric: true });
// Numeric so that 2.txt comes before 10.txt; code-unit order breaks ties so the order never depends on luck.
const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Natural file-name order for whole paths, folder by folder (`a/a2.txt` < `a/a10.txt` < `b/a1.txt`), as a walk
 * lists each folder: the order uploaded files and folders are imported in (a browser hands picked files over in no
 * particular order), so the list's "imported" order and the import report follow the file names. Paths a person
 * names (the CLI, the desktop dialog) keep the order they were named in, each folder walked in this order.
 */
export function comparePaths(a: string, b: string): number {
  const x = a.split(SEPARATOR).filter(Boolean);
  const y = b.split(SEPARATOR).filter(Boolean);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = byName(x[i], y[i]);
    if (c) return c;
  }
  return x.length - y.length;
}

/** How a walk treats what it meets: the host's path check for links, and where relative paths start. */
export interface WalkOptions {
  /**
   * The host's check of paths (services/path-policy.ts): a symbolic link inside a folder is followed only when
   * its target passes, else skipped with a reason. None: every link is followed (the CLI: the person typed the path).
   */
  check?: PathCheck;
  /** Folder that relative `paths` start from (default: the working directory); `path` in the result stays as given. */
  base?: string;
}

/**
 * Lists the importable files under `paths` (folders recursively, in name order, following symbolic links the
 * host allows but never a loop) and the reason for every file or folder left out. Nothing is opened but folders:
 * every entry is lstat'ed first, and named pipes, sockets and devices are skipped with a reason.
 *
 * Paths given explicitly are taken even when hidden; inside folders hidden and system entries are skipped
 * (a hidden folder once, as a whole).
 *
 * @example
 * walkPaths(['corpus', 'notes/scan.pdf'])
 * // { files: [{ path: 'corpus/000.txt', absPath: '/home/me/corpus/000.txt', size: 2400 }, …],
 * //   skipped: [{ path: 'corpus/.DS_Store', reason: 'hidden or system file' },
 * //             { path: 'notes/scan.pdf', reason: 'unsupported file type (.pdf)' }] }
 */
export function walkPaths(paths: string[], opts: WalkOptions = {}): WalkResult {
  const out: WalkResult = { files: [], skipped: [] };
  // Real path -> the path it was first reached by, for folders and files alike.
  const seen = new Map<string, string>();
  const base = opts.base ?? process.cwd();
  for (const p of paths) {
    const abs = resolve(base, p);
    const stored = opts.base ? p.split(SEPARATOR).filter((s) => s && s !== '.').join('/') : basename(abs);
    visit(p, abs, true, [], seen, out, opts.check, stored);
  }
  return out;
}

/**
 * Why a file of `size` bytes is refused, or null when it is not too large. Rounded up, so that a file just over
 * the limit does not read "50.0 MB; the limit is 50 MB".
 */
export function tooLargeReason(size: number): string | null {
  if (size <= MAX_FILE_BYTES) return null;
  return `file too large (${(Math.ceil(size / 1e5) / 10).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB)`;
}

function visit(
  path: string,
  absPath: string,
  given: boolean,
  ancestors: string[],
  seen: Map<string, string>,
  out: WalkResult,
  check: PathCheck | undefined,
  stored: string,
) {
  const skip = (reason: string) => out.skipped.push({ path, reason });
  const entry = entryAt(absPath, check);
  if (entry.kind === 'skip') return skip(entry.reason);
  let real: string;
  try {
    // Inside a folder, an entry that is no link is where its folder really is: no realpath per file.
    real = !given && !entry.linked && ancestors.length ? join(ancestors[ancestors.length - 1], basename(absPath)) : realpathSync.native(absPath);
  } catch (e) {
    return skip(`cannot read: ${errorCode(e)}`);
  }

  if (entry.kind === 'dir') {
    if (ancestors.includes(real)) return skip('symbolic link loop');
    const first = seen.get(real);
    if (first !== undefined) return skip(`already included (same folder as ${first})`);
    seen.set(real, path);
    let raw: Buffer[];
    try {
      // As bytes: a name that is not UTF-8 (legal on Linux) would come back with U+FFFD in it, a path that does
      // not exist, and be reported "not found".
      raw = readdirSync(absPath, { encoding: 'buffer' });
    } catch (e) {
      return skip(`cannot read: ${errorCode(e)}`);
    }
    if (given && raw.length === 0) return skip('empty folder');
    const inner = [...ancestors, real];
    const names = raw.map((bytes) => ({ name: bytes.toString('utf8'), bytes }));
    for (const { name, bytes } of names.sort((a, b) => byName(a.name, b.name))) {
      const child = join(path, name);
      const refused = Buffer.from(name, 'utf8').equals(bytes) ? importNameRefusal(name) : NOT_UTF8;
      if (refused) out.skipped.push({ path: child, reason: refused });
      else visit(child, join(absPath, name), false, inner, seen, out, check, `${stored}/${name}`);
    }
    return;
  }

  if (!isImportableName(basename(path))) {
    // An annotated file met inside a folder of articles is not guessed at (a stray package.json is not a Label
    // Studio export): the person names it, and the reason says so rather than calling the type unsupported.
    const annotated = annotatedExtensions().has(extension(path).toLowerCase());
    return skip(annotated ? `an annotated file (${extension(path)}) inside a folder is not imported with the folder's texts: import it by naming it` : `unsupported file type (${extension(path)})`);
  }
  const large = tooLargeReason(entry.st.size);
  if (large) return skip(large);
  const first = seen.get(real);
  if (first !== undefined) return skip(`already included (same file as ${first})`);
  try {
    accessSync(absPath, constants.R_OK);
  } catch (e) {
    return skip(`cannot read: ${errorCode(e)}`);
  }
  seen.set(real, path);
  out.files.push({ path, absPath, size: entry.st.size, stored, st: entry.st });
}

/** Extensions of the annotated formats (common/formats.ts), other than plain text's. */
function annotatedExtensions(): Set<string> {
  const text = new Set<string>(formats.text.import.extensions);
  return new Set(Object.values(formats).flatMap((f) => ('import' in f ? f.import.extensions : [])).filter((e) => !text.has(e)));
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e);
}

/** Same wording as the drag-and-drop path in importer.ts: ".pdf", or "no extension". */
function extension(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : 'no extension';
}
