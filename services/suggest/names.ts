/**
 * Person-name similarity under spelling variants and transliteration: "Sergey Rudskoy" / "Sergei Rudskoi" /
 * "Gen. Sergey Rutskoy" / "Сергей Рудской" / "Rudskoy".
 *
 * Two steps:
 * 1. Normalise each name to tokens: lower case, no diacritics, Cyrillic transliterated, titles and particles
 *    dropped, then a light *transliteration fold* (below) so that the usual romanisation choices compare equal.
 * 2. Align the tokens and compare them with Jaro-Winkler, which forgives the one- or two-letter differences that
 *    remain ("rudskoi" / "rutskoi") and rewards a shared beginning, where names rarely vary.
 *
 * Pure, no dependencies; normalised names are memoised because a request compares one name with thousands.
 */
import { asciiFold, foldChar, isUpper } from './text.js';

// ---------------------------------------------------------------------------------------------------------
// Jaro-Winkler

// Scratch buffers reused across calls: similarTerms runs Jaro-Winkler on thousands of vocabulary terms per
// request, and allocating two arrays per comparison would dominate the cost.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/**
 * Jaro-Winkler similarity in 0..1 (Winkler's prefix scale 0.1 over at most 4 characters, applied when the
 * Jaro similarity exceeds 0.7). Compares UTF-16 units, which is exact for the folded names it is used on.
 *
 * @example
 * jaroWinkler('martha', 'marhta')   // ≈ 0.961
 * jaroWinkler('rudskoi', 'rutskoi') // ≈ 0.924
 * jaroWinkler('', 'abc')            // 0
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2);
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const ca = a.charCodeAt(i);
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!matchedB[j] && b.charCodeAt(j) === ca) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[j]) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

// ---------------------------------------------------------------------------------------------------------
// Normalisation

/**
 * Words that describe a person rather than name them. Dropped before comparing, so "Gen. Sergey Rudskoy" is
 * "Sergey Rudskoy". Checked after folding to ASCII, hence the transliterated Russian titles.
 */
const TITLES = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady madam monsieur mme herr frau st ' +
    'gen general lt lieutenant col colonel maj major capt captain cpt cmdr commander adm admiral brig brigadier ' +
    'sgt sergeant cpl corporal pvt private marshal field chief staff head army navy air force officer ' +
    'president vice prime minister pm premier chancellor secretary deputy foreign defence defense interior ' +
    'spokesman spokeswoman spokesperson representative official ambassador envoy senator sen rep congressman ' +
    'congresswoman governor gov mayor king queen prince princess sheikh emir imam pope rev reverend father ' +
    'judge justice attorney mp mep chairman chairwoman chair ceo director leader ' +
    'the of and a an his her its our their former acting retired late ' +
    'jr sr ii iii iv ' +
    // Transliterated Russian and Ukrainian titles ("генерал-полковник", "министр", "президент").
    'leytenant polkovnik generala ministr prezident predstavitel ofitsialnyi ' +
    // Nationalities that open a description: "Russian Defence Minister Sergei Shoigu".
    'russian ukrainian american us british french german syrian iraqi iranian turkish israeli chinese kurdish ' +
    'saudi egyptian'
  ).split(' '),
);
/** Title words that are never surnames, even last: "Sergey Rudskoy, Gen." or "Putin Jr". */
const NEVER_SURNAMES = new Set('mr mrs ms dr prof gen lt col maj capt sgt jr sr ii iii iv the of and a an'.split(' '));
/** Name particles that sources keep or drop at will: "Bashar al-Assad" / "Bashar Assad". */
const PARTICLES = new Set('al el bin ibn von van der den de da di du'.split(' '));

