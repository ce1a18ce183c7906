import type { Result } from '../../../common/contract';
import type { Restored } from '../../app/commands/project';

/** The last part of a path, whichever separator the host uses. */
export const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const count = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

/**
 * What the Project dialog says after a restore: which backup (file name and when it was made, in the analyst's
 * locale), what the project holds now, and where the state before the restore was kept.
 * @example "Restored p-2025-11-30.crosscheck (30/11/2025, 13:04): 5 documents, 12 annotations. The state before the restore was saved as …"
 */
export function restoredMessage(backup: Result<'project.backups'>[number], r: Restored): string {
  const when = new Date(backup.modified).toLocaleString();
  return (
    `Restored ${fileName(backup.path)} (${when}): ${count(r.stats.documents, 'document')}, ${count(r.stats.annotations, 'annotation')}. ` +
    `The state before the restore was saved as ${fileName(r.safetyBackup)}.`
  );
}
