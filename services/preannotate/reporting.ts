/**
 * Reporting structures in a text: who said what, as token ranges and UTF-16 claim ranges, before speakers are
 * resolved and offsets converted (attribution.ts does both). One `Attribution` per reporting verb or
 * "according to", plus one per quotation no verb claimed ("X: “…”", or a long quotation left to the nearest
 * speaker). Structures follow bench/preannotate/GUIDELINES.md: "X said (that) Y", "Y, X said.", "“Y,” said X",
 * "X told journalists: “Y”", "According to X, Y", "Y, according to X.", "X: “Y”", split quotes.
 */
import type { Quote } from './quotes.js';
import { antecedentBefore } from './antecedents.js';
import { findAnswers } from './interviews.js';
import {
  clauseAfter, clauseBefore, context, DATELINE, END_PUNCT, opensQuote, quoteClaim, quoteClosingBefore, span, wordCount,
  type ClaimRange, type Ctx,
} from './claims.js';
import { ADVERBIAL_OPENERS, AFTER_VERB, AFTER_VERB_PHRASES, DETERMINERS, EXPRESSED, NOT_NAMES, ORG_WORDS, PASSIVE_BEFORE, PRONOUNS, STRONG_VERBS, VERB_ADVERBS, WEAK_VERBS } from './reporting-words.js';
import { classifyPhrase, phraseEndAfter, phraseStartBefore, type SpeakerPhrase, type Token } from './speakers.js';

export type { ClaimRange } from './claims.js';

/** Punctuation before an inverted verb: "“…,” said X", "… — said X". */
const LEAD_PUNCT = new Set([',', '”', '"', '»', '—', '–', '-', ':']);

export interface Attribution {
  /** The speaker phrase (token indexes), null for a quotation left to the nearest speaker. */
  speaker: SpeakerPhrase | null;
  speakerRule: string;
  speakerConfidence: number;
  claims: ClaimRange[];
  /** UTF-16 position used to find the nearest speaker before (the verb or the quotation). */
  at: number;
  /** The speaker words as written, UTF-16 (set by findAttributions; empty without a speaker). */
  start: number;
  end: number;
  /** The speaker's first word, lower case ("he", "the"), for resolving pronouns. */
  word: string;
  /** Where an earlier reported clause in the sentence must stop ("… and said", "… but noted that"), UTF-16. */
  cutAt?: number;
}

