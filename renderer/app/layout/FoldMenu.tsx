import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * Top-bar actions that stand inline on a wide window and fold into a "Menu" button's drop-down below a width.
 * Which of the two happens is CSS alone (styles.css, "Responsive layout"): the items are rendered once, in one
 * place, so a control keeps its state (an open popover, a hidden file input) when the window is resized, and no
 * control exists twice. This component only keeps the drop-down's open state and its keyboard behaviour: the
 * button says aria-haspopup/aria-expanded, opening focuses the first item, Arrow keys move between items,
 * Escape or a click outside closes it and gives focus back to the button, and choosing an item closes it
 * (except an item that opens a popup of its own, like Import options, which stays inside the menu).
 */
export function FoldMenu({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<HTMLDivElement>(null);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    visibleItems(items.current)[0]?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Inline again (the window grew): there is no drop-down to close.
      if (!button.current?.getClientRects().length) return setOpen(false);
      // A popup inside the menu (Import options) closes first, on its own Escape.
      if (items.current?.querySelector('[role="dialog"]')) return;
      e.stopPropagation();
      close(true);
    };
    const click = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) close(false);
    };
    // Capture: the workbench's own Escape (clear the search, drop the selection) must not run as well.
    document.addEventListener('keydown', key, true);
    document.addEventListener('mousedown', click);
    return () => {
      document.removeEventListener('keydown', key, true);
      document.removeEventListener('mousedown', click);
    };
  }, [open, close]);

  return (
    <div className="fold" ref={root} data-open={open || undefined}>
      <button
        ref={button}
        className="fold-button"
        aria-label={label}
        title={label}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        ⋯
      </button>
      <div
        id={id}
        ref={items}
        className="fold-items"
        role="group"
        aria-label="More actions"
        onClick={(e) => {
          const chosen = (e.target as Element).closest('button');
          if (open && chosen && !chosen.hasAttribute('aria-haspopup')) close(true);
        }}
        onKeyDown={(e) => {
          if (!open || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
          const all = visibleItems(items.current);
          const at = all.indexOf(document.activeElement as HTMLElement);
          const next = all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length];
          if (next) {
            e.preventDefault();
            next.focus();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

/** The enabled buttons of the drop-down that are shown (CSS hides some at some widths). */
function visibleItems(box: HTMLElement | null): HTMLElement[] {
  if (!box) return [];
  return [...box.querySelectorAll<HTMLElement>(':scope button:not([disabled])')].filter((b) => b.getClientRects().length > 0 && !b.closest('[role="dialog"]'));
}
