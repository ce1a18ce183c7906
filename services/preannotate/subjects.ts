/**
 * Subjects and what follows a reporting verb, for reporting.ts: where the subject before a verb ends (past
 * adverbs, dates and appositives), and the claim after a verb whose subject is known (past objects and
 * adverbials: a quotation, "that", a colon, or the clause before). UTF-16 offsets; token indexes into `Ctx`.
 */
import type { Attribution } from './reporting.js';
import {
  clauseAfter, clauseBefore, END_PUNCT, opensQuote, quoteClaim, quoteClosingBefore, wordCount, type ClaimRange, type Ctx,
} from './claims.js';
import { ADVERBIAL_OPENERS, AFTER_VERB, AFTER_VERB_PHRASES, DETERMINERS, NOT_NAMES, PRONOUNS, STRONG_VERBS, VERB_ADVERBS, WEAK_VERBS } from './reporting-words.js';
import { classifyPhrase, phraseEndAfter, phraseStartBefore, type SpeakerPhrase, type Token } from './speakers.js';

/** Verbs whose person object may stand between them and the clause ("told her that", "assured them …"). */
const OBJECT_VERBS = new Set(['told', 'tells', 'informed', 'informs', 'assured', 'assures', 'asked', 'reminded', 'warned', 'warns', 'urged', 'promised', 'replied', 'emailed']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me']);
/** "flatly", "strongly": a lower-case -ly word after a name is an adverb ("the family", "an ally" are nouns). */
const lyAdverb = (tokens: Token[], i: number) => !tokens[i].cap && /^\p{L}{3,}ly$/u.test(tokens[i].text) && !!tokens[i - 1]?.cap && !LY_NOUNS.has(tokens[i].lower);
const LY_NOUNS = new Set(['family', 'ally', 'assembly', 'rally', 'supply', 'monopoly', 'anomaly', 'bully', 'folly']);

/** Skip back from token `end` (exclusive) over adverbs, auxiliaries and "on Sunday" (not past `limit`). */
function skipAdverbs(tokens: Token[], end: number, limit: number): number {
  while (end > limit && tokens[end - 1].word && (VERB_ADVERBS.has(tokens[end - 1].lower) || lyAdverb(tokens, end - 1) || /^\d/.test(tokens[end - 1].text) || (NOT_NAMES.has(tokens[end - 1].lower) && tokens[end - 2]?.lower === 'on') || tokens[end - 1].lower === 'on')) end--;
  return end;
}

/**
 * Skip back from the verb at `end` over adverbs, dates and appositives to where the subject ends:
 * "Gen. Sergey Rudskoy, head of Operations…, told", "Igor Konashenkov on Sunday, 2 April, said",
 * "the head of the mission, Danielle Bell, said" (the segment is the name), "The coalition’s statement,
 * released on Saturday, April 1, said".
 */
export function subjectEnd(cx: Ctx, end: number, limit: number): number {
  const { tokens } = cx;
  for (let round = 0; round < 5; round++) {
    end = skipAdverbs(tokens, end, limit);
    // "The Local Government Association (LGA) said": a bracketed short form after the name.
    if (end - 3 > limit && tokens[end - 1].text === ')') {
      let o = end - 2;
      while (o > limit && o > end - 6 && tokens[o].text !== '(' && tokens[o].word) o--;
      if (tokens[o].text === '(' && o < end - 2) end = skipAdverbs(tokens, o, limit);
    }
    if (!(end > limit && tokens[end - 1].text === ',')) return end;
    const comma = end - 1;
    let p = comma - 1;
    while (p > limit && tokens[p].text !== ',' && (tokens[p].word || tokens[p].text === '.' || tokens[p].text === '-')) p--;
    const segEnd = skipAdverbs(tokens, comma, p + 1);
    const ps = phraseStartBefore(tokens, segEnd, p);
    const named = ps < segEnd ? classifyPhrase(tokens, ps, segEnd) : null;
    const lead = tokens.slice(p + 1, ps);
    const covers = lead.length <= 2 && lead.every((t) => t.word && !t.cap && !t.lower.endsWith('ing'));
    // A name, or a body after an adverbial ("At the same time, the 2nd channel of Russian television, …");
    // not an appositive after a name ("Gen. Sergey Rudskoy, head of Operations…,").
    const afterName = tokens[p - 1]?.cap ?? false;
    // After a name, a segment opening with a role or a preposition describes it: "Laura Kreidberg, director at
    // the institute in Heidelberg, said", "Walter Brandt, 71, of Cincinnati, said".
    // Not when what stands before the comma is itself an adverbial ("According to the news Agency IRNA, the
    // official representative … Igor Konashenkov on Sunday, 2 April, said").
    const describes = (afterName || /^\d/.test(tokens[p - 1]?.text ?? '')) && tokens[p]?.text === ',' && !tokens[p + 1]?.cap
      && !opensAdverbial(tokens, p, limit);
    if (named && covers && !describes && (named.kind === 'person' || named.kind === 'body') && (tokens[named.from].cap || (!afterName && p > limit && tokens.slice(named.from, named.to).some((t) => t.cap)))) return segEnd;
    // No earlier comma: the segment is where the subject is.
    if (p <= limit || tokens[p].text !== ',') return segEnd;
    end = p + 1;
  }
  return -1;
}

/** Whether the segment ending at the comma `comma` (back to the previous comma or `limit`) opens with an adverbial. */
function opensAdverbial(tokens: Token[], comma: number, limit: number): boolean {
  let s = comma - 1;
  while (s > limit && tokens[s].text !== ',') s--;
  const first = tokens[s].text === ',' ? tokens[s + 1] : tokens[s];
  return !!first && ADVERBIAL_OPENERS.has(first.lower);
}

/**
 * The claim after (or before) a verb whose subject is known: objects and adverbials, then a quotation, "that",
 * a colon, or the sentence end ("Y, X said."). Null when a weak verb has no claim.
 */
export function afterVerb(cx: Ctx, v: number, subject: SpeakerPhrase, sStart: number, coordinated: boolean): Attribution | null {
  const { tokens } = cx;
  const verb = tokens[v];
  const ss = cx.sentFrom[v];
  const se = cx.sentTo[v];
  const strong = STRONG_VERBS.has(verb.lower);
  let speaker = subject;
  // "Lt-Gen. Sergey Rutskoy, head of … forces on Tuesday also said:": an appositive left open; the name is
  // before its comma. Only when a claim follows the verb ("Y, the general said." has its claim before the comma).
  if (!coordinated && tokens[sStart - 1]?.text === ',' && !tokens[speaker.from].cap && v + 1 < se && !END_PUNCT.has(tokens[v + 1].text)) {
    const nEnd = sStart - 1;
    const nStart = phraseStartBefore(tokens, nEnd, ss);
    const named = nStart < nEnd ? classifyPhrase(tokens, nStart, nEnd) : null;
    if (named && (named.kind === 'person' || named.kind === 'body') && tokens[named.from].cap) speaker = { ...named, scanTo: v + 1 };
  }
  speaker.scanTo = v + 1;
  // What follows: objects and adverbials, then a quotation, "that", a colon, or the sentence end.
  let a = v + (verb.lower === 'expressed' ? 2 : 1);
  if (['told', 'tells', 'informed', 'assured', 'asked'].includes(verb.lower) && (tokens[a]?.cap || ['the', 'a', 'an', 'his', 'her', 'their', 'its'].includes(tokens[a]?.lower))) {
    // "told the Wire that", "told the club's television channel."
    // The object is one noun phrase: a second determiner, a pronoun or a name after its noun opens the clause
    // ("told the court the hospice had been …", "told the committee it would …").
    let o = a + 1;
    while (o < se && tokens[o].word && tokens[o].lower !== 'that' && o - a < 5 && !AFTER_VERB_PHRASES.test(tokens[o].lower)
      && !(o > a + 1 && (DETERMINERS.has(tokens[o].lower) || PRONOUNS.has(tokens[o].lower) || (tokens[o].cap && !tokens[o - 1].cap)))) o++;
    a = tokens[a].cap ? phraseEndAfter(tokens, a, se) : o;
  }
  if (['told', 'tells', 'informed', 'assured'].includes(verb.lower)) {
    // "told supporters in the capital that …": a short object before "that".
    const that = tokens.slice(a, Math.min(se, a + 8)).findIndex((t) => t.lower === 'that');
    if (that > 0 && tokens.slice(a, a + that).every((t) => t.word)) a += that;
  }
  a = skipAfterVerb(cx, a, se, OBJECT_VERBS.has(verb.lower));
  const next = tokens[a];
  const attribution = (claims: (ClaimRange | null)[], rule = 'speaker/said-after-name', conf = 0.85, bare = false): Attribution | null => {
    const kept = claims.filter((c): c is ClaimRange => !!c);
    if (!kept.length && !bare) return null;
    return { speaker, speakerRule: coordinated ? 'speaker/coordinated' : rule, speakerConfidence: coordinated ? 0.7 : conf, claims: kept, at: verb.start, start: 0, end: 0, word: '' };
  };
  // "“Y,” he added, referring to …": the quotation right before the subject is the claim.
  let quoteBefore = quoteClosingBefore(cx, sStart);
  if (quoteBefore >= 0 && wordCount(cx.text, cx.quotes[quoteBefore]) < 2) quoteBefore = -1;
  // "“…,” the head of the mission, Danielle Bell, said": a sentence opening with a quotation, a short subject.
  const opening = cx.inQuote[ss] >= 0 ? cx.inQuote[ss] : opensQuote(cx, ss);
  if (quoteBefore < 0 && opening >= 0 && cx.quotes[opening].close < tokens[sStart].start && v - sStart < 14) {
    const closeTok = (cx.tokenAt.get(cx.quotes[opening].close) ?? -1);
    if (closeTok >= 0 && v - closeTok <= 14) quoteBefore = opening;
  }
  if (coordinated) quoteBefore = -1;
  if (quoteBefore >= 0 && !tokens.slice((cx.tokenAt.get(cx.quotes[quoteBefore].close) ?? 0), sStart).some((t) => STRONG_VERBS.has(t.lower) || WEAK_VERBS.has(t.lower))) {
    const split = next && (next.text === ',' || next.text === ':') ? opensQuote(cx, a + 1) : -1;
    return attribution([quoteClaim(cx.text, cx.quotes[quoteBefore], 'claim/quote', 0.85), split >= 0 ? quoteClaim(cx.text, cx.quotes[split], 'claim/quote-split', 0.8) : null]);
  }
  const quoteAfter = next && (next.text === ':' || next.text === ',') ? opensQuote(cx, a + 1) : opensQuote(cx, a);
  if (quoteAfter >= 0) return attribution([quoteClaim(cx.text, cx.quotes[quoteAfter], 'claim/quote', 0.85)]);
  if (next?.lower === 'that') return attribution([clauseAfter(cx, a + 1, 'claim/reported-that', 0.75)]);
  // "RT reports:" on a line of its own is an attribution too (GUIDELINES.md), its claim the block after.
  if (next?.text === ':') return attribution([a + 1 < se ? clauseAfter(cx, a + 1, 'claim/reported-colon', 0.6) : null], undefined, undefined, true);
  // "Y, the researchers reported at a congress in Chicago." / "Y, authorities said Sunday, as …": a subject set
  // off by a comma and only adverbials after the verb; the claim is before.
  const adverbialAfter = !!next && (tokens[sStart - 1]?.text === ',' || tokens[sStart - 1]?.text === '—' || tokens[sStart - 1]?.text === '–')
    && (next.text === ',' || ADVERBIAL_OPENERS.has(next.lower) || (next.word && !next.cap && /(?:ed|ing)$/.test(next.lower) && !STRONG_VERBS.has(next.lower)))
    // … unless what stands before is itself an adverbial ("Comparing the two cities, X said on …").
    && (next.text === ',' || !(ADVERBIAL_OPENERS.has(tokens[ss].lower) || (/(?:ing|ed)$/.test(tokens[ss].lower) && !tokens[ss + 1]?.cap)));
  if (!next || a >= se || END_PUNCT.has(next.text) || adverbialAfter) {
    // "Y, X said." or "“Y,” he added."
    const before = clauseBefore(cx, speaker.from > sStart ? sStart : speaker.from, 'claim/reported-before', 0.7);
    const split = next?.text === ',' ? opensQuote(cx, a + 1) : -1;
    return attribution([before, split >= 0 && before ? quoteClaim(cx.text, cx.quotes[split], 'claim/quote-split', 0.8) : before && next?.text === ',' ? continuedClause(cx, a + 1, se) : null]);
  }
  if (next.text === ',' && tokens[ss].lower === 'as') return attribution([clauseAfter(cx, a + 1, 'claim/reported-as', 0.65)]);
  // "said about the report" speaks about something; "said about 1.6 million households would …" is a clause.
  const aboutSomething = next?.lower === 'about' && !/^(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|hundreds|thousands|dozens)/.test(tokens[a + 1]?.lower ?? '');
  if (strong && next.word && !aboutSomething && !['to', 'by', 'with', 'in', 'on', 'at', 'for', 'goodbye', 'nothing'].includes(next.lower)) {
    return attribution([clauseAfter(cx, a, 'claim/reported-clause', 0.6)]);
  }
  // "Dwyer admitted his team had been …": a weak verb followed by a clause (a subject, then a finite verb).
  if (!strong && next.word && looksLikeClause(tokens, a, se)) return attribution([clauseAfter(cx, a, 'claim/reported-clause', 0.55)]);
  // "Konashenkov said on “stylistic” differences…": no claim we can cut, and the gold set marks no speaker span;
  // but the person is who a following "He stressed that …" refers to (attribution.ts links it, spanning the
  // name only when no earlier span names them).
  // Only "said"/"says": "insists on", "commented on" are not speaking about something.
  if (!coordinated && speaker.kind === 'person' && (verb.lower === 'said' || verb.lower === 'says') && next.word && ['on', 'about', 'of'].includes(next.lower)) {
    const about = attribution([], 'speaker/said-about', 0.5, true);
    if (about) about.subjectOnly = true;
    return about;
  }
  return null;
}

/** Finite auxiliaries that show a clause ("his team had been", "the cost would reach"). */
const FINITE = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'should', 'might', 'may', 'must', 'did', 'does', 'do']);

