import { useEffect, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotation } from '../../../common/model';
import type { PropagateCount, PropagateResult } from '../../../common/proposals';
import type { Attempt } from '../../state/attempt';
import { messageOf } from '../../state/attempt';
import { Dialog } from '../../app/Dialog';
import { ErrorNote } from './ErrorNote';
import { propagateDone, propagateQuestion } from './summary';
import './proposals.css';

interface Props {
  /** Read calls only: the count. Proposing is the workbench's command. */
  reads: ReadBackend;
  annotation: Annotation;
  labelName: string;
  onPropagate(annotationId: number): Promise<Attempt<PropagateResult>>;
  onClose(): void;
}

/**
 * "Tag every occurrence…" (issue 14): counts first (`proposals.propagateCount`: the same string, case and spaces
 * folded, whole words, across the corpus), asks, and only then proposes them; they appear dashed where they are,
 * to be accepted or rejected like any proposal.
 */
export function PropagateDialog({ reads, annotation, labelName, onPropagate, onClose }: Props) {
  const [count, setCount] = useState<PropagateCount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PropagateResult | null>(null);

  useEffect(() => {
    let live = true;
    reads.call('proposals.propagateCount', { annotationId: annotation.id }).then(
      (c) => live && setCount(c),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [reads, annotation.id]);

  const asked = count ? propagateQuestion(count) : null;
  async function propose() {
    setBusy(true);
    const r = await onPropagate(annotation.id);
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  }

  return (
    <Dialog title={`Tag every occurrence as ${labelName}`} onClose={onClose} dismissable={!busy} testId="propagate-dialog">
      {!count && !error ? <p className="muted">Counting…</p> : null}
      {asked && !done ? (
        <p data-testid="propagate-count">
          {asked.facts} {asked.question}
        </p>
      ) : null}
      {done ? (
        <p role="status" data-testid="propagate-done">
          {propagateDone(done)} {done.proposals === 1 ? 'It shows' : 'They show'} dashed: Shift+A accepts, Shift+X rejects.
        </p>
      ) : null}
      <ErrorNote error={error} />
      <div className="dialog-actions">
        {/* One button stays first throughout (Cancel, then Close), so focus is never left on a button that went. */}
        <button onClick={onClose} disabled={busy}>
          {asked?.question && !done ? 'Cancel' : 'Close'}
        </button>
        {asked?.question && !done ? (
          <button className="primary" onClick={() => void propose()} disabled={busy}>
            {busy ? 'Proposing…' : 'Propose'}
          </button>
        ) : null}
      </div>
    </Dialog>
  );
}
