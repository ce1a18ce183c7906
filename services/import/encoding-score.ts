/**
 * Chooses among near-neighbour 8-bit code pages by how plausible each reading of the file is, in any script.
 * Validity cannot decide: windows-1250 Polish read as ISO-8859-2 is "Rzšd przyjšł", every byte a letter. What
 * decides is evidence that text in some language would not show, counted per reading ("oddities"):
 * - a word mixing scripts (Latin next to Cyrillic: "cafй"), or a case change inside a word ("лНЯЙБЮ", KOI8-R
 *   read as windows-1251), or a letter where no word can have it (ь, ъ, ы starting a word; ς inside one);
 * - a symbol or punctuation inside or against a word ("Rz¹d", "Rz±d"), two signs side by side ("¥«®¢"); a
 *   character running text never holds (¤, ¦, ¨, ¶, box drawing) anywhere; a combining mark after no letter or
 *   after a letter of another script (an Arabic vowel sign on a Latin letter);
 * - letters that fit no single language's alphabet (services/import/encoding-alphabets.ts): the readings' non-ASCII
 *   letters are checked against every alphabet, and those outside the best-fitting one are counted ("š" among
 *   Polish "ł", "ż", "ó"), as are one-letter words the language does not have ("ŕ" standing alone, where French
 *   has "à"). This is the letter-frequency evidence: counted per occurrence, so a stray foreign name weighs little
 *   against a letter that recurs in every other word.
 * Bytes that a code page leaves undefined (or maps to C1 controls) rule that reading out as valid text.
 *
 * The file's bytes are counted once (each byte value, and each non-ASCII byte with its two neighbours, keyed by the
 * three byte values); every candidate is then scored from those counts through its byte table, so the work is one
 * pass over the file plus a constant per candidate, whatever the file's size.
 *
 * The rule (README, "Legacy encodings"): the reading with the fewest oddities is stored only if it is plausible
 * (oddities under MAX_ODDITY_SHARE of its non-ASCII characters, and no undefined byte) and every reading that gives
 * a different text has at least 2n + 1 oddities where it has n: a clean reading beats one with a single oddity, and
 * a reading with a few (a foreign name) needs the alternative to be clearly worse. Otherwise the file is refused,
 * naming the code pages in doubt and showing the first word they read differently, so the person can name the
 * right one. Evidence, not prevalence, decides: a tie between windows-1251 and maccyrillic is refused, not settled.
 */
import { Case, CANDIDATE_PAGES, Kind, Script, pageTable, type PageTable } from './encoding-tables.js';
import { LANGUAGES } from './encoding-alphabets.js';

/** Bytes scored for context (a byte with its neighbours): plenty of evidence, with bounded time on huge files. */
export const SCORE_SAMPLE_BYTES = 256 * 1024;
/** Above this share of its non-ASCII characters being odd, the best reading is not text in any code page. */
export const MAX_ODDITY_SHARE = 0.15;

const SYMBOLIC = new Set<number>([Kind.AfterWord, Kind.Sign, Kind.Symbol, Kind.Rare, Kind.Other]);
/**
 * Spelling rules that hold in every language using these letters (Russian, Ukrainian, Belarusian, Bulgarian;
 * Greek; Polish ą ę, Czech ů, German ß): letters that never start a word, never follow a vowel, or follow a letter
 * only when it is a vowel (Cyrillic й ї ў; Greek ϊ ϋ, whose diaeresis marks a vowel pair).
 */
const NEVER_INITIAL = new Set([...'ьъыЬЪЫßąęůĄĘŮ']);
const CYRILLIC_VOWELS = new Set([...'аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ']);
const GREEK_VOWELS = new Set([...'αεηιουωάέήίόύώΑΕΗΙΟΥΩΆΈΉΊΌΎΏ']);
const NEVER_AFTER_VOWEL = new Set([...'ьъыЬЪЫ']);
const ONLY_AFTER_VOWEL = new Map<string, Set<string>>([
  ...[...'йїўЙЇЎ'].map((ch): [string, Set<string>] => [ch, CYRILLIC_VOWELS]),
  ...[...'ϊϋΪΫ'].map((ch): [string, Set<string>] => [ch, GREEK_VOWELS]),
]);
const FINAL_SIGMA = 'ς';
/** Letters so rare in their language (Greek ΰ, ΐ: a handful of words) that each counts as an oddity. */
const RARE_LETTERS = new Set([...'ΰΐ']);

/** What a file's bytes are, counted once for every candidate reading. */
export interface ByteCounts {
  /** Occurrences of each byte value in the whole file. */
  all: Uint32Array;
  /** Occurrences of each byte value in the scored sample (the first SCORE_SAMPLE_BYTES). */
  sample: Uint32Array;
  /** Each non-ASCII byte of the sample with its neighbours (a space past either end): key left<<16 | byte<<8 | right. */
  contexts: Map<number, number>;
  /** Non-ASCII bytes in the sample. */
  high: number;
}

