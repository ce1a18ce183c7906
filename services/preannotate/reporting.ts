/**
 * Reporting structures in a text: who said what, as token ranges and UTF-16 claim ranges, before speakers are
 * resolved and offsets converted (attribution.ts does both). One `Attribution` per reporting verb or
 * "according to", plus one per quotation no verb claimed ("X: “…”", or a long quotation left to the nearest
 * speaker). Structures follow bench/preannotate/GUIDELINES.md: "X said (that) Y", "Y, X said.", "“Y,” said X",
 * "X told journalists: “Y”", "According to X, Y", "Y, according to X.", "X: “Y”", split quotes. subjects.ts finds
 * where a subject ends and what follows its verb. Every scan stays inside one sentence (claims.ts caps sentences).
 */
import type { Quote } from './quotes.js';
import { antecedentBefore } from './antecedents.js';
import { impersonalClaim } from './impersonal.js';
import { findAnswers } from './interviews.js';
import {
  clauseAfter, clauseBefore, context, DATELINE, firstNotBefore, opensQuote, quoteClaim, span, wordCount,
  type ClaimRange, type Ctx,
} from './claims.js';
import { AFTER_VERB_PHRASES, DETERMINERS, EXPRESSED, NOT_NAMES, ORG_WORDS, PASSIVE_BEFORE, PRONOUNS, STRONG_VERBS, WEAK_VERBS } from './reporting-words.js';
import { classifyPhrase, phraseEndAfter, phraseStartBefore, type SpeakerPhrase } from './speakers.js';
import { afterVerb, subjectEnd } from './subjects.js';

export type { ClaimRange } from './claims.js';

/** Conjunctions that coordinate a second attribution after a comma ("…, while the think tank warned that …"). */
const COORDINATORS = new Set(['while', 'whereas', 'but', 'and', 'whilst']);

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
  /** A speaker with nothing we can cut as a claim ("X said on …"): only a target for later pronouns. */
  subjectOnly?: boolean;
  /** A claim whose source the text does not name ("The court heard that …"): no speaker, no said-by link. */
  unattributed?: boolean;
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
    const unnamed = tokens[i + 1]?.lower === 'that' ? impersonalClaim(cx, i) : null;
    if (unnamed) a = { speaker: null, unattributed: true, speakerRule: '', speakerConfidence: 0, claims: [unnamed], at: t.start, start: 0, end: 0, word: '' };
    else if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') a = accordingTo(cx, i);
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
    // Answers are in text order and never overlap: the last one starting at or before `at` is the only candidate.
    const inAnswer = (at: number) => {
      const k = lastAtOrBefore(answers.map((x) => x.from), at);
      return k >= 0 && at < answers[k].to;
    };
    for (let k = out.length - 1; k >= 0; k--) if (out[k].at >= first && out[k].at < last && !inAnswer(out[k].at)) out.splice(k, 1);
  }
  for (const x of answers) out.push({ speaker: x.speaker, speakerRule: 'speaker/answer', speakerConfidence: 0.6, claims: [x.claim], at: x.claim.start, start: 0, end: 0, word: '' });
  // Quotations no verb claimed: "X: “…”", or long ones left to the nearest speaker; short ones are scare quotes.
  const covered = coverage([...out.flatMap((a) => a.claims.filter((c) => c.reported)), ...answers.map((x) => x.claim)]);
  cx.quotes.forEach((q, qi) => {
    if (usedQuotes.has(qi) || covered(q.open, q.close - 1)) return;
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

/** Index of the last of the ascending `sorted` that is <= `x`, or -1. */
const lastAtOrBefore = (sorted: readonly number[], x: number) => firstNotBefore(sorted.length, (i) => sorted[i] <= x) - 1;

/** Whether some range of `ranges` covers [from, to] (start <= from, end >= to); O(log n) per question. */
function coverage(ranges: readonly { start: number; end: number }[]): (from: number, to: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const starts = sorted.map((r) => r.start);
  // Largest end among the ranges starting at or before each one.
  const reach: number[] = [];
  sorted.forEach((r, k) => reach.push(Math.max(r.end, k ? reach[k - 1] : -Infinity)));
  return (from, to) => {
    const k = lastAtOrBefore(starts, from);
    return k >= 0 && reach[k] >= to;
  };
}

/** "Konashenkov: “…”": a speaker phrase from the sentence start to a colon right before the quotation. */
function nameColon(cx: Ctx, q: Quote): SpeakerPhrase | null {
  const { tokens } = cx;
  const o = (cx.tokenAt.get(q.open) ?? -1);
  if (o < 2 || tokens[o - 1].text !== ':') return null;
  let colon = o - 1;
  // "Dr Maria Neira, WHO: “…”": the name before the affiliation.
  const near = o - 1 - cx.sentFrom[o - 1] <= 14;
  const comma = near ? tokens.slice(cx.sentFrom[o - 1], o - 1).findIndex((t) => t.text === ',') : -1;
  let s = phraseStartBefore(tokens, colon, cx.sentFrom[o - 1] - 1);
  if (comma >= 0) {
    colon = cx.sentFrom[o - 1] + comma;
    s = phraseStartBefore(tokens, colon, cx.sentFrom[o - 1] - 1);
  }
  if (s !== cx.sentFrom[o - 1] || s === colon) return null;
  const p = classifyPhrase(tokens, s, colon);
  return p && (p.kind === 'person' || p.kind === 'body') ? p : null;
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
  const a = afterVerb(cx, v, speaker, sStart, false);
  // "X said Y, while Z warned that W": a second attribution coordinated after a comma ends the first claim.
  if (a && sStart - 2 > ss && COORDINATORS.has(tokens[sStart - 1].lower) && tokens[sStart - 2].text === ',') a.cutAt = tokens[sStart - 2].start;
  return a;
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
  // Cut points in ascending order with their attribution, searched by bisection (one claim per attribution
  // would otherwise scan them all).
  const order = starts.map((_, k) => k).filter((k) => starts[k] >= 0).sort((x, y) => starts[x] - starts[y]);
  const sorted = order.map((k) => starts[k]);
  list.forEach((a, own) => {
    a.claims = a.claims.flatMap((c) => {
      if (!c.reported) return [c];
      let k = lastAtOrBefore(sorted, c.start - 1) + 1;
      while (k < order.length && order[k] === own) k++;
      if (k >= order.length || sorted[k] >= c.end) return [c];
      let end = sorted[k];
      while (end > c.start && /[\s,.;:—–-]/.test(cx.text[end - 1])) end--;
      if (end - c.start < 8) return [];
      const qi = cx.openAt.get(c.start);
      const q = qi === undefined || cx.quotes[qi].close !== end - 1 ? undefined : cx.quotes[qi];
      return [q ? quoteClaim(cx.text, q, c.rule, c.confidence) : { ...c, end }];
    });
  });
}