/** Every reporting structure in `text`, in text order. */
export function findAttributions(text: string): { attributions: Attribution[]; quotes: Quote[] } {
  const cx = context(text);
  const out: Attribution[] = [];
  const usedQuotes = new Set<number>();
  const { tokens } = cx;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.word || cx.inQuote[i] >= 0) continue;
    let a: Attribution | null = null;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') a = accordingTo(cx, i);
    else if (t.cap && (tokens[i - 1]?.text === '–' || tokens[i - 1]?.text === '—')) a = headlineDash(cx, i);
    else if (!t.cap && (STRONG_VERBS.has(t.lower) || WEAK_VERBS.has(t.lower))) a = reportingVerb(cx, i);
    else if (t.lower === 'called' || t.lower === 'described') a = whatXCalled(cx, i);
    if (!a) continue;
    for (const c of a.claims) {
      const qi = cx.quoteAt.get(c.start);
      if (qi !== undefined) usedQuotes.add(qi);
    }
    out.push(a);
  }
  // Q&A answers ("Solheim: …"); with two or more, the interviewer's paragraphs between them say nothing
  // attributed (their "Some people will say …" is a question put, not a report).
  const answers = findAnswers(cx);
  if (answers.length >= 2) {
    const first = answers[0].from;
    const last = answers.at(-1)!.to;
    const inAnswer = (at: number) => answers.some((x) => at >= x.from && at < x.to);
    for (let k = out.length - 1; k >= 0; k--) if (out[k].at >= first && out[k].at < last && !inAnswer(out[k].at)) out.splice(k, 1);
  }
  for (const x of answers) out.push({ speaker: x.speaker, speakerRule: 'speaker/answer', speakerConfidence: 0.6, claims: [x.claim], at: x.claim.start, start: 0, end: 0, word: '' });
  // Quotations no verb claimed: "X: “…”", or long ones left to the nearest speaker; short ones are scare quotes.
  const reported = [...out.flatMap((a) => a.claims.filter((c) => c.reported)), ...answers.map((x) => x.claim)];
  cx.quotes.forEach((q, qi) => {
    if (usedQuotes.has(qi) || reported.some((c) => c.start <= q.open && c.end >= q.close - 1)) return;
    const colon = nameColon(cx, q);
    if (colon) {
      out.push({ speaker: colon, speakerRule: 'speaker/name-colon', speakerConfidence: 0.6, claims: [quoteClaim(text, q, 'claim/quote', 0.7)], at: q.open, start: 0, end: 0, word: '' });
      return;
    }
    const words = wordCount(text, q);
    if (words >= 5 || (words >= 3 && /[.!?]$/.test(text.slice(q.start, q.end)))) out.push({ speaker: null, speakerRule: '', speakerConfidence: 0, claims: [quoteClaim(text, q, 'claim/quote-nearest', 0.45)], at: q.open, start: 0, end: 0, word: '' });
  });
  out.sort((x, y) => x.at - y.at);
  // "Armando Ferreira sits … “…,” he says": the subject a pronoun refers to, when no named speaker came since.
  let lastNamed = 0;
  for (const a of [...out]) {
    if (!a.speaker) continue;
    if (a.speaker.kind !== 'pronoun') lastNamed = Math.max(lastNamed, a.speaker.to);
    else if (a.speaker.person) {
      const p = antecedentBefore(cx, a.speaker.from, lastNamed);
      if (p) {
        out.push({ speaker: p, speakerRule: 'speaker/antecedent', speakerConfidence: 0.5, claims: [], at: tokens[p.from].start, start: 0, end: 0, word: '' });
        lastNamed = p.to;
      }
    }
  }
  out.sort((x, y) => x.at - y.at);
  for (const a of out) {
    if (!a.speaker) continue;
    a.start = tokens[a.speaker.from].start;
    a.end = tokens[a.speaker.to - 1].end;
    a.word = tokens[a.speaker.from].lower;
  }
  cutReported(cx, out);
  return { attributions: out, quotes: cx.quotes };
}

/** "Konashenkov: “…”": a speaker phrase from the sentence start to a colon right before the quotation. */
function nameColon(cx: Ctx, q: Quote): SpeakerPhrase | null {
  const { tokens } = cx;
  const o = (cx.tokenAt.get(q.open) ?? -1);
  if (o < 2 || tokens[o - 1].text !== ':') return null;
  let colon = o - 1;
  // "Dr Maria Neira, WHO: “…”": the name before the affiliation.
  const comma = tokens.slice(cx.sentFrom[o - 1], o - 1).findIndex((t) => t.text === ',');
  let s = phraseStartBefore(tokens, colon, cx.sentFrom[o - 1] - 1);
  if (comma >= 0 && o - 1 - cx.sentFrom[o - 1] <= 14) {
    colon = cx.sentFrom[o - 1] + comma;
    s = phraseStartBefore(tokens, colon, cx.sentFrom[o - 1] - 1);
  }
  if (s !== cx.sentFrom[o - 1] || s === colon) return null;
  const p = classifyPhrase(tokens, s, colon);
  return p && (p.kind === 'person' || p.kind === 'body') ? p : null;
}

/** Skip back from token `end` (exclusive) over adverbs, auxiliaries and "on Sunday" (not past `limit`). */
function skipAdverbs(tokens: Token[], end: number, limit: number): number {
  while (end > limit && tokens[end - 1].word && (VERB_ADVERBS.has(tokens[end - 1].lower) || /^\d/.test(tokens[end - 1].text) || (NOT_NAMES.has(tokens[end - 1].lower) && tokens[end - 2]?.lower === 'on') || tokens[end - 1].lower === 'on')) end--;
  return end;
}

/**
 * Skip back from the verb at `end` over adverbs, dates and appositives to where the subject ends:
 * "Gen. Sergey Rudskoy, head of Operations…, told", "Igor Konashenkov on Sunday, 2 April, said",
 * "the head of the mission, Danielle Bell, said" (the segment is the name), "The coalition’s statement,
 * released on Saturday, April 1, said".
 */