/**
 * The transliteration fold, applied to each ASCII-folded token. Each rule merges spellings that different
 * romanisation systems (BGN, ISO 9, French, German, agency house styles) produce for the same name:
 * - tch → ch   French "Tchaikovsky" / "Chaikovsky";
 * - kh → h     "Khodorkovsky" / "Hodorkovsky", also Ukrainian г/х ("Hennadiy");
 * - ph → f     "Joseph" / "Josef";
 * - x → ks     "Alexei" / "Aleksei";
 * - w → v      German "Wladimir" / "Vladimir";
 * - tz → ts    "Kutzenko" / "Kutsenko";
 * - ou → u     French "Iouri" / "Yuri";
 * - y, j → i   "Sergey" / "Sergei" / "Sergej", "Yuri" / "Iuri"; so "ei"/"ey" and the endings -iy/-ii/-yy/-ij
 *              meet, and "-oy"/"-oi" meet ("Rudskoy" / "Rudskoi");
 * - double letters → single, last so the rules above cannot leave one: "Kirill" / "Kiril", "Dmitrii" → "dmitri"
 *   (which also folds "-ii" to "-i", so "Dmitriy" / "Dmitri" meet).
 *
 * @example foldName('Aleksey') === foldName('Alexei') // both 'aleksei'
 */
