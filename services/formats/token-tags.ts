/**
 * Spans placed on tokens, for the token-based exports (hf's IOB2 rows, coref-conll's mention brackets). Tokens are
 * conll-tokens.ts's (the CoNLL export's rule, one rule for every token format), as its TokenTable: no object per
 * token, which a 6 MB document would pay a million times. Offsets are code points.
 *
 * - A token partly inside a range is inside it (the same rule as conll.ts).
 * - Discontinuous spans (fragments.ts `spanFragments`) become one entity per fragment, gap tokens outside: pieces
 *   whose token ranges overlap or touch (a gap of white space only) are joined into one entity, since no gap token
 *   would tell them apart.
 * - Overlapping and nested spans: one tag per token, so the rule of conll.ts (its OVERLAP_RULE) decides: the longest
 *   span (end − start, code points), then the earliest, then the lowest id is kept; a span sharing a token with a
 *   kept one is dropped whole (all its fragments).
 */
import { splitSentences } from '../suggest/sentences.js';
import type { TokenTable } from './conll-tokens.js';
import { spanFragments } from './fragments.js';
import type { ExportSpan } from './types.js';

/** Index of the first token ending after code point `cp` (tokens ascending, not overlapping). */
function firstEndingAfter(t: TokenTable, cp: number): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.end[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The tokens a code-point range [start, end) touches, as inclusive token indices, or null when it covers none
 * (white space only, or an empty range).
 * @example tokenRange(tokenTable('Ann Bob Cyd'), 2, 5) // [0, 1]: "Ann" and "Bob" are each partly inside
 */
export function tokenRange(t: TokenTable, start: number, end: number): [number, number] | null {
  const first = firstEndingAfter(t, start);
  if (first >= t.count || t.start[first] >= end || end <= start) return null;
  let last = firstEndingAfter(t, end - 1);
  if (last >= t.count || t.start[last] >= end) last--;
  return [first, last];
}

/**
 * The token ranges of a span: one per fragment, those that overlap or touch joined, in text order; empty when the
 * span covers no token. `discontinuous` says whether more than one range remained.
 */
export function spanTokenRanges(t: TokenTable, s: Pick<ExportSpan, 'start' | 'end' | 'attributes'>): { ranges: [number, number][]; discontinuous: boolean } {
  const ranges: [number, number][] = [];
  for (const [a, b] of spanFragments(s).fragments) {
    const r = tokenRange(t, a, b);
    if (!r) continue;
    const prev = ranges[ranges.length - 1];
    if (prev && r[0] <= prev[1] + 1) prev[1] = Math.max(prev[1], r[1]);
    else ranges.push(r);
  }
  return { ranges, discontinuous: ranges.length > 1 };
}

/** One entity on tokens: inclusive token indices, with its span. */
export interface TokenEntity {
  first: number;
  last: number;
  span: ExportSpan;
}

export interface TokenEntities {
  /** Entities of the kept spans (one per fragment range), by first token. */
  entities: TokenEntity[];
  /** Spans dropped by the overlap rule. */
  dropped: number;
  /** Spans covering no token. */
  empty: number;
  /** Kept spans written as more than one entity (discontinuous). */
  discontinuous: number;
}

/**
 * Places spans on tokens so that every token belongs to at most one entity (module comment: fragment and overlap
 * rules). Cost: O(spans log spans + tokens covered).
 */
export function tokenEntities(t: TokenTable, spans: readonly ExportSpan[]): TokenEntities {
  const candidates: { span: ExportSpan; ranges: [number, number][]; discontinuous: boolean }[] = [];
  let empty = 0;
  for (const span of spans) {
    const r = spanTokenRanges(t, span);
    if (r.ranges.length) candidates.push({ span, ...r });
    else empty++;
  }
  candidates.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start || a.span.id - b.span.id);
  const taken = new Uint8Array(t.count);
  const entities: TokenEntity[] = [];
  let dropped = 0;
  let discontinuous = 0;
  for (const c of candidates) {
    if (c.ranges.some(([a, b]) => taken.subarray(a, b + 1).includes(1))) {
      dropped++;
      continue;
    }
    for (const [a, b] of c.ranges) {
      taken.fill(1, a, b + 1);
      entities.push({ first: a, last: b, span: c.span });
    }
    if (c.discontinuous) discontinuous++;
  }
  entities.sort((a, b) => a.first - b.first);
  return { entities, dropped, empty, discontinuous };
}

/**
 * The tokens of `text` by sentence (services/suggest/sentences.ts splitSentences), as [from, to) token index
 * ranges in order; sentences that an entity crosses are one range, so an entity is never cut. None for a text
 * without tokens.
 * @example sentenceGroups('He left. She came.', tokenTable('He left. She came.'), []) // [[0, 3], [3, 6]]
 */
export function sentenceGroups(text: string, t: TokenTable, entities: readonly { first: number; last: number }[]): [number, number][] {
  if (!t.count) return [];
  const sentences = splitSentences(text);
  const sentenceOf = new Int32Array(t.count);
  let si = 0;
  for (let k = 0; k < t.count; k++) {
    while (si < sentences.length - 1 && sentences[si].end <= t.start[k]) si++;
    sentenceOf[k] = si;
  }
  const joinNext = new Uint8Array(sentences.length + 1);
  for (const e of entities) joinNext.fill(1, sentenceOf[e.first], sentenceOf[e.last]);
  const groups: [number, number][] = [];
  let from = 0;
  for (let k = 1; k <= t.count; k++) {
    if (k === t.count || (sentenceOf[k] !== sentenceOf[k - 1] && !joinNext[sentenceOf[k - 1]])) {
      groups.push([from, k]);
      from = k;
    }
  }
  return groups;
}
