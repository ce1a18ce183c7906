/**
 * Numbers the scanner (services/suggest/numbers-figures.ts) accepts but a figure proposal must not: references
 * ("page 4", "Article 5", "Resolution 2254", "Boeing 737", "iPhone 15"), times ("5 pm"), ages ("a 12-year-old
 * girl", "voters aged 18 to 29", "Nadiya, 52,"), addresses ("10 Downing Street"), digit groups of a phone number or
 * code ("+44 20 7946 0958"), telephone numbers ("Call 555-1234", "(555) 123-4567"), standard and model names
 * ("ISO 9001", "Windows 11" even at a sentence start). figures.ts drops a bare year the scanner could not place ("by 2030"). The scanner already leaves
 * out dates, ordinals, numbers glued to letters (F-16, G7, COVID-19) and the pronoun "one". Positions are UTF-16.
 * Rules from bench/preannotate/GUIDELINES.md ("Not figures").
 */
import type { ScannedFigure } from '../suggest/numbers-figures.js';
import { qualifierBefore } from '../suggest/numbers-context.js';
import { isDigit, isSpace, isUpper } from '../suggest/text.js';
import { opensSentence, wordAfter, wordBefore } from './figures-extent.js';
import {
  AGE_BEFORE,
  AGE_COMPOUND,
  AGE_COPULAS,
  AGE_SUBJECTS,
  CURRENCY_CODES,
  NAME_BEFORE_NUMBER,
  PERSON_NOUNS,
  PHRASE_STOP,
  REFERENCE_NOUNS,
  STREET_WORDS,
  TIME_AFTER,
} from './figures-words.js';

/** Why `f` is not a figure (a short reason, for tests and debugging), or '' when it is one. */
export function notAFigure(text: string, f: ScannedFigure): string {
  const { numberStart: ns, numberEnd: ne } = f;
  // "0148", "091 509 000", "555-0148": a leading zero or a zero-led group makes a code or a phone number.
  if (/^0\d/.test(text.slice(ns, ns + 2)) || /^[-‐‑–]0\d/.test(text.slice(ne, ne + 3))) return 'code';
  if (isPhoneNumber(text, ns, ne)) return 'phone';
  // "a 12-year-old girl", "the 24-year-old": an age describes, it does not count ("three-day" does: figures.ts).
  if (AGE_COMPOUND.test(text.slice(ne, ne + 14))) return 'age';
  const next = wordAfter(text, ne);
  if ((next && !f.percent && TIME_AFTER.has(next.lower)) || /^\s*[ap]\.m\./i.test(text.slice(ne, ne + 7))) return 'time';
  if (isAgeGroup(text, f)) return 'age';
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
      // Not a score after a team name, though: "beat Millbrook Athletic 3-2".
      // At a sentence start only a word that cannot open one ("ISO 9001", "Windows 11", "UN 1325"): an acronym,
      // an inner capital ("iPhone 15") or a known name word; "Only 12 were found" counts.
      if (!prev.dot && /\p{Lu}/u.test(prev.text) && !CURRENCY_CODES.has(prev.text) && !f.vague && !isScore(text, ns, ne)
        && (!opensSentence(text, prev.start) || /^\p{Lu}{2,}$|^\p{Ll}+\p{Lu}/u.test(prev.text) || NAME_BEFORE_NUMBER.has(prev.lower))) return 'name';
    }
    if (isCodeGroup(text, ns, ne)) return 'code';
    if (isAgeApposition(text, ns, ne, f.value)) return 'age';
    if (isCopulaAge(text, ns, ne, f.value)) return 'age';
  }
  return '';
}

/** A bare whole number up to 120 with nothing counted after it (a comma, a full stop or a function word). */
function bareSmall(text: string, f: ScannedFigure): boolean {
  if (f.percent || f.currency || f.vague || !Number.isInteger(f.value) || f.value > 120 || f.numberEnd !== f.end) return false;
  const next = wordAfter(text, f.numberEnd);
  return !next || PHRASE_STOP.has(next.lower);
}

