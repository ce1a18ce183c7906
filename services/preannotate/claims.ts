/**
 * Claim ranges for reporting.ts: the shared context (tokens, sentences, quotations), a quotation as a claim, and
 * the reported clause after or before an attribution (bench/preannotate/GUIDELINES.md: "the content inside the
 * quotation marks, without the marks"; "the reported clause, without 'that' and without the attribution").
 * UTF-16 offsets.
 */
import { splitSentences } from '../suggest/sentences.js';
import { findQuotes, type Quote } from './quotes.js';
import { tokenize, type Token } from './speakers.js';

export interface ClaimRange {
  /** UTF-16, half-open. */
  start: number;
  end: number;
  rule: string;
  confidence: number;
  /** A reported clause (cut where another attribution starts), not a quotation. */
  reported: boolean;
}
export const CLOSE_MARKS = new Set(['”', '"', '»', '’']);
export const END_PUNCT = new Set(['.', '!', '?', ';']);
/** "KHARKIV, March 3 (Wire) — ", "LONDON (Wire) - ", "GENEVA — ". */
export const DATELINE = /^\p{Lu}[\p{Lu} .'’-]+(?:,[^—–\n(]{1,25}?)?(?:\s*\([^)\n]{1,30}\))?\s+[—–-]\s+/u;

/** Context shared by the structure finders: tokens, sentence of each token, quotations. */
export interface Ctx {
  text: string;
  tokens: Token[];
  /** Per token: first and last+1 token index of its sentence. */
  sentFrom: Int32Array;
  sentTo: Int32Array;
  quotes: Quote[];
  /** Per token: index of the quotation whose content holds it, or -1. */
  inQuote: Int32Array;
  /** Quotation opening / closing at a UTF-16 position. */
  openAt: Map<number, number>;
  closeAt: Map<number, number>;
  /** Quotation whose content starts at a UTF-16 position. */
  quoteAt: Map<number, number>;
  /** Token starting at a UTF-16 position (a bisection of `tokens`, which are in order). */
  tokenAt: { get(u: number): number | undefined };
}

/**
 * Longest sentence the structure finders see, UTF-16 units: a longer run without a sentence end (a run-on or a
 * hostile text) is cut into pieces of at most this, so that every claim is bounded and every scan within a
 * sentence costs at most this (the dev set's longest sentence is 451 units; sentences always end at a line break).
 */
export const MAX_SENTENCE = 1000;

/** Tokens, sentences (capped at MAX_SENTENCE) and quotations of `text`. Linear in its length. */
export function context(text: string): Ctx {
  const tokens = tokenize(text);
  // `null` index: sentences in UTF-16 units, the unit everything here works in.
  const sentences = capSentences(splitSentences(text, 0, undefined, null));
  const sentFrom = new Int32Array(tokens.length);
  const sentTo = new Int32Array(tokens.length);
  let s = 0;
  let first = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (i === tokens.length || (s < sentences.length && t.start >= sentences[s].end)) {
      for (let j = first; j < i; j++) sentTo[j] = i;
      first = i;
      while (i < tokens.length && s < sentences.length && tokens[i].start >= sentences[s].end) s++;
    }
    if (i < tokens.length) sentFrom[i] = first;
  }
  const quotes = findQuotes(text);
  const inQuote = new Int32Array(tokens.length).fill(-1);
  let q = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (q < quotes.length && quotes[q].close < tokens[i].start) q++;
    if (q < quotes.length && tokens[i].start > quotes[q].open && tokens[i].end <= quotes[q].close) inQuote[i] = q;
  }
  return {
    text, tokens, sentFrom, sentTo, quotes, inQuote,
    openAt: new Map(quotes.map((x, i) => [x.open, i])),
    closeAt: new Map(quotes.map((x, i) => [x.close, i])),
    quoteAt: new Map(quotes.map((x, i) => [x.start, i])),
    tokenAt: { get: (u: number) => tokenStartingAt(tokens, u) },
  };
}

/**
 * Bisection: the first index in [0, length) for which `before(i)` is false, `before` being true on a prefix
 * (length when it is true everywhere). O(log length).
 */