/** Counts `b` (see ByteCounts): one pass over the whole file, contexts over its first `sampleBytes`. */
export function countBytes(b: Uint8Array, sampleBytes = SCORE_SAMPLE_BYTES): ByteCounts {
  const all = new Uint32Array(256);
  for (let i = 0; i < b.length; i++) all[b[i]]++;
  const n = Math.min(b.length, sampleBytes);
  const sample = new Uint32Array(256);
  const contexts = new Map<number, number>();
  let high = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    sample[c]++;
    if (c < 0x80) continue;
    high++;
    const key = ((i > 0 ? b[i - 1] : 0x20) << 16) | (c << 8) | (i + 1 < b.length ? b[i + 1] : 0x20);
    contexts.set(key, (contexts.get(key) ?? 0) + 1);
  }
  return { all, sample, contexts, high };
}

/** One candidate reading of a file, scored. */
export interface Reading {
  page: PageTable;
  /** Occurrences (whole file) of bytes the page leaves undefined. */
  undefinedBytes: number;
  /** Oddities in the sample: the context rules plus the letters outside the best-fitting alphabet. */
  oddities: number;
  /** The alphabet that fits the reading's letters best (null when it has no non-ASCII letters). */
  language: string | null;
}

/** Scores the reading of the counted bytes under `page` (see the module comment for the rules). */
export function scoreReading(page: PageTable, counts: ByteCounts): Reading {
  const { kind, letterCase, script, chars } = page;
  let odd = 0;
  /** Occurrences of each byte as a one-letter word. */
  const alone = new Uint32Array(256);
  const joins = (k: number) => k === Kind.Letter || k === Kind.Mark || k === Kind.InWord;
  const symbolic = (b: number) => b >= 0x80 && SYMBOLIC.has(kind[b]);
  for (const [key, n] of counts.contexts) {
    const l = key >>> 16;
    const c = (key >>> 8) & 0xff;
    const r = key & 0xff;
    const lLetter = kind[l] === Kind.Letter;
    const rLetter = kind[r] === Kind.Letter;
    // Two signs or symbols side by side ("¥«®¢") are a misread word, whatever each one is.
    if (SYMBOLIC.has(kind[c]) && (symbolic(l) || symbolic(r))) odd += n;
    switch (kind[c]) {
      case Kind.Letter:
        if (!joins(kind[l]) && !joins(kind[r])) alone[c] += n;
        if (RARE_LETTERS.has(chars[c])) odd += n;
        if (lLetter) {
          // Pairs of two non-ASCII letters are judged here, from the right one, so that each pair counts once.
          if (script[l] !== script[c]) odd += n;
          if (letterCase[l] === Case.Lower && letterCase[c] === Case.Upper) odd += n;
          if (chars[l] === FINAL_SIGMA) odd += n;
          if (NEVER_AFTER_VOWEL.has(chars[c]) && CYRILLIC_VOWELS.has(chars[l])) odd += n;
          const vowels = ONLY_AFTER_VOWEL.get(chars[c]);
          if (vowels && script[l] === script[c] && !vowels.has(chars[l])) odd += n;
        } else if (kind[l] !== Kind.Mark && kind[l] !== Kind.InWord && NEVER_INITIAL.has(chars[c])) odd += n;
        if (r < 0x80 && rLetter) {
          if (script[r] !== script[c]) odd += n;
          if (letterCase[c] === Case.Lower && letterCase[r] === Case.Upper) odd += n;
          if (chars[c] === FINAL_SIGMA) odd += n;
        }
        break;
      case Kind.Mark:
        if (!lLetter && kind[l] !== Kind.Mark) odd += n;
        else if (lLetter && script[c] !== Script.None && script[c] !== script[l]) odd += n;
        break;
      case Kind.InWord:
        // An apostrophe opening a word ("’ρθρο") is a misread letter far more often than an elision.
        if (!lLetter && rLetter && kind[l] !== Kind.Digit) odd += n;
        break;
      case Kind.Punct:
        if (lLetter && rLetter) odd += n;
        break;
      case Kind.AfterWord:
        // "km²", "Crosscheck®", "20°C": after a word or a number; glued before a word only as °C, °F.
        if (rLetter && !(chars[c] === '°' && r < 0x80)) odd += n;
        break;
      case Kind.Sign:
      case Kind.Symbol:
      case Kind.Other:
        if (lLetter || rLetter) odd += n;
        break;
      case Kind.Rare:
        odd += n;
        break;
    }
  }
  const fit = bestAlphabet(page, counts.sample, alone);
  let undefinedBytes = 0;
  for (let b = 0x80; b < 256; b++) if (kind[b] === Kind.Undefined) undefinedBytes += counts.all[b];
  return { page, undefinedBytes, oddities: odd + fit.misfits, language: fit.language };
}

