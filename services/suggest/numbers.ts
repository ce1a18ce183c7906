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
import { isDigit, isLetter, isSpace, isUpper, isWordChar, offsetIndexOrNull, toCp } from './text.js';

export type FigureBound = 'exact' | 'atLeast' | 'atMost' | 'about';

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

export type FigureOutcome = 'match' | 'compatible' | 'conflict';

/** Relative tolerance of an 'about' figure: "about 200" covers 180..220. */
export const ABOUT_TOLERANCE = 0.1;
/** A vague plural covers value..value × VAGUE_SPAN: "hundreds" (200) is at most 1000. */
export const VAGUE_SPAN = 5;

// ---------------------------------------------------------------------------------------------------------
// Vocabulary. Every table is prototype-free: they are indexed with arbitrary words from the text, and
// "constructor" or "valueOf" must not find Object.prototype's members.

const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), entries);

const ONES: Record<string, number> = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
});
const TEENS: Record<string, number> = table({
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});
const TENS: Record<string, number> = table({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
/** Words that multiply what came before ("two hundred", "three dozen", "1.2 million"). */
const MULTIPLIERS: Record<string, number> = table({
  dozen: 12, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
});
/** Unit of each vague plural: "dozens" means several dozen. */
const VAGUE_PLURALS: Record<string, number> = table({
  dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9, tens: 10,
});
/** Magnitudes written after digits, including news and Russian abbreviations ("5bn", "3 тыс.", "2 млн"). */
const DIGIT_MAGNITUDES: Record<string, number> = table({
  dozen: 12, hundred: 100, thousand: 1e3, thousands: 1e3, million: 1e6, millions: 1e6, billion: 1e9,
  billions: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, mln: 1e6, тыс: 1e3, тысяч: 1e3, тысячи: 1e3, тысяча: 1e3,
  млн: 1e6, миллион: 1e6, миллиона: 1e6, миллионов: 1e6, млрд: 1e9, миллиард: 1e9, миллиарда: 1e9,
  миллиардов: 1e9,
});
/** Only after a currency sign is "$5m" five million rather than five metres. */
const CURRENCY_SUFFIXES: Record<string, number> = table({ m: 1e6, k: 1e3, b: 1e9, bn: 1e9, mn: 1e6, mln: 1e6 });

/**
 * Words that may start a figure. Articles, "half" and "several" only count when a magnitude follows (checked by
 * the parser), so that "a school" costs one set lookup.
 */
const STARTERS = new Set([
  ...Object.keys(ONES), ...Object.keys(TEENS), ...Object.keys(TENS), ...Object.keys(VAGUE_PLURALS),
  'a', 'an', 'half', 'several',
]);
/** Starters by length: a run of letters is compared in place, without slicing or lower-casing it. */
const STARTERS_BY_LENGTH: string[][] = [];
for (const w of STARTERS) (STARTERS_BY_LENGTH[w.length] ??= []).push(w);

/** Whether text[i, end) is a starter, ignoring ASCII case (the run holds ASCII letters only). */
function isStarter(text: string, i: number, end: number): boolean {
  const bucket = STARTERS_BY_LENGTH[end - i];
  if (!bucket) return false;
  next: for (const w of bucket) {
    for (let k = 0; k < w.length; k++) if ((text.charCodeAt(i + k) | 32) !== w.charCodeAt(k)) continue next;
    return true;
  }
  return false;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

const MONTHS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря ' +
    'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь'
  ).split(' '),
);
// "may" and "march" are also verbs, and the abbreviations are also syllables: these need a capital.
const MONTHS_NEEDING_CAPITAL = new Set('may march jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
/** Words after which a four-digit number in 1900..2100 is a year: "in 2014", "since 2014", "summer 2014". */
const YEAR_BEFORE = new Set(
  (
    'in since until till from during year years before after through throughout early late mid circa ' +
    'summer winter spring autumn fall году года годах с до в'
  ).split(' '),
);
/** Words after a year: "2016 года" (Russian "of the year 2016"), "2016 г.". */
const YEAR_AFTER = new Set(['года', 'году', 'год', 'г']);
/** "the summer of 2014", "the end of 2016": "of" marks a year only after one of these. */
const YEAR_BEFORE_OF = new Set(
  'summer winter spring autumn fall end beginning start middle half year month months part'.split(' '),
);

const QUALIFIERS: Record<string, FigureBound> = table({
  'more than': 'atLeast', 'greater than': 'atLeast', over: 'atLeast', above: 'atLeast', 'at least': 'atLeast',
  'no fewer than': 'atLeast', 'no less than': 'atLeast', 'not less than': 'atLeast', 'not fewer than': 'atLeast',
  'upwards of': 'atLeast', 'in excess of': 'atLeast', 'a minimum of': 'atLeast',
  'up to': 'atMost', 'as many as': 'atMost', 'no more than': 'atMost', 'not more than': 'atMost',
  'at most': 'atMost', under: 'atMost', below: 'atMost', 'fewer than': 'atMost', 'less than': 'atMost',
  'a maximum of': 'atMost',
  about: 'about', around: 'about', some: 'about', nearly: 'about', almost: 'about', approximately: 'about',
  'approx.': 'about', approx: 'about', roughly: 'about', circa: 'about', 'ca.': 'about', 'an estimated': 'about',
  estimated: 'about', 'close to': 'about', 'more or less': 'about',
  // Russian sources are common in this corpus; the few qualifiers that matter.
  более: 'atLeast', свыше: 'atLeast', 'не менее': 'atLeast', 'как минимум': 'atLeast', 'по меньшей мере': 'atLeast',
  'не более': 'atMost', менее: 'atMost', до: 'atMost',
  около: 'about', примерно: 'about', почти: 'about', порядка: 'about', приблизительно: 'about',
});
/** Most words in a qualifier ("по меньшей мере", "not fewer than"). */
const QUALIFIER_WORDS = Math.max(...Object.keys(QUALIFIERS).map((q) => q.split(' ').length));
/** Last words of qualifiers: the word before a number must be one of these before any phrase is looked up. */
const QUALIFIER_LAST = new Set(Object.keys(QUALIFIERS).map((q) => q.slice(q.lastIndexOf(' ') + 1)));
const QUALIFIER_MAP = new Map(Object.entries(QUALIFIERS));
const SYMBOL_BOUNDS: Record<string, FigureBound> = table({
  '~': 'about', '≈': 'about', '∼': 'about', '>': 'atLeast', '>=': 'atLeast', '≥': 'atLeast',
  '<': 'atMost', '<=': 'atMost', '≤': 'atMost',
});

const HYPHENS = new Set([45, 0x2010, 0x2011, 0x2012, 0x2013]);
const CURRENCY = new Set(['$', '€', '£', '¥', '₽', '₴']);

// ---------------------------------------------------------------------------------------------------------
// Scanner

interface Parsed {
  value: number;
  end: number;
  /** A vague plural ("dozens", "several hundred"). */
  vague: boolean;
  /** An integer with no separators, decimals, magnitude or unit: the only kind that can be a year or a day. */
  plain: boolean;
  percent: boolean;
}
/** Not a figure; resume scanning at `skip`. */
interface Rejected {
  skip: number;
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
  const out: Figure[] = [];
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
    out.push({ value, approx: r.vague || bound === 'about', bound, start, end, raw: text.slice(start, end) });
    lastEnd = end;
    i = end;
  }
  const index = offsetIndexOrNull(text);
  if (index) {
    for (const f of out) {
      f.start = toCp(text, f.start, index);
      f.end = toCp(text, f.end, index);
    }
  }
  return out;
}

/** Index just past a run of characters that may belong to a date, time, id or number. */
function skipRun(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) i++;
    else if ((c === 46 || c === 44 || c === 47 || c === 58 || HYPHENS.has(c)) && isWordChar(text.charCodeAt(i + 1))) i += 2;
    else break;
  }
  return i;
}

