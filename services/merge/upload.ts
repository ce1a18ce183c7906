/**
 * `project.mergeFile`: a merge source whose bytes came with the call (the browser's file picker). They are written
 * into a private temporary folder under the picked file's own name (which tells a `.crosscheck` from a JSONL) and
 * merged from there like a path; the folder is removed whatever happens.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MergeReport } from '../../common/merge.js';
import { AppError } from '../../common/errors.js';
import { pathChecker } from '../path-policy.js';
import type { Project } from '../project.js';
import { merge, type MergeOptions } from './index.js';

/**
 * Merges one uploaded file. `name` is the picked file's name (a path's last part is taken).
 * @throws AppError InvalidInput for a name that cannot be a file name or bytes that are not base64; else as merge.
 */
export async function mergeUploaded(p: Project, name: string, data: string, o: Omit<MergeOptions, 'base' | 'shownAs' | 'check'> = {}): Promise<MergeReport> {
  const file = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  if (!file || file === '.' || file === '..' || /[\u0000-\u001f\u007f]/.test(file)) throw new AppError('InvalidInput', `"${name.slice(0, 100)}" is not a file name.`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw new AppError('InvalidInput', `${file}: the file's bytes did not arrive as base64.`);
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-merge-'));
  try {
    writeFileSync(join(dir, file), Buffer.from(data, 'base64'));
    return await merge(p, file, { ...o, base: dir, shownAs: file, check: pathChecker([dir]) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
