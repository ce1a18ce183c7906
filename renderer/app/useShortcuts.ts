import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation, Id, Label } from '../../common/model';
import { shortcutFor } from './shortcuts';
import { neighbourAnnotation, neighbourDoc, stepOrigin, type PendingStep } from './keyNavigation';

/** What the navigation keys move through and how they move: the workbench's state and commands. */
export interface KeyNavigation {
  /** The document list's ids as shown (its sort and filters). */
  docIds: Id[];
  openId: Id | null;
  /** The open document's annotations in reading order. */
  annotations: Annotation[];
  selectedId: Id | null;
  hiddenLabels: Id[];
  openDoc(id: Id): void;
  select(id: Id): void;
  setDone(id: Id, done: boolean): Promise<void>;
  /** The next document not done after `id` in the list, then from the top; null when none (commands.nextUndone). */
  nextUndone(id: Id): Promise<{ id: Id; title: string } | null>;
}

interface Handlers {
  labels: Label[];
  onLabel(label: Label, exact: boolean): void;
  /** Whether a label key has something to act on: selected text, or a selected annotation to relabel. */
  canLabel(): boolean;
  onUndo(): void;
  onRedo(): void;
  onDelete(): void;
  onEscape(): void;
  onFind(): void;
  onLink(): void;
  onAccept(): void;
  onDismiss(): void;
  onMove(step: 1 | -1): void;
  /** Pre-annotation (issue 14): Shift+A / Shift+X / Shift+E on the current proposal, Shift+J / Shift+K between them. */
  onProposal?(act: 'accept' | 'reject' | 'acceptAll'): void;
  onProposalMove?(step: 1 | -1): void;
  nav: KeyNavigation;
}

/** How long a status message ("Select text first") stays, in milliseconds, unless a key or a click comes first. */
const STATUS_MS = 3500;
/** Keys that are not an action by themselves (held for a shortcut): they leave the status message up. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && !!t.closest('input, textarea, select, [contenteditable="true"]');

/**
 * One window-level key handler for the workbench; handlers are read fresh on each key press. Keys inside a modal
 * dialog are the dialog's (Dialog stops them), and none act while one is open. Returns the help sheet's state,
 * the transient status message (shown by StatusMessage) and `label`, the label action that says "Select text
 * first" when there is nothing to tag (for the label buttons too).
 */
export function useShortcuts(h: Handlers) {
  const ref = useRef(h);
  ref.current = h;
  // The document a ] or [ is still opening (keyNavigation.ts stepOrigin): a held key moves one document per press.
  const pendingStep = useRef<PendingStep | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [status, setStatus] = useState<{ text: string; seq: number } | null>(null);
  // Counted apart from the message, so that a message after a cleared one is still a new node (announced again).
  const said = useRef(0);
  const say = useCallback((text: string) => setStatus({ text, seq: ++said.current }), []);
  useEffect(() => {
    if (!status) return;
    const clear = () => setStatus(null);
    const t = setTimeout(clear, STATUS_MS);
    // The message was about the key before: the next key or click takes it away (a tester found "This is the first
    // document in the list" still up after moving on). Captured, so a key that has something new to say says it after.
    const onKey = (e: KeyboardEvent) => !MODIFIERS.has(e.key) && clear();
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', clear, true);
    return () => {
      clearTimeout(t);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', clear, true);
    };
  }, [status]);

  const label = useCallback(
    (l: Label, exact: boolean) => {
      if (ref.current.canLabel()) ref.current.onLabel(l, exact);
      else say(`Select text first, then press ${l.key ? l.key : 'the label'} to tag it as ${l.name}`);
    },
    [say],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const s = shortcutFor(e, ref.current.labels, isTyping(e.target));
      if (!s) return;
      e.preventDefault();
      const c = ref.current;
      const n = c.nav;
      if (s.type === 'label') label(s.label, s.exact);
      else if (s.type === 'undo') c.onUndo();
      else if (s.type === 'redo') c.onRedo();
      else if (s.type === 'delete') c.onDelete();
      else if (s.type === 'escape') c.onEscape();
      else if (s.type === 'find') c.onFind();
      else if (s.type === 'link') c.onLink();
      else if (s.type === 'accept') c.onAccept();
      else if (s.type === 'dismiss') c.onDismiss();
      else if (s.type === 'move') c.onMove(s.step);
      else if (s.type === 'proposal') c.onProposal?.(s.act);
      else if (s.type === 'proposalMove') c.onProposalMove?.(s.step);
      else if (s.type === 'help') setHelpOpen(true);
      else if (s.type === 'document') {
        const d = neighbourDoc(n.docIds, stepOrigin(pendingStep.current, n.openId), s.step);
        if (d !== null) {
          pendingStep.current = { from: n.openId, to: d };
          n.openDoc(d);
        }
        else say(n.docIds.length ? (s.step === 1 ? 'This is the last document in the list' : 'This is the first document in the list') : 'No documents yet');
      } else if (s.type === 'annotation') {
        const a = n.openId === null ? null : neighbourAnnotation(n.annotations, n.selectedId, s.step, n.hiddenLabels);
        if (a) n.select(a.id);
        else say(n.openId === null ? 'Open a document first' : n.annotations.length ? 'No more annotations this way' : 'No annotations in this document');
      } else if (s.type === 'doneNext') {
        const id = n.openId;
        if (id === null) return say('Open a document first');
        void n
          .setDone(id, true)
          .then(() => n.nextUndone(id))
          .then((next) => {
            if (next) n.openDoc(next.id);
            say(next ? `Marked done; opened “${next.title}”` : 'Marked done; every document in the list is done');
          }, () => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [label, say]);

  return { helpOpen, openHelp: () => setHelpOpen(true), closeHelp: () => setHelpOpen(false), status, say, label };
}