function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

function parseDigits(text: string, i: number): Parsed | Rejected {
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  const before2 = i > 1 ? text.charCodeAt(i - 2) : 0;
  // F-16, MiG-29, COVID-19, No.5, s/2: a number joined to the word before it is part of a name or an id.
  if ((HYPHENS.has(before) || before === 46 || before === 47 || before === 58) && isWordChar(before2)) {
    if (!(HYPHENS.has(before) && isDigit(before2))) return { skip: skipRun(text, i) };
  }
  if (before === 35 || before === 64 || before === 0x2116) return { skip: skipRun(text, i) }; // #5, @5, №5
  const currency = i > 0 && CURRENCY.has(text[i - 1]);

  let j = digitsEnd(text, i);
  const head = j - i;
  const c = text.charCodeAt(j);
  const afterSep = isDigit(text.charCodeAt(j + 1));
  // 10:30, 25/10/2016, 1/3: times, dates and fractions.
  if ((c === 58 || c === 47) && afterSep) return { skip: skipRun(text, i) };
  let digits = text.slice(i, j);
  let plain = true;
  if ((HYPHENS.has(c) || c === 46) && afterSep) {
    const k = digitsEnd(text, j + 1);
    if (text.charCodeAt(k) === c && isDigit(text.charCodeAt(k + 1))) {
      // Three groups joined by one separator: 1.200.000 when every later group has three digits, else a date.
      if (c === 46 && head <= 3 && isDotGrouped(text, j)) {
        while (text.charCodeAt(j) === 46 && digitsEnd(text, j + 1) === j + 4) {
          digits += text.slice(j + 1, j + 4);
          j += 4;
        }
        plain = false;
      } else return { skip: skipRun(text, i) };
    }
  }
  // Thousands separators: 1,200 / 1 200 / 1 200 (no-break or thin space) / 1'200. Only after a head of at
  // most three digits, and only groups of exactly three, so that "60, 200" or "2016 200" stay apart.
  if (plain && head <= 3) {
    const sep = text.charCodeAt(j);
    if (sep === 44 || sep === 39 || sep === 0x2019 || isSpace(sep)) {
      while (text.charCodeAt(j) === sep && digitsEnd(text, j + 1) === j + 4) {
        digits += text.slice(j + 1, j + 4);
        j += 4;
        plain = false;
      }
    }
  }
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    const k = digitsEnd(text, j + 1);
    // 1.2.3 is a version, not a decimal.
    if (text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))) return { skip: skipRun(text, i) };
    digits += text.slice(j, k);
    j = k;
    plain = false;
  }
  let value = Number(digits);
  let percent = false;

  // Letters glued on: a magnitude ("5bn", "$1.2m") or else an ordinal, unit or id ("3rd", "30km", "1990s").
  if (isLetter(text.charCodeAt(j))) {
    let k = j;
    while (isLetter(text.charCodeAt(k))) k++;
    const suffix = text.slice(j, k).toLowerCase();
    const mag = currency ? CURRENCY_SUFFIXES[suffix] : suffix === 'bn' || suffix === 'mn' || suffix === 'mln' ? CURRENCY_SUFFIXES[suffix] : undefined;
    if (mag === undefined || isWordChar(text.charCodeAt(k))) return { skip: skipRun(text, i) };
    value = scale(value, mag);
    j = k;
    plain = false;
  } else if (text.charCodeAt(j) === 95) return { skip: skipRun(text, i) };
  else {
    const w = wordAfter(text, j);
    const mag = w && DIGIT_MAGNITUDES[w.word];
    if (w && mag) {
      value = scale(value, mag);
      j = w.end;
      if (w.word === 'тыс' && text.charCodeAt(j) === 46) j++;
      plain = false;
    }
  }
  const p = percentAfter(text, j);
  if (p > j) {
    percent = true;
    j = p;
    plain = false;
  }
  if (currency) plain = false;
  if (head > 4) plain = false;
  return { value, end: j, vague: false, plain, percent };
}

