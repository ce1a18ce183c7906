import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { existingSqliteFile } from '../../db/file-check.js';

/**
 * Whether a merge source is a Crosscheck project rather than an import-format file: named `*.crosscheck`, or a
 * regular file starting with SQLite's header (a project renamed; db/file-check.ts reads the header without
 * blocking on a FIFO and without disturbing a file this process has open in SQLite). Folders are not.
 */
export function isProjectSource(abs: string): boolean {
  if (extname(abs).toLowerCase() === '.crosscheck') return true;
  try {
    return statSync(abs).isFile() && existingSqliteFile(abs);
  } catch {
    return false;
  }
}
