import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Label } from '../../../common/model';
import { PROPOSAL_LABELS, type PreannotateReport, type ProposalLabel } from '../../../common/proposals';
import type { PreannotateJob, PreannotateRequest } from '../../app/commands/proposals';
import { Dialog } from '../../app/Dialog';
import { ErrorNote } from './ErrorNote';
import { preannotateSummary } from './summary';
import './proposals.css';

/** Which documents to pre-annotate: the one open, those ticked in the list, or all of them. */
export type PreannotateScope = 'open' | 'selected' | 'all';

interface Props {
  /** Read calls only: the progress events. The run itself is the workbench's command. */
  reads: ReadBackend;
  labels: Label[];
  /** The open document, if any. */
  open: { id: number; title: string } | null;
  /** Documents ticked in the document list. */
  selected: number[];
  /** Where the dialog was opened from decides what it offers first. */
  initialScope: PreannotateScope;
  onStart(request: PreannotateRequest): PreannotateJob;
  onCancel(jobId: string): void;
  onClose(): void;
}

/**
 * "Pre-annotate…" (issue 14): labels to propose and documents to look at, then a progress bar with Cancel, then
 * what was proposed. Figures, speakers and claims the project has no label for cannot be ticked.
 */
export function PreannotateDialog({ reads, labels, open, selected, initialScope, onStart, onCancel, onClose }: Props) {
  const has = (l: string) => labels.some((x) => x.name === l);
  const [chosen, setChosen] = useState<ProposalLabel[]>(PROPOSAL_LABELS.filter(has));
  const [scope, setScope] = useState<PreannotateScope>(
    initialScope === 'selected' && selected.length ? 'selected' : initialScope === 'open' && open ? 'open' : 'all',
  );
  const [job, setJob] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [report, setReport] = useState<PreannotateReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  // The scope the run was started with (the radio may not change after, but say what was run).
  const [ranOn, setRanOn] = useState<PreannotateScope | null>(null);
  const running = !!job && !report && !error;

  useEffect(() => {
    if (!job) return;
    return reads.on('preannotate.progress', (p) => {
      if (p.jobId === job.jobId) setJob((j) => (j && j.jobId === p.jobId ? { ...j, done: p.done, total: p.total } : j));
    });
  }, [reads, job?.jobId]);

  function start() {
    setReport(null);
    setError(null);
    setRanOn(scope);
    const docs: PreannotateRequest['docs'] =
      scope === 'open' && open ? { kind: 'ids', ids: [open.id] } : scope === 'selected' ? { kind: 'ids', ids: selected } : { kind: 'all' };
    const started = onStart({ labels: chosen.length === PROPOSAL_LABELS.length ? undefined : chosen, docs });
    setJob({ jobId: started.jobId, done: 0, total: scope === 'open' ? 1 : scope === 'selected' ? selected.length : 0 });
    void started.result.then((r) => (r.ok ? setReport(r.value) : setError(r.error)));
  }

  return (
    <Dialog title="Pre-annotate" className="preannotate" onClose={onClose} dismissable={!running} testId="preannotate-dialog">
      {!job ? (
        <>
          <p className="muted">Proposals appear as dashed boxes; you accept or reject each one (Shift+A, Shift+X). Nothing leaves this computer.</p>
          <fieldset>
            <legend>Propose</legend>
            {PROPOSAL_LABELS.map((l) => {
              const label = labels.find((x) => x.name === l);
              return (
                <label key={l} className="preannotate-check" style={{ ['--c' as string]: label?.color ?? '#888888' }}>
                  <input
                    type="checkbox"
                    checked={chosen.includes(l)}
                    disabled={!label}
                    onChange={(e) => setChosen(e.target.checked ? PROPOSAL_LABELS.filter((x) => x === l || chosen.includes(x)) : chosen.filter((x) => x !== l))}
                  />
                  <span className="swatch" /> {l}s{label ? null : <span className="muted"> (the project has no label “{l}”)</span>}
                </label>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>Documents</legend>
            {open ? (
              <label className="preannotate-check">
                <input type="radio" name="preannotate-scope" checked={scope === 'open'} onChange={() => setScope('open')} /> This document: {open.title}
              </label>
            ) : null}
            {selected.length ? (
              <label className="preannotate-check">
                <input type="radio" name="preannotate-scope" checked={scope === 'selected'} onChange={() => setScope('selected')} /> The {selected.length} selected in the list
              </label>
            ) : null}
            <label className="preannotate-check">
              <input type="radio" name="preannotate-scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Every document in the project
            </label>
          </fieldset>
          <p className="muted">Nothing you already tagged, accepted or rejected is proposed again.</p>
        </>
      ) : (
        <>
          {running ? (
            <div
              className="preannotate-progress"
              role="progressbar"
              aria-label="Pre-annotation progress"
              aria-valuemin={0}
              aria-valuemax={Math.max(1, job.total)}
              aria-valuenow={job.done}
            >
              <div className="progress-bar" style={{ width: `${(100 * job.done) / Math.max(1, job.total)}%` }} />
              <span>{job.total ? `Pre-annotating ${job.done} of ${job.total} documents` : 'Pre-annotating…'}</span>
            </div>
          ) : null}
          {report ? (
            <div role="status">
              <p className="preannotate-summary" data-testid="preannotate-summary">
                {preannotateSummary(report)}
              </p>
              {report.notes.map((n) => (
                <p key={n} className="muted">
                  {n}
                </p>
              ))}
              {Object.values(report.proposals).some((n) => n > 0) ? (
                <p className="muted">
                  {ranOn === 'open' ? 'They are in the reader: Shift+J goes to the next proposal.' : 'Open a document to review them: Shift+J goes to the next proposal.'}
                </p>
              ) : null}
            </div>
          ) : null}
          <ErrorNote error={error} />
        </>
      )}
      <div className="dialog-actions">
        {running ? (
          <button onClick={() => (setStopping(true), onCancel(job.jobId))} disabled={stopping}>
            {stopping ? 'Stopping…' : 'Cancel'}
          </button>
        ) : job ? (
          <button onClick={onClose}>Close</button>
        ) : (
          <>
            <button onClick={onClose}>Cancel</button>
            <button className="primary" onClick={start} disabled={!chosen.length}>
              Pre-annotate
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