/** True when every group after `j` (a '.') has exactly three digits: 1.200.000. */
function isDotGrouped(text: string, j: number): boolean {
  while (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    const k = digitsEnd(text, j + 1);
    if (k - j - 1 !== 3) return false;
    j = k;
  }
  return true;
}

/** value × magnitude without binary noise (1.2 × 1e6 is 1200000, not 1199999.9999999998). */
function scale(value: number, mag: number): number {
  return Number((value * mag).toPrecision(15));
}

/** End of "%", " %", " percent", " per cent", " pct", " процентов" after `j`, or `j` when none. */
function percentAfter(text: string, j: number): number {
  let k = j;
  while (isSpace(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) === 37 || text.charCodeAt(k) === 0xff05) return k + 1;
  const w = wordAfter(text, j);
  if (!w) return j;
  if (w.word === 'percent' || w.word === 'pct' || w.word.startsWith('процент')) return w.end;
  if (w.word === 'per') {
    const w2 = wordAfter(text, w.end);
    if (w2 && w2.word === 'cent') return w2.end;
  }
  return j;
}

/** The word (letters only, lower-cased) after optional horizontal spaces at `j`, or null. */
function wordAfter(text: string, j: number): { word: string; start: number; end: number } | null {
  let k = j;
  while (isSpace(text.charCodeAt(k))) k++;
  if (!isLetter(text.charCodeAt(k))) return null;
  const start = k;
  while (isLetter(text.charCodeAt(k))) k++;
  return { word: text.slice(start, k).toLowerCase(), start, end: k };
}

