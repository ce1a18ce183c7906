/**
 * Files whose bytes came with a call (`import.files`: the browser's picker and drops), written into a private
 * temporary folder so that they go through the same format detection and importers as files named by path
 * (services/import/run.ts): a brat folder, a JSONL export or a Label Studio file imports the same whichever way it
 * arrives, and the browser never names a path on the server.
 *
 * One import may arrive in several calls (a brat folder's .txt and .ann may fall in different ones): each part is
 * kept under the upload's id until the last, which imports them all as one. The folder is removed when the import
 * ends, fails, or is pushed out by newer uploads; what is left at exit is removed then.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../common/errors.js';
import type { ImportReport } from '../../common/model.js';
import { comparePaths, importNameRefusal, tooLargeReason } from './walk.js';

/** One file of a call: the path the person sees (`corpus/000.txt`) and its bytes in base64. */
export interface UploadedFile {
  path: string;
  data: string;
}

/** Which part of a several-call upload a call carries; parts count from 0. */
export interface UploadPart {
  id: string;
  part: number;
  last: boolean;
}

/** Bounds of one upload, whatever its number of calls: files and bytes kept on disk until it is imported. */
export const MAX_UPLOAD_FILES = 200_000;
export const MAX_UPLOAD_BYTES = 4_000_000_000;
/** Uploads kept at once (tabs importing side by side); a newer one pushes the oldest out. */
const MAX_OPEN_UPLOADS = 4;

interface Staged {
  dir: string;
  /** Parts received so far. */
  parts: number;
  files: number;
  bytes: number;
  /** The top-level names (a picked file, a dropped folder), in the order they first came. */
  top: string[];
}

// Folders still on disk, removed at exit whatever happened to the import that made them.
const live = new Set<string>();
let exitHook = false;
function track(dir: string) {
  live.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => live.forEach((d) => rmSync(d, { recursive: true, force: true })));
  }
}
function discard(s: Staged) {
  rmSync(s.dir, { recursive: true, force: true });
  live.delete(s.dir);
}

/**
 * Why an uploaded path cannot be kept as it is named, or its parts. Only `/` separates folders, as in the paths
 * browsers give (webkitRelativePath, renderer/features/import/upload.ts): a `\` is part of a name ("a\b.txt" from a
 * Linux disk), as the folder walk reads it. `.` and empty parts are dropped; `..` is refused, and each part goes
 * through the folder walk's own name rule (importNameRefusal: hidden or system names, NUL, over 255 bytes), with the
 * same words, so a file name with a line break imports from the browser as it does from the CLI.
 */
function partsOf(path: string): { parts: string[] } | { reason: string } {
  const parts = path.split('/').filter((x) => x !== '' && x !== '.');
  if (parts.length === 0) return { reason: 'no file name' };
  const refused = parts.map(importNameRefusal).find((r) => r !== null);
  if (refused) return { reason: refused };
  if (parts.includes('..')) return { reason: 'the path climbs out of what was uploaded (..)' };
  // Windows reads `\` as a separator: kept, such a name would land in another folder, or climb out of this one.
  if (process.platform === 'win32' && parts.some((x) => x.includes('\\'))) return { reason: 'the name holds a backslash, which Windows does not allow in a file name' };
  return { parts };
}

/**
 * Writes one file under `s.dir`; returns why it was not kept, or null. Files are created, never replaced
 * ('wx'), so two uploads of one path keep the first, and nothing but what came in the call is ever written.
 */
function stageOne(s: Staged, f: UploadedFile): string | null {
  const named = partsOf(f.path);
  if ('reason' in named) return named.reason;
  const bytes = Buffer.from(f.data, 'base64');
  const large = tooLargeReason(bytes.length);
  if (large) return large;
  if (s.files + 1 > MAX_UPLOAD_FILES || s.bytes + bytes.length > MAX_UPLOAD_BYTES) {
    throw new AppError('InvalidInput', `This import is over ${MAX_UPLOAD_FILES} files or ${MAX_UPLOAD_BYTES / 1e9} GB; import fewer files at a time.`);
  }
  const dest = join(s.dir, ...named.parts);
  try {
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, bytes, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'another file of this import has the same path';
    return `cannot be kept: ${code ?? (e as Error).message}`;
  }
  s.files++;
  s.bytes += bytes.length;
  if (!s.top.includes(named.parts[0])) s.top.push(named.parts[0]);
  return null;
}

/** Imports the staged top-level entries of `dir` (relative to it) and says what happened. */
export type ImportStaged = (dir: string, names: string[]) => Promise<ImportReport>;

/**
 * The uploads of one backend. `receive` keeps a call's files; on the last part (or a call that is the whole
 * import) it runs `importStaged` on everything the upload brought, then removes the folder.
 */
export function uploadStaging() {
  const open = new Map<string, Staged>();

  function start(): Staged {
    const s: Staged = { dir: mkdtempSync(join(tmpdir(), 'crosscheck-upload-')), parts: 0, files: 0, bytes: 0, top: [] };
    track(s.dir);
    return s;
  }

  function continued(upload: UploadPart): Staged {
    const known = open.get(upload.id);
    if (upload.part === 0) {
      if (known) discard(known);
      open.delete(upload.id);
      const s = start();
      open.set(upload.id, s);
      while (open.size > MAX_OPEN_UPLOADS) {
        const [oldest, o] = open.entries().next().value as [string, Staged];
        discard(o);
        open.delete(oldest);
      }
      return s;
    }
    if (!known || known.parts !== upload.part) {
      throw new AppError(
        'InvalidInput',
        `Part ${upload.part} of upload ${upload.id} came without the parts before it (the host restarted, or newer imports pushed it out); import the files again.`,
      );
    }
    return known;
  }

  return {
    /**
     * Keeps `files` (written into the upload's private folder). Without `upload`, or on its last part, imports all
     * the upload brought through `importStaged` and removes the folder; other parts return a report holding only
     * the files refused on the way in.
     * @throws InvalidInput for a part whose earlier parts are gone, or an upload over its bounds (it is dropped).
     */
    async receive(files: UploadedFile[], upload: UploadPart | undefined, importStaged: ImportStaged): Promise<ImportReport> {
      const s = upload ? continued(upload) : start();
      const skipped: ImportReport['skipped'] = [];
      try {
        for (const f of files) {
          const reason = stageOne(s, f);
          if (reason) skipped.push({ path: f.path, reason });
        }
        s.parts++;
        if (upload && !upload.last) return { imported: [], duplicates: [], skipped };
      } catch (e) {
        if (upload) open.delete(upload.id);
        discard(s);
        throw e;
      }
      if (upload) open.delete(upload.id);
      try {
        // In file-name order, not the order the browser sent them in (issue 12).
        const report = await importStaged(s.dir, [...s.top].sort(comparePaths));
        report.skipped.unshift(...skipped);
        return report;
      } finally {
        discard(s);
      }
    },
  };
}
