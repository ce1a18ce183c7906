import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * The error toast (role "alert"), always where the person can see and dismiss it. A modal `<dialog>` (Dialog.tsx,
 * opened with showModal) sits in the browser's top layer, above any z-index, and makes the rest of the page inert:
 * a toast in the page would show under the import report and its × could not be clicked. So while a modal dialog
 * is open the toast is rendered inside it (the topmost one), else in the page.
 */
export function ErrorToast({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  const host = useTopModal();
  const toast: ReactNode = (
    <div className="toast" role="alert">
      <span>{message}</span>
      <button className="icon" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
  return host ? createPortal(toast, host) : toast;
}

/**
 * The modal dialog opened last that is still open, or null; follows dialogs opening and closing (their `open`
 * attribute) while the toast is up. Only `open` changes are watched, so typing in the reader costs nothing.
 */
function useTopModal(): HTMLDialogElement | null {
  const [top, setTop] = useState<HTMLDialogElement | null>(topModal);
  useEffect(() => {
    const update = () => setTop(topModal());
    update();
    const watch = new MutationObserver(update);
    watch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['open'] });
    return () => watch.disconnect();
  }, []);
  return top;
}

function topModal(): HTMLDialogElement | null {
  const open = [...document.querySelectorAll<HTMLDialogElement>('dialog[open]')].filter((d) => d.matches(':modal'));
  return open[open.length - 1] ?? null;
}