/** Like wordAfter, but also across one hyphen: "twenty-five". */
function numberWordAfter(text: string, j: number): { word: string; start: number; end: number } | null {
  if (HYPHENS.has(text.charCodeAt(j)) && isLetter(text.charCodeAt(j + 1))) return wordAfter(text, j + 1);
  return wordAfter(text, j);
}

function parseWords(text: string, i: number): Parsed | Rejected {
  const first = wordAfter(text, i);
  if (!first) return { skip: i + 1 };
  const w = first.word;
  const reject = { skip: first.end };
  const vague = (unit: number, end: number): Parsed => {
    // "hundreds of thousands", "tens of millions", "several hundred thousand": a bigger magnitude multiplies.
    const next = wordAfter(text, end);
    if (next && next.word === 'of') {
      const big = wordAfter(text, next.end);
      if (big && VAGUE_PLURALS[big.word] && big.word !== 'tens' && big.word !== 'dozens' && VAGUE_PLURALS[big.word] > unit) {
        unit *= VAGUE_PLURALS[big.word];
        end = big.end;
      }
    } else if (next && MULTIPLIERS[next.word] && next.word !== 'dozen' && MULTIPLIERS[next.word] > unit) {
      unit *= MULTIPLIERS[next.word];
      end = next.end;
    }
    return { value: scale(2, unit), end, vague: true, plain: false, percent: false };
  };

  if (w === 'half') {
    const a = wordAfter(text, first.end);
    if (!a || (a.word !== 'a' && a.word !== 'an')) return reject;
    const mag = wordAfter(text, a.end);
    if (!mag || !MULTIPLIERS[mag.word]) return reject;
    return { value: MULTIPLIERS[mag.word] / 2, end: mag.end, vague: false, plain: false, percent: false };
  }
  if (w === 'several' || ((w === 'a' || w === 'an') && /^\s+(?:few|couple)\b/i.test(text.slice(first.end, first.end + 8)))) {
    // "several hundred", "a few dozen", "a couple of hundred"
    let k = first.end;
    if (w !== 'several') {
      k = wordAfter(text, k)!.end;
      const of = wordAfter(text, k);
      if (of && of.word === 'of') k = of.end;
    }
    const mag = wordAfter(text, k);
    if (!mag) return reject;
    const unit = MULTIPLIERS[mag.word] ?? VAGUE_PLURALS[mag.word];
    if (!unit || mag.word === 'tens') return reject;
    return vague(unit, mag.end);
  }
  if (VAGUE_PLURALS[w]) {
    // "tens" alone is no figure ("the tens digit"); "tens of" is.
    if (w === 'tens') {
      const of = wordAfter(text, first.end);
      if (!of || of.word !== 'of') return reject;
    }
    return vague(VAGUE_PLURALS[w], first.end);
  }

  // Cardinal words: "sixty", "two hundred and fifty", "twenty-five", "one million two hundred thousand",
  // "a dozen", "a hundred". `current` is the part below the last big magnitude.
  let total = 0;
  let current = 0;
  let lastBig = Infinity;
  let lastWasTens = false;
  let words = 0;
  let end = first.start;
  let word: { word: string; start: number; end: number } | null = first;
  if (w === 'a' || w === 'an') {
    current = 1; // "a hundred", "a dozen"
    end = first.end;
    word = numberWordAfter(text, first.end);
  }
  while (word) {
    const x = word.word;
    if (x in ONES || x in TEENS || x in TENS) {
      const n = ONES[x] ?? TEENS[x] ?? TENS[x];
      if (n < 10 && lastWasTens) current += n;
      // A new small number only after nothing or after a whole hundred/thousand: not "five five" or "zero five".
      else if (current % 100 === 0 && !(words > 0 && current === 0 && total === 0)) current += n;
      else break;
      lastWasTens = n >= 20;
    } else if (x === 'hundred' || x === 'dozen') {
      if (current >= 100) break;
      current = (current || 1) * MULTIPLIERS[x];
      lastWasTens = false;
    } else if (x === 'thousand' || x === 'million' || x === 'billion' || x === 'trillion') {
      const mag = MULTIPLIERS[x];
      if (mag >= lastBig) break;
      total += (current || 1) * mag;
      current = 0;
      lastBig = mag;
      lastWasTens = false;
    } else if (x === 'and' && words > 0 && (current >= 100 || (current === 0 && total > 0))) {
      // "two hundred and fifty": "and" only inside a number, never between two ("sixty and seventy").
      const next = wordAfter(text, word.end);
      if (!next || !(next.word in ONES || next.word in TEENS || next.word in TENS)) break;
      word = next;
      continue;
    } else break;
    words++;
    end = word.end;
    word = numberWordAfter(text, word.end);
  }
  if (words === 0) return reject;
  // The bare word "one" is a pronoun far more often than a count ("no one", "one of the", "one another").
  if (words === 1 && w === 'one') return reject;
  const value = total + current;
  const p = percentAfter(text, end);
  return { value, end: p, vague: false, plain: false, percent: p > end };
}

