/**
 * Figures proposed for pre-annotation: a number with its qualifier and what it counts ("at least 60 civilians",
 * "over 200 injured", "hundreds of thousands of refugees", "$4.5 billion", "3.5%", "40 km", "between 50 and 70
 * trucks"), never dates, years, times, ordinals or numbers inside names (bench/preannotate/GUIDELINES.md).
 *
 * Numbers come from Crosscheck's own scanner (services/suggest/numbers-figures.ts: digits, number words,
 * magnitudes, vague plurals, qualifiers, dates left out); figures-filters.ts drops references, times, ages and age
 * groups ("workers under 30"), figures-durations.ts time frames that work as dates ("two weeks ago") and reads
 * "over six years" after a clause as "during",
 * figures-extent.ts reaches back over currency signs and prefixes and forward over the counted noun or unit,
 * figures-phrases.ts adds what the scanner does not read (fractions, "one dose", "30km"). The NLP libraries were
 * measured against this on the dev gold set and lost on accuracy and speed (README, dependency table).
 * Offsets are code points.
 */
import { scanFigures, type ScannedFigure } from '../suggest/numbers-figures.js';
import { offsetIndexOrNull, toCp } from '../suggest/text.js';
import { qualifierBefore } from '../suggest/numbers-context.js';
import { BOUND, extendAfter, extendBefore, wordAfter, wordBefore, type Extent } from './figures-extent.js';
import { isDuration, isTimeFrame, overMeansDuring } from './figures-durations.js';
import { notAFigure } from './figures-filters.js';
import { CURRENCY_CODES } from './figures-words.js';
import { FRACTION_WORDS } from './figures-words.js';
import { phraseFigures } from './figures-phrases.js';
import type { ProposedSpan } from './types.js';

/** A figure while it is being built: UTF-16 offsets. */
interface Found {
  start: number;
  end: number;
  /** The number and its qualifiers, before the counted noun was added (a range joins only bare numbers). */
  numberEnd: number;
  value: number;
  high?: number;
  bound: string;
  unit: string;
  rule: string;
  confidence: number;
  qualified: boolean;
}

/** Rule name and confidence by what ended the figure (ranked, not calibrated). */
function ruleOf(f: ScannedFigure, ext: Extent): { rule: string; confidence: number } {
  if (f.percent) return { rule: 'figure/numbers+percent', confidence: 0.95 };
  if (ext.kind === 'currency') return { rule: 'figure/numbers+currency', confidence: 0.95 };
  if (ext.kind === 'unit') return { rule: 'figure/numbers+unit', confidence: 0.9 };
  if (ext.kind === 'noun') return f.vague ? { rule: 'figure/numbers-vague+of', confidence: 0.85 } : { rule: 'figure/numbers+noun', confidence: 0.9 };
  if (ext.kind === 'participle') return { rule: 'figure/numbers+participle', confidence: 0.8 };
  return { rule: 'figure/numbers', confidence: f.start < f.numberStart || f.vague ? 0.75 : 0.6 };
}

/** A plain four-digit number in 1900..2100: a year when it counts nothing ("by 2030"). */
function yearLike(text: string, f: ScannedFigure): boolean {
  return f.bound === 'exact' && !f.currency && f.numberEnd - f.numberStart === 4 && f.value >= 1900 && f.value <= 2100 && /^\d{4}$/.test(text.slice(f.numberStart, f.numberEnd));
}

/**
 * A year-like number before a capitalised word inside a sentence is a year, not a count of that word: "between
 * 2017 and 2020 Greaves steered", "the 2020 Olympics" (a currency code after it is money: "2000 USD").
 */
function yearBeforeName(text: string, f: ScannedFigure): boolean {
  const next = wordAfter(text, f.numberEnd);
  return !!next && /^\p{Lu}/u.test(next.text) && !CURRENCY_CODES.has(next.text) && yearLike(text, f);
}

const HYPHEN_WORD = /^[-‐‑‒–]\p{L}[\p{L}-]*/u;
const RANGE_JOIN = /^\s*([-‐‑‒–—]|to|and|or)\s*$/;

