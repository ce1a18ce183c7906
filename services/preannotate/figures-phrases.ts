/**
 * Figures the number scanner (services/suggest/numbers-figures.ts) does not read, found here for pre-annotation:
 * fractions ("roughly a third", "nearly two-thirds of the cases", "half a point"), ratios ("one in ten"), "one" before a noun ("at
 * least one dose"; the scanner drops the word "one", a pronoun more often than a count) and units glued to
 * digits ("30km", "1.5C"). Positions are UTF-16 indexes; each pattern is one native regex pass over the text.
 */
import { qualifierBefore } from '../suggest/numbers-context.js';
import { isLetter } from '../suggest/text.js';
import { BOUND, extendBefore, ofWhat, wordAfter, wordBefore } from './figures-extent.js';
import { GLUED_DEGREES, GLUED_UNITS, PHRASE_STOP, UNITS } from './figures-words.js';

/** A figure found by a phrase rule, UTF-16 offsets. */
export interface PhraseFigure {
  start: number;
  end: number;
  value: number;
  bound: string;
  unit: string;
  rule: string;
  confidence: number;
}

/** A qualifier (and its intensifier) before `start`: "nearly two-thirds", "well below 2C", "at least one dose". */
function qualified(text: string, start: number, numberStart = start): { start: number; bound: string } {
  const q = qualifierBefore(text, start, 0);
  if (!q) return { start, bound: 'exact' };
  const before = extendBefore(text, q.start, numberStart);
  return { start: before.start, bound: BOUND[q.bound] };
}

const FRACTION_VALUES: Record<string, number> = { half: 0.5, halves: 0.5, third: 1 / 3, thirds: 1 / 3, quarter: 0.25, quarters: 0.25, fifth: 0.2, fifths: 0.2, tenth: 0.1, tenths: 0.1 };
const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, nine: 9 };
// The fraction word first and its count looked up behind it: a pattern opening with an optional count group made
// the regex engine try every position of the text (a sixth of the whole proposal time).
const FRACTION = /\b(?:hal(?:f|ves)|thirds?|quarters?|fifths?|tenths?)\b/gi;
const COUNT_BEFORE = /(an?|one|two|three|four|five|nine)[\s-]+$/i;

/** "a third", "two-thirds of the cases", "half a point", "half of them", "a quarter of that amount". */
function fractions(text: string): PhraseFigure[] {
  const out: PhraseFigure[] = [];
  for (const m of text.matchAll(FRACTION)) {
    const word = m[0].toLowerCase();
    let c = COUNT_BEFORE.exec(text.slice(Math.max(0, m.index! - 8), m.index!));
    if (c && isLetter(text.charCodeAt(m.index! - c[0].length - 1))) c = null; // "Tea half", not "a half"
    const count = c ? COUNTS[c[1].toLowerCase()] : 0;
    const start = c ? m.index! - c[0].length : m.index!;
    let end = m.index! + m[0].length;
    const next = wordAfter(text, end);
    if (word === 'half') {
      // "half a point", "half of the city"; not "a half" (that is "two and a half", read with its number).
      if (count || !next || (next.lower !== 'a' && next.lower !== 'an' && next.lower !== 'of')) continue;
      if (next.lower !== 'of') {
        const noun = wordAfter(text, next.end);
        if (!noun || PHRASE_STOP.has(noun.lower) || /^(?:million|billion|thousand|hundred|dozen)$/.test(noun.lower)) continue;
        end = noun.end;
      }
    } else if (!count) continue; // "the third quarter", "third" alone: ordinals
    const of = ofWhat(text, end);
    if (of >= 0) end = of;
    const q = qualified(text, start);
    const last = wordBefore(text, end);
    out.push({
      start: q.start,
      end,
      value: Number(((count || 1) * FRACTION_VALUES[word]).toFixed(4)),
      bound: q.bound,
      unit: of >= 0 && last ? last.lower : '',
      rule: 'figure/fraction',
      confidence: 0.7,
    });
  }
  return out;
}