function subjectEnd(cx: Ctx, end: number, limit: number): number {
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
    const describes = (afterName || /^\d/.test(tokens[p - 1]?.text ?? '')) && tokens[p]?.text === ',' && !tokens[p + 1]?.cap;
    if (named && covers && !describes && (named.kind === 'person' || named.kind === 'body') && (tokens[named.from].cap || (!afterName && p > limit && tokens.slice(named.from, named.to).some((t) => t.cap)))) return segEnd;
    // No earlier comma: the segment is where the subject is.
    if (p <= limit || tokens[p].text !== ',') return segEnd;
    end = p + 1;
  }
  return -1;
}

/** "X said …", "… said X", "X told journalists: “…”" at the verb token `v`. */
function reportingVerb(cx: Ctx, v: number): Attribution | null {
  const { tokens } = cx;
  const verb = tokens[v];
  const ss = cx.sentFrom[v];
  const se = cx.sentTo[v];
  const prev = tokens[v - 1];
  if (prev && PASSIVE_BEFORE.has(prev.lower)) return null;
  // "expressed surprise that", "pointed out that": the verb needs its particle.
  if (verb.lower === 'expressed' && !EXPRESSED.has(tokens[v + 1]?.lower ?? '')) return null;
  if (verb.lower === 'pointed' && tokens[v + 1]?.lower !== 'out') return null;
  // Inversion: "“…,” said Putin.", "…, concluded the General."
  const inAdverbial = v + 1 < se && AFTER_VERB_PHRASES.test(cx.text.slice(tokens[v + 1].start, tokens[v + 1].start + 60).toLowerCase().replace(/\s+/g, ' '));
  if (prev && LEAD_PUNCT.has(prev.text) && prev.text !== ':' && !inAdverbial && !['in', 'on', 'at', 'to', 'by'].includes(tokens[v + 1]?.lower)) {
    let e = phraseEndAfter(tokens, v + 1, se);
    // "said Caroline Holt of the International Federation…": the person, not the organisation.
    const of = tokens.slice(v + 1, e).findIndex((t) => t.lower === 'of');
    const ofCut = of >= 2 && tokens.slice(v + 1, v + 1 + of).every((t) => t.cap && !ORG_WORDS.has(t.lower) && !DETERMINERS.has(t.lower));
    if (ofCut) e = v + 1 + of;
    const next = tokens[e];
    if (e > v + 1 && (e === se || ofCut || (!next.word && next.text !== '“'))) {
      const speaker = classifyPhrase(tokens, v + 1, e);
      if (speaker) {
        const claims: ClaimRange[] = [];
        const before = clauseBefore(cx, v, 'claim/reported-before', 0.7);
        if (before) claims.push(before);
        const split = opensQuote(cx, e + (next?.text === ',' || next?.text === ':' ? 1 : 0));
        if (split >= 0 && before) claims.push(quoteClaim(cx.text, cx.quotes[split], 'claim/quote-split', 0.8));
        return { speaker, speakerRule: 'speaker/said-inversion', speakerConfidence: 0.8, claims, at: verb.start, start: 0, end: 0, word: '' };
      }
    }
  }
  // "X accused … and said Y", "X called it fair but noted that Y": the sentence's subject, and the clause
  // before stops at the conjunction.
  if (prev && (prev.lower === 'and' || prev.lower === 'but') && v - 1 > ss) {
    let from = ss;
    const dateline = DATELINE.exec(cx.text.slice(tokens[ss].start, tokens[ss].start + 80));
    if (dateline) while (from < v - 1 && tokens[from].start < tokens[ss].start + dateline[0].length) from++;
    const e = phraseEndAfter(tokens, from, v - 1);
    const subject = e > from ? classifyPhrase(tokens, from, e) : null;
    const named = subject ?? { from: ss, to: ss + 1, kind: 'pronoun' as const, person: true, possessive: false, scanFrom: ss, scanTo: ss + 1 };
    const a = afterVerb(cx, v, named, v, true);
    if (a) a.cutAt = tokens[v - 2]?.text === ',' ? tokens[v - 2].start : prev.start;
    return a;
  }
  // Subject before the verb.
  const sEnd = subjectEnd(cx, v, ss);
  if (sEnd <= ss) return null;
  let sStart = phraseStartBefore(tokens, sEnd, ss);
  // "Aid workers say …", "Residents said …": a short plural noun phrase opening the sentence is the subject of
  // a verb that reports on its own, even when its head is no known role.
  if (sStart === sEnd && STRONG_VERBS.has(verb.lower) && sEnd - ss <= 3 && tokens[ss].cap && /s$/.test(tokens[sEnd - 1].lower)
    && tokens.slice(ss, sEnd).every((t) => t.word && !PRONOUNS.has(t.lower) && !NOT_NAMES.has(t.lower))) sStart = ss;
  if (sStart === sEnd) return null;
  const speaker = classifyPhrase(tokens, sStart, sEnd);
  if (!speaker) return null;
  return afterVerb(cx, v, speaker, sStart, false);
}