/** One scanned number as a figure, or null when it is none. `ageEnd` is where the last age ended (ranges of ages). */
function fromScanned(text: string, f: ScannedFigure): Found | null {
  const before = extendBefore(text, f.start, f.numberStart);
  const bound = before.bound ?? (f.approx && f.bound === 'exact' ? 'about' : BOUND[f.bound]);
  const qualified = f.start < f.numberStart || before.bound !== null;
  // "a three-day ceasefire", "the 460-member house", "30-fold": the compound is the figure and names its unit.
  const compound = HYPHEN_WORD.exec(text.slice(f.numberEnd, f.numberEnd + 40));
  if (compound && FRACTION_WORDS.has(compound[0].slice(1).toLowerCase())) return null; // "two-thirds": figures-phrases.ts
  if (compound && !f.percent) {
    const end = f.numberEnd + compound[0].length;
    return { start: before.start, end, numberEnd: end, value: f.value, bound, unit: compound[0].slice(1).toLowerCase(), rule: 'figure/compound', confidence: 0.7, qualified };
  }
  let value = f.value;
  let end = f.end;
  // "two and a half years"
  const half = /^\s+and a half\b/.exec(text.slice(end, end + 16));
  if (half && !f.percent) {
    value += 0.5;
    end += half[0].length;
  }
  if (before.unit) return { start: before.start, end, numberEnd: end, value, bound, unit: before.unit, rule: 'figure/unit+numbers', confidence: 0.85, qualified };
  if (text.charCodeAt(end) === 0xb0) {
    // "1.5°C", "40°"
    const scale = /^°[CF]?/.exec(text.slice(end, end + 2))![0];
    return { start: before.start, end: end + scale.length, numberEnd: end, value, bound, unit: scale, rule: 'figure/numbers+unit', confidence: 0.9, qualified };
  }
  const ext = extendAfter(text, end, { vague: f.vague, percent: f.percent, currency: before.currency });
  if (ext.kind === '' && ext.end === end && yearLike(text, f)) return null;
  const { rule, confidence } = ruleOf(f, ext);
  if (ext.kind === 'noun' && isDuration(ext.unit)) {
    if (isTimeFrame(text, f.numberStart, ext.end)) return null; // "over the next two years", "two weeks ago"
    // "stole £312,000 over six years": "over" means "during"; the figure is the duration alone, exact.
    const q = f.start < f.numberStart ? qualifierBefore(text, f.numberStart, 0) : null;
    if (q && q.word === 'over' && q.start === f.start && overMeansDuring(text, q.start, ext.end)) {
      return { start: f.numberStart, end: ext.end, numberEnd: end, value, bound: f.approx ? 'about' : 'exact', unit: ext.unit, rule, confidence, qualified: false };
    }
  }
  return { start: before.start, end: ext.end, numberEnd: end, value, bound, unit: ext.unit, rule, confidence, qualified };
}

const MAGNITUDE = /\d\s*(thousand|million|billion|trillion|bn|mn|m|k)\b/i;
const MAGNITUDES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, m: 1e6, k: 1e3 };

/**
 * Joins "between 50 and 70 trucks", "10-15 percent", "two or three days", "5 to 10 million" into one figure:
 * `value` the low end, `high` the high end. Not "from 3 to 5" (a change, not a range).
 */
