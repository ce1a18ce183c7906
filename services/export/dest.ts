import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportsFolderName } from '../../common/project-files.js';

/**
 * A folder that does not exist yet, beside the project: `<project> exports/<format> 2026-11-25 0312`.
 * Exports land where the analyst keeps the project, named so that a folder of them sorts by time.
 */
export function suggestExportDest(projectPath: string, projectName: string, format: string, now = new Date()): string {
  const base = projectPath === ':memory:' || !projectPath ? tmpdir() : dirname(projectPath);
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ').replace(':', '');
  const safe = format.replace(/[^\w-]/g, '');
  const root = join(base, exportsFolderName(projectName));
  let dest = join(root, `${safe} ${stamp}`);
  for (let i = 2; existsSync(dest); i++) dest = join(root, `${safe} ${stamp} (${i})`);
  return dest;
}
