import './status.css';

/**
 * The status line: `lasting`, a notice that holds while its condition does (the 'project.waiting' notice,
 * useWorkbench), and `status`, a transient message about a key that had nothing to act on ("Select text first").
 * Neither is an error: errors go to the toast (role "alert"), which this never replaces. The live region stays
 * mounted so screen readers announce each new message; `seq` makes a repeated message a new node, announced again.
 */
export function StatusMessage({ status, lasting = null }: { status: { text: string; seq: number } | null; lasting?: string | null }) {
  return (
    <div className="status-message-region" role="status" aria-live="polite" data-testid="status-message">
      {lasting ? (
        <span className="status-message lasting" data-testid="status-lasting">
          {lasting}
        </span>
      ) : null}
      {status ? (
        <span key={status.seq} className="status-message">
          {status.text}
        </span>
      ) : null}
    </div>
  );
}
