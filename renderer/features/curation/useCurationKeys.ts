import { useEffect, useRef } from 'react';

/** The keys of the curation view, as the help sheet lists them (renderer/app/shortcuts.ts curationKeys). */
export interface CurationKeyActions {
  move(step: 1 | -1): void;
  /** Accept the version of the n-th compared layer (0-based). */
  choose(layer: number): void;
  both(): void;
  neither(): void;
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && !!t.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]');

/**
 * The curation view's own keys, active only while it is shown: ↑/↓ move between items, 1…9 accept that layer's
 * version, B both, N neither. Caught before the workbench's shortcuts (capture phase) so a digit never reaches
 * the reader's label keys; other keys (Ctrl+Z, ?) pass on. Nothing is taken while typing or in a dialog.
 */
export function useCurationKeys(actions: CurationKeyActions) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const a = ref.current;
      const k = e.key.toLowerCase();
      if (e.key === 'ArrowDown') a.move(1);
      else if (e.key === 'ArrowUp') a.move(-1);
      else if (/^[1-9]$/.test(e.key)) a.choose(Number(e.key) - 1);
      else if (k === 'b' && !e.shiftKey) a.both();
      else if (k === 'n' && !e.shiftKey) a.neither();
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
