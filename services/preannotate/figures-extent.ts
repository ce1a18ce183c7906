/**
 * How far a figure reaches around its number (for figures.ts): back over a currency sign or an additive word
 * ("$4.5 billion", "another 200"), forward over what it counts ("60 civilians", "2,000 tonnes of wheat",
 * "hundreds of thousands of refugees", "over 200 injured", "1.80 euros"). Rules from bench/preannotate/GUIDELINES.md
 * (figure). Positions are UTF-16 indexes; words are read a few at a time around the number, never the whole text.
 */
import { isBreak, isDigit, isLetter, isSpace } from '../suggest/text.js';
import type { FigureBound } from '../suggest/numbers-words.js';
import { qualifierBefore } from '../suggest/numbers-context.js';
import {
  COUNT_PARTICIPLES,
  DETERMINERS,
  INTENSIFIERS,
  PREFIXES,
  UNITS_BEFORE,
  CURRENCY_CODES,
  CURRENCY_SIGNS,
  CURRENCY_WORDS,
  DOLLAR_PREFIXES,
  IRREGULAR_PLURALS,
  PARTITIVE_PRONOUNS,
  NOT_PLURAL,
  PHRASE_STOP,
  UNITS,
} from './figures-words.js';

/** One word of the text: as written, lower-cased, and where it is. */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const APOSTROPHES = new Set([39, 0x2019]);
const isJoiner = (c: number) => c === 45 || c === 0x2010 || c === 0x2011 || APOSTROPHES.has(c);
const isWordCode = (c: number) => isLetter(c) || isDigit(c);

/**
 * The word after `j`, across horizontal space only (a comma, a bracket or a line break ends the phrase: null).
 * A word is letters and digits with inner hyphens and apostrophes ("F-16", "US-led", "women's"); "&" is a word.
 */
export function wordAfter(text: string, j: number): Word | null {
  let k = j;
  while (k < text.length && isSpace(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) === 38) return { text: '&', lower: '&', start: k, end: k + 1 };
  if (!isWordCode(text.charCodeAt(k))) return null;
  const start = k;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (isWordCode(c)) k++;
    else if (isJoiner(c) && isWordCode(text.charCodeAt(k + 1))) k += 2;
    else break;
  }
  const word = text.slice(start, k);
  return { text: word, lower: word.toLowerCase(), start, end: k };
}

/** The word ending right before `i` across horizontal space (an abbreviation dot included: "No."), or null. */
export function wordBefore(text: string, i: number): (Word & { dot: boolean }) | null {
  let k = i;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  const dot = text.charCodeAt(k - 1) === 46;
  if (dot) k--;
  const end = k;
  while (k > 0 && (isWordCode(text.charCodeAt(k - 1)) || (isJoiner(text.charCodeAt(k - 1)) && isWordCode(text.charCodeAt(k - 2))))) k--;
  if (k === end) return null;
  const word = text.slice(k, end);
  return { text: word, lower: word.toLowerCase(), start: k, end, dot };
}

/** True when the word at `start` opens a sentence or a line (nothing but opening punctuation before it). */
export function opensSentence(text: string, start: number): boolean {
  let k = start;
  while (k > 0 && (isSpace(text.charCodeAt(k - 1)) || '"“‘(['.includes(text[k - 1]))) k--;
  if (k === 0) return true;
  const c = text.charCodeAt(k - 1);
  return isBreak(c) || c === 46 || c === 33 || c === 63 || c === 58 || c === 59;
}

