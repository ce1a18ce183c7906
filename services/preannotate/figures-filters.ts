/**
 * Numbers the scanner (services/suggest/numbers-figures.ts) accepts but a figure proposal must not: references
 * ("page 4", "Article 5", "Resolution 2254", "Boeing 737", "iPhone 15"), times ("5 pm"), ages ("a 12-year-old
 * girl", "voters aged 18 to 29", "Nadiya, 52,"), addresses ("10 Downing Street"), digit groups of a phone number or
 * code ("+44 20 7946 0958"). figures.ts drops a bare year the scanner could not place ("by 2030"). The scanner already leaves
 * out dates, ordinals, numbers glued to letters (F-16, G7, COVID-19) and the pronoun "one". Positions are UTF-16.
 * Rules from bench/preannotate/GUIDELINES.md ("Not figures").
 */
import type { ScannedFigure } from '../suggest/numbers-figures.js';
import { isDigit, isSpace, isUpper } from '../suggest/text.js';
import { opensSentence, wordAfter, wordBefore } from './figures-extent.js';
import { AGE_BEFORE, AGE_COMPOUND, CURRENCY_CODES, REFERENCE_NOUNS, STREET_WORDS, TIME_AFTER } from './figures-words.js';

/** Why `f` is not a figure (a short reason, for tests and debugging), or '' when it is one. */
export function notAFigure(text: string, f: ScannedFigure): string {
  const { numberStart: ns, numberEnd: ne } = f;
  // "0148", "091 509 000", "555-0148": a leading zero or a zero-led group makes a code or a phone number.
  if (/^0\d/.test(text.slice(ns, ns + 2)) || /^[-‐‑–]0\d/.test(text.slice(ne, ne + 3))) return 'code';
  // "a 12-year-old girl", "the 24-year-old": an age describes, it does not count ("three-day" does: figures.ts).
  if (AGE_COMPOUND.test(text.slice(ne, ne + 14))) return 'age';
  const next = wordAfter(text, ne);
  if ((next && !f.percent && TIME_AFTER.has(next.lower)) || /^\s*[ap]\.m\./i.test(text.slice(ne, ne + 7))) return 'time';
  if (next && isUpper(next.text.charCodeAt(0)) && !f.percent) {
    const street = wordAfter(text, next.end);
    if (street && STREET_WORDS.has(street.lower) && isUpper(street.text.charCodeAt(0))) return 'address';
  }
  // A reference: only when nothing (no qualifier, no currency) stands between the word and the number.
  if (f.start === ns && !f.currency) {
    const prev = wordBefore(text, ns);
    if (prev && !/\d/.test(prev.text)) {
      if (REFERENCE_NOUNS.has(prev.lower)) return 'reference';
      if (!prev.dot && AGE_BEFORE.has(prev.lower)) return 'age';
      const prev2 = prev.lower === 'of' ? wordBefore(text, prev.start) : null;
      if (prev2 && AGE_BEFORE.has(prev2.lower)) return 'age';
      // "Boeing 737", "the iPhone 15", "Model 3": a capitalised word inside a sentence names the number.
      if (!prev.dot && /\p{Lu}/u.test(prev.text) && !CURRENCY_CODES.has(prev.text) && !opensSentence(text, prev.start) && !f.vague) return 'name';
    }
    if (isCodeGroup(text, ns, ne)) return 'code';
    if (isAgeApposition(text, ns, ne, f.value)) return 'age';
  }
  return '';
}

/** "said Nadiya, 52, who runs": a small number between commas right after a capitalised name is an age. */
function isAgeApposition(text: string, ns: number, ne: number, value: number): boolean {
  if (!Number.isInteger(value) || value > 120 || !/^\d+$/.test(text.slice(ns, ne))) return false;
  if (!/^[,)]/.test(text.slice(ne, ne + 1))) return false;
  let k = ns;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  if (text[k - 1] !== ',' && text[k - 1] !== '(') return false;
  const name = wordBefore(text, k - 1);
  return !!name && isUpper(name.text.charCodeAt(0)) && name.end === k - 1;
}

/** Digit groups separated by single spaces ("20 7946 0958", "+44 20"): a phone number or code, not counts. */
function isCodeGroup(text: string, ns: number, ne: number): boolean {
  if (text[ns - 1] === '+' || (isSpace(text.charCodeAt(ns - 1)) && isDigit(text.charCodeAt(ns - 2)))) return true;
  return isSpace(text.charCodeAt(ne)) && isDigit(text.charCodeAt(ne + 1)) && isDigit(text.charCodeAt(ns));
}
