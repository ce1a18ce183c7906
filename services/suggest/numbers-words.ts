/**
 * The words and signs that make or qualify a figure in news text, for the figure scanner (numbers-figures.ts):
 * number words, magnitudes, vague plurals, qualifiers ("at least", "около"), months and the words that mark a
 * year. English, plus the Russian that sources in this corpus use.
 */

/** What a figure says about the true number relative to its value (see Figure in numbers-figures.ts). */
export type FigureBound = 'exact' | 'atLeast' | 'atMost' | 'about';

// Every table is prototype-free: they are indexed with arbitrary words from the text, and "constructor" or
// "valueOf" must not find Object.prototype's members.

const table = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), entries);

/** Cardinal words below ten, below twenty and the tens, by value. */
export const ONES: Record<string, number> = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
});
export const TEENS: Record<string, number> = table({
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});
export const TENS: Record<string, number> = table({
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
/** Words that multiply what came before ("two hundred", "three dozen", "1.2 million"). */
export const MULTIPLIERS: Record<string, number> = table({
  dozen: 12, hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
});
/** Unit of each vague plural: "dozens" means several dozen. */
export const VAGUE_PLURALS: Record<string, number> = table({
  dozens: 12, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9, tens: 10,
});
/** Magnitudes written after digits, including news and Russian abbreviations ("5bn", "3 тыс.", "2 млн"). */
export const DIGIT_MAGNITUDES: Record<string, number> = table({
  dozen: 12, hundred: 100, thousand: 1e3, thousands: 1e3, million: 1e6, millions: 1e6, billion: 1e9,
  billions: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, mln: 1e6, тыс: 1e3, тысяч: 1e3, тысячи: 1e3, тысяча: 1e3,
  млн: 1e6, миллион: 1e6, миллиона: 1e6, миллионов: 1e6, млрд: 1e9, миллиард: 1e9, миллиарда: 1e9,
  миллиардов: 1e9,
});
/** Only after a currency sign is "$5m" five million rather than five metres. */
export const CURRENCY_SUFFIXES: Record<string, number> = table({ m: 1e6, k: 1e3, b: 1e9, bn: 1e9, mn: 1e6, mln: 1e6 });

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
export function isStarter(text: string, i: number, end: number): boolean {
  const bucket = STARTERS_BY_LENGTH[end - i];
  if (!bucket) return false;
  next: for (const w of bucket) {
    for (let k = 0; k < w.length; k++) if ((text.charCodeAt(i + k) | 32) !== w.charCodeAt(k)) continue next;
    return true;
  }
  return false;
}

/** Whether a char code is an ASCII letter (the scanner's runs of letters). */
export const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Month names and abbreviations, English and Russian, lower-cased. */
export const MONTHS = new Set(
  (
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря ' +
    'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь'
  ).split(' '),
);
// "may" and "march" are also verbs, and the abbreviations are also syllables: these need a capital.
export const MONTHS_NEEDING_CAPITAL = new Set('may march jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
/** Words after which a four-digit number in 1900..2100 is a year: "in 2014", "since 2014", "summer 2014". */
export const YEAR_BEFORE = new Set(
  (
    'in since until till from during year years before after through throughout early late mid circa ' +
    'summer winter spring autumn fall году года годах с до в'
  ).split(' '),
);
/** Words after a year: "2016 года" (Russian "of the year 2016"), "2016 г.". */
export const YEAR_AFTER = new Set(['года', 'году', 'год', 'г']);
/** "the summer of 2014", "the end of 2016": "of" marks a year only after one of these. */
export const YEAR_BEFORE_OF = new Set(
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
export const QUALIFIER_WORDS = Math.max(...Object.keys(QUALIFIERS).map((q) => q.split(' ').length));
/** Last words of qualifiers: the word before a number must be one of these before any phrase is looked up. */
export const QUALIFIER_LAST = new Set(Object.keys(QUALIFIERS).map((q) => q.slice(q.lastIndexOf(' ') + 1)));
/** QUALIFIERS by phrase. */
export const QUALIFIER_MAP = new Map(Object.entries(QUALIFIERS));
/** Signs written before a number: "~60", ">60", "≤60". */
export const SYMBOL_BOUNDS: Record<string, FigureBound> = table({
  '~': 'about', '≈': 'about', '∼': 'about', '>': 'atLeast', '>=': 'atLeast', '≥': 'atLeast',
  '<': 'atMost', '<=': 'atMost', '≤': 'atMost',
});

/** Char codes of the hyphen and dashes that join compounds and ranges ("twenty-five", "2014–17", "F-16"). */
export const HYPHENS = new Set([45, 0x2010, 0x2011, 0x2012, 0x2013]);
/** Currency signs written before a number ("$5m"). */
export const CURRENCY = new Set(['$', '€', '£', '¥', '₽', '₴']);
