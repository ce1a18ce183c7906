import type { Label } from '../../common/model';

export type Shortcut =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'label'; label: Label; exact: boolean }
  | { type: 'delete' }
  | { type: 'escape' }
  | { type: 'find' }
  | { type: 'link' }
  | { type: 'accept' }
  | { type: 'dismiss' }
  | { type: 'move'; step: 1 | -1 };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * Maps a key press to a workbench command, or null to let it through. `typing` is true when focus is in a
 * text field: then only nothing is taken, so notes and attribute values can use every key (and their own undo).
 * Label keys match on `code` as well as `key` because Alt+1 types "¡" on a Mac keyboard.
 */
export function shortcutFor(e: KeyLike, labels: Label[], typing: boolean): Shortcut | null {
  if (typing) return null;
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && k === 'z') return e.shiftKey ? { type: 'redo' } : { type: 'undo' };
  if (mod && k === 'y') return { type: 'redo' };
  if (mod && k === 'f') return { type: 'find' };
  if (mod) return null;
  if (e.key === 'Delete' || e.key === 'Backspace') return { type: 'delete' };
  if (e.key === 'Escape') return { type: 'escape' };
  const fromCode = /^Digit(\d)$/.exec(e.code)?.[1] ?? /^Key([A-Z])$/.exec(e.code)?.[1]?.toLowerCase();
  const label = labels.find((l) => l.key && (l.key === k || l.key === fromCode));
  if (label) return { type: 'label', label, exact: e.altKey };
  // Linking keys come after label keys, so a project may give a label any of these letters.
  if (e.altKey || e.shiftKey) return null;
  if (k === 'l') return { type: 'link' };
  if (k === 'a') return { type: 'accept' };
  if (k === 'x') return { type: 'dismiss' };
  if (k === 'j') return { type: 'move', step: 1 };
  if (k === 'k') return { type: 'move', step: -1 };
  return null;
}