/**
 * The qualifier right before a number at `i` ("at least 60", "~60"), not reaching back before `floor` (the end
 * of the previous figure). Reads the last few words backwards and looks the phrases up, longest first; a regex
 * anchored at the end of a look-behind window did the same at several times the cost.
 */
function qualifierBefore(text: string, i: number, floor: number): { bound: FigureBound; start: number; word: string } | null {
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
function qualifierAfter(text: string, j: number): { bound: FigureBound; end: number } | null {
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
function dateContext(text: string, i: number, j: number, value: number): number {
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

// ---------------------------------------------------------------------------------------------------------
// Comparison

const isPercent = (f: Figure) => /%|％|per\s*cent|pct|процент/i.test(f.raw);

/** The range of true values a figure allows. */
function interval(f: Figure): [number, number] {
  const v = f.value;
  switch (f.bound) {
    case 'about':
      return [v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)];
    case 'atLeast':
      return [v, f.approx ? v * VAGUE_SPAN : Infinity];
    case 'atMost':
      return [Math.min(0, v), v];
    default:
      return [v, v];
  }
}

/**
 * Whether two figures can describe the same quantity.
 *
 * Rule: each figure allows a range of true values — exact: the value; 'about': ±10 %; 'atLeast': value..∞
 * ("over 60" is read as ≥ 60, as journalists use it); vague plurals: value..5 × value; 'atMost': 0..value.
 * - 'conflict' when the ranges do not overlap, or when one is a percentage and the other is not;
 * - 'match' when the ranges overlap and the stated values are equal (within ±10 % when either is approximate);
 * - 'compatible' when the ranges overlap but the stated values differ ("at least 60" and 70).
 *
 * @example
 * const [a, b] = [extractFigures('200')[0], extractFigures('about 200')[0]];
 * compareFigures(a, b)                                                       // 'match'
 * compareFigures(extractFigures('60')[0], extractFigures('over 60')[0])      // 'match'
 * compareFigures(extractFigures('about 200')[0], extractFigures('190')[0])   // 'match'
 * compareFigures(extractFigures('at least 60')[0], extractFigures('70')[0])  // 'compatible'
 * compareFigures(extractFigures('at most 50')[0], extractFigures('60')[0])   // 'conflict'
 * compareFigures(extractFigures('60')[0], extractFigures('100')[0])          // 'conflict'
 */
export function compareFigures(a: Figure, b: Figure): FigureOutcome {
  if (isPercent(a) !== isPercent(b)) return 'conflict';
  const [aLo, aHi] = interval(a);
  const [bLo, bHi] = interval(b);
  const scaleOf = Math.max(Math.abs(a.value), Math.abs(b.value));
  // A relative epsilon absorbs float noise ("1.2 million" vs "1,200,000").
  const eps = scaleOf * 1e-9;
  if (aLo > bHi + eps || bLo > aHi + eps) return 'conflict';
  const tolerance = a.approx || b.approx ? scaleOf * ABOUT_TOLERANCE + eps : eps;
  return Math.abs(a.value - b.value) <= tolerance ? 'match' : 'compatible';
}

export interface FigurePair {
  /** From the first list. */
  a: Figure;
  /** Its best counterpart in the second list. */
  b: Figure;
  outcome: FigureOutcome;
}

/** Figures of each side that matchFigures compares. */
const MAX_FIGURES = 64;

const OUTCOME_SCORE: Record<FigureOutcome, number> = { match: 1, compatible: 0.5, conflict: 0 };

/**
 * Pairs each figure of the shorter list with a counterpart in the other, one to one, and scores the agreement
 * as the mean over those figures of match = 1, compatible = 0.5, conflict = 0. Pairs are chosen greedily: best
 * outcome first, then the closest values, then the closest positions, so in "60 killed, 200 injured" against
 * "over 60 killed, 100 injured" the 200 meets the 100 (a conflict) and not the already matched "over 60".
 * Figures present only in the text with more of them are not held against it ("60 killed" is a fair retelling
 * of "60 killed over three days"). Empty lists score 0; only the first 64 figures of each list count.
 *
 * @example
 * matchFigures(extractFigures('60 killed, 200 injured'), extractFigures('over 60 killed, 100 injured')).similarity // 0.5
 */
export function matchFigures(a: readonly Figure[], b: readonly Figure[]): { similarity: number; pairs: FigurePair[] } {
  if (!a.length || !b.length) return { similarity: 0, pairs: [] };
  // Meant for spans and sentences; whole documents are cut short so the pairing (quadratic) stays cheap.
  if (a.length > MAX_FIGURES) a = a.slice(0, MAX_FIGURES);
  if (b.length > MAX_FIGURES) b = b.slice(0, MAX_FIGURES);
  const swap = b.length < a.length;
  const few = swap ? b : a;
  const many = swap ? a : b;
  const options: { i: number; j: number; outcome: FigureOutcome; score: number; gap: number; shift: number }[] = [];
  for (let i = 0; i < few.length; i++) {
    for (let j = 0; j < many.length; j++) {
      const outcome = compareFigures(few[i], many[j]);
      options.push({ i, j, outcome, score: OUTCOME_SCORE[outcome], gap: Math.abs(few[i].value - many[j].value), shift: Math.abs(i - j) });
    }
  }
  options.sort((x, y) => y.score - x.score || x.gap - y.gap || x.shift - y.shift);
  const chosen: (FigurePair | undefined)[] = new Array(few.length);
  const used = new Set<number>();
  let sum = 0;
  for (const o of options) {
    if (chosen[o.i] || used.has(o.j)) continue;
    used.add(o.j);
    sum += o.score;
    chosen[o.i] = swap
      ? { a: many[o.j], b: few[o.i], outcome: o.outcome }
      : { a: few[o.i], b: many[o.j], outcome: o.outcome };
  }
  return { similarity: sum / few.length, pairs: chosen as FigurePair[] };
}

/**
 * Agreement of the figures in two texts, 0..1, as a ranking feature: 1 when every figure of the text with fewer
 * figures matches one in the other, 0.5 per figure only compatible, 0 when there are no figures on either side
 * or they conflict. See {@link matchFigures}.
 *
 * @example
 * figureSimilarity('60 civilians killed, 200 injured',
 *   'At least 60 civilians were killed and another 200 injured') // 1
 * figureSimilarity('60 civilians killed', '100 civilians killed')  // 0
 * figureSimilarity('civilians killed', '60 civilians killed')      // 0
 */
export function figureSimilarity(aText: string, bText: string): number {
  return matchFigures(extractFigures(aText), extractFigures(bText)).similarity;
}