/**
 * The alphabet that leaves the fewest non-ASCII letter occurrences unexplained (outside the alphabet, or standing
 * alone where the language has no such one-letter word), and how many it leaves.
 */
function bestAlphabet(page: PageTable, counts: Uint32Array, alone: Uint32Array): { language: string | null; misfits: number } {
  const letters: [string, number, number][] = [];
  for (let b = 0x80; b < 256; b++) if (counts[b] && page.kind[b] === Kind.Letter) letters.push([page.chars[b], counts[b], alone[b]]);
  if (!letters.length) return { language: null, misfits: 0 };
  let best = { language: null as string | null, misfits: Infinity };
  for (const lang of LANGUAGES) {
    let misfits = 0;
    for (const [ch, n, lone] of letters) misfits += !lang.has(ch) ? n : lang.alone(ch) ? 0 : lone;
    if (misfits < best.misfits) best = { language: lang.name, misfits };
  }
  return best;
}

/** Whether two pages read every byte value present in the file (per `all`) as the same character. */
export function sameText(a: PageTable, b: PageTable, all: Uint32Array): boolean {
  for (let x = 0x80; x < 256; x++) if (all[x] && a.chars[x] !== b.chars[x]) return false;
  return true;
}

/** The outcome of choosing a code page for a file that is not UTF-8. */
export type Choice =
  | { ok: true; reading: Reading }
  | { ok: false; why: 'undefined'; reading: Reading }
  | { ok: false; why: 'implausible'; reading: Reading | null }
  /** `rivals`: every other valid reading within the margin, most plausible first. */
  | { ok: false; why: 'ambiguous'; reading: Reading; rivals: Reading[] };

/**
 * Scores every candidate code page (CANDIDATE_PAGES) on `counts` and applies the rule in the module comment.
 * `preferred` (e.g. chardet's proposals, best first) names the reading among pages that give the same text.
 */
export function chooseCodePage(counts: ByteCounts, preferred: readonly string[] = []): Choice {
  const rank = (name: string) => {
    const i = preferred.findIndex((p) => p.toLowerCase() === name.toLowerCase());
    return i < 0 ? preferred.length + CANDIDATE_PAGES.indexOf(name as (typeof CANDIDATE_PAGES)[number]) : i;
  };
  // One reading per distinct text, named by the most preferred page that gives it.
  const readings: Reading[] = [];
  for (const name of [...CANDIDATE_PAGES].sort((a, b) => rank(a) - rank(b))) {
    const page = pageTable(name);
    if (readings.some((r) => sameText(r.page, page, counts.all))) continue;
    readings.push(scoreReading(page, counts));
  }
  // An undefined byte weighs as much as several oddities: a damaged file in the right code page still ranks first
  // (and is refused as such) rather than letting a valid but wrong page through.
  const cost = (r: Reading) => r.oddities + UNDEFINED_WEIGHT * Math.min(r.undefinedBytes, counts.high + 1);
  readings.sort((a, b) => cost(a) - cost(b));
  const best = readings[0];
  if (!best) return { ok: false, why: 'implausible', reading: null };
  if (best.undefinedBytes > 0) return { ok: false, why: 'undefined', reading: best };
  if (best.oddities > MAX_ODDITY_SHARE * counts.high) return { ok: false, why: 'implausible', reading: best };
  const rivals = readings.slice(1).filter((r) => r.undefinedBytes === 0 && r.oddities < 2 * best.oddities + 1);
  if (rivals.length) return { ok: false, why: 'ambiguous', reading: best, rivals };
  return { ok: true, reading: best };
}


const UNDEFINED_WEIGHT = 5;

/**
 * The first word of `bytes` that the pages read differently, in each page's reading (at most ~24 bytes either side
 * of the first byte any of them reads differently from the first page, cut at spaces): what the person compares to
 * pick the right code page.
 */
export function firstDifference(bytes: Uint8Array, pages: readonly PageTable[]): string[] {
  const [a] = pages;
  const differs = (x: number) => pages.some((p) => p.chars[x] !== a.chars[x]);
  let at = 0;
  while (at < bytes.length && !differs(bytes[at])) at++;
  const inWord = (x: number) => x >= 0x80 || a.kind[x] === Kind.Letter || a.kind[x] === Kind.Digit;
  let from = at;
  while (from > 0 && at - from < 24 && inWord(bytes[from - 1])) from--;
  let to = Math.min(at + 1, bytes.length);
  while (to < bytes.length && to - at < 24 && inWord(bytes[to])) to++;
  return pages.map((p) => Array.from(bytes.subarray(from, to), (x) => p.chars[x]).join(''));
}