export function firstNotBefore(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the token starting at UTF-16 position `u`, or undefined. */
function tokenStartingAt(tokens: readonly Token[], u: number): number | undefined {
  const i = firstNotBefore(tokens.length, (k) => tokens[k].start < u);
  return i < tokens.length && tokens[i].start === u ? i : undefined;
}

/** Sentences longer than MAX_SENTENCE cut into consecutive pieces of at most that many UTF-16 units. */
function capSentences(sentences: { start: number; end: number }[]): { start: number; end: number }[] {
  if (!sentences.some((x) => x.end - x.start > MAX_SENTENCE)) return sentences;
  return sentences.flatMap((x) => {
    const out: { start: number; end: number }[] = [];
    for (let at = x.start; at < x.end; at += MAX_SENTENCE) out.push({ start: at, end: Math.min(x.end, at + MAX_SENTENCE) });
    return out;
  });
}

/** A quotation's content as a claim, without a trailing comma ("“Let’s not forget,” said …"). */
export function wordCount(text: string, q: Quote): number {
  return text.slice(q.start, q.end).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function quoteClaim(text: string, q: Quote, rule: string, confidence: number): ClaimRange {
  let end = q.end;
  while (end > q.start + 1 && /[\s,]/.test(text[end - 1])) end--;
  return { start: q.start, end, rule, confidence, reported: false };
}

/** Whether the token at `i` opens a quotation; its index or -1. */
export function opensQuote(cx: Ctx, i: number): number {
  const t = cx.tokens[i];
  return t ? cx.openAt.get(t.start) ?? -1 : -1;
}

/** A quotation closing among the punctuation right before token `i` ("…,” said X", "…” — said X"). */
export function quoteClosingBefore(cx: Ctx, i: number): number {
  const limit = i < cx.tokens.length ? cx.sentFrom[i] : 0;
  for (let j = i - 1; j >= limit && !cx.tokens[j].word; j--) {
    const q = cx.closeAt.get(cx.tokens[j].start);
    if (q !== undefined) return q;
  }
  return -1;
}

/** The reported clause from token `from` to the end of its sentence (extended to a quotation's close). */
export function clauseAfter(cx: Ctx, from: number, rule: string, confidence: number): ClaimRange | null {
  const { tokens } = cx;
  if (from >= tokens.length) return null;
  let to = cx.sentTo[from];
  // A quotation open at the sentence end runs to its closing mark.
  const q = cx.inQuote[to - 1];
  if (q >= 0) while (to < tokens.length && tokens[to].start < cx.quotes[q].close + 1) to++;
  return span(cx, from, to, rule, confidence);
}

/** Claim range over tokens [from, to), trimmed of edge punctuation; a whole quotation loses its marks. */
export function span(cx: Ctx, from: number, to: number, rule: string, confidence: number): ClaimRange | null {
  const { tokens } = cx;
  from = pastMarkup(cx, from, to);
  while (from < to && !tokens[from].word && !cx.openAt.has(tokens[from].start)) from++;
  while (to > from && !tokens[to - 1].word && !CLOSE_MARKS.has(tokens[to - 1].text) && tokens[to - 1].text !== ')') to--;
  if (to - from < 2) return null;
  const qo = cx.openAt.get(tokens[from].start);
  if (qo !== undefined && cx.quotes[qo].close === tokens[to - 1].start) return quoteClaim(cx.text, cx.quotes[qo], 'claim/quote', Math.max(confidence, 0.8));
  let start = tokens[from].start;
  // A dateline opening the sentence is not said by anyone: "KHARKIV, March 3 (Wire) — At least 14 …".
  if (from === cx.sentFrom[from]) {
    const m = DATELINE.exec(cx.text.slice(start, start + 80));
    if (m) start += m[0].length;
  }
  return { start, end: tokens[to - 1].end, rule, confidence, reported: true };
}

/** A markdown link, an image or a handle opening a line: "[@RT_com](#) ", "![](x.png) ", "@Reuters: ". */
const MARKUP = /^(?:!?\[[^\]\n]{0,120}\]\([^)\s]{0,300}\)|@[\p{L}\p{N}_]+:?)\s*/u;

/**
 * The first token from `from` (before `to`) past link markup and handles: a claim never starts inside them
 * ("[@RT_com](#) US-led coalition strike killed …" → "US-led …").
 */
function pastMarkup(cx: Ctx, from: number, to: number): number {
  const { tokens, text } = cx;
  if (from >= to || !/[[!@]/.test(tokens[from].text)) return from;
  let at = tokens[from].start;
  for (let m = MARKUP.exec(text.slice(at, at + 400)); m && m[0].length; m = MARKUP.exec(text.slice(at, at + 400))) at += m[0].length;
  while (from < to && tokens[from].start < at) from++;
  return from;
}

/** The clause before a subject: sentence start to the comma or dash before token `subjectFrom`. */
export function clauseBefore(cx: Ctx, subjectFrom: number, rule: string, confidence: number): ClaimRange | null {
  const { tokens } = cx;
  const q = quoteClosingBefore(cx, subjectFrom);
  if (q >= 0) return quoteClaim(cx.text, cx.quotes[q], 'claim/quote', 0.85);
  const prev = tokens[subjectFrom - 1];
  if (!prev || ![',', '—', '–'].includes(prev.text)) return null;
  return span(cx, cx.sentFrom[subjectFrom], subjectFrom - 1, rule, confidence);
}