function mergeRanges(text: string, found: Found[]): Found[] {
  const out: Found[] = [];
  for (const b of found) {
    const a = out.at(-1);
    // Only a bare number opens a range ("a quarter of a point to 5.25 percent" is two figures).
    const opens = a && (a.rule === 'figure/numbers' || (a.rule === 'figure/numbers+currency' && a.unit === b.unit));
    if (a && opens && a.end === a.numberEnd && !b.qualified && a.high === undefined) {
      const join = RANGE_JOIN.exec(text.slice(a.end, b.start))?.[1];
      const before = wordBefore(text, a.start);
      const between = !!before && before.lower === 'between' && !before.dot;
      // "to" joins a range or a tally, not a change: "from 3 to 5", "rose 26,000 to 781,000" (ten times apart, unless
      // the high end carries the magnitude both share: "5 to 10 million"), "112,000 to 33.2 million".
      const magA = MAGNITUDE.test(text.slice(a.start, a.numberEnd));
      const magB = MAGNITUDE.test(text.slice(b.start, b.numberEnd));
      const farApart = Math.max(a.value, b.value) > 10 * Math.min(a.value, b.value);
      const change = join === 'to' && ((!!before && before.lower === 'from') || magA || (farApart && !magB));
      if (join && !change && (join === 'and' ? between : true)) {
        // "5 to 10 million": the low end takes the high end's magnitude.
        const mag = MAGNITUDE.exec(text.slice(b.start, b.numberEnd))?.[1];
        const scaled = mag ? a.value * MAGNITUDES[mag.toLowerCase()] : a.value;
        const low = scaled <= b.value ? scaled : a.value;
        // A tally ("voted 5-2", "2,318 to 1,904") is one figure too; value and value_high stay low and high.
        out[out.length - 1] = { ...b, start: between ? before!.start : a.start, value: Math.min(low, b.value), high: Math.max(low, b.value), bound: a.bound, rule: 'figure/range', confidence: 0.85, qualified: a.qualified };
        continue;
      }
    }
    out.push(b);
  }
  return out;
}

/**
 * Every figure in `text` as a proposed span (code points, sorted, never overlapping), with attributes `value`
 * (decimal text: "60", "200000", "4500000000", "0.3333"; a range's low end, with `value_high`), `bound` (`exact`
 * | `at least` | `at most` | `about`; vague plurals are `at least`) and `unit` (the counted noun as written,
 * "civilians", or "%", an ISO currency code, a unit symbol: "km", "t", "°C"; empty for a bare count). `rule` names
 * the rule that made it. Pure; any string in, never throws.
 */
export function proposeFigures(text: string): ProposedSpan[] {
  if (!text) return [];
  const found: Found[] = [];
  let ageEnd = -1;
  let nameEnd = -1;
  for (const f of scanFigures(text)) {
    // The high end of an age range goes with its low end: "aged 18 to 29"; the rest of a model number with its
    // name: "Boeing 737-800".
    let why = ageEnd >= 0 && RANGE_JOIN.test(text.slice(ageEnd, f.start)) ? 'age' : notAFigure(text, f);
    if (nameEnd >= 0 && f.start === nameEnd + 1 && /[-‐‑–]/.test(text[nameEnd])) why = 'name';
    ageEnd = why === 'age' ? f.numberEnd : -1;
    nameEnd = why === 'name' ? f.numberEnd : -1;
    if (why) continue;
    if (yearBeforeName(text, f)) continue;
    const figure = fromScanned(text, f);
    if (figure) found.push(figure);
  }
  // A ratio reads its own numbers ("one in ten": the scanner saw only "ten"); other phrases yield to the scanner.
  const all0 = phraseFigures(text);
  const ratios = all0.filter((p) => p.rule === 'figure/ratio');
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const kept = found.filter((f) => !ratios.some((r) => overlaps(f, r)));
  const phrases = all0.filter((p) => !kept.some((f) => overlaps(f, p)));
  const all = mergeRanges(text, [...kept, ...phrases.map((p) => ({ ...p, numberEnd: p.end, qualified: p.bound !== 'exact' }))].sort((a, b) => a.start - b.start));
  // A counted noun never runs into the next figure ("60 civilians 200 …" is two figures).
  for (let k = 0; k + 1 < all.length; k++) if (all[k].end > all[k + 1].start) all[k].end = Math.min(all[k].numberEnd, all[k + 1].start);
  const index = offsetIndexOrNull(text);
  return all
    .filter((f) => f.end > f.start)
    .map((f) => {
      const attributes: Record<string, string> = { value: String(f.value), bound: f.bound, unit: f.unit };
      if (f.high !== undefined) attributes.value_high = String(f.high);
      return { label: 'figure' as const, start: toCp(text, f.start, index), end: toCp(text, f.end, index), attributes, rule: f.rule, confidence: f.confidence };
    });
}

