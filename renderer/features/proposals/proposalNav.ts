/**
 * Which proposal the keys act on and where Shift+J / Shift+K go (issue 14), as pure functions of the document's
 * open proposals (in text order, as `proposals.forDocument` returns them) and code point positions.
 */
import type { Proposal } from '../../../common/proposals';
import { cycleIds } from '../../editor/segments';

/**
 * The proposal at code point `cp` (a caret touching either end counts), the innermost (shortest) where they nest;
 * null when none is there.
 * @example proposalAt([{ start: 0, end: 20 }, { start: 5, end: 9 }], 6) // the second
 */
export function proposalAt<P extends Pick<Proposal, 'start' | 'end'>>(list: readonly P[], cp: number | null): P | null {
  if (cp === null) return null;
  let best: P | null = null;
  for (const p of list) {
    if (p.start <= cp && cp <= p.end && (!best || p.end - p.start < best.end - best.start)) best = p;
  }
  return best;
}

/**
 * The next (`step` 1) or previous (-1) proposal in text order: from the current one when there is one, else from
 * code point `fromCp` (the caret, or where the last decided proposal was; null: the start of the document for 1,
 * its end for -1). Null at either end: the keys do not wrap round, as the annotation keys do not.
 */
export function neighbourProposal<P extends Pick<Proposal, 'id' | 'start' | 'end'>>(
  list: readonly P[],
  currentId: number | null,
  fromCp: number | null,
  step: 1 | -1,
): P | null {
  const at = currentId === null ? -1 : list.findIndex((p) => p.id === currentId);
  if (at >= 0) return list[at + step] ?? null;
  if (step === 1) return list.find((p) => fromCp === null || p.start >= fromCp) ?? null;
  return [...list].reverse().find((p) => fromCp === null || p.start < fromCp) ?? null;
}

/**
 * The proposal to make current once `decided` are gone: the first after where the decided one started (the
 * analyst reviews in reading order), else the one before it, else none.
 */
export function afterDecision<P extends Pick<Proposal, 'id' | 'start' | 'end'>>(list: readonly P[], decided: readonly number[], fromCp: number): P | null {
  const left = list.filter((p) => !decided.includes(p.id));
  return left.find((p) => p.start >= fromCp) ?? left[left.length - 1] ?? null;
}

/**
 * The proposal a click on stacked painted spans makes current: the innermost proposal there, and on a click again
 * (the current one is among them) the one enclosing it, wrapping back to the innermost, as clicks on one's own
 * spans do (editor/segments.ts cycleIds). `ids` are the clicked spans outer-first, own spans among them; null when
 * no proposal was clicked.
 * @example clickedProposal([claim, figure], (id) => true, null) === figure; …, figure) === claim
 */
export function clickedProposal(ids: readonly number[], isProposal: (id: number) => boolean, currentId: number | null): number | null {
  return cycleIds(ids.filter(isProposal), currentId);
}

/** Room kept between the proposal and its card, and between the card and the reader's edges, in CSS pixels. */
export const CARD_GAP = 6;
export const CARD_MARGIN = 8;

/**
 * Where the card's top goes (viewport pixels), given the first and last painted piece of the proposal, the card's
 * height and the reader's box: below the proposal with its next line left free, else above with the line before
 * left free, else right below, else right above (then it may cover a neighbour line), else below (the reader is
 * shorter than the card and the proposal together; the card scrolls within its max height).
 */
export function cardTop(first: { top: number; height: number }, last: { bottom: number; height: number }, h: number, view: { top: number; bottom: number }): number {
  const fits = (top: number) => top >= view.top + CARD_MARGIN && top + h <= view.bottom - CARD_MARGIN;
  const tries = [last.bottom + last.height + CARD_GAP, first.top - first.height - CARD_GAP - h, last.bottom + CARD_GAP, first.top - CARD_GAP - h];
  return tries.find(fits) ?? tries[2];
}
