/**
 * Figures in news text: "At least 60 civilians", "another 200 injured", "hundreds of thousands of refugees",
 * "396 people", "1.2 million", "60%". Used to tell whether two retellings of a claim agree on its numbers.
 *
 * Pure and allocation-light: it runs on every candidate sentence of a suggestion request. The scanner walks
 * runs of ASCII letters and digits, stops only at digits and number words, and decides everything else by
 * looking a few characters around them, so ordinary words cost a table lookup each.
 *
 * Deliberately not figures: years in date context ("in 2014", "October 2016", "2014-2017"), day numbers next to
 * a month ("2 April", "March 17"), dates (25/10/2016, 2016-10-25, 25.10.2016), times (10:30), ordinals (3rd,
 * 2nd), numbers glued to letters (F-16, MiG-29, COVID-19, A320, 30km, 1990s, on.rt.com/7soi) and the bare word
 * "one" (mostly a pronoun: "no one", "one of them").
 */
import { isDigit, isWordChar, offsetIndexOrNull, toCp } from './text.js';
import { dateContext, qualifierAfter, qualifierBefore } from './numbers-context.js';
import { parseDigits, parseWords } from './numbers-parse.js';
import { CURRENCY, isAsciiLetter, isStarter, type FigureBound } from './numbers-words.js';

export type { FigureBound };

export interface Figure {
  value: number;
  /**
   * True when the number is an estimate rather than a count: a vague plural ("dozens", "hundreds of",
   * "tens of thousands", "several hundred") or an 'about' qualifier ("about 200", "~200").
   */
  approx: boolean;
  /**
   * What the text says about the true number relative to `value`. Vague plurals are 'atLeast' with
   * `approx: true` and read as "between value and 5 × value" ("dozens" = 24..120, "hundreds" = 200..1000).
   */
  bound: FigureBound;
  /** Code points into the text, half-open; the span includes qualifiers ("over 60") and units ("60%"). */
  start: number;
  end: number;
  raw: string;
}


/** A figure as the scanner finds it: UTF-16 offsets, and what kind of number it is (for pre-annotation). */
export interface ScannedFigure extends Figure {
  /** A percentage ("60%", "60 per cent"): the span already ends after the sign or word. */
  percent: boolean;
  /** A vague plural ("dozens", "hundreds of thousands", "several hundred"). */
  vague: boolean;
  /** A currency sign right before the digits ("$5m"): not part of the span. */
  currency: string;
  /** Where the number itself starts and ends, after any qualifier and before "or more", "+", "-odd". */
  numberStart: number;
  numberEnd: number;
}

/**
 * Every figure in `text`, in order. Offsets are code points.
 *
 * @example
 * extractFigures('At least 60 civilians were killed and another 200 injured')
 * // [{ value: 60, bound: 'atLeast', approx: false, start: 0, end: 11, raw: 'At least 60' },
 * //  { value: 200, bound: 'exact', approx: false, start: 46, end: 49, raw: '200' }]
 * extractFigures('hundreds of thousands of refugees')[0]   // { value: 200000, bound: 'atLeast', approx: true, … }
 * extractFigures('F-16s flew on 25/10/2016 at 10:30')       // []
 */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = scanFigures(text).map(({ value, approx, bound, start, end, raw }) => ({ value, approx, bound, start, end, raw }));
  const index = offsetIndexOrNull(text);
  if (index) {
    for (const f of out) {
      f.start = toCp(text, f.start, index);
      f.end = toCp(text, f.end, index);
    }
  }
  return out;
}

/**
 * The scanner behind {@link extractFigures}: the same figures with UTF-16 offsets (what JavaScript indexes) and
 * the kind of number, for callers that look further around each figure (services/preannotate/figures.ts).
 */
export function scanFigures(text: string): ScannedFigure[] {
  const out: ScannedFigure[] = [];
  if (!text) return out;
  const n = text.length;
  let lastEnd = 0;
  // A hand-rolled scan over runs of ASCII letters and digits: this is the hot loop of a suggestion request, and
  // walking char codes allocates nothing until a run looks like a number (a Unicode regex alternation of all
  // number words, with look-behinds, cost about five times more per sentence).
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const digit = isDigit(c);
    if (!digit && !isAsciiLetter(c)) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    if (digit) while (runEnd < n && isDigit(text.charCodeAt(runEnd))) runEnd++;
    else while (runEnd < n && isAsciiLetter(text.charCodeAt(runEnd))) runEnd++;
    // Inside a longer word or id ("A320", "Zwölf", "x_1"): not a figure start.
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) {
      i = runEnd;
      continue;
    }
    if (!digit && (!isStarter(text, i, runEnd) || isWordChar(text.charCodeAt(runEnd)))) {
      i = runEnd;
      continue;
    }
    const r = digit ? parseDigits(text, i) : parseWords(text, i);
    if ('skip' in r) {
      i = Math.max(r.skip, i + 1);
      continue;
    }
    let { value, end } = r;
    let bound: FigureBound = r.vague ? 'atLeast' : 'exact';
    let start = i;

    const q = qualifierBefore(text, i, lastEnd);
    const suffix = qualifierAfter(text, end);
    if (q) {
      bound = q.bound;
      start = q.start;
    } else if (suffix) bound = suffix.bound;
    if (suffix) end = suffix.end;

    // A qualifier makes a count ("over 2000 people"), except Russian "до", which is also "until" ("до 2016 года").
    if (r.plain && !suffix && (!q || q.word === 'до')) {
      const skip = dateContext(text, i, r.end, value);
      if (skip >= 0) {
        i = Math.max(skip, i + 1);
        continue;
      }
    }
    const currency = digit && i > 0 && CURRENCY.has(text[i - 1]) ? text[i - 1] : '';
    out.push({ value, approx: r.vague || bound === 'about', bound, start, end, raw: text.slice(start, end), percent: r.percent, vague: r.vague, currency, numberStart: i, numberEnd: r.end });
    lastEnd = end;
    i = end;
  }
  return out;
}

