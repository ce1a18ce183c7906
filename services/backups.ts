import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDir } from '../db/backup.js';

/** The backups beside a project, newest first. */
export function listBackups(projectPath: string): { path: string; size: number; modified: string }[] {
  if (projectPath === ':memory:') return [];
  const dir = backupsDir(projectPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.crosscheck'))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { path: join(dir, f), size: st.size, modified: st.mtime.toISOString() };
    })
    .sort((a, b) => b.modified.localeCompare(a.modified));
}
