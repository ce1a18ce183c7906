import { Dialog } from './Dialog';

/** A yes/no question that blocks nothing but the answer: Enter confirms (focus starts on the yes button), Esc cancels. */
export function ConfirmDialog({ message, yes, onAnswer }: { message: string; yes: string; onAnswer(yes: boolean): void }) {
  return (
    <Dialog role="alertdialog" label="Confirm" onClose={() => onAnswer(false)} testId="confirm">
      <p>{message}</p>
      <div className="dialog-actions">
        <button onClick={() => onAnswer(false)}>Cancel</button>
        <button className="danger" data-autofocus onClick={() => onAnswer(true)}>
          {yes}
        </button>
      </div>
    </Dialog>
  );
}
