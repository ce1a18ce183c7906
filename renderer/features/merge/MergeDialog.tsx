import { useId, useState } from 'react';
import { annotatorNameProblem } from '../../../common/annotators';
import { formats } from '../../../common/formats';
import type { Attempt } from '../../state/attempt';
import type { Merged } from '../../app/commands/merge';
import { Dialog } from '../../app/Dialog';
import { MergeReportView } from './MergeReportView';
import './merge.css';

/** A Crosscheck project, or any file an import format reads (common/formats.ts). */
const accept = ['.crosscheck', ...new Set(Object.values(formats).flatMap((f) => ('import' in f ? f.import.extensions : [])))].join(',');

interface Props {
  /** The workbench's merge command (renderer/app/commands/merge.ts). */
  onMerge(file: File, as: string | undefined, backupFirst: boolean): Promise<Attempt<Merged>>;
  onClose(): void;
}

/**
 * "Merge another analyst's work": pick their project or export, optionally name its layer, and see what came in.
 * Says before it runs that a merge is not undone by Ctrl+Z, and offers a backup first (imports take none).
 */
export function MergeDialog({ onMerge, onClose }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [as, setAs] = useState('');
  const [backupFirst, setBackupFirst] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Merged | null>(null);
  const ids = { file: useId(), as: useId(), asHint: useId(), backup: useId() };
  const nameProblem = as.trim() ? annotatorNameProblem(as, true) : null;

  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    const r = await onMerge(file, as.trim() || undefined, backupFirst);
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  }

  if (done) return <MergeReportDialog merged={done} onClose={onClose} />;
  return (
    <Dialog title="Merge another analyst's work" className="dialog-wide merge-dialog" onClose={onClose} dismissable={!busy} testId="merge-dialog">
      <p className="muted">
        Their spans, links and cluster names come in as their own layer, on the documents you already have (matched by text, whatever their
        titles or file names) and on the documents only they have, which are added. Nothing of yours changes; merging the same file again adds
        nothing.
      </p>
      <label className="field" htmlFor={ids.file}>
        Their project (.crosscheck) or export (JSONL, brat, doccano, Label Studio, …)
        <input id={ids.file} type="file" accept={accept} disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="merge-file" />
      </label>
      <label className="field" htmlFor={ids.as}>
        Layer name (optional)
        <input id={ids.as} type="text" value={as} maxLength={80} placeholder="e.g. Bob" disabled={busy} aria-describedby={ids.asHint} aria-invalid={!!nameProblem} onChange={(e) => setAs(e.target.value)} />
        <span id={ids.asHint} className={nameProblem ? 'merge-problem' : undefined}>
          {nameProblem ??
            'Names the layer of a source with one analyst or none (a new project names its layer after the computer’s user). A source with several analysts keeps their names.'}
        </span>
      </label>
      <label className="merge-check" htmlFor={ids.backup}>
        <input id={ids.backup} type="checkbox" checked={backupFirst} disabled={busy} onChange={(e) => setBackupFirst(e.target.checked)} />
        Back up this project first
      </label>
      <p className="merge-warning" role="note">
        A merge cannot be undone with Ctrl+Z. Imports take no backup of their own: keep the box ticked to have one made first (it is listed under
        Project and backups).
      </p>
      {error ? (
        <p className="merge-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button className="primary" onClick={() => void run()} disabled={!file || busy || !!nameProblem}>
          {busy ? 'Merging…' : 'Merge'}
        </button>
      </div>
    </Dialog>
  );
}

function MergeReportDialog({ merged, onClose }: { merged: Merged; onClose(): void }) {
  return (
    <Dialog title="Merge report" className="dialog-wide merge-dialog" onClose={onClose} testId="merge-report">
      <MergeReportView report={merged.report} backup={merged.backup} />
      <div className="dialog-actions">
        <button className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
