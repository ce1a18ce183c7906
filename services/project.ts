import { closeDatabase, dataVersion, openDatabase, type Db, type OpenOptions } from '../db/open.js';
import { documentsRepo } from '../db/documents.js';
import { labelsRepo } from '../db/labels.js';
import { annotationsRepo } from '../db/annotations.js';
import { searchRepo } from '../db/search.js';
import { appliedVersion } from '../db/migrate.js';
import { linksRepo } from '../db/links.js';
import { transaction } from '../db/transaction.js';
import { projectName } from '../common/project-files.js';
import { contextReader } from './context.js';

/** An open project file and its repositories: what every handler works on. */
export function openProject(path: string, opts: OpenOptions = {}) {
  const db = openDatabase(path, opts);
  return fromDb(db, path, !!opts.readOnly);
}

export function fromDb(db: Db, path: string, readOnly = false) {
  return {
    db,
    path,
    name: projectName(path),
    readOnly,
    schemaVersion: appliedVersion(db),
    documents: documentsRepo(db),
    labels: labelsRepo(db),
    annotations: annotationsRepo(db),
    search: searchRepo(db),
    links: linksRepo(db),
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
