import { basename } from 'node:path';
import type { Db } from '../../db/open.js';
import type { DocumentsRepo } from '../../db/documents.js';
import { inAsyncTransaction } from '../../db/transaction.js';
import { bulkDocuments, withBulkSettings } from '../../db/ingest.js';
import type { ImportProgress, ImportReport } from '../../common/model.js';
import { cpLength } from '../../common/offsets.js';
import { decodeBytes } from './decode.js';
import { encodingName } from './encoding-name.js';
import { extractMetadata } from '../../common/article-metadata.js';
import { walkPaths, MAX_FILE_BYTES, type WalkOptions } from './walk.js';
import { readRegularFile, RefusedFile } from './files.js';
import { textHash } from './hash.js';

/** A file to import: where it came from (as the user named it) and how to get its bytes. */
export interface ImportSource {
  path: string;
  /** The path stored with the document (see WalkedFile.stored); `path` when absent. */
  stored?: string;
  /** The absolute path it was read from, when it was read from a folder the person named (not an upload). */
  origin?: string | null;
  read(): Uint8Array;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Files handled between two yields to the event loop (progress events go out then). */
  chunk?: number;
  /** The encoding the person named (`--encoding`), instead of a guess. */
  encoding?: string;
}

/**
 * Imports files in ONE transaction: a crash or error leaves the project as it was before the import, never
 * half-imported. Each file is read, decoded and stored inside it (memory stays flat on big imports), the list rows
 * and the full-text index written once per chunk and the connection set for bulk inserts (db/ingest.ts
 * bulkDocuments, withBulkSettings), and the loop yields between chunks so progress can be shown; callers must
 * serialise other writes meanwhile.
 */
export async function importSources(
  db: Db,
  documents: DocumentsRepo,
  sources: ImportSource[],
  report: ImportReport,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const chunk = opts.chunk ?? 250;
  // An unknown encoding name fails the import before anything is read (AppError 'InvalidInput').
  const encoding = encodingName(opts.encoding);
  const importedAt = new Date().toISOString();
  const total = sources.length + report.skipped.length;
  let done = report.skipped.length;
  const progress = (current: string) => opts.onProgress?.({ done, total, current });
  const pending: ImportReport = { imported: [], duplicates: [], skipped: [] };

  await withBulkSettings(db, () =>
    inAsyncTransaction(db, 'immediate', async () => {
      const rows = bulkDocuments(db);
      const writer: DocumentWriter = { idByHash: (hash) => documents.idByHash(hash), insert: rows.insert };
      for (let from = 0; from < sources.length; from += chunk) {
        const to = Math.min(from + chunk, sources.length);
        // One batch per chunk: the list rows, the index and the list trigger are whole again when it returns,
        // before anything else may run on this connection.
        rows.batch(() => {
          for (let i = from; i < to; i++) {
            importOne(writer, sources[i], importedAt, pending, encoding);
            done++;
          }
        });
        if (to % chunk === 0) {
          progress(sources[to - 1].path);
          await new Promise((r) => setImmediate(r));
        }
      }
    }),
  );
  progress('');
  report.imported.push(...pending.imported);
  report.duplicates.push(...pending.duplicates);
  report.skipped.push(...pending.skipped);
  if (pending.notes?.length) (report.notes ??= []).push(...pending.notes);
  return report;
}

/** What importOne writes through: the duplicate check and the insert (db/ingest.ts bulkDocuments). */
interface DocumentWriter {
  idByHash: DocumentsRepo['idByHash'];
  insert: ReturnType<typeof bulkDocuments>['insert'];
}

function importOne(documents: DocumentWriter, src: ImportSource, importedAt: string, out: ImportReport, encoding: string | undefined) {
  let bytes: Uint8Array;
  try {
    bytes = src.read();
  } catch (e) {
    const reason = e instanceof RefusedFile ? e.reason : `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    out.skipped.push({ path: src.path, reason });
    return;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    out.skipped.push({ path: src.path, reason: `file too large (${(bytes.length / 1e6).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB)` });
    return;
  }
  const decoded = decodeBytes(bytes, { encoding });
  if (!decoded.ok) {
    out.skipped.push({ path: src.path, reason: decoded.reason });
    return;
  }
  const text = decoded.text;
  const hash = textHash(text);
  const existing = documents.idByHash(hash);
  if (existing !== undefined) {
    out.duplicates.push({ path: src.path, of: existing });
    return;
  }
  const meta = extractMetadata(text, basename(src.path));
  const id = documents.insert(
    { title: meta.title, date: meta.date, source: meta.source, path: src.stored ?? src.path, origin: src.origin ?? null, hash, text, length: cpLength(text) },
    importedAt,
  );
  out.imported.push({ path: src.path, id, title: meta.title });
  // Anything but UTF-8 was a decision (a BOM's, the person's --encoding, or the plausibility guess): say which.
  if (decoded.encoding !== 'UTF-8') {
    const how = encoding ? 'as asked' : /^UTF-(16|32)/.test(decoded.encoding) ? 'by its byte order mark' : 'the only plausible reading; --encoding overrides';
    (out.notes ??= []).push(`${src.path}: read as ${decoded.encoding} (${how})`);
  }
}

/**
 * Files and folders on this machine's disk (see walkPaths for `opts`: the host's check of links met in folders,
 * and the folder relative paths start from). Each file is opened only as a regular file when its turn comes.
 */
export function sourcesFromPaths(paths: string[], opts: WalkOptions = {}): { sources: ImportSource[]; report: ImportReport } {
  const walked = walkPaths(paths, opts);
  return {
    sources: walked.files.map((f) => ({ path: f.path, stored: f.stored, origin: opts.base ? null : f.absPath, read: () => readRegularFile(f.absPath, undefined, f.st) })),
    report: { imported: [], duplicates: [], skipped: [...walked.skipped] },
  };
}
