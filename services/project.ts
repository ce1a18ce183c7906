import { closeDatabase, dataVersion, openDatabase, readOnlySource, type Db, type OpenOptions, type ReadOnlySource } from '../db/open.js';
import { documentsRepo } from '../db/documents.js';
import { labelsRepo } from '../db/labels.js';
import { annotationsRepo } from '../db/annotations.js';
import { searchRepo } from '../db/search.js';
import { appliedVersion } from '../db/migrate.js';
import { linksRepo } from '../db/links.js';
import { annotatorsRepo } from '../db/annotators.js';
import { transaction } from '../db/transaction.js';
import { projectName } from '../common/project-files.js';
import { contextReader } from './context.js';

/** An open project file and its repositories: what every handler works on. */
export function openProject(path: string, opts: OpenOptions = {}) {
  const db = openDatabase(path, opts);
  return fromDb(db, path, !!opts.readOnly);
}

/**
 * What the read-only banner says, by where a read-only project is read from (db/open.ts ReadOnlySource).
 * Each ends with what the person can still do.
 */
const readOnlyNotes: Record<ReadOnlySource, string> = {
  file: 'Read-only: this project is on read-only media or was opened read-only. You can read, search and export; changes cannot be saved.',
  'private copy':
    'Read-only: this project is in a folder Crosscheck cannot write to, so you see a private copy taken when it was opened (changes made to the file since show after reopening it). You can read, search and export; changes cannot be saved.',
  'upgraded private copy':
    'Read-only: this project was made by an older Crosscheck and cannot be upgraded where it is, so you see an upgraded private copy taken when it was opened; the file itself is unchanged. You can read, search and export; changes cannot be saved.',
};

export function fromDb(db: Db, path: string, readOnly = false) {
  return {
    db,
    path,
    name: projectName(path),
    readOnly,
    /** For the read-only banner: how this read-only project is shown; null when it can be written. */
    readOnlyNote: readOnly ? readOnlyNotes[readOnlySource(db) ?? 'file'] : null,
    schemaVersion: appliedVersion(db),
    documents: documentsRepo(db),
    labels: labelsRepo(db),
    annotations: annotationsRepo(db),
    search: searchRepo(db),
    links: linksRepo(db),
    annotators: annotatorsRepo(db),
    context: contextReader(db),
    /** Runs `fn` (synchronous) as one transaction over all the repositories above; see db/transaction.ts. */
    transaction: <T>(fn: () => T): T => transaction(db, fn),
    /** Changes when another connection commits to the file; see db/open.ts. */
    dataVersion: () => dataVersion(db),
    /** Closes the file, leaving it self-contained (no -wal/-shm) when this connection may write. */
    close: () => closeDatabase(db, readOnly),
  };
}

export type Project = ReturnType<typeof fromDb>;
