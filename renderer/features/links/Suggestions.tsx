import { usePointerMoved } from './pointerMoved';
import { forwardRef, useEffect, useImperativeHandle, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { Annotation, Suggestion } from '../../../common/model';
import { Context, docLine } from './Context';
import './links.css';

export interface SuggestionsHandle {
  accept(): void;
  dismiss(): void;
  move(step: 1 | -1): void;
}

/** How long a span must stay selected before its suggestions are looked up. */
const SUGGEST_AFTER_MS = 250;

interface Props {
  /** Read calls only: every change goes through the callbacks (the workbench's commands). */
  reads: ReadBackend;
  annotation: Annotation;
  seq: number;
  onAccept(s: Suggestion): void;
  onDismiss(s: Suggestion): void;
}

/**
 * Likely matches in other documents, best first. A accepts the highlighted one (tagging it first when it is an
 * untagged passage), X dismisses it for good, J/K move.
 */
export const Suggestions = forwardRef<SuggestionsHandle, Props>(function Suggestions({ reads, annotation, seq, onAccept, onDismiss }, ref) {
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [at, setAt] = useState(0);
  const moved = usePointerMoved();

  useEffect(() => {
    let live = true;
    setItems(null);
    // Asked once the selection has rested: an analyst tagging span after span has moved on before the
    // suggestions for each would be read, and the search behind them would only delay the next write.
    const timer = setTimeout(() => {
      reads
        .call('suggest.forAnnotation', { id: annotation.id, limit: 8 })
        .then((s) => live && (setItems(s), setAt(0)))
        .catch(() => live && setItems([]));
    }, SUGGEST_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [reads, annotation.id, seq]);

  useImperativeHandle(ref, () => ({
    accept: () => items?.[at] && onAccept(items[at]),
    dismiss: () => items?.[at] && onDismiss(items[at]),
    move: (step) => setAt((i) => Math.max(0, Math.min((items?.length ?? 1) - 1, i + step))),
  }));

  return (
    <section className="suggestions" aria-label="Suggestions">
      <div className="links-head">
        <h2>Suggestions</h2>
        <span className="muted hint">
          <kbd>A</kbd> accept · <kbd>X</kbd> dismiss · <kbd>J</kbd>/<kbd>K</kbd> move
        </span>
      </div>
      {items === null ? <p className="muted pad">Looking across the corpus…</p> : null}
      {items?.length === 0 ? <p className="muted pad">No likely matches in other documents.</p> : null}
      <ol className="sugg-list">
        {items?.map((s, i) => {
          const ctx = s.kind === 'annotation' ? s.target : s.passage;
          return (
            <li key={s.key} className={`sugg ${i === at ? 'sugg-on' : ''}`} onMouseMove={(e) => moved(e) && setAt(i)}>
              <div className="sugg-top">
                <span className="sugg-scorebox" title="How likely a match, from 0 to 1 (BM25, agreeing figures, name spellings)">
                  <span className="sugg-score" aria-hidden>
                    <span style={{ width: `${Math.round(s.score * 100)}%` }} />
                  </span>
                  <span className="sugg-score-n" data-testid="sugg-score">score {s.score.toFixed(2)}</span>
                </span>
                <span className={`finder-kind ${s.kind === 'passage' ? 'finder-kind-passage' : ''}`}>{s.kind === 'passage' ? 'untagged' : s.target.label}</span>
                <span className="sugg-doc muted">{docLine(ctx)}</span>
              </div>
              <div className="sugg-ctx">
                <Context text={ctx.context} start={ctx.contextStart} end={ctx.contextEnd} />
              </div>
              <div className="sugg-bottom">
                <span className="sugg-reasons muted">{s.reasons.join(' · ')}</span>
                <button className="sugg-accept" onClick={() => onAccept(s)} aria-label={`Accept suggestion ${i + 1}`}>
                  ✓ Link
                </button>
                <button className="icon" onClick={() => onDismiss(s)} aria-label={`Dismiss suggestion ${i + 1}`}>
                  ✕
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
});
