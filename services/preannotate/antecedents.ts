/**
 * Antecedents of "he says" / "she said": the person a pronoun attribution refers to, named as the subject of an
 * earlier sentence that has no reporting verb ("On a cold morning, Armando Ferreira sits on a crate … “…,” he
 * says"; "Its head of forecasting, Evelyn Cusack, has been speaking to RTÉ. She said …"). The dev gold set
 * annotates such a name as a speaker so that the said-by link has a target (bench/preannotate/dev/README.md).
 * UTF-16 offsets, like reporting.ts.
 */
import type { Ctx } from './claims.js';
import { NAME_PARTICLES, NOT_NAMES, PERSON_PRONOUNS, TITLES } from './reporting-words.js';
import { classifyPhrase, type SpeakerPhrase } from './speakers.js';

/** How many sentences before a pronoun attribution its antecedent may be. */
const SENTENCES_BACK = 4;

/**
 * The person named as a sentence subject nearest before token `pronoun` (a he/she attribution), searching back
 * at most SENTENCES_BACK sentences and not before token `after` (where the last named speaker was). A subject
 * is two or more capitalised words (a title, particles allowed) opening the sentence, or after a comma, and
 * followed by a lower-case word or a comma. Null when there is none.
 */
export function antecedentBefore(cx: Ctx, pronoun: number, after: number): SpeakerPhrase | null {
  const { tokens } = cx;
  if (!PERSON_PRONOUNS.has(tokens[pronoun]?.lower ?? '')) return null;
  let limit = cx.sentFrom[pronoun];
  for (let k = 0; k < SENTENCES_BACK && limit > 0; k++) limit = cx.sentFrom[limit - 1];
  limit = Math.max(limit, after);
  for (let i = pronoun - 1; i >= limit; i--) {
    const t = tokens[i];
    if (!t.cap || cx.inQuote[i] >= 0 || NOT_NAMES.has(t.lower)) continue;
    const prev = tokens[i - 1];
    if (i > cx.sentFrom[i] && prev?.text !== ',') continue;
    if (prev?.cap || prev?.word && i > cx.sentFrom[i]) continue;
    let e = i;
    // (No further than one past the pronoun: a run reaching it is no antecedent.)
    while (e <= pronoun && tokens[e].word && (tokens[e].cap || (NAME_PARTICLES.has(tokens[e].lower) && tokens[e + 1]?.cap))) e++;
    const next = tokens[e];
    if (e - i < 2 || e > pronoun || !next || !(next.text === ',' || (next.word && !next.cap))) continue;
    const p = classifyPhrase(tokens, i, e);
    if (p && p.kind === 'person' && !tokens.slice(p.from, p.to).every((x) => TITLES.has(x.lower))) return p;
  }
  return null;
}
