/**
 * Commands that act on the project as a whole: import files, export, back up, restore a backup. None of them is
 * undone by Ctrl+Z (a restore keeps the state before it as a backup instead); each keeps its progress in the
 * workbench state and either shows its failure in the toast (import; a strict refusal opens the import report
 * instead) or hands it to the dialog that asked.
 */
import type { ArgsIn, Result } from '../../../common/contract';
import { uploadFiles, type PickedFile } from '../../features/import/upload';
import { importChoice, setImportChoice, toImportOptions } from '../../features/import/import-options';
import { parseStrictRefusal, type ShownImportReport } from '../../features/import/strict-refusal';
import { attempt, messageOf, type Attempt } from '../../state/attempt';
import { failWith, type CommandDeps } from './context';

/** What a restore did: the backend's answer, and what the project holds now (so the dialog can say so). */
export type Restored = Result<'project.restore'> & { stats: Result<'stats.get'> };

/** What the export dialog chooses; the job id is the command's. */
type ExportRequest = Omit<ArgsIn<'export.run'>, 'jobId'>;

/** The whole-project commands over `d`; `refreshDocs` (from the document commands) shows what an import added. */
export function projectCommands(d: CommandDeps, refreshDocs: () => Promise<void>) {
  const { call, dispatch } = d;
  const fail = failWith(d);

  /**
   * Imports picked or dropped files (text or annotated formats) by uploading their bytes in batches, with
   * progress; the backend imports them as one when the last batch arrives, and the report opens then. When
   * Strict refuses the import, the report opens on the refusal instead of a toast, with a way to import the same
   * files again with Strict unticked.
   */
  async function importFiles(files: PickedFile[]) {
    if (files.length === 0) return;
    dispatch({ type: 'importing', progress: { done: 0, total: files.length, current: '' } });
    // The import options chosen in the import buttons' panel or the report (encoding, strict), on every batch.
    const options = toImportOptions(importChoice());
    try {
      const report = await uploadFiles(
        (batch, upload) => call('import.files', { files: batch, ...(upload ? { upload } : {}), ...(options ? { options } : {}) }),
        files,
        (p) => dispatch({ type: 'importing', progress: p }),
      );
      dispatch({ type: 'report', report });
      await refreshDocs();
    } catch (e) {
      const refusal = parseStrictRefusal(messageOf(e), files.map((f) => f.path));
      if (!refusal) return fail(e);
      const retryWithoutStrict = () => {
        setImportChoice({ strict: false });
        dispatch({ type: 'report', report: null });
        return importFiles(files);
      };
      // Nothing was kept, so there is nothing to refresh.
      const refused: ShownImportReport = { imported: [], duplicates: [], skipped: [], refused: { ...refusal, retryWithoutStrict } };
      dispatch({ type: 'report', report: refused });
    } finally {
      dispatch({ type: 'importing', progress: null });
    }
  }

  return {
    /** Something outside this window's commands changed the project (the desktop menu's import): see projectSeq. */
    projectChanged: () => dispatch({ type: 'projectChanged' }),
    importFiles,

    /**
     * Runs an export under a new job id; its progress (events) and end land in `state.exporting`. Not queued
     * behind edits: it reads its own snapshot for as long as it takes.
     */
    async runExport(request: ExportRequest): Promise<Attempt<Result<'export.run'>>> {
      const jobId = `ui-${crypto.randomUUID()}`;
      dispatch({ type: 'exportStarted', jobId });
      const r = await attempt(() => call('export.run', { ...request, jobId }));
      dispatch({ type: 'exportEnded', jobId, documents: r.ok ? r.value.documents : null });
      return r;
    },

    /** Stops the running export; it then ends as failed ("cancelled") and leaves nothing behind. */
    cancelExport() {
      const job = d.state().exporting;
      if (job?.running) void call('export.cancel', { jobId: job.jobId }).catch(fail);
    },

    /** Copies the project into its backups folder while work goes on; resolves with the copy's path. */
    backupProject: () => attempt(async () => (await call('project.backup', {})).path),

    /**
     * Replaces the project with a backup after backing up the current state, then counts what the project holds
     * now (documents, annotations) for the dialog to report. The backend announces the restore
     * ('project.changed'), and the workbench starts afresh from it.
     */
    restoreBackup: (path: string): Promise<Attempt<Restored>> =>
      attempt(async () => {
        const restored = await call('project.restore', { path });
        return { ...restored, stats: await call('stats.get', {}) };
      }),
  };
}
