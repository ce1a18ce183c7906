import { closeSync, openSync, renameSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { AppError } from '../../common/errors.js';

/**
 * Writes lines to a temp file beside `path` and renames it into place, so an interrupted export never leaves a
 * truncated file where a complete one is expected.
 */
export function writeLinesAtomically(path: string, lines: Iterable<string>): number {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
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
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw e instanceof AppError ? e : new AppError('Internal', `Export to ${path} failed: ${(e as Error).message}`);
  }
  return count;
}
