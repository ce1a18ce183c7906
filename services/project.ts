import { basename } from 'node:path';
import { openDatabase, type Db, type OpenOptions } from '../db/open.js';
import { documentsRepo } from '../db/documents.js';
import { labelsRepo } from '../db/labels.js';
import { annotationsRepo } from '../db/annotations.js';
import { searchRepo } from '../db/search.js';
import { appliedVersion } from '../db/migrate.js';
import { linksRepo } from '../db/links.js';
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
    name: basename(path).replace(/\.[^.]+$/, ''),
    readOnly,
    schemaVersion: appliedVersion(db),
    documents: documentsRepo(db),
    labels: labelsRepo(db),
    annotations: annotationsRepo(db),
    search: searchRepo(db),
    links: linksRepo(db),
    context: contextReader(db),
    close: () => {
      // Leave one self-contained file behind (no -wal/-shm): it can be copied, mailed, or opened from
      // read-only media, where SQLite could not create WAL's shared-memory file. Another connection still open
      // keeps WAL (the switch needs exclusive access), which is fine: it will do this when it closes.
      if (!readOnly) {
        try {
          db.pragma('journal_mode = DELETE');
        } catch {
          /* busy: another connection has the file open */
        }
      }
      db.close();
    },
  };
}

export type Project = ReturnType<typeof fromDb>;
