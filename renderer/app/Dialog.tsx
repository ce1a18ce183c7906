import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './dialog.css';

interface Props {
  /** Called once per close request: Esc, a click on the backdrop (unless `backdropCloses` is false). */
  onClose(): void;
  /** The dialog's heading, rendered as its `<h2>` and naming it (`aria-labelledby`). */
  title?: ReactNode;
  /** Names the dialog when it has no `title`: the id of a heading inside the children... */
  labelledBy?: string;
  /** ...or, failing that, a plain accessible name. */
  label?: string;
  /** False while the dialog must stay (an export or a restore running): Esc and the backdrop do nothing. */
  dismissable?: boolean;
  /** A click on the dimmed page behind closes the dialog (default true). */
  backdropCloses?: boolean;
  /** `alertdialog` for a question that needs an answer. */
  role?: 'dialog' | 'alertdialog';
  /** Extra classes of the dialog's box (e.g. `dialog-wide`). */
  className?: string;
  /** Where focus goes on close when the element that opened the dialog is gone and has no same-named twin. */
  returnFocus?: () => HTMLElement | null | undefined;
  /**
   * Start with focus on the dialog's box rather than its first control: for a sheet to read (the keyboard help),
   * where focusing a button at its end would scroll its start out of view. Arrow keys then scroll the box.
   */
  focusBox?: boolean;
  testId?: string;
  children: ReactNode;
}

/**
 * The one modal dialog of the workbench: a native `<dialog>` opened with showModal(), so the page behind is inert
 * (Tab cannot reach it, clicks do not land on it) and the dialog is modal to assistive technology (`aria-modal` is
 * implied by showModal, per the HTML-AAM mapping). On open, focus goes to the child marked `data-autofocus`, else to
 * the first control Tab reaches, else to the dialog itself. Esc (the `cancel`
 * event, or the Escape key) calls `onClose` once; the caller unmounts the dialog, and focus goes back to the element
 * that had it when the dialog opened — or, when that element was re-rendered away, to its twin (same id, test id or
 * accessible name and tag), else to `returnFocus()`.
 */
export function Dialog({ onClose, title, labelledBy, label, dismissable = true, backdropCloses = true, role = 'dialog', className = '', returnFocus, focusBox = false, testId, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read fresh in the event handlers, which are attached once.
  const live = useRef({ onClose, dismissable, returnFocus });
  live.current = { onClose, dismissable, returnFocus };
  /** Set once a close was asked for, so that Esc's keydown and the cancel event that may follow close only once. */
  const asked = useRef(false);
  /** Where a mouse press began: a drag from inside the box that ends on the backdrop is not a backdrop click. */
  const pressedOn = useRef<EventTarget | null>(null);

  const requestClose = () => {
    if (asked.current || !live.current.dismissable) return;
    asked.current = true;
    setTimeout(() => (asked.current = false));
    live.current.onClose();
  };

  useLayoutEffect(() => {
    const el = ref.current!;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const twin = opener ? twinSelector(opener) : null;
    if (!el.open) el.showModal();
    // Chrome's own choice may be a scrollable box (keyboard-focusable scrollers); the first control is meant.
    const box = el.firstElementChild as HTMLElement;
    (focusBox ? box : el.querySelector<HTMLElement>('[data-autofocus]') ?? tabbables(el)[0] ?? el).focus();
    const onCancel = (e: Event) => {
      // The dialog closes by being unmounted by its owner, never on its own.
      e.preventDefault();
      requestClose();
    };
    el.addEventListener('cancel', onCancel);
    return () => {
      el.removeEventListener('cancel', onCancel);
      if (el.open) el.close();
      const back = opener?.isConnected ? opener : (twin ? document.querySelector<HTMLElement>(twin) : null) ?? live.current.returnFocus?.();
      back?.focus();
    };
    // Opened once per mount: the owner mounts the dialog to open it and unmounts it to close it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const named = title ? { 'aria-labelledby': titleId } : labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': label };
  return (
    <dialog
      ref={ref}
      className="modal"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      {...named}
      tabIndex={-1}
      data-testid={testId}
      onKeyDown={(e) => {
        // Handled here as well as by `cancel`: Chrome lets a page refuse a second cancel without user activation.
        if (e.key === 'Escape') {
          e.preventDefault();
          requestClose();
        } else if (e.key === 'Tab') wrapTab(e.nativeEvent, ref.current!);
        // The workbench's shortcuts (label keys, L, A, X, Delete…) act on the page behind: not while a dialog is up.
        e.stopPropagation();
      }}
      onMouseDown={(e) => (pressedOn.current = e.target)}
      onClick={(e) => {
        // The box fills the <dialog>, so a click whose target is the <dialog> itself landed on its ::backdrop.
        if (backdropCloses && e.target === ref.current && pressedOn.current === ref.current) requestClose();
      }}
    >
      <div className={`dialog ${className}`} tabIndex={focusBox ? -1 : undefined}>
        {title ? <h2 id={titleId}>{title}</h2> : null}
        {children}
      </div>
    </dialog>
  );
}

/** A selector that finds the re-rendered copy of `el` (React may replace the opener while the dialog is open). */
function twinSelector(el: HTMLElement): string | null {
  const q = (s: string) => CSS.escape(s);
  if (el.id) return `#${q(el.id)}`;
  const testId = el.getAttribute('data-testid');
  if (testId) return `[data-testid="${q(testId)}"]`;
  const name = el.getAttribute('aria-label');
  if (name) return `${el.tagName.toLowerCase()}[aria-label="${q(name)}"]`;
  return null;
}

/** What Tab can reach inside `root`, in order: enabled, visible, not taken out of the tab order. */
function tabbables(root: HTMLElement): HTMLElement[] {
  const all = root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]');
  return [...all].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0 && !(el instanceof HTMLInputElement && el.type === 'hidden'),
  );
}

/**
 * Keeps Tab inside the dialog. A modal <dialog> makes the page inert, but past its last control the browser hands
 * focus to its own toolbar (or to nothing in a headless or kiosk window), so Tab wraps here, as WAI-ARIA's dialog
 * pattern asks. Radio groups count once per checked button, as the browser's own order does.
 */
function wrapTab(e: KeyboardEvent, root: HTMLElement) {
  const list = tabbables(root).filter((el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked && root.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`)));
  if (!list.length) return e.preventDefault();
  const at = list.indexOf(document.activeElement as HTMLElement);
  if (e.shiftKey && at <= 0) {
    e.preventDefault();
    list[list.length - 1].focus();
  } else if (!e.shiftKey && (at === -1 || at === list.length - 1)) {
    e.preventDefault();
    list[0].focus();
  }
}
