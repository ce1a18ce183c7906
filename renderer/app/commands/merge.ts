/**
 * Merge another analyst's work (issue 13): one picked file (their `.crosscheck` project or an export in an import
 * format) uploaded as bytes and merged as their layer(s). Not undoable by Ctrl+Z (it is a whole-project change, like
 * an import); a backup can be taken first, on the person's choice.
 */
import type { MergeReport } from '../../../common/merge';
import { base64 } from '../../features/import/upload';
import { attempt, type Attempt } from '../../state/attempt';
import type { CommandDeps } from './context';

/** What a merge did: the report, and the backup taken before it (null when none was asked for). */
export interface Merged {
  report: MergeReport;
  backup: string | null;
}

/** The largest file the browser sends in one call (the host takes 64 MB of base64). */
export const MERGE_MAX_BYTES = 45 * 1024 * 1024;

export function mergeCommands(d: CommandDeps, refreshDocs: () => Promise<void>) {
  return {
    /**
     * Merges `file` into the project, its layer named `as` when given (a source with one analyst or none), after a
     * backup when `backupFirst`. Resolves with the report, or with the error to show in the dialog.
     */
    mergeFile: (file: File, as: string | undefined, backupFirst: boolean): Promise<Attempt<Merged>> =>
      attempt(async () => {
        if (file.size > MERGE_MAX_BYTES) {
          throw new Error(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the app sends up to ${MERGE_MAX_BYTES / 1024 / 1024} MB. Merge it with the command line: crosscheck merge "${file.name}" --db <project>.`);
        }
        const backup = backupFirst ? (await d.call('project.backup', {})).path : null;
        const data = base64(new Uint8Array(await file.arrayBuffer()));
        try {
          const report = await d.call('project.mergeFile', { name: file.name, data, ...(as ? { as } : {}) });
          d.dispatch({ type: 'projectChanged' });
          await refreshDocs();
          return { report, backup };
        } finally {
          // The merge reports its progress as import.progress events; the bar goes when it is done, whatever happened
          // (a new user saw "Importing 5 of 5" stay, with Import and Merge disabled, after a merge).
          d.dispatch({ type: 'importing', progress: null });
        }
      }),
  };
}
