/** A yes/no question that blocks nothing but the answer: Enter confirms, Escape cancels. */
export function ConfirmDialog({ message, yes, onAnswer }: { message: string; yes: string; onAnswer(yes: boolean): void }) {
  return (
    <div className="dialog-backdrop" onClick={() => onAnswer(false)}>
      <div
        className="dialog"
        role="alertdialog"
        aria-label="Confirm"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onAnswer(false);
          e.stopPropagation();
        }}
      >
        <p>{message}</p>
        <div className="dialog-actions">
          <button onClick={() => onAnswer(false)}>Cancel</button>
          <button className="danger" autoFocus onClick={() => onAnswer(true)}>
            {yes}
          </button>
        </div>
      </div>
    </div>
  );
}
