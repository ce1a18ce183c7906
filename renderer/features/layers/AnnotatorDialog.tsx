import { useState } from 'react';
import { Dialog } from '../../app/Dialog';
import { annotatorNameProblem, type Annotator, type CurrentAnnotator } from '../../../common/annotators';
import type { Attempt } from '../../state/attempt';
import './layers.css';

interface Props {
  /** True on first run (no name confirmed yet): the dialog asks for the analyst's name. */
  firstRun: boolean;
  current: CurrentAnnotator;
  annotators: Annotator[];
  /** Makes `name` the current annotator (created if new); resolves with the refusal to show inline. */
  onChoose(name: string): Promise<Attempt<unknown>>;
  onClose(): void;
}

/**
 * Who is annotating (issue 13). On first run it asks the analyst's name, prefilled with the current one (the OS
 * user's), and says what the name is for: exports carry it in every span and link, and colleagues' work merged
 * in keeps theirs. Later it switches to another annotator's layer or adds one. Reserved names (auto, gold, all)
 * are refused here with the contract's message, before anything is sent. Closing without choosing keeps the
 * current name and asks again next time.
 */
export function AnnotatorDialog({ firstRun, current, annotators, onChoose, onClose }: Props) {
  const [name, setName] = useState(current.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = annotators.filter((a) => !a.reserved && a.id !== current.id);

  const choose = async (n: string) => {
    const problem = annotatorNameProblem(n);
    if (problem) return setError(`${problem[0].toUpperCase()}${problem.slice(1)}.`);
    setBusy(true);
    const r = await onChoose(n);
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error);
  };

  return (
    <Dialog title={firstRun ? 'Your name as an annotator' : 'Annotating as'} onClose={onClose} backdropCloses={false} className="annotator-dialog" testId="annotator-dialog">
      <p className="annotator-why">
        {firstRun ? 'Every span and link you make is recorded under this name. ' : ''}
        Exports carry it in every span and link (as <code>annotator</code>), and colleagues' work merges in under their own names, each in a layer of its own.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void choose(name);
        }}
      >
        <label className="field">
          <span>{firstRun ? 'Your name' : 'Name (an existing annotator, or a new one)'}</span>
          <input
            data-autofocus
            value={name}
            maxLength={80}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'annotator-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        </label>
        {error ? (
          <p id="annotator-error" className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        {!firstRun && others.length ? (
          <div className="annotator-others" role="group" aria-label="Switch to">
            <span className="muted">Switch to</span>
            {others.map((a) => (
              <button type="button" key={a.id} disabled={busy} onClick={() => void choose(a.name)} title={`${a.spans} spans, ${a.links} links in ${a.documents} documents`}>
                {a.name}
              </button>
            ))}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {firstRun ? 'Later' : 'Cancel'}
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {firstRun ? 'Start annotating' : 'Annotate as this name'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
