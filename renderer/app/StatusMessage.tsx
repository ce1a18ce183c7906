import './status.css';

/**
 * A transient message about a key that had nothing to act on ("Select text first"). The live region stays mounted
 * so screen readers announce each new message; `seq` makes a repeated message a new node, announced again.
 */
export function StatusMessage({ status }: { status: { text: string; seq: number } | null }) {
  return (
    <div className="status-message-region" role="status" aria-live="polite" data-testid="status-message">
      {status ? (
        <span key={status.seq} className="status-message">
          {status.text}
        </span>
      ) : null}
    </div>
  );
}
