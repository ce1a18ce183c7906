import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The backups beside a project, newest first. */
export function listBackups(projectPath: string): { path: string; size: number; modified: string }[] {
  if (projectPath === ':memory:') return [];
  const name = basename(projectPath).replace(/\.[^.]+$/, '');
  const dir = join(dirname(projectPath), `${name} backups`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.crosscheck'))
    .map((f) => {
      const st = statSync(join(dir, f));
      return { path: join(dir, f), size: st.size, modified: st.mtime.toISOString() };
    })
    .sort((a, b) => b.modified.localeCompare(a.modified));
}
