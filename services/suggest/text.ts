/**
 * Small text helpers shared by the suggest modules. Internal: the public surface is numbers, names, sentences,
 * terms and score.
 *
 * The suggest modules scan strings in UTF-16 units (what JavaScript indexes) and report code points (what every
 * stored offset in Crosscheck counts, see common/offsets.ts). Most news text has no astral characters at all,
 * so every conversion first asks a native regex whether there is anything to convert (about 0.03 ms per MB)
 * and only then builds an index.
 */
import { buildOffsetIndex, cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';

const SURROGATE = /[\ud800-\udfff]/;

// One entry is enough: callers convert many offsets of the same document in a row (all figures of a text,
// both ends of a span), and a string compared with itself is a pointer comparison in V8.
let lastText: string | null = null;
let lastIndex: OffsetIndex | null = null;

/**
 * The offset index of `text`, or null when the text has no surrogates and code points equal UTF-16 units.
 * @example offsetIndexOrNull('plain') === null
 */
export function offsetIndexOrNull(text: string): OffsetIndex | null {
  if (text === lastText) return lastIndex;
  const index = SURROGATE.test(text) ? buildOffsetIndex(text) : null;
  lastText = text;
  lastIndex = index;
  return index;
}

/**
 * Code point offset → UTF-16 index, clamped to the text.
 * @example toUtf16('😀 60', 2) === 3
 */
export function toUtf16(text: string, cp: number, index: OffsetIndex | null = offsetIndexOrNull(text)): number {
  if (!Number.isFinite(cp) || cp <= 0) return 0;
  cp = Math.floor(cp);
  if (!index) return Math.min(cp, text.length);
  return cpToUtf16(index, Math.min(cp, index.length));
}

/**
 * UTF-16 index → code point offset (an index inside a surrogate pair rounds down to the pair's start).
 * @example toCp('😀 60', 3) === 2
 */
export function toCp(text: string, u: number, index: OffsetIndex | null = offsetIndexOrNull(text)): number {
  if (!index) return u;
  return utf16ToCp(index, u);
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const NUMBER = /\p{N}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

// Character classes of the Basic Multilingual Plane, filled in lazily: a Unicode property regex per character is
// far too slow for the scanning loops here, a table lookup is not. Bit 1: known; bit 2: letter or mark;
// bit 4: letter, mark or number (a token character, as FTS5's unicode61 tokenizer counts them); bit 8: upper
// case; bit 16: lower case.
const CLASS = new Uint8Array(0x10000);
function classOf(code: number): number {
  let k = CLASS[code];
  if (!k) {
    const ch = String.fromCharCode(code);
    const letter = code < 0xd800 || code > 0xdfff ? LETTER_OR_MARK.test(ch) : false;
    const number = !letter && (code < 0xd800 || code > 0xdfff) && NUMBER.test(ch);
    k = 1 | (letter ? 2 : 0) | (letter || number ? 4 : 0) | (letter && UPPER.test(ch) ? 8 : 0) | (letter && LOWER.test(ch) ? 16 : 0);
    CLASS[code] = k;
  }
  return k;
}

/**
 * True for a letter (any script) or combining mark; astral code units count as non-letters.
 * @example isLetter('ж'.charCodeAt(0)) === true
 */
export function isLetter(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return (classOf(code) & 2) !== 0;
}

/**
 * A letter, mark or number of any script: what a search token is made of. Astral characters (emoji) are not.
 * @example isTokenChar('٣'.charCodeAt(0)) === true // Arabic-Indic three
 */
export function isTokenChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return (classOf(code) & 4) !== 0;
}

/**
 * An ASCII digit.
 * @example isDigit('7'.charCodeAt(0)) === true
 */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Letter, ASCII digit or underscore: the characters that glue a number into a word or an id.
 * @example isWordChar('_'.charCodeAt(0)) === true
 */
export function isWordChar(code: number): boolean {
  return isDigit(code) || code === 95 || isLetter(code);
}

/**
 * An upper-case letter of any script.
 * @example isUpper('Р'.charCodeAt(0)) === true
 */
export function isUpper(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  return (classOf(code) & 8) !== 0;
}

/**
 * A lower-case letter of any script (caseless scripts are neither upper nor lower).
 * @example isLower('中'.charCodeAt(0)) === false
 */
export function isLower(code: number): boolean {
  if (code < 128) return code >= 97 && code <= 122;
  return (classOf(code) & 16) !== 0;
}

/**
 * Horizontal white space: space, tab and the no-break and thin spaces news sites use inside numbers.
 * @example isSpace(0xa0) === true
 */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007 || code === 0x3000;
}

/**
 * Line breaks, which end a paragraph.
 * @example isBreak('\n'.charCodeAt(0)) === true
 */
export function isBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029 || code === 0x0b || code === 0x0c || code === 0x85;
}

/**
 * Any white space: horizontal or a line break.
 * @example isWhite('\r'.charCodeAt(0)) === true
 */
export function isWhite(code: number): boolean {
  return isSpace(code) || isBreak(code);
}

// Cyrillic → Latin, close to the BGN/PCGN and news-agency conventions. Names in Russian and Ukrainian sources
// then meet their English spellings ("Рудской" → "rudskoy") before any fuzzy matching starts.
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
  ў: 'u', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
};
// Latin letters that NFKD does not decompose.
const LATIN_EXTRA: Record<string, string> = {
  ß: 'ss', ø: 'o', đ: 'd', ł: 'l', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd', ŋ: 'ng', ħ: 'h',
};
const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}+/gu;

/**
 * Lower case, no diacritics, Cyrillic transliterated: the common ground for comparing spellings of a name.
 * @example asciiFold('Sergeï Рудской') === 'sergei rudskoy'
 */
export function asciiFold(s: string): string {
  s = s.toLowerCase();
  if (!NON_ASCII.test(s)) return s;
  // Transliterate first: NFKD would split "й" into "и" + breve and lose the y.
  let out = '';
  for (const ch of s) out += CYRILLIC[ch] ?? LATIN_EXTRA[ch] ?? ch;
  if (!NON_ASCII.test(out)) return out;
  return out.normalize('NFKD').replace(MARKS, '');
}

/**
 * Latin transliteration of one lower-case character ('' for none), used for cheap first-letter tests.
 * @example foldChar('х') === 'kh'
 */
export function foldChar(ch: string): string {
  if (ch.charCodeAt(0) < 128) return ch;
  const c = CYRILLIC[ch] ?? LATIN_EXTRA[ch];
  if (c !== undefined) return c;
  return ch.normalize('NFKD').replace(MARKS, '');
}