/**
 * Whether tokens from `a` open a clause: within six words and before any punctuation, a finite auxiliary after
 * at least one subject word ("his team had been …", "it would …"); "conceded defeat in a statement" has none.
 */
function looksLikeClause(tokens: Token[], a: number, se: number): boolean {
  for (let k = a + 1; k < Math.min(se, a + 6); k++) {
    if (!tokens[k].word) return false;
    if (FINITE.has(tokens[k].lower)) return !FINITE.has(tokens[a].lower) && tokens[a].lower !== 'to';
  }
  return false;
}

/**
 * The clause going on after a parenthetical attribution: "A tear this size, he says, takes a day to mend" and
 * "Y, the office says, and Z" (a leading "and"/"but" dropped); nothing when an adverbial or a participle follows
 * ("…, he said, as rescuers searched", "…, she said, speaking by phone").
 */
function continuedClause(cx: Ctx, from: number, se: number): ClaimRange | null {
  const { tokens } = cx;
  let f = from;
  if (f < se && (tokens[f].lower === 'and' || tokens[f].lower === 'but')) f++;
  const t = tokens[f];
  if (f >= se || !t.word || ADVERBIAL_OPENERS.has(t.lower) || /ing$/.test(t.lower) || STRONG_VERBS.has(t.lower) || WEAK_VERBS.has(t.lower)) return null;
  return clauseAfter(cx, f, 'claim/reported-continued', 0.55);
}

/**
 * Past objects and adverbials after a verb: "told journalists on Tuesday", "said in a statement". An object
 * pronoun is skipped only after a verb that takes a person object (`takesObject`): "said her side had been …"
 * has a possessive opening the clause, "told her that …" an object.
 */
export function skipAfterVerb(cx: Ctx, a: number, se: number, takesObject: boolean): number {
  const { tokens, text } = cx;
  while (a < se && tokens[a].word && tokens[a].lower !== 'that') {
    if (AFTER_VERB.has(tokens[a].lower) && (takesObject || !OBJECT_PRONOUNS.has(tokens[a].lower))) {
      a++;
      continue;
    }
    const m = AFTER_VERB_PHRASES.exec(text.slice(tokens[a].start, tokens[a].start + 60).toLowerCase().replace(/\s+/g, ' '));
    if (!m) break;
    const end = tokens[a].start + m[0].length;
    while (a < se && tokens[a].start < end) a++;
  }
  return a;
}
