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
  | { type: 'move'; step: 1 | -1 }
  | { type: 'help' }
  | { type: 'document'; step: 1 | -1 }
  | { type: 'annotation'; step: 1 | -1 }
  | { type: 'doneNext' }
  /** Pre-annotation (issue 14): decide the current proposal, or every proposal of its label in the document. */
  | { type: 'proposal'; act: 'accept' | 'reject' | 'acceptAll' }
  | { type: 'proposalMove'; step: 1 | -1 };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The sections of the keyboard help sheet, in the order it shows them. */
export const keyGroups = ['Tagging', 'Navigation', 'Linking and suggestions', 'Proposals', 'Editing', 'Help'] as const;
export type KeyGroup = (typeof keyGroups)[number];

/** One fixed key binding: what the help sheet shows and what shortcutFor matches, from the same entry. */
export interface KeyBinding {
  group: KeyGroup;
  /** The keys as the help sheet shows them, each one a way to press it (e.g. ["Ctrl+Shift+Z", "Ctrl+Y"]). */
  keys: string[];
  does: string;
  shortcut: Exclude<Shortcut, { type: 'label' }>;
  /**
   * `first`: matched before the project's label keys (modified keys, named keys, punctuation no label key is
   * expected to use); `last`: plain letters, matched after the label keys so that a project may give a label any
   * of these letters (the label wins, and the help sheet says so).
   */
  phase: 'first' | 'last';
  matches(e: KeyLike): boolean;
}

/** Why the navigation keys are what they are, as the help sheet says it (the reasoning is at keyBindings). */
export const navigationWhy =
  'brat moves between documents with ← →, INCEpTION with Shift+Page Up/Down; here the arrow keys move the reader’s caret and Page Up/Down scroll, so documents are [ ] and annotations , . (the keys under < >).';

/** Why the proposal keys are what they are, as the help sheet says it under "Proposals". */
export const proposalsWhy =
  'A, X, J and K belong to suggestions and digits to labels, so proposals take the same letters with Shift. Proposals are the dashed boxes; accepting copies one into your layer, and Ctrl+Z takes it back.';

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;
/** A plain key: no Ctrl/Cmd, no Alt, no Shift. */
const plain = (e: KeyLike) => !mod(e) && !e.altKey && !e.shiftKey;
const letter = (e: KeyLike, k: string) => plain(e) && e.key.toLowerCase() === k;
/**
 * Punctuation keys are matched on the character typed, so they work on every layout; AltGr (reported as Ctrl+Alt
 * on Windows) is how German or French keyboards type [ and ], so it does not count as a modifier here.
 */
const punct = (e: KeyLike, k: string) => e.key === k && !e.metaKey && (!e.ctrlKey || e.altKey);
/** Shift and a letter, nothing else: the proposal keys (any case: with Caps Lock on, Shift+A types "a"). */
const shifted = (e: KeyLike, k: string) => !mod(e) && !e.altKey && e.shiftKey && e.key.toLowerCase() === k;

/**
 * Every fixed shortcut of the workbench. Choices, against the tools analysts know: brat moves between documents
 * with ← and →, INCEpTION with Shift+Page Up/Down; here the arrow keys belong to the reader's caret (Shift+Arrow
 * extends a selection) and Page Up/Down scroll, so documents are [ and ] and annotations , and . (the keys under
 * < and >), unshifted keys on US/UK layouts that no label key uses by default and that typing in a field never
 * triggers (shortcuts are off in text fields). "Mark done and go to the next" is Ctrl+Enter, the "submit" chord.
 */