const isPlural = (w: Word) =>
  IRREGULAR_PLURALS.has(w.lower) ||
  (w.lower.length > 3 && w.lower.endsWith('s') && !/(?:ss|us|is|'s|’s)$/.test(w.lower) && !NOT_PLURAL.has(w.lower) && !/\d/.test(w.lower)) ||
  /^\p{L}+-?\d+s$/u.test(w.text); // "two F-16s", "MiG-29s"

/** The scanner's bounds as attribute values. */
export const BOUND: Record<FigureBound, string> = { exact: 'exact', atLeast: 'at least', atMost: 'at most', about: 'about' };

/** The words ending before `i`, nearest first, up to `n`, stopping at an abbreviation dot. */
function wordsBefore(text: string, i: number, n: number): Word[] {
  const out: Word[] = [];
  let k = i;
  while (out.length < n) {
    const w = wordBefore(text, k);
    if (!w || w.dot) break;
    out.push(w);
    k = w.start;
  }
  return out;
}

/** What stands before a figure's number beyond the scanner's qualifier. */
export interface Before {
  start: number;
  /** ISO code of a currency sign or code before the number ("$", "US$", "EUR"), or ''. */
  currency: string;
  /** A unit named before the number ("magnitude 6.8"), or ''. */
  unit: string;
  /** A bound found here ("over $5m", "within 30 days"), or null to keep the scanner's. */
  bound: string | null;
}

/**
 * Where a figure starts once a currency sign or code, a unit word ("magnitude"), a qualifier before either, a
 * prefix ("another", "within", "as much as") and an intensifier ("well below") are taken in. `start` is the
 * scanner's start (its qualifier included), `numberStart` where the digits or number words begin.
 */
export function extendBefore(text: string, start: number, numberStart: number): Before {
  let currency = '';
  let unit = '';
  let bound: string | null = null;
  const qualified = start < numberStart;
  if (!qualified) {
    const sign = CURRENCY_SIGNS.get(text[start - 1] ?? '');
    const prev = wordBefore(text, start);
    if (sign) {
      currency = sign;
      start--;
      const prefix = wordBefore(text, start);
      if (sign === 'USD' && prefix && prefix.end === start && !prefix.dot && DOLLAR_PREFIXES.has(prefix.text)) {
        currency = DOLLAR_PREFIXES.get(prefix.text)!;
        start = prefix.start;
      }
    } else if (prev && !prev.dot && (CURRENCY_CODES.has(prev.text) || UNITS_BEFORE.has(prev.lower))) {
      if (CURRENCY_CODES.has(prev.text)) currency = prev.text;
      else unit = UNITS_BEFORE.get(prev.lower)!;
      start = prev.start;
    }
    // "over $5m", "up to magnitude 4.9": the scanner looks for a qualifier right before the number only.
    const q = start < numberStart ? qualifierBefore(text, start, 0) : null;
    if (q) [start, bound] = [q.start, BOUND[q.bound]];
  }
  if (!qualified && bound === null) {
    const ws = wordsBefore(text, start, 3);
    for (let n = ws.length; n >= 1; n--) {
      const phrase = ws.slice(0, n).reverse().map((w) => w.lower).join(' ');
      if (!PREFIXES.has(phrase)) continue;
      start = ws[n - 1].start;
      bound = PREFIXES.get(phrase) ?? null;
      break;
    }
  }
  if (start < numberStart) {
    const w = wordBefore(text, start);
    if (w && !w.dot && INTENSIFIERS.has(w.lower)) start = w.start;
  }
  return { start, currency, unit, bound };
}

/** What follows a number: where the figure ends, its unit, and which rule decided. */
export interface Extent {
  end: number;
  unit: string;
  /** 'noun' (a counted noun), 'unit' (a measurement), 'currency' (a currency word), 'participle', or '' (bare). */
  kind: 'noun' | 'unit' | 'currency' | 'participle' | '';
}

/** A stop word as written in lower case ("A" inside "Serie A games" is part of a name, not an article). */
const isStop = (w: Word) => PHRASE_STOP.has(w.text) || (w.text !== w.lower && PHRASE_STOP.has(w.lower) && w.text.length > 1 && w.text !== w.text.toUpperCase());

/** Up to `max` words of a noun phrase after `j`, before a stop word; with the index of its first plural noun. */
function nounPhrase(text: string, j: number, max: number): { words: Word[]; head: number } {
  const words: Word[] = [];
  let w = wordAfter(text, j);
  while (w && words.length < max && !isStop(w) && !UNITS.has(w.lower)) {
    words.push(w);
    // The first plural ends the phrase: "40 protesters held placards" counts protesters.
    if (isPlural(w)) return { words, head: words.length - 1 };
    w = wordAfter(text, w.end);
  }
  return { words, head: -1 };
}

/** "of refugees", "of thousands of refugees": the end of "of" and its noun phrase up to the first plural, or -1. */
function ofPlural(text: string, j: number): number {
  const of = wordAfter(text, j);
  if (!of || of.lower !== 'of') return -1;
  const np = nounPhrase(text, of.end, 4);
  return np.head >= 0 ? np.words[np.head].end : -1;
}

/**
 * "of wheat", "of the population", "of global economic output", "of that amount": "of", an optional determiner
 * and up to three lower-case words before a stop word or punctuation. -1 when "of" does not follow.
 */
export function ofWhat(text: string, j: number): number {
  const of = wordAfter(text, j);
  if (!of || of.lower !== 'of') return -1;
  let k = of.end;
  let w = wordAfter(text, k);
  if (w && PARTITIVE_PRONOUNS.has(w.lower) && !DETERMINERS.has(w.lower)) return w.end;
  if (w && DETERMINERS.has(w.lower)) {
    k = w.end;
    w = wordAfter(text, k);
  }
  let n = 0;
  // Lower-case words only, and no past tense or adverb: "of wheat reached", "of the population lived below".
  while (w && n < 3 && !isStop(w) && w.text === w.lower && (!/\d|(?:ed|ly)$/.test(w.text) || COUNT_PARTICIPLES.has(w.text))) {
    k = w.end;
    n++;
    if (isPlural(w)) break;
    w = wordAfter(text, k);
  }
  return n > 0 ? k : -1;
}

/** "per million inhabitants", "per capita", "per day" after a count: the end of that, or `j`. */
function perWhat(text: string, j: number): number {
  const per = wordAfter(text, j);
  if (!per || per.lower !== 'per') return j;
  const w = wordAfter(text, per.end);
  if (!w || isStop(w)) return j;
  if (w.lower === 'million' || w.lower === 'thousand' || w.lower === 'hundred' || w.lower === '100' || w.lower === '1,000') {
    const w2 = wordAfter(text, w.end);
    return w2 && !isStop(w2) ? w2.end : w.end;
  }
  return w.end;
}

/**
 * Extends a figure that ends at `end` (after its digits, magnitude and percent sign) over what it counts.
 * `vague` marks "dozens", "hundreds of thousands" (their noun comes after "of"); a percentage takes "of X";
 * `currency` (found before the number) ends the figure at once.
 *
 * @example extendAfter('2,000 tonnes of wheat reached', 5, …) // { end: 21, unit: 't', kind: 'unit' }
 */
export function extendAfter(text: string, end: number, kind: { vague: boolean; percent: boolean; currency: string }): Extent {
  if (kind.percent) {
    const k = ofWhat(text, end);
    return { end: k >= 0 ? k : end, unit: '%', kind: 'unit' };
  }
  if (kind.currency) return { end, unit: kind.currency, kind: 'currency' };
  if (kind.vague) {
    const k = ofPlural(text, end);
    return k >= 0 ? { end: k, unit: unitOf(text, end, k), kind: 'noun' } : { end, unit: '', kind: '' };
  }
  const first = wordAfter(text, end);
  if (!first) return { end, unit: '', kind: '' };
  const money = CURRENCY_WORDS.get(first.lower) ?? (CURRENCY_CODES.has(first.text) ? first.text : undefined);
  if (money) return { end: first.end, unit: money, kind: 'currency' };
  const measure = measureAfter(text, first);
  if (measure) {
    // "140 km/h", "38 miles of road", "2,000 tonnes of wheat"
    const per = /^\/[a-z]{1,3}\b/.exec(text.slice(measure.end, measure.end + 5));
    const end = per ? measure.end + per[0].length : measure.end;
    const k = ofWhat(text, end);
    return { end: perWhat(text, k >= 0 ? k : end), unit: per ? measure.unit + per[0] : measure.unit, kind: 'unit' };
  }
  const np = nounPhrase(text, end, 4);
  if (np.head >= 0) {
    let headEnd = np.words[np.head].end;
    // "48 women & children", "civilians and soldiers": a second plural joined by and/&.
    const and = wordAfter(text, headEnd);
    if (and && (and.lower === 'and' || and.lower === '&')) {
      const second = wordAfter(text, and.end);
      if (second && isPlural(second) && !isStop(second)) headEnd = second.end;
    }
    return { end: perWhat(text, headEnd), unit: np.words[np.head].lower, kind: 'noun' };
  }
  if (COUNT_PARTICIPLES.has(first.lower)) return { end: first.end, unit: first.lower, kind: 'participle' };
  // "then three more": the count of more of the same.
  if (first.lower === 'more') return { end: first.end, unit: '', kind: '' };
  // A partitive: "four of the dead", "12 of my neighbours", "forty of us".
  const of = ofWhat(text, end);
  if (of >= 0) return { end: of, unit: '', kind: 'noun' };
  return { end, unit: '', kind: '' };
}

/** A unit of measurement at `w` ("km", "square feet", "basis points" is a noun), or null. */
function measureAfter(text: string, w: Word): { end: number; unit: string; key: string } | null {
  if (w.lower === 'square' || w.lower === 'cubic') {
    const next = wordAfter(text, w.end);
    const unit = next && UNITS.get(next.lower);
    if (next && unit) return { end: next.end, unit: `${w.lower === 'square' ? 'sq' : 'cu'} ${unit}`, key: 'cubic' };
    return null;
  }
  const unit = UNITS.get(w.lower);
  // A one-letter unit ("m", "t", "g", "l") only as written in lower case and not as an article-like word.
  if (!unit || (w.text.length === 1 && w.text !== w.lower)) return null;
  return { end: w.end, unit, key: w.lower };
}

/** The head noun of the phrase between `from` and `to` (the last plural), for vague plurals' "of X". */
function unitOf(text: string, from: number, to: number): string {
  const w = wordBefore(text, to);
  return w && w.start >= from ? w.lower : '';
}
