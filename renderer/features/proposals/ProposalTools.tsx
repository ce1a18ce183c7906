import './proposals.css';

interface Props {
  /** Open proposals in the document. */
  count: number;
  onNext(): void;
  onPreannotate(): void;
  /** Why pre-annotating is not possible (a read-only project), or null. */
  readOnly: string | null;
}

/**
 * The reader's part of pre-annotation (issue 14), beside "Mark done": how many proposals wait in this document (a
 * button that goes to the next one, as Shift+J does) and "Pre-annotate…", which opens the dialog on this document.
 */
export function ProposalTools({ count, onNext, onPreannotate, readOnly }: Props) {
  return (
    <span className="proptools">
      {count ? (
        <button className="proptools-count" onMouseDown={(e) => e.preventDefault()} onClick={onNext} title="Next proposal (Shift+J)" data-testid="proposal-count">
          {count} proposal{count === 1 ? '' : 's'} <kbd>⇧J</kbd>
        </button>
      ) : null}
      <button onClick={onPreannotate} disabled={!!readOnly} title={readOnly ?? 'Propose figures, speakers and claims in this document for you to accept or reject'}>
        Pre-annotate…
      </button>
    </span>
  );
}

/**
 * The document list's "Pre-annotate…" (issue 14): the ticked documents when some are ticked, else the whole
 * project. Disabled with the reason in a read-only project.
 */
export function PreannotateButton({ selected, disabled, readOnly, onOpen }: { selected: number; disabled: boolean; readOnly: string | null; onOpen(): void }) {
  return (
    <button
      className="pane-title-action"
      onClick={onOpen}
      disabled={disabled || !!readOnly}
      title={readOnly ?? (selected ? `Propose figures, speakers and claims in the ${selected} selected documents` : 'Propose figures, speakers and claims in every document')}
    >
      Pre-annotate…
    </button>
  );
}