export function foldName(token: string): string {
  let out = '';
  const n = token.length;
  for (let i = 0; i < n; i++) {
    const c = token[i];
    const d = token[i + 1];
    let piece: string;
    if (c === 't' && d === 'c' && token[i + 2] === 'h') {
      piece = 'ch';
      i += 2;
    } else if (c === 'k' && d === 'h') {
      piece = 'h';
      i++;
    } else if (c === 'p' && d === 'h') {
      piece = 'f';
      i++;
    } else if (c === 't' && d === 'z') {
      piece = 'ts';
      i++;
    } else if (c === 'o' && d === 'u') {
      piece = 'u';
      i++;
    } else if (c === 'x') piece = 'ks';
    else if (c === 'w') piece = 'v';
    else if (c === 'y' || c === 'j') piece = 'i';
    else piece = c;
    for (const ch of piece) if (out[out.length - 1] !== ch) out += ch;
  }
  return out;
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const POSSESSIVE = /['’ʼ]s(?![\p{L}\p{N}])/gu;
const APOSTROPHE = /['’ʼ`]/g;

const memo = new Map<string, string[]>();
const MEMO_LIMIT = 4096;

/**
 * The folded name tokens of `name`, titles and particles left out.
 * @example nameTokens('Lieutenant-General Sergey Rudskoy') // ['sergei', 'rudskoi']
 */
export function nameTokens(name: string): string[] {
  const hit = memo.get(name);
  if (hit) return hit;
  const tokens = computeTokens(name);
  if (memo.size >= MEMO_LIMIT) memo.clear(); // crude but bounded; names repeat within a request
  memo.set(name, tokens);
  return tokens;
}

function computeTokens(name: string): string[] {
  // "Sergey Lavrov, the foreign minister", "Rudskoy (RT)": a name ends at the first comma, bracket or spaced
  // dash. (An inverted "Rudskoy, Sergey" keeps the surname, which is what matters.)
  const cut = name.search(/[,;:(\[]|\s[-–—]\s/);
  // "O'Brien" is one word, "Rudskoy's" is "Rudskoy".
  const cleaned = (cut > 0 ? name.slice(0, cut) : name).replace(POSSESSIVE, '').replace(APOSTROPHE, '');
  const words = cleaned.match(TOKEN) ?? [];
  // When some words are capitalised, the lower-case ones describe rather than name ("the general Sergey
  // Rudskoy"). All-lower-case input ("sergey rudskoy") keeps every word.
  const anyCapital = words.some((w) => isUpper(w.charCodeAt(0)));
  const all: string[] = [];
  const kept: string[] = [];
  let lastTitle = '';
  for (const w of words) {
    const folded = asciiFold(w);
    all.push(folded);
    if (anyCapital && !isUpper(w.charCodeAt(0))) continue;
    if (PARTICLES.has(folded)) continue;
    if (TITLES.has(folded)) {
      lastTitle = folded;
      continue;
    }
    lastTitle = '';
    kept.push(folded);
  }
  // A title word in last place after a name is a surname: "John Major", "Martin Luther King".
  if (lastTitle && kept.length && !NEVER_SURNAMES.has(lastTitle)) kept.push(lastTitle);
  // Only titles ("the General"): better to compare those than nothing.
  return (kept.length ? kept : all).map(foldName).filter((t) => t.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Similarity

/** Token similarity; an initial ("V.") matches any token with the same first letter at 0.9. */
function tokenSimilarity(a: string, b: string): number {
  if (a.length === 1 || b.length === 1) {
    if (a === b) return 1;
    return a[0] === b[0] ? 0.9 : 0;
  }
  return jaroWinkler(a, b);
}

/** Weight of the surname in a two-part comparison; given names (and patronymics) make up the rest. */
const SURNAME_WEIGHT = 0.7;
/** A single word matched against a name's non-final word: a given name alone, or a family-name-first order. */
const NOT_LAST_FACTOR = 0.85;
/** Surnames aligned across swapped orders ("Rudskoy Sergey" / "Sergey Rudskoy"). */
const SWAPPED_FACTOR = 0.95;

/**
 * Similarity of two person names in 0..1, for spelling variants and transliterations of the same person.
 *
 * Rule, on {@link nameTokens}: the last token is the surname.
 * - one side a single word: its best Jaro-Winkler against the other's words, × 0.85 unless that is the surname
 *   ("Putin" ~ "Vladimir Putin" = 1);
 * - otherwise: surname similarity S (last with last, or across a swapped order × 0.95) scaled by the given names:
 *   S × (0.7 + 0.3 × G), G the mean best similarity of the remaining words of the shorter side (initials count
 *   0.9 when the letter agrees). Without remaining words the score is S. So a different surname is always low,
 *   a different first name costs up to 30 %.
 *
 * @example
 * nameSimilarity('Sergey Rudskoy', 'Sergey Rutskoy')      // ≈ 0.92
 * nameSimilarity('Gen. Sergey Rudskoy', 'Сергей Рудской') // 1
 * nameSimilarity('Rudskoy', 'Sergei Rudskoi')             // 1
 * nameSimilarity('Igor Konashenkov', 'Sergey Rudskoy')    // < 0.5
 */
export function nameSimilarity(a: string, b: string): number {
  return tokensSimilarity(nameTokens(a), nameTokens(b));
}

function tokensSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  if (a.length === 1 || b.length === 1) {
    const [one, many] = a.length === 1 ? [a[0], b] : [b[0], a];
    let best = 0;
    for (let i = 0; i < many.length; i++) {
      const s = tokenSimilarity(one, many[i]) * (i === many.length - 1 ? 1 : NOT_LAST_FACTOR);
      if (s > best) best = s;
    }
    return best;
  }
  const lastA = a.length - 1;
  const lastB = b.length - 1;
  let surname = tokenSimilarity(a[lastA], b[lastB]);
  let ia = lastA;
  let ib = lastB;
  const swapA = tokenSimilarity(a[0], b[lastB]) * SWAPPED_FACTOR;
  const swapB = tokenSimilarity(a[lastA], b[0]) * SWAPPED_FACTOR;
  if (swapA > surname && swapA >= swapB) [surname, ia, ib] = [swapA, 0, lastB];
  else if (swapB > surname) [surname, ia, ib] = [swapB, lastA, 0];
  const restA = a.filter((_, i) => i !== ia);
  const restB = b.filter((_, i) => i !== ib);
  const [few, many] = restA.length <= restB.length ? [restA, restB] : [restB, restA];
  let sum = 0;
  for (const t of few) {
    let best = 0;
    for (const u of many) best = Math.max(best, tokenSimilarity(t, u));
    sum += best;
  }
  const given = sum / few.length;
  return surname * (SURNAME_WEIGHT + (1 - SURNAME_WEIGHT) * given);
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary search

/**
 * Classes of first letters that transliteration swaps (c/k/q, g/h/kh, v/w, f/ph, s/z, i/y/j and the vowels
 * generally: "Aleksandr" / "Oleksandr"). Two terms pass the first-letter filter when their classes intersect.
 */
const FIRST_CLASS: Record<string, number> = {};
{
  const classes = ['aeiouyj', 'ckqh', 'gh', 'vw', 'fp', 'sz', 'cts'];
  classes.forEach((letters, bit) => {
    for (const ch of letters) FIRST_CLASS[ch] = (FIRST_CLASS[ch] ?? 0) | (1 << bit);
  });
}
function firstClass(term: string): { letter: string; mask: number } {
  const letter = term ? foldChar(String.fromCodePoint(term.codePointAt(0)!).toLowerCase())[0] ?? '' : '';
  return { letter, mask: FIRST_CLASS[letter] ?? 0 };
}

/**
 * The ASCII characters a spelling variant of `term` may start with under similarTerms' first-letter filter (its
 * own transliterated first letter and the letters of the same transliteration classes). A candidate starting
 * with any other ASCII character is never a variant; one starting with a non-ASCII character ("рудской") is
 * judged by its transliteration, so a vocabulary must offer those whatever this returns.
 * @example variantInitials('Kirby') // ['k', 'c', 'h', 'q'] (in some order)
 */
export function variantInitials(term: string): string[] {
  const { letter, mask } = firstClass(term.trim().toLowerCase());
  const out = new Set<string>(letter && letter.charCodeAt(0) < 128 ? [letter] : []);
  for (const [ch, classes] of Object.entries(FIRST_CLASS)) if (classes & mask) out.add(ch);
  return [...out];
}

/**
 * Spelling variants of `term` in a vocabulary (for example the FTS index's 100,000 lower-case terms): every
 * other term whose similarity reaches `min`, best first.
 *
 * Similarity is the higher of Jaro-Winkler on the terms as given and on their transliteration folds, so
 * "rudskoi" finds "rudskoy" (1 after folding), "rutskoy" (≈ 0.92) and "рудской" (Cyrillic, 1 after folding).
 * Fast because it only folds and compares terms that pass two cheap filters: the first letters fall in the same
 * transliteration class, and the lengths differ by at most max(1, ⌈2.5 × (1 − min) × length⌉) characters
 * (2 for a 7-letter name at 0.88): spelling variants rarely differ by more.
 *
 * @example
 * similarTerms('rudskoy', ['rudskoi', 'rutskoy', 'rudskoy', 'mosul', 'lavrov'])
 * // [{ term: 'rudskoi', score: 1 }, { term: 'rutskoy', score: ≈0.92 }]
 */
export function similarTerms(term: string, vocabulary: Iterable<string>, min = 0.88): { term: string; score: number }[] {
  const raw = term.trim().toLowerCase();
  const out: { term: string; score: number; plain: number }[] = [];
  if (!raw) return [];
  const ascii = asciiFold(raw);
  const folded = foldName(ascii);
  const { letter, mask } = firstClass(raw);
  const length = raw.length;
  const slack = Math.max(1, Math.ceil(2.5 * (1 - min) * length));
  for (const candidate of vocabulary) {
    const cl = candidate.length;
    if (cl < length - slack || cl > length + slack || candidate === raw) continue;
    const c0 = candidate.charCodeAt(0);
    // ASCII fast path for the first-letter filter; other scripts go through the transliteration table.
    const cLetter = c0 < 128 ? (c0 >= 65 && c0 <= 90 ? String.fromCharCode(c0 + 32) : candidate[0]) : firstClass(candidate).letter;
    if (cLetter !== letter && !((FIRST_CLASS[cLetter] ?? 0) & mask)) continue;
    const plain = jaroWinkler(raw, candidate.toLowerCase());
    let score = plain;
    if (score < 1) {
      const cf = foldName(asciiFold(candidate));
      if (cf === folded) score = 1;
      else score = Math.max(score, jaroWinkler(folded, cf));
    }
    if (score >= min && candidate.toLowerCase() !== raw) out.push({ term: candidate, score, plain });
  }
  // Ties (several spellings that fold to the same name) go to the closest spelling as written.
  out.sort((x, y) => y.score - x.score || y.plain - x.plain || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  return out.map(({ term: t, score }) => ({ term: t, score }));
}
