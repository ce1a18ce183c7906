/**
 * What the pre-annotation UI says (issue 14), as pure functions of the backend's answers, so the wording is tested
 * where it is made: a run's summary, the question before "tag every occurrence", the proposal's provenance.
 */
import { PROPOSAL_LABELS, type PreannotateReport, type PropagateCount, type Proposal } from '../../../common/proposals';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** "figure, speaker and claim" / "figures, …": a list of words joined the English way. */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * A run's summary: "Proposed 41 figures, 12 speakers and 15 claims in 5 documents; 3 already proposed or decided."
 * Labels in the order pre-annotation runs them, others after; a cancelled run says how far it got.
 */
export function preannotateSummary(r: PreannotateReport): string {
  const labels = [...PROPOSAL_LABELS.filter((l) => l in r.proposals), ...Object.keys(r.proposals).filter((l) => !(PROPOSAL_LABELS as readonly string[]).includes(l))];
  const made = labels.filter((l) => r.proposals[l] > 0).map((l) => plural(r.proposals[l], l));
  const docs = plural(r.documents, 'document');
  const skipped = sum(r.skipped);
  const head = made.length ? `Proposed ${joinWords(made)} in ${docs}` : `Nothing new to propose in ${docs}`;
  const tail = skipped ? `; ${skipped} already proposed or decided` : '';
  const stop = r.cancelled ? ' Cancelled: what was proposed stays, and running again goes on from there.' : '';
  return `${head}${tail}.${stop}`;
}

/**
 * The question before "tag every occurrence": "“Rudskoy” occurs 7 more times in 4 documents (2 already tagged or
 * proposed). Propose them?"; null `question` when there is nothing to propose (then only the facts are said).
 */
export function propagateQuestion(c: PropagateCount): { facts: string; question: string | null } {
  const already = c.already ? ` (${c.already} already tagged or proposed)` : '';
  if (c.occurrences === 0) return { facts: `“${c.text}” occurs nowhere else untagged${already}.`, question: null };
  const times = c.occurrences === 1 ? 'once more' : `${c.occurrences} more times`;
  return { facts: `“${c.text}” occurs ${times} in ${plural(c.documents, 'document')}${already}.`, question: c.occurrences === 1 ? 'Propose it?' : 'Propose them?' };
}

/** "rule figure/qualifier · 92 % confident", or what of it is known. */
export function provenance(p: Pick<Proposal, 'rule' | 'confidence'>): string {
  const parts = [p.rule ? `rule ${p.rule}` : '', p.confidence === null ? '' : `${Math.round(p.confidence * 100)} % confident`];
  return parts.filter(Boolean).join(' · ') || 'no provenance recorded';
}

/** How a proposal is named to assistive technology and in the side list: "proposed figure: at least 60 civilians". */
export function proposalName(p: Pick<Proposal, 'label' | 'text'>): string {
  const cps = [...p.text];
  return `proposed ${p.label}: ${cps.length > 80 ? cps.slice(0, 79).join('') + '…' : p.text}`;
}
