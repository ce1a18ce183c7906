/**
 * Which proposal the keys act on and where Shift+J / Shift+K go (issue 14), as pure functions of the document's
 * open proposals (in text order, as `proposals.forDocument` returns them) and code point positions.
 */
import type { Proposal } from '../../../common/proposals';

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