/**
 * The claim after (or before) a verb whose subject is known: objects and adverbials, then a quotation, "that",
 * a colon, or the sentence end ("Y, X said."). Null when a weak verb has no claim.
 */
function afterVerb(cx: Ctx, v: number, subject: SpeakerPhrase, sStart: number, coordinated: boolean): Attribution | null {
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
    let o = a + 1;
    while (o < se && tokens[o].word && tokens[o].lower !== 'that' && o - a < 5 && !AFTER_VERB_PHRASES.test(tokens[o].lower)) o++;
    a = tokens[a].cap ? phraseEndAfter(tokens, a, se) : o;
  }
  if (['told', 'tells', 'informed', 'assured'].includes(verb.lower)) {
    // "told supporters in the capital that …": a short object before "that".
    const that = tokens.slice(a, Math.min(se, a + 8)).findIndex((t) => t.lower === 'that');
    if (that > 0 && tokens.slice(a, a + that).every((t) => t.word)) a += that;
  }
  a = skipAfterVerb(cx, a, se);
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
  if (strong && next.word && !['to', 'by', 'with', 'in', 'on', 'at', 'for', 'goodbye', 'nothing'].includes(next.lower)) {
    return attribution([clauseAfter(cx, a, 'claim/reported-clause', 0.6)]);
  }
  // "Dwyer admitted his team had been …": a weak verb followed by a clause (a subject, then a finite verb).
  if (!strong && next.word && looksLikeClause(tokens, a, se)) return attribution([clauseAfter(cx, a, 'claim/reported-clause', 0.55)]);
  // "Konashenkov said on “stylistic” differences…": no claim we can cut, and the gold set marks no speaker.
  return null;
}

/**
 * "in what the judge called “a gross betrayal”", "a goal that the manager called “the best”": the quoted words
 * are the claim, the subject between the relative word and the verb its speaker. Only after what/that/which, so
 * that naming ("a group called “Free Syria”") is not taken.
 */
