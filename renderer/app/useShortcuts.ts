import { useEffect, useRef } from 'react';
import type { Label } from '../../common/model';
import { shortcutFor } from './shortcuts';

interface Handlers {
  labels: Label[];
  onLabel(label: Label, exact: boolean): void;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  onEscape(): void;
  onFind(): void;
  onLink(): void;
  onAccept(): void;
  onDismiss(): void;
  onMove(step: 1 | -1): void;
}

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && !!t.closest('input, textarea, select, [contenteditable="true"]');

/** One window-level key handler for the workbench; handlers are read fresh on each key press. */
export function useShortcuts(h: Handlers) {
  const ref = useRef(h);
  ref.current = h;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = shortcutFor(e, ref.current.labels, isTyping(e.target));
      if (!s) return;
      e.preventDefault();
      const c = ref.current;
      if (s.type === 'label') c.onLabel(s.label, s.exact);
      else if (s.type === 'undo') c.onUndo();
      else if (s.type === 'redo') c.onRedo();
      else if (s.type === 'delete') c.onDelete();
      else if (s.type === 'escape') c.onEscape();
      else if (s.type === 'find') c.onFind();
      else if (s.type === 'link') c.onLink();
      else if (s.type === 'accept') c.onAccept();
      else if (s.type === 'dismiss') c.onDismiss();
      else if (s.type === 'move') c.onMove(s.step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
