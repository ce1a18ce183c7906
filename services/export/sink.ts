import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { AppError } from '../../common/errors.js';
import type { Sink } from '../formats/types.js';
import { checkDestName, checkFolderDest, moveFolderInto } from './overwrite.js';
import { recordExported } from './deliver.js';

/**
 * Files of one export, written under a hidden temp folder beside the destination and moved into place only
 * when the export completed: a cancelled or failed export leaves nothing half-written, and nothing that was
 * there before is written over (services/export/overwrite.ts). Buffers per file keep
 * the number of write calls low on million-span exports.
 */
export class ExportFolder {
  private static runs = 0;
  private readonly tmp: string;
  private readonly files = new Map<string, { fd: number; buffer: string }>();
  readonly written: string[] = [];

  /**
   * @param dest the folder to create; an empty one is taken over, anything else is refused unless `replace` and it
   * is an earlier export (services/export/overwrite.ts).
   * @throws AppError('InvalidInput') for a bad name or "… already exists", before anything is written.
   */
  constructor(
    private readonly dest: string,
    private readonly replace = false,
  ) {
    checkDestName('dest', dest);
    this.dest = resolve(dest);
    checkFolderDest(this.dest, replace);
    // One temp folder per export, not per process: two exports to the same name at once (two tabs) each keep their
    // own files, and the second to finish is refused by moveFolderInto instead of removing the first one's.
    this.tmp = join(dirname(this.dest), `.${this.dest.split(sep).pop()}.partial-${process.pid}-${++ExportFolder.runs}`);
    try {
      rmSync(this.tmp, { recursive: true, force: true });
      mkdirSync(this.tmp, { recursive: true });
    } catch (e) {
      throw new AppError('InvalidInput', `Cannot write to ${dirname(this.dest)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }

  /** A sink writing under `sub` (a split's folder, or '' for the export folder itself), which exists even if nothing is written. */
  sink(sub: string): Sink {
    mkdirSync(join(this.tmp, sub), { recursive: true });
    // The file each relative path of this sink writes to, checked and opened at its first write: a JSONL export
    // writes one line per document to the same path, 100,000 times.
    const byRelPath = new Map<string, { fd: number; buffer: string }>();
    return {
      write: (relPath, text) => {
        let f = byRelPath.get(relPath);
        if (!f) {
          const path = join(this.tmp, sub, relPath);
          if (!resolve(path).startsWith(this.tmp + sep)) throw new AppError('Internal', `export path ${relPath} leaves the export folder`);
          f = this.files.get(path);
          if (!f) {
            mkdirSync(dirname(path), { recursive: true });
            f = { fd: openSync(path, 'w'), buffer: '' };
            this.files.set(path, f);
            this.written.push(join(this.dest, relative(this.tmp, path)));
          }
          byRelPath.set(relPath, f);
        }
        f.buffer += text;
        if (f.buffer.length > 1 << 20) {
          writeSync(f.fd, f.buffer);
          f.buffer = '';
        }
      },
    };
  }

  commit(): string[] {
    for (const f of this.files.values()) {
      if (f.buffer) writeSync(f.fd, f.buffer);
      closeSync(f.fd);
    }
    this.files.clear();
    moveFolderInto(this.tmp, this.dest, this.replace);
    recordExported(this.dest);
    return this.written;
  }

  abandon(): void {
    for (const f of this.files.values()) {
      try {
        closeSync(f.fd);
      } catch {
        /* already closed */
      }
    }
    this.files.clear();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