function whatXCalled(cx: Ctx, v: number): Attribution | null {
  const { tokens } = cx;
  const q = opensQuote(cx, v + 1);
  if (q < 0) return null;
  // The relative word within six words before; everything between it and the verb is the subject.
  let sStart = v - 1;
  while (sStart > cx.sentFrom[v] && sStart > v - 7 && tokens[sStart - 1].word && !['what', 'that', 'which'].includes(tokens[sStart - 1].lower)) sStart--;
  if (sStart >= v || !['what', 'that', 'which'].includes(tokens[sStart - 1]?.lower)) return null;
  const speaker = classifyPhrase(tokens, sStart, v);
  if (!speaker) return null;
  return { speaker, speakerRule: 'speaker/what-x-called', speakerConfidence: 0.7, claims: [quoteClaim(cx.text, cx.quotes[q], 'claim/what-x-called', 0.7)], at: tokens[v].start, start: 0, end: 0, word: '' };
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
 * A headline attributed after a dash: "60 civilians killed, 200 injured as … strikes Mosul – Russian MoD"
 * (a short capitalised phrase ending the line, optionally before a link; no final period), at token `i`.
 */
function headlineDash(cx: Ctx, i: number): Attribution | null {
  const { tokens } = cx;
  const ss = cx.sentFrom[i];
  const se = cx.sentTo[i];
  let e = phraseEndAfter(tokens, i, se);
  if (e - i > 5 || e === i) return null;
  const rest = tokens.slice(e, se);
  if (rest.length && rest[0].text !== '<') return null;
  if (i - 1 - ss < 3 || !tokens[i - 2].word) return null;
  const speaker = classifyPhrase(tokens, i, e);
  if (!speaker || speaker.kind === 'pronoun' || speaker.kind === 'title') return null;
  // A markdown link or handle before the headline is not part of it: "[@RT_com](#) US-led coalition …".
  let from = ss;
  const link = tokens.slice(ss, i).findIndex((t) => t.text === ')');
  if (link >= 0 && link < 6) from = ss + link + 1;
  const claim = span(cx, from, i - 1, 'claim/headline-dash', 0.6);
  return { speaker, speakerRule: 'speaker/headline-dash', speakerConfidence: 0.6, claims: claim ? [claim] : [], at: tokens[i - 1].start, start: 0, end: 0, word: '' };
}

/** Past objects and adverbials after a verb: "told journalists on Tuesday", "said in a statement". */
function skipAfterVerb(cx: Ctx, a: number, se: number): number {
  const { tokens, text } = cx;
  while (a < se && tokens[a].word && tokens[a].lower !== 'that') {
    if (AFTER_VERB.has(tokens[a].lower)) {
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

/** "According to X, Y", "Y, according to X." at token `i` ("according"). */
function accordingTo(cx: Ctx, i: number): Attribution | null {
  const { tokens } = cx;
  const se = cx.sentTo[i];
  // The phrase runs to the next punctuation or relative word: "according to the US National Snow and Ice Data
  // Center (NSIDC)", "according to the trade body UK Finance".
  let e = i + 2;
  while (e < se && e - i < 14 && tokens[e].word && (tokens[e].cap || ![ 'that', 'which', 'who', 'whose', 'when', 'where', 'while', 'published', 'released', 'issued', 'on', 'in'].includes(tokens[e].lower))) e++;
  // "according to final results published by the National Electoral Commission": the publisher speaks.
  if (['published', 'released', 'issued', 'compiled'].includes(tokens[e]?.lower) && tokens[e + 1]?.lower === 'by') {
    const b = phraseEndAfter(tokens, e + 2, se);
    if (b > e + 2) {
      const by = classifyPhrase(tokens, e + 2, b);
      if (by) return accordingClaims(cx, i, e, { ...by, scanFrom: i });
    }
  }
  if (e === i + 2) return null;
  const speaker = classifyPhrase(tokens, i + 2, e);
  if (!speaker) return null;
  speaker.scanFrom = i;
  return accordingClaims(cx, i, e, speaker);
}

/** The claim of "according to X" at token `i`, X ending at token `e`: after its comma, or the clause before. */
function accordingClaims(cx: Ctx, i: number, e: number, speaker: SpeakerPhrase): Attribution {
  const { tokens } = cx;
  const se = cx.sentTo[i];
  const next = tokens[e];
  let claim: ClaimRange | null = null;
  const commaAfter = tokens.slice(e, se).some((t) => t.text === ',');
  if (next?.text === ',' && e + 1 < se) claim = clauseAfter(cx, e + 1, 'claim/according-to-after', 0.7);
  else if (!commaAfter && tokens[i - 1]?.text === ',') claim = clauseBefore(cx, i, 'claim/according-to-before', 0.7);
  return { speaker, speakerRule: 'speaker/according-to', speakerConfidence: 0.8, claims: claim ? [claim] : [], at: tokens[i].start, start: 0, end: 0, word: '' };
}

/**
 * A reported clause stops where another attribution in it starts ("According to IRNA, Konashenkov said: …"
 * gives IRNA's claim nothing past "Konashenkov"); a claim left empty is dropped.
 */
function cutReported(cx: Ctx, list: Attribution[]): void {
  // Only structures whose claim comes before them cut ("…, the coalition “is not going to back down,” — said
  // Konashenkov"); a nested "X said that" stays inside the outer claim, as the gold set annotates it.
  const starts = list.map((a) => a.cutAt ?? (a.speaker && a.claims.some((c) => c.end <= a.at) ? Math.min(cx.tokens[a.speaker.scanFrom].start, a.at) : -1));
  for (const a of list) {
    a.claims = a.claims.flatMap((c) => {
      if (!c.reported) return [c];
      const cut = starts.filter((s, k) => list[k] !== a && s >= c.start && s < c.end).sort((x, y) => x - y)[0];
      if (cut === undefined) return [c];
      let end = cut;
      while (end > c.start && /[\s,.;:—–-]/.test(cx.text[end - 1])) end--;
      if (end - c.start < 8) return [];
      const q = cx.quotes.find((x) => x.open === c.start && x.close === end - 1);
      return [q ? quoteClaim(cx.text, q, c.rule, c.confidence) : { ...c, end }];
    });
  }
}
