/**
 * The value of one number in news text, read from where it starts (for numbers-figures.ts): digits with their
 * separators, decimals, magnitudes and percent signs ("1,200", "1.2 million", "5bn", "60%"), or number words
 * ("two hundred and fifty", "hundreds of thousands"). Positions here are UTF-16 indexes into the text.
 */
import { isDigit, isLetter, isSpace, isWordChar } from './text.js';
import { CURRENCY, CURRENCY_SUFFIXES, DIGIT_MAGNITUDES, HYPHENS, MULTIPLIERS, ONES, TEENS, TENS, VAGUE_PLURALS } from './numbers-words.js';

export interface Parsed {
  value: number;
  end: number;
  /** A vague plural ("dozens", "several hundred"). */
  vague: boolean;
  /** An integer with no separators, decimals, magnitude or unit: the only kind that can be a year or a day. */
  plain: boolean;
  percent: boolean;
}
/** Not a figure; resume scanning at `skip`. */
export interface Rejected {
  skip: number;
}


/** Index just past a run of characters that may belong to a date, time, id or number. */
export function skipRun(text: string, i: number): number {
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

/** The number written in digits at `i` (a digit), with what is glued to it; or where to resume when it is no figure. */
export function parseDigits(text: string, i: number): Parsed | Rejected {
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
export function wordAfter(text: string, j: number): { word: string; start: number; end: number } | null {
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

/** The number written in words at `i` (a starter word), or where to resume when it is no figure. */
export function parseWords(text: string, i: number): Parsed | Rejected {
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

