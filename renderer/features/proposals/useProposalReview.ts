/**
 * Reviewing proposals in the reader (issue 14): which one is current, the keys' actions (Shift+A / Shift+X /
 * Shift+E decide, Shift+J / Shift+K move), and which pre-annotation dialog is open. The workbench (App) wires it to
 * the reader, the keys, the side list and the menus; the decisions themselves are workbench commands
 * (renderer/app/commands/proposals.ts), undone with Ctrl+Z.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { History } from '../../state/history';
import { decisionNotice } from './summary';
import type { ReadBackend } from '../../backend/types';
import type { Proposal, ProposalsDecided } from '../../../common/proposals';
import type { ReaderHandle } from '../annotate/Reader';
import { afterDecision, neighbourProposal, proposalAt } from './proposalNav';
import { useProposals } from './useProposals';
import type { PreannotateScope } from './PreannotateDialog';

/** The one command the review needs (the workbench's). */
interface DecideCommand {
  decideProposals(ids: number[], decision: 'accept' | 'reject'): Promise<ProposalsDecided | null>;
}

interface Options {
  reads: ReadBackend;
  commands: DecideCommand;
  /** The open document in the reader (null: none, or another view is shown). */
  docId: number | null;
  /** Changes whenever proposals may have changed outside the undo history: a run, another window's commit. */
  refreshKey: unknown;
  reader: RefObject<ReaderHandle | null>;
  /** Why nothing can be decided (a read-only project), or null. */
  readOnly: string | null;
  /** Shows a short status message (what a key did, or why it did nothing). */
  say(text: string): void;
  /** The undo history: undoing or redoing a decision says so (the decision's own message would stay otherwise). */
  history?: History;
}

export type DecideAct = 'accept' | 'reject' | 'acceptAll';

/** The review's state and actions; see the module comment. */
export function useProposalReview({ reads, commands, docId, refreshKey, reader, readOnly, say, history }: Options) {
  const proposals = useProposals(reads, docId, refreshKey, history);
  const [dialog, setDialog] = useState<{ kind: 'preannotate'; scope: PreannotateScope } | { kind: 'propagate'; annotationId: number } | null>(null);
  const { list, current, setCurrent } = proposals;

  const lastHistory = useRef(history);
  useEffect(() => {
    const before = lastHistory.current;
    lastHistory.current = history;
    const notice = before && history ? decisionNotice(before, history) : null;
    if (notice) say(notice);
  }, [history]);

  /** Makes `p` current and scrolls it into view unless it is on screen already. */
  function show(p: Proposal) {
    setCurrent(p.id);
    if (!onScreen(p.id)) reader.current?.reveal(p.start);
  }

  /** The proposal the keys act on: the current one, else the one under the caret. */
  const target = () => current ?? proposalAt(list, reader.current?.caret() ?? null);

  function move(step: 1 | -1) {
    if (docId === null) return say('Open a document first');
    const next = neighbourProposal(list, current?.id ?? null, reader.current?.caret() ?? null, step);
    if (next) show(next);
    else say(list.length ? 'No more proposals this way' : 'No proposals in this document: Pre-annotate… proposes some');
  }

  function decide(act: DecideAct) {
    if (docId === null) return say('Open a document first');
    const p = target();
    if (!p) return say(list.length ? 'No proposal here: click one, or press Shift+J for the next' : 'No proposals in this document');
    if (readOnly) return say(readOnly);
    const ids = act === 'acceptAll' ? list.filter((x) => x.labelId === p.labelId).map((x) => x.id) : [p.id];
    // Review goes on in reading order: the next open proposal becomes current once these are decided.
    const next = afterDecision(list, ids, p.start);
    void commands.decideProposals(ids, act === 'reject' ? 'reject' : 'accept').then((r) => {
      if (!r) return;
      say(
        act === 'acceptAll'
          ? `Accepted ${ids.length} ${p.label}${ids.length === 1 ? '' : 's'} into your layer (Ctrl+Z undoes)`
          : `${act === 'accept' ? 'Accepted' : 'Rejected'} ${p.label} “${p.text.length > 40 ? p.text.slice(0, 39) + '…' : p.text}” (Ctrl+Z undoes)`,
      );
      if (next) show(next);
      else setCurrent(null);
    });
  }

  const index = current ? list.findIndex((p) => p.id === current.id) + 1 : 0;
  const sameLabel = useMemo(() => (current ? list.filter((p) => p.labelId === current.labelId).length : 0), [list, current]);

  return {
    list,
    current,
    /** 1-based position of the current proposal in the document's list (0: none). */
    index,
    /** Open proposals of the current one's label (what Shift+E accepts). */
    sameLabel,
    setCurrent,
    move,
    decide,
    /** Esc: puts the current proposal away; false when there was none (Esc then does what it did before). */
    escape: () => (current ? (setCurrent(null), true) : false),
    dialog,
    openPreannotate: (scope: PreannotateScope) => setDialog({ kind: 'preannotate', scope }),
    openPropagate: (annotationId: number) => setDialog({ kind: 'propagate', annotationId }),
    closeDialog: () => setDialog(null),
  };
}

export type ProposalReview = ReturnType<typeof useProposalReview>;

/** Whether some painted piece of proposal `id` is inside the reader's visible box. */
function onScreen(id: number): boolean {
  const reader = document.querySelector('.reader');
  const piece = reader?.querySelector(`.reader-text [data-ann-ids~="${id}"]`);
  if (!reader || !piece) return false;
  const view = reader.getBoundingClientRect();
  const box = piece.getBoundingClientRect();
  return box.top >= view.top && box.bottom <= view.bottom;
}
