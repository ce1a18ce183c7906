import type { ImportProgress, ImportReport } from '../../../common/model';
import { uploadPathRefusal } from '../../../common/file-names';

/**
 * A file the user picked or dropped, with the path it had inside what they chose (e.g. `corpus/000.txt`): `/`
 * between folders, as browsers give it; a `\` is part of a name (Linux allows "a\b.txt").
 */
export interface PickedFile {
  path: string;
  file: File;
}

/** Files per request and bytes per request: big enough to be quick, small enough to stay under the body limit. */
const BATCH_FILES = 400;
const BATCH_BYTES = 16 * 1024 * 1024;

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** One batch as `import.files` takes it: the file's path and its bytes in base64. */
export type UploadBatch = { path: string; data: string }[];

/** Which part of a several-call upload a batch is (`import.files`'s `upload`); absent when one call holds it all. */
export type UploadPart = { id: string; part: number; last: boolean };

const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Base64 length of n bytes. */
const encodedSize = (n: number) => 4 * Math.ceil(n / 3);

/**
 * Reads picked files and hands them to `send` (the workbench's `import.files` call) in batches. The backend keeps
 * every batch but the last aside and imports them all as ONE import on the last (a brat folder's .txt and .ann may
 * fall in different batches, and still pair), through the same format detection as files named by path: plain
 * text, Crosscheck JSONL, brat, doccano, Label Studio, W3C, WebAnno. Never a path on the server: only bytes.
 * A failure stops here and throws; nothing of the import is kept. Files over 50 MB, and files whose name or path is
 * too long (common/file-names.ts uploadPathRefusal: one such path would make the backend refuse its whole call), are
 * skipped and reported, not sent.
 */
export async function uploadFiles(
  send: (batch: UploadBatch, upload?: UploadPart) => Promise<ImportReport>,
  files: PickedFile[],
  onProgress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [] };
  // Plan the batches from the sizes first, so that the last one is known when it is sent.
  const batches: PickedFile[][] = [];
  let current: PickedFile[] = [];
  let bytes = 0;
  for (const f of files) {
    const badPath = uploadPathRefusal(f.path);
    if (badPath) {
      report.skipped.push({ path: f.path, reason: badPath });
      continue;
    }
    if (f.file.size > MAX_FILE_BYTES) {
      report.skipped.push({ path: f.path, reason: `file too large (${(f.file.size / 1e6).toFixed(1)} MB; the limit is 50 MB)` });
      continue;
    }
    const size = encodedSize(f.file.size);
    if (current.length && (current.length >= BATCH_FILES || bytes + size > BATCH_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += size;
  }
  if (current.length) batches.push(current);

  const id = crypto.randomUUID();
  let done = report.skipped.length;
  for (let i = 0; i < batches.length; i++) {
    const batch: UploadBatch = [];
    for (const f of batches[i]) batch.push({ path: f.path, data: base64(new Uint8Array(await f.file.arrayBuffer())) });
    const part = batches.length > 1 ? { id, part: i, last: i === batches.length - 1 } : undefined;
    const r = await send(batch, part);
    report.imported.push(...r.imported);
    report.duplicates.push(...r.duplicates);
    report.skipped.push(...r.skipped);
    for (const k of ['spans', 'links', 'clusters'] as const) if (r[k] !== undefined) report[k] = (report[k] ?? 0) + r[k]!;
    if (r.labelsAdded) report.labelsAdded = [...(report.labelsAdded ?? []), ...r.labelsAdded];
    if (r.linkTypesAdded) report.linkTypesAdded = [...(report.linkTypesAdded ?? []), ...r.linkTypesAdded];
    if (r.layers?.length) report.layers = [...new Set([...(report.layers ?? []), ...r.layers])];
    if (r.dropped?.length) report.dropped = [...(report.dropped ?? []), ...r.dropped];
    if (r.notes?.length) report.notes = [...(report.notes ?? []), ...r.notes];
    done += batch.length;
    onProgress({ done, total: files.length, current: batch[batch.length - 1].path });
  }
  return report;
}

/** Walks dropped items, descending into folders (webkitGetAsEntry), keeping each file's relative path. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = Array.from(dt.items)
    .map((i) => (i.kind === 'file' ? i.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return Array.from(dt.files).map((file) => ({ path: file.name, file }));
  const out: PickedFile[] = [];
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ path, file });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call; keep reading until it returns none.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await visit(e, path);
      }
    }
  };
  for (const e of entries) await visit(e, '');
  return out;
}

/**
 * The path of a file picked with an <input type=file>: its `webkitRelativePath` when a folder was picked
 * ("corpus/000.txt"), its name otherwise. Chromium writes a `\` of a name as `/` in webkitRelativePath (a file
 * "a\b.txt" in folder f1: `name` "a\b.txt", webkitRelativePath "f1/a/b.txt"), which would make folders of a Linux
 * name; so the name is taken from `name`, and only the folders before it from webkitRelativePath.
 * @example pickedPath({ name: 'a\\b.txt', webkitRelativePath: 'f1/a/b.txt' }) // 'f1/a\\b.txt'
 */
export function pickedPath(file: { name: string; webkitRelativePath: string }): string {
  const rel = file.webkitRelativePath;
  if (!rel) return file.name;
  const parts = rel.split('/');
  const nameParts = file.name.split('\\').length;
  if (nameParts > 1 && parts.length > nameParts && parts.slice(-nameParts).join('\\') === file.name) {
    return [...parts.slice(0, -nameParts), file.name].join('/');
  }
  return rel;
}

/** From an <input type=file> (with or without webkitdirectory). */
export const filesFromInput = (list: FileList): PickedFile[] => Array.from(list).map((file) => ({ path: pickedPath(file), file }));