export const keyBindings: KeyBinding[] = [
  { group: 'Editing', keys: ['Ctrl+Z'], does: 'Undo', shortcut: { type: 'undo' }, phase: 'first', matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z' },
  { group: 'Editing', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo', shortcut: { type: 'redo' }, phase: 'first', matches: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y') },
  { group: 'Navigation', keys: ['Ctrl+F'], does: 'Search the corpus', shortcut: { type: 'find' }, phase: 'first', matches: (e) => mod(e) && e.key.toLowerCase() === 'f' },
  { group: 'Navigation', keys: ['Ctrl+Enter'], does: 'Mark the document done and open the next one not done', shortcut: { type: 'doneNext' }, phase: 'first', matches: (e) => mod(e) && !e.altKey && e.key === 'Enter' },
  { group: 'Navigation', keys: [']'], does: 'Next document in the list', shortcut: { type: 'document', step: 1 }, phase: 'first', matches: (e) => punct(e, ']') },
  { group: 'Navigation', keys: ['['], does: 'Previous document in the list', shortcut: { type: 'document', step: -1 }, phase: 'first', matches: (e) => punct(e, '[') },
  { group: 'Navigation', keys: ['.'], does: 'Next annotation in the document', shortcut: { type: 'annotation', step: 1 }, phase: 'first', matches: (e) => punct(e, '.') },
  { group: 'Navigation', keys: [','], does: 'Previous annotation in the document', shortcut: { type: 'annotation', step: -1 }, phase: 'first', matches: (e) => punct(e, ',') },
  { group: 'Editing', keys: ['Delete', 'Backspace'], does: 'Delete the selected annotation (asks first when it has links)', shortcut: { type: 'delete' }, phase: 'first', matches: (e) => !mod(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { group: 'Help', keys: ['Esc'], does: 'Close a dialog; else clear the search; else put the current proposal away; else deselect', shortcut: { type: 'escape' }, phase: 'first', matches: (e) => !mod(e) && e.key === 'Escape' },
  { group: 'Help', keys: ['?'], does: 'This list of keys', shortcut: { type: 'help' }, phase: 'first', matches: (e) => !mod(e) && e.key === '?' },
  { group: 'Linking and suggestions', keys: ['L'], does: 'Link the selected annotation: opens the finder', shortcut: { type: 'link' }, phase: 'last', matches: (e) => letter(e, 'l') },
  { group: 'Linking and suggestions', keys: ['A'], does: 'Accept the current suggestion', shortcut: { type: 'accept' }, phase: 'last', matches: (e) => letter(e, 'a') },
  { group: 'Linking and suggestions', keys: ['X'], does: 'Dismiss the current suggestion', shortcut: { type: 'dismiss' }, phase: 'last', matches: (e) => letter(e, 'x') },
  { group: 'Linking and suggestions', keys: ['J'], does: 'Next suggestion', shortcut: { type: 'move', step: 1 }, phase: 'last', matches: (e) => letter(e, 'j') },
  { group: 'Linking and suggestions', keys: ['K'], does: 'Previous suggestion', shortcut: { type: 'move', step: -1 }, phase: 'last', matches: (e) => letter(e, 'k') },
  // Pre-annotation (issue 14): A/X/J/K belong to suggestions and digits to labels, so proposals take the same letters
  // with Shift, matched first so that a label given one of these letters keeps its plain key.
  { group: 'Proposals', keys: ['Shift+A'], does: 'Accept the current proposal (under the caret or chosen) into your layer', shortcut: { type: 'proposal', act: 'accept' }, phase: 'first', matches: (e) => shifted(e, 'a') },
  { group: 'Proposals', keys: ['Shift+X'], does: 'Reject the current proposal (it is not proposed to you again)', shortcut: { type: 'proposal', act: 'reject' }, phase: 'first', matches: (e) => shifted(e, 'x') },
  { group: 'Proposals', keys: ['Shift+E'], does: "Accept every proposal of the current one's label in this document", shortcut: { type: 'proposal', act: 'acceptAll' }, phase: 'first', matches: (e) => shifted(e, 'e') },
  { group: 'Proposals', keys: ['Shift+J'], does: 'Next proposal', shortcut: { type: 'proposalMove', step: 1 }, phase: 'first', matches: (e) => shifted(e, 'j') },
  { group: 'Proposals', keys: ['Shift+K'], does: 'Previous proposal', shortcut: { type: 'proposalMove', step: -1 }, phase: 'first', matches: (e) => shifted(e, 'k') },
];

/**
 * The curation view's own keys (renderer/features/curation/useCurationKeys.ts), active only while it is shown,
 * where they take precedence over the keys above (a digit there picks a layer, never a label).
 */
export const curationKeys: { keys: string[]; does: string }[] = [
  { keys: ['↑', '↓'], does: 'Previous / next item' },
  { keys: ['1', '2', '…'], does: "Accept that layer's version of the item into gold (1 = first compared layer)" },
  { keys: ['B'], does: 'Accept both (every version) into gold' },
  { keys: ['N'], does: 'Accept neither: gold keeps none of it' },
];

/**
 * Maps a key press to a workbench command, or null to let it through. `typing` is true when focus is in a
 * text field: then nothing is taken, so notes and attribute values can use every key (and their own undo).
 * Order: the `first` bindings of `keyBindings`, then (without Ctrl/Cmd) the project's label keys, then the `last`
 * bindings. Label keys match on `code` as well as `key` because Alt+1 types "¡" on a Mac keyboard.
 */
export function shortcutFor(e: KeyLike, labels: Label[], typing: boolean): Shortcut | null {
  if (typing) return null;
  const first = keyBindings.find((b) => b.phase === 'first' && b.matches(e));
  if (first) return first.shortcut;
  if (mod(e)) return null;
  const label = labelFor(e, labels);
  if (label) return { type: 'label', label, exact: e.altKey };
  return keyBindings.find((b) => b.phase === 'last' && b.matches(e))?.shortcut ?? null;
}

/** The label whose key was pressed (by the character, or by the physical digit/letter key), if any. */
function labelFor(e: KeyLike, labels: Label[]): Label | undefined {
  const k = e.key.toLowerCase();
  const fromCode = /^Digit(\d)$/.exec(e.code)?.[1] ?? /^Key([A-Z])$/.exec(e.code)?.[1]?.toLowerCase();
  return labels.find((l) => l.key && (l.key === k || l.key === fromCode));
}

/** The fixed bindings a label key hides in this project (a label given the key "l" takes L from the finder). */
export function shadowedBy(labels: Label[]): Map<KeyBinding, Label> {
  const hidden = new Map<KeyBinding, Label>();
  for (const b of keyBindings) {
    if (b.phase !== 'last') continue;
    const label = labels.find((l) => l.key && b.keys.some((k) => k.toLowerCase() === l.key));
    if (label) hidden.set(b, label);
  }
  return hidden;
}
