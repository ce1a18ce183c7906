import { closeSync, openSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { AppError } from '../../common/errors.js';
import { checkDestName, checkFileDest, moveFileInto } from './overwrite.js';
import { recordExported } from './deliver.js';

/**
 * Writes lines to a temp file beside `path` and moves it into place, so an interrupted export never leaves a
 * truncated file where a complete one is expected. Nothing there is written over, unless `replace` and it is an
 * earlier Crosscheck JSONL export (services/export/overwrite.ts).
 * @throws AppError('InvalidInput') for a bad name, "… already exists", or a folder that cannot be written.
 */
export function writeLinesAtomically(path: string, lines: Iterable<string>, replace = false): number {
  checkDestName('path', path);
  checkFileDest(path, replace);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let fd: number;
  try {
    // A leftover of a crashed export by this pid is ours; 'wx' never follows a link planted under that name.
    rmSync(tmp, { force: true });
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw new AppError('InvalidInput', `Cannot write to ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let count = 0;
  try {
    let buffer = '';
    for (const line of lines) {
      buffer += line;
      count++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
    fsyncSync(fd);
    closeSync(fd);
    moveFileInto(tmp, path, replace);
    recordExported(path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    // The code, not the message: an fs message names the temp file, which means nothing to the person.
    throw e instanceof AppError ? e : new AppError('Internal', `Export to ${path} failed: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return count;
}
