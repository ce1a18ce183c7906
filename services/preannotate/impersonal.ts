/**
 * Claims with no speaker: reports whose source the sentence does not name. "The court heard that Y" and "The
 * jury was told that Y" make Y a claim (the dev gold set annotates dev-021's "The court heard that …" so: a claim
 * with no speaker span and no `said-by` link); so do "It is alleged that Y", "It was reported that Y", "It has
 * been claimed that Y" (attributed, to someone unnamed). "It is understood / thought / believed that Y" are the
 * article's own sourcing, its narration (bench/preannotate/GUIDELINES.md: "Not claims: … the article's own
 * narration without attribution"), and give nothing. UTF-16 offsets, like reporting.ts.
 */
import { clauseAfter, type ClaimRange, type Ctx } from './claims.js';

/** Bodies that hear evidence: "The court heard that …", "Jurors were told that …". */
const HEARERS = new Set(['court', 'jury', 'jurors', 'tribunal', 'inquest', 'inquiry', 'hearing', 'trial', 'magistrates', 'panel', 'committee']);
/** Passive reporting verbs after "it is/was/has been": attributed to someone unnamed. */
const IMPERSONAL = new Set(['reported', 'alleged', 'claimed', 'said']);
const BE = new Set(['is', 'was', 'has', 'had', 'been']);

/**
 * The claim of an unnamed report whose verb ("heard", "told", "reported", …) is token `v`: the clause after
 * "that". Null when `v` opens no such structure.
 */
export function impersonalClaim(cx: Ctx, v: number): ClaimRange | null {
  const { tokens } = cx;
  const verb = tokens[v].lower;
  if (tokens[v + 1]?.lower !== 'that' || v + 2 >= cx.sentTo[v]) return null;
  let s = v - 1;
  if (verb === 'told') {
    if (!['was', 'were'].includes(tokens[s]?.lower)) return null;
    s--;
  } else if (verb === 'heard') {
    // "The court heard", "The court has heard", "Jurors heard".
    if (['has', 'have', 'had'].includes(tokens[s]?.lower)) s--;
  } else if (IMPERSONAL.has(verb)) {
    while (s > v - 3 && BE.has(tokens[s]?.lower)) s--;
    if (s === v - 1 || tokens[s]?.lower !== 'it' || tokens[v - 1].lower === 'has') return null;
    return clauseAfter(cx, v + 2, 'claim/impersonal', 0.55);
  } else return null;
  const hearer = tokens[s];
  if (!hearer || !HEARERS.has(hearer.lower)) return null;
  // The hearer opens its sentence, with or without a determiner, or follows a comma ("On Tuesday, the court heard").
  const before = tokens[s - 1];
  const opens = s === cx.sentFrom[v] || (before && (['the', 'a'].includes(before.lower) && (s - 1 === cx.sentFrom[v] || tokens[s - 2]?.text === ',')) || before?.text === ',');
  return opens ? clauseAfter(cx, v + 2, 'claim/court-heard', 0.6) : null;
}
