/**
 * What the pre-annotation UI says (issue 14), as pure functions of the backend's answers, so the wording is tested
 * where it is made: a run's summary, the question before "tag every occurrence", the proposal's provenance.
 */
import type { AnnotationInContext, Link, LinkType } from '../../../common/model';
import type { History } from '../../state/history';
import { PROPOSAL_LABELS, type PreannotateReport, type PropagateCount, type PropagateResult, type Proposal } from '../../../common/proposals';

/** A count with thousands separators ("9,301"), the same whatever the machine's locale. */
export const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${word}${n === 1 ? '' : 's'}`;
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** "figure, speaker and claim" / "figures, …": a list of words joined the English way. */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * A run's summary: "Read 5 documents: proposed 41 figures, 12 speakers and 15 claims; 3 already proposed or
 * decided." Labels in the order pre-annotation runs them, others after; a cancelled run says how far it got.
 * The report counts the documents read, not those that got new proposals, so it says "read".
 */
export function preannotateSummary(r: PreannotateReport): string {
  const labels = [...PROPOSAL_LABELS.filter((l) => l in r.proposals), ...Object.keys(r.proposals).filter((l) => !(PROPOSAL_LABELS as readonly string[]).includes(l))];
  const made = labels.filter((l) => r.proposals[l] > 0).map((l) => plural(r.proposals[l], l));
  const read = `Read ${plural(r.documents, 'document')}`;
  const skipped = sum(r.skipped);
  const head = made.length ? `${read}: proposed ${joinWords(made)}` : `${read}: nothing new to propose`;
  const tail = skipped ? `; ${count(skipped)} already proposed or decided` : '';
  const stop = r.cancelled ? ' Cancelled: what was proposed stays, and running again goes on from there.' : '';
  return `${head}${tail}.${stop}`;
}

/**
 * The question before "tag every occurrence": "“Rudskoy”: 7 new places in 4 documents to propose (2 more are
 * already tagged, proposed or decided). Propose them?"; null `question` when there is nothing to propose (then
 * only the facts are said). The places already tagged are not among the new ones, and the wording keeps them apart.
 */
export function propagateQuestion(c: PropagateCount): { facts: string; question: string | null } {
  if (c.occurrences === 0) {
    const already = c.already ? ` (${plural(c.already, 'place')} ${c.already === 1 ? 'is' : 'are'} already tagged, proposed or decided)` : '';
    return { facts: `“${c.text}”: no new places to propose${already}.`, question: null };
  }
  const already = c.already ? ` (${count(c.already)} more ${c.already === 1 ? 'is' : 'are'} already tagged, proposed or decided)` : '';
  const places = c.occurrences === 1 ? '1 new place' : `${count(c.occurrences)} new places`;
  return { facts: `“${c.text}”: ${places} in ${plural(c.documents, 'document')} to propose${already}.`, question: c.occurrences === 1 ? 'Propose it?' : 'Propose them?' };
}

/** What propagation did: "Proposed 1 place in 1 document." / "Proposed 12 places in 3 documents." */
export function propagateDone(r: PropagateResult): string {
  return `Proposed ${plural(r.proposals, 'place')} in ${plural(r.documents, 'document')}.`;
}

/** "rule figure/qualifier · 92% confident", or what of it is known. */
export function provenance(p: Pick<Proposal, 'rule' | 'confidence'>): string {
  const parts = [p.rule ? `rule ${p.rule}` : '', p.confidence === null ? '' : `${Math.round(p.confidence * 100)}% confident`];
  return parts.filter(Boolean).join(' · ') || 'no provenance recorded';
}

/** How a proposal is named to assistive technology and in the side list: "proposed figure: at least 60 civilians". */
export function proposalName(p: Pick<Proposal, 'label' | 'text'>): string {
  const cps = [...p.text];
  return `proposed ${p.label}: ${cps.length > 80 ? cps.slice(0, 79).join('') + '…' : p.text}`;
}

/**
 * What Ctrl+Z or Ctrl+Shift+Z did to a decision, from the history before and after: "Rejection undone",
 * "Accept undone" ("Accept of 5 proposals undone" for Shift+E), "Rejection redone", "Accept redone"; null when
 * the step was not a decision (other edits say nothing, as before) or the history moved otherwise.
 */
export function decisionNotice(before: History, after: History): string | null {
  const undid = after.past.length === before.past.length - 1 && after.future.length === before.future.length + 1;
  const redid = after.future.length === before.future.length - 1 && after.past.length === before.past.length + 1;
  const step = undid ? before.past.at(-1) : redid ? before.future.at(-1) : undefined;
  if (!step || (step.kind !== 'decide' && step.kind !== 'undecide')) return null;
  const what = step.decision === 'reject' ? 'Rejection' : step.ids.length > 1 ? `Accept of ${count(step.ids.length)} proposals` : 'Accept';
  return `${what} ${undid ? 'undone' : 'redone'}`;
}

/**
 * What a proposal comes linked to, for its card: "said by: Sergey Rudskoy · cites: 60 civilians" for a claim's own
 * links (type names with "-" read as spaces), "cited by: claim “At least 60 civilians…”" and "says: claim “…”"
 * for links to it (another directed type: "<name> (from)"). Texts are cut at 40 code points. '' when it has none.
 * `links` is `links.forAnnotation`'s answer for the proposal's (auto) annotation id.
 */
export function proposalLinks(id: number, links: readonly { link: Link; other: AnnotationInContext }[], types: readonly LinkType[]): string {
  const short = (t: string) => ([...t].length > 40 ? [...t].slice(0, 39).join('') + '…' : t);
  const parts = new Map<string, string[]>();
  for (const { link, other } of links) {
    const type = types.find((t) => t.id === link.typeId);
    const name = (type?.name ?? 'linked').replace(/-/g, ' ');
    const out = link.fromId === id || !type?.directed;
    const key = out ? name : name === 'cites' ? 'cited by' : name === 'said by' ? 'says' : `${name} (from)`;
    const what = out ? short(other.annotation.text) : `${other.label} “${short(other.annotation.text)}”`;
    parts.set(key, [...(parts.get(key) ?? []), what]);
  }
  return [...parts].map(([k, v]) => `${k}: ${v.join(', ')}`).join(' · ');
}