/**
 * "workers under 30", "children under five", "those over 60 by a margin": "under"/"over" and a bare small number
 * right after a noun for people is an age group, not a count ("over 60 people" counts: a noun follows).
 */
function isAgeGroup(text: string, f: ScannedFigure): boolean {
  if (f.start === f.numberStart || !bareSmall(text, f)) return false;
  const q = qualifierBefore(text, f.numberStart, 0);
  if (!q || (q.word !== 'under' && q.word !== 'over')) return false;
  const who = wordBefore(text, q.start);
  return !!who && !who.dot && PERSON_NOUNS.has(who.lower);
}

/** "He is 78.", "when I was 25,", "who is 80": a bare small number after a pronoun and "is/was" is an age. */
function isCopulaAge(text: string, ns: number, ne: number, value: number): boolean {
  if (!Number.isInteger(value) || value > 120 || !/^\d+$/.test(text.slice(ns, ne)) || !/^\s*(?:[.,;)]|$)/.test(text.slice(ne, ne + 2))) return false;
  const verb = wordBefore(text, ns);
  if (!verb || verb.dot || !AGE_COPULAS.has(verb.lower)) return false;
  const who = wordBefore(text, verb.start);
  return !!who && !who.dot && AGE_SUBJECTS.has(who.lower);
}

/**
 * "3-2", "24-17", "112-108" right after a team name: a score, which a name does not swallow. Not a model number
 * ("737-800": the second part a round hundred) nor a longer code ("1-2-3").
 */
function isScore(text: string, ns: number, ne: number): boolean {
  const m = /^[-‐‑–](\d{1,3})(?![\d.,%‐‑–-])/.exec(text.slice(ne, ne + 5));
  if (!m || !/^\d{1,3}$/.test(text.slice(ns, ne))) return false;
  const second = Number(m[1]);
  return !(second >= 100 && second % 100 === 0);
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

/** Words before a number that say a number is being dialled: "Call 555-1234", "hotline on 555-0199". */
const PHONE_CUES = /\b(?:call|calls|called|calling|phone|phoned|telephone|tel|dial|dialled|dialed|fax|hotline|helpline|ring|text|texting|number|mobile|cell|whatsapp)\b\W{0,6}(?:\p{L}+\W{1,3}){0,2}$/iu;

/**
 * Whether the number at [ns, ne) is part of a telephone number: the run of digits, spaces, dots, dashes, brackets
 * and "+" around it (at most 24 units each way, on one line) has seven or more digits and is either written as
 * one ("(555) 123-4567", "555-123-4567", "+1 202 555 0143", "1-800-555-0199") or a 3-4 group after a word
 * that dials ("Call 555-1234"). "between 500-1000 people" is a range: no such word before it.
 */
export function isPhoneNumber(text: string, ns: number, ne: number): boolean {
  let a = ns;
  while (a > 0 && ns - a < 24 && /[\d ().+\-‐‑–]/.test(text[a - 1])) a--;
  let b = ne;
  while (b < text.length && b - ne < 24 && /[\d ().\-‐‑–]/.test(text[b])) b++;
  const run = text.slice(a, b).trim().replace(/[ .)]+$/, '');
  if ((run.match(/\d/g) ?? []).length < 7) return false;
  if (/^(?:\+\d{1,3}[ .-]?)?\(\d{2,5}\) ?\d{2,4}[ .\-‐‑–]?\d{3,4}$/.test(run)) return true;
  if (/^\+\d{1,3}(?:[ .-]\d{1,4}){2,4}$/.test(run)) return true;
  if (/^(?:1[.\-‐‑–])?\d{3}[.\-‐‑–]\d{3}[.\-‐‑–]\d{4}$/.test(run)) return true;
  if (/^\d{3}[.\-‐‑–]\d{4}$/.test(run)) return PHONE_CUES.test(text.slice(Math.max(0, a - 40), a));
  return false;
}

