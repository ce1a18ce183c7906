import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDir } from '../db/backup.js';

/** The backups beside a project, newest first: regular files only (a FIFO or a link there is not a backup). */
export function listBackups(projectPath: string): { path: string; size: number; modified: string }[] {
  if (projectPath === ':memory:') return [];
  const dir = backupsDir(projectPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.crosscheck'))
    .map((f) => ({ path: join(dir, f), st: lstatSync(join(dir, f)) }))
    .filter(({ st }) => st.isFile())
    .map(({ path, st }) => ({ path, size: st.size, modified: st.mtime.toISOString() }))
    .sort((a, b) => b.modified.localeCompare(a.modified));
}
