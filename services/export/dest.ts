import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { exportsFolderName } from '../../common/project-files.js';

/**
 * A folder that does not exist yet, beside the project: `<project> exports/<format> 2026-11-25 031245` (UTC, to
 * the second), or `… 031245 (2)` when that is taken. Exports land where the analyst keeps the project, named so
 * that a folder of them sorts by time; the seconds and the counter keep a second export in the same minute (or
 * second) from meeting the first one's folder.
 */
export function suggestExportDest(projectPath: string, projectName: string, format: string, now = new Date()): string {
  const base = projectPath === ':memory:' || !projectPath ? tmpdir() : dirname(projectPath);
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '');
  const safe = format.replace(/[^\w-]/g, '');
  const root = join(base, exportsFolderName(projectName));
  let dest = join(root, `${safe} ${stamp}`);
  for (let i = 2; existsSync(dest); i++) dest = join(root, `${safe} ${stamp} (${i})`);
  return dest;
}

/** Whether an export may go to `dest` as it is: nothing there, or an empty folder. */
function free(dest: string): boolean {
  try {
    return lstatSync(dest).isDirectory() && readdirSync(dest).length === 0;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * `dest` when an export may go there (nothing there, or an empty folder), else the first free `dest (2)`,
 * `dest (3)`, …: what the export dialog proposes instead of failing on a name that is taken. A name ending in an
 * extension keeps it last (`x.jsonl` → `x (2).jsonl`).
 */
export function freshDest(dest: string): string {
  if (free(dest)) return dest;
  const dir = dirname(dest);
  const name = dest.slice(dir.length + (dir.endsWith(sep) ? 0 : 1));
  const ext = /(?<=.)\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 2; ; i++) {
    const next = join(dir, `${stem} (${i})${ext}`);
    if (free(next)) return next;
  }
}