/** Words after which "one" is a pronoun ("no one", "the one who", "each one"). */
const ONE_PRONOUN = new Set('no the any every each this that which someone anyone everyone'.split(' '));
/** Nouns after "one" that make an idiom rather than a count ("one day", "on the one hand"). */
const ONE_IDIOMS = new Set('another other others day time way thing hand side point more less'.split(' '));
const ONE = /\b[Oo]ne\s+(\p{Ll}[\p{Ll}-]*)/gu;

/** "one stroke", "at least one dose", "One soldier": "one" before a lower-case noun, not as a pronoun. */
function oneNoun(text: string): PhraseFigure[] {
  const out: PhraseFigure[] = [];
  for (const m of text.matchAll(ONE)) {
    const noun = m[1];
    if (PHRASE_STOP.has(noun) || ONE_IDIOMS.has(noun) || noun.endsWith('ly')) continue;
    const prev = wordBefore(text, m.index!);
    if (prev && ONE_PRONOUN.has(prev.lower)) continue;
    const q = qualified(text, m.index!);
    out.push({ start: q.start, end: m.index! + m[0].length, value: 1, bound: q.bound, unit: noun, rule: 'figure/one+noun', confidence: 0.5 });
  }
  return out;
}

const SMALL: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, hundred: 100 };
const RATIO = /\b(one|two|three|four|five|\d{1,3})\s+in\s+(two|three|four|five|six|seven|eight|nine|ten|a hundred|\d{1,4})\b/gi;

/**
 * "one in ten", "fewer than one in five", "3 in 4": a ratio, valued as the fraction. Not when either number belongs
 * to something else: the end of a score or range ("won 3-2 in seven-goal thriller"), a compound after it ("in
 * seven-goal", "in 2-1"), a year ("killed 5 in 2020") or a decimal or time ("at 10.30 in").
 */
function ratios(text: string): PhraseFigure[] {
  const out: PhraseFigure[] = [];
  for (const m of text.matchAll(RATIO)) {
    const num = Number(m[1]) || SMALL[m[1].toLowerCase()];
    const den = Number(m[2]) || SMALL[m[2].toLowerCase().replace('a ', '')];
    if (!num || !den || num >= den) continue;
    if (/[-‐‑–—\d.,:/]/.test(text[m.index! - 1] ?? '')) continue;
    const after = m.index! + m[0].length;
    if (/^(?:[-‐‑–][\p{L}\d]|[.,:/]\d)/u.test(text.slice(after, after + 2))) continue;
    if (/^\d{4}$/.test(m[2]) && den >= 1900 && den <= 2100) continue;
    const q = qualified(text, m.index!);
    out.push({ start: q.start, end: m.index! + m[0].length, value: Number((num / den).toFixed(4)), bound: q.bound, unit: '', rule: 'figure/ratio', confidence: 0.7 });
  }
  return out;
}

const GLUED = /(?<![\p{L}\p{N}_.,/:#@-])(\d+(?:\.\d+)?)([A-Za-z]{1,3})(?![\p{L}\p{N}_])/gu;

/** Measurements glued to their digits ("30km", "5kg", "100MW", "1.5C"), which the scanner leaves out as ids. */
function gluedUnits(text: string): PhraseFigure[] {
  const out: PhraseFigure[] = [];
  for (const m of text.matchAll(GLUED)) {
    const suffix = m[2].toLowerCase();
    const unit = GLUED_DEGREES.get(m[2]) ?? (GLUED_UNITS.has(suffix) ? UNITS.get(suffix) ?? suffix : '');
    if (!unit) continue;
    const q = qualified(text, m.index!);
    out.push({ start: q.start, end: m.index! + m[0].length, value: Number(m[1]), bound: q.bound, unit, rule: 'figure/glued-unit', confidence: 0.85 });
  }
  return out;
}

/** Every phrase figure in `text`, unsorted; the caller drops those overlapping a scanned figure. */
export function phraseFigures(text: string): PhraseFigure[] {
  return [...fractions(text), ...ratios(text), ...oneNoun(text), ...gluedUnits(text)];
}
