/**
 * When the open document's proposals must be read again after an edit (issue 15): a proposal stays open until the
 * analyst decides it or tags the very same span (db/proposals.ts `open`: same document, label and offsets in their
 * layer). A tag, then, can close at most the one proposal with its span, and the renderer holds the open list: a
 * tag that matches none leaves the list as it is, and the megabyte report is not read again on every key press.
 */
import type { Change, History } from '../../state/history';
import type { Proposal } from '../../../common/proposals';

/**
 * Whether the open proposals may differ after the history went from `before` to `after`, given the list shown
 * (`open`). Only a new top entry that creates a span (a tag, or its redo) is judged, by whether an open proposal
 * has its span; anything else (undo, decisions, deletes, relabels, links, a cleared history) may have changed them.
 * @example proposalsMayChange(h, { past: [...h.past, { kind: 'create', annotation: a }], future: [] }, []) === false
 */
export function proposalsMayChange(before: History, after: History, open: readonly Proposal[]): boolean {
  if (before === after) return false;
  const top: Change | undefined = after.past.at(-1);
  // One entry added on top of what was there (the history keeps its last 500: the oldest may have dropped).
  const added = top !== undefined && top !== before.past.at(-1) && after.past.at(-2) === before.past.at(-1) && (after.past.length > 1 || before.past.length === 0);
  if (!added || top.kind !== 'create') return true;
  const a = top.annotation;
  return open.some((p) => p.docId === a.docId && p.labelId === a.labelId && p.start === a.start && p.end === a.end);
}
