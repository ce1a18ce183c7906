import type { ImportProgress, ImportReport } from '../../../common/model';

/** A file the user picked or dropped, with the path it had inside what they chose (e.g. `corpus/000.txt`). */
export interface PickedFile {
  path: string;
  file: File;
}

/** Files per request and bytes per request: big enough to be quick, small enough to stay under the body limit. */
const BATCH_FILES = 400;
const BATCH_BYTES = 16 * 1024 * 1024;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** One batch as `import.files` takes it: the file's path and its bytes in base64. */
export type UploadBatch = { path: string; data: string }[];

/**
 * Reads picked files and hands them to `send` (the workbench's `import.files` call) in batches, merging the
 * reports. Each batch is one transaction on the backend: a failure stops here and throws, what was sent before
 * staying imported. Files over 50 MB are skipped and reported, not sent.
 */
export async function uploadFiles(
  send: (batch: UploadBatch) => Promise<ImportReport>,
  files: PickedFile[],
  onProgress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], duplicates: [], skipped: [] };
  let batch: UploadBatch = [];
  let bytes = 0;
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    const r = await send(batch);
    report.imported.push(...r.imported);
    report.duplicates.push(...r.duplicates);
    report.skipped.push(...r.skipped);
    done += batch.length;
    onProgress({ done, total: files.length, current: batch[batch.length - 1].path });
    batch = [];
    bytes = 0;
  };
  for (const f of files) {
    if (f.file.size > 50 * 1024 * 1024) {
      report.skipped.push({ path: f.path, reason: `file too large (${(f.file.size / 1e6).toFixed(1)} MB; the limit is 50 MB)` });
      done++;
      continue;
    }
    const data = base64(new Uint8Array(await f.file.arrayBuffer()));
    if (batch.length >= BATCH_FILES || bytes + data.length > BATCH_BYTES) await flush();
    batch.push({ path: f.path, data });
    bytes += data.length;
  }
  await flush();
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

/** From an <input type=file> (with or without webkitdirectory). */
export const filesFromInput = (list: FileList): PickedFile[] =>
  Array.from(list).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
