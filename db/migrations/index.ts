import { sql as init } from './0001_init.js';
import { sql as links } from './0002_links.js';
import { sql as done } from './0003_done.js';
import { sql as interop } from './0004_interop.js';
import { sql as documentMeta } from './0005_document_meta.js';
import { sql as annotators } from './0006_annotators.js';
import { sql as proposals } from './0007_proposals.js';
import { sql as listCounts } from './0008_list_counts.js';
import { sql as clusterBoards } from './0009_cluster_boards.js';
import { nameFirstAnnotator } from '../annotator-seed.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Runs after `sql`, in the same transaction, for what SQL cannot know (the OS user name). Not part of the
   * checksum: it fills values, never shapes the schema.
   */
  seed?: (db: import('better-sqlite3').Database) => void;
}

/**
 * Every schema change, in order. Never edit a released entry: add a new one. The applied table records
 * each entry's checksum, so an edited or foreign history is refused instead of silently diverging.
 * (Kept as TS modules rather than .sql files so the Electron bundle needs no file lookups.)
 */
export const migrations: Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'links', sql: links },
  { version: 3, name: 'done', sql: done },
  { version: 4, name: 'interop', sql: interop },
  { version: 5, name: 'document meta', sql: documentMeta },
  { version: 6, name: 'annotators', sql: annotators, seed: nameFirstAnnotator },
  { version: 7, name: 'proposals', sql: proposals },
  { version: 8, name: 'list counts', sql: listCounts },
  { version: 9, name: 'cluster boards', sql: clusterBoards },
];
