/**
 * What stands around a number in news text (for numbers-figures.ts): a qualifier before it ("at least 60",
 * "~60") or after it ("60+", "60 or so"), and the date context that makes a plain integer a year or a day of
 * the month rather than a figure ("in 2014", "2 April", "October 25, 2016"). Positions are UTF-16 indexes.
 */
import { isDigit, isLetter, isSpace, isUpper, isWordChar } from './text.js';
import { skipRun, wordAfter } from './numbers-parse.js';
import {
  HYPHENS,
  MONTHS,
  MONTHS_NEEDING_CAPITAL,
  QUALIFIER_LAST,
  QUALIFIER_MAP,
  QUALIFIER_WORDS,
  SYMBOL_BOUNDS,
  YEAR_AFTER,
  YEAR_BEFORE,
  YEAR_BEFORE_OF,
  type FigureBound,
} from './numbers-words.js';

/**
 * The qualifier right before a number at `i` ("at least 60", "~60"), not reaching back before `floor` (the end
 * of the previous figure). Reads the last few words backwards and looks the phrases up, longest first; a regex
 * anchored at the end of a look-behind window did the same at several times the cost.
 */
export function qualifierBefore(text: string, i: number, floor: number): { bound: FigureBound; start: number; word: string } | null {
  let k = i;
  while (k > floor && isSpace(text.charCodeAt(k - 1))) k--;
  if (k <= floor) return null;
  const c = text[k - 1];
  if (c === '=' && (text[k - 2] === '>' || text[k - 2] === '<') && k - 2 >= floor) {
    const sym = text.slice(k - 2, k);
    return { bound: SYMBOL_BOUNDS[sym], start: k - 2, word: sym };
  }
  if (SYMBOL_BOUNDS[c]) return { bound: SYMBOL_BOUNDS[c], start: k - 1, word: c };
  // Words before the number, nearest first; the nearest may end in an abbreviation dot ("approx.", "ca.").
  const starts: number[] = [];
  const words: string[] = [];
  let e = k;
  for (let n = 0; n < QUALIFIER_WORDS; n++) {
    const dot = n === 0 && text.charCodeAt(e - 1) === 46 ? 1 : 0;
    let j = e - dot;
    while (j > floor && isLetter(text.charCodeAt(j - 1))) j--;
    if (j === e - dot || (j > 0 && isWordChar(text.charCodeAt(j - 1)))) break;
    const word = text.slice(j, e).toLowerCase();
    if (n === 0 && !QUALIFIER_LAST.has(word)) return null; // "killed 60": the common case, settled here
    starts.push(j);
    words.push(word);
    if (n === 0 && !isSpace(text.charCodeAt(e)) && e !== i) break; // the qualifier must be followed by space
    e = j;
    if (!isSpace(text.charCodeAt(e - 1))) break;
    while (e > floor && isSpace(text.charCodeAt(e - 1))) e--;
  }
  for (let n = words.length; n >= 1; n--) {
    let phrase = words[n - 1];
    for (let m = n - 2; m >= 0; m--) phrase += ' ' + words[m];
    const bound = QUALIFIER_MAP.get(phrase);
    if (bound) return { bound, start: starts[n - 1], word: phrase };
  }
  return null;
}

/** "60+", "60 or more", "60 or so", "60-odd", "60 or fewer". */
export function qualifierAfter(text: string, j: number): { bound: FigureBound; end: number } | null {
  const c = text.charCodeAt(j);
  if (c === 43 && !isWordChar(text.charCodeAt(j + 1))) return { bound: 'atLeast', end: j + 1 };
  if (HYPHENS.has(c)) {
    const w = wordAfter(text, j + 1);
    if (w && w.start === j + 1 && w.word === 'odd') return { bound: 'about', end: w.end };
    return null;
  }
  const or = wordAfter(text, j);
  if (!or || or.word !== 'or') return null;
  const w = wordAfter(text, or.end);
  if (!w) return null;
  if (w.word === 'more') return { bound: 'atLeast', end: w.end };
  if (w.word === 'so') return { bound: 'about', end: w.end };
  if (w.word === 'fewer' || w.word === 'less') return { bound: 'atMost', end: w.end };
  return null;
}

function isMonth(text: string, w: { word: string; start: number } | null): boolean {
  if (!w || !MONTHS.has(w.word)) return false;
  return !MONTHS_NEEDING_CAPITAL.has(w.word) || isUpper(text.charCodeAt(w.start));
}

/** The word or number right before `i` (skipping spaces, one comma and an abbreviation dot), lower-cased. */
function wordBefore(text: string, i: number): { word: string; start: number } | null {
  let k = i - 1;
  while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
  if (text.charCodeAt(k) === 44) {
    k--;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
  }
  if (text.charCodeAt(k) === 46 && isLetter(text.charCodeAt(k - 1))) k--; // "Oct. 2016"
  const end = k + 1;
  while (k >= 0 && (isLetter(text.charCodeAt(k)) || isDigit(text.charCodeAt(k)))) k--;
  if (k + 1 === end) return null;
  return { word: text.slice(k + 1, end).toLowerCase(), start: k + 1 };
}

/**
 * For a plain integer at [i, j): where to resume when it is part of a date (a year or a day of the month),
 * or -1 when it is a figure.
 */
export function dateContext(text: string, i: number, j: number, value: number): number {
  const prev = wordBefore(text, i);
  const next = wordAfter(text, j);
  if (j - i === 4 && value >= 1900 && value <= 2100) {
    // 2014-2017, 2014–17, 2014/15: a range of years.
    const c = text.charCodeAt(j);
    if ((HYPHENS.has(c) || c === 47) && isDigit(text.charCodeAt(j + 1))) return skipRun(text, j + 1);
    if (isMonth(text, prev) || isMonth(text, next)) return j;
    if (prev && YEAR_BEFORE.has(prev.word)) return j;
    if (next && YEAR_AFTER.has(next.word)) return next.end;
    if (prev && prev.word === 'of') {
      const prev2 = wordBefore(text, prev.start);
      if (prev2 && YEAR_BEFORE_OF.has(prev2.word)) return j;
    }
    // "October 25, 2016"
    if (prev && /^\d{1,2}$/.test(prev.word) && isMonth(text, wordBefore(text, prev.start))) return j;
    // "(2016)", "2016's"
    if (text.charCodeAt(i - 1) === 40 && text.charCodeAt(j) === 41) return j;
    if ((c === 39 || c === 0x2019) && (text[j + 1] === 's' || text[j + 1] === 'S') && !isWordChar(text.charCodeAt(j + 2))) return j;
  }
  if (j - i <= 2 && value >= 1 && value <= 31) {
    // "2 April", "18 October", "March 17", "April 1" (not across a comma: "in March, 60 people").
    if (next && isMonth(text, next)) return j;
    if (prev && isMonth(text, prev) && !text.slice(prev.start, i).includes(',')) return j;
  }
  return -1;
}

