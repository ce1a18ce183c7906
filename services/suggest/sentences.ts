/**
 * Sentences around a span, for suggestion context and finders: "…the Russian General Staff Sergey Rudskoy told
 * journalists on Tuesday: “There were numerous attacks…”".
 *
 * Rule-based and local: a sentence ends at . ! ? … (with any closing quotes or brackets after them) when white
 * space follows and then anything but a lower-case letter or continuing punctuation (dash, comma…); it always
 * ends at a line break. No break after titles and common abbreviations ("Gen.", "Lt.", "Mr.", "No."), single initials ("J."),
 * or dotted acronyms ("U.S.") unless a typical sentence opener follows ("…by the U.S. The general said").
 *
 * All offsets are code points. Work is bounded by a window around the span, so a 1 MB document costs what a
 * paragraph does (plus, for text with emoji, one cached code-point index of the document).
 */
import type { OffsetIndex } from '../../common/offsets.js';
import { isBreak, isDigit, isLetter, isLower, isUpper, isWhite, offsetIndexOrNull, toCp, toUtf16 } from './text.js';

export interface SentenceRange {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  (
    'gen lt col maj capt cpt cmdr adm brig sgt cpl pvt mr mrs ms dr prof sr jr st mt ft rev hon pres gov sen rep ' +
    'supt insp det atty vol vols fig figs approx ca cf vs dept univ assn bros inc ltd corp ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri ' +
    'ave blvd sq pp ул гг им тыс млн млрд руб др пр см'
  ).split(' '),
);
/** Abbreviations only before a number: "No. 5" (but "the answer was no. Then…"). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'nr', 'p', 'г']);
/** After a dotted acronym ("U.S."), these open a new sentence; anything else continues it ("U.S. air force"). */
const SENTENCE_OPENERS = new Set(
  (
    'the a an he she it they we i you this that these those there but and so yet however meanwhile in on at ' +
    'his her its their our my after before when while if as for since according earlier later'
  ).split(' '),
);
/** Punctuation that carries a sentence on after a terminator. */
const CONTINUING = new Set(['—', '–', '-', ',', ';', ':', ')', ']', '}', '»', '”', '’', '.', '…']);
const CLOSING = new Set(['”', '"', '’', "'", '»', ')', ']']);
/** CJK full stops end a sentence without any space after them. */
const CJK_END = new Set(['。', '！', '？']);

/**
 * Sentences of `text` between `from` and `to` (code points), trimmed, in order. A sentence cut by the window
 * edges is returned cut.
 *
 * @example
 * splitSentences('Gen. Sergey Rudskoy spoke. “We see no progress,” he added.\nRT reports:')
 * // [{ start: 0, end: 26 }, { start: 27, end: 58 }, { start: 59, end: 70 }]
 */
export function splitSentences(text: string, from = 0, to?: number, index?: OffsetIndex | null): SentenceRange[] {
  const idx = index === undefined ? offsetIndexOrNull(text) : index;
  const a = toUtf16(text, Math.max(0, from), idx);
  const b = to === undefined ? text.length : toUtf16(text, Math.max(0, to), idx);
  return splitUtf16(text, a, Math.max(a, b)).map(([s, e]) => ({ start: toCp(text, s, idx), end: toCp(text, e, idx) }));
}

/** Where a sentence may end: line breaks (isBreak), terminators, CJK full stops. */
const STOPS = /[\n\r\v\f\u0085\u2028\u2029.!?\u2026\u3002\uff01\uff1f]/g;

/**
 * Sentence boundaries in UTF-16 units within [from, to): trimmed, non-empty. The candidates are found by one
 * regular expression (native code: a 6 MB document in tens of milliseconds, where a loop over every character
 * took several times that), each then judged as before.
 */
function splitUtf16(text: string, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  const push = (s: number, e: number) => {
    while (s < e && isWhite(text.charCodeAt(s))) s++;
    while (e > s && isWhite(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push([s, e]);
  };
  // The window alone is searched, so a window never costs the length of the document.
  const scan = from === 0 && to === text.length ? text : text.slice(from, to);
  let start = from;
  STOPS.lastIndex = 0;
  for (let m = STOPS.exec(scan); m; m = STOPS.exec(scan)) {
    const i = from + m.index;
    const c = text.charCodeAt(i);
    if (isBreak(c)) {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (CJK_END.has(text[i])) {
      let j = i + 1;
      while (j < to && CLOSING.has(text[j])) j++;
      push(start, j);
      start = j;
      STOPS.lastIndex = j - from;
      continue;
    }
    const end = sentenceEndAt(text, i);
    if (end < 0) continue;
    push(start, end);
    start = end;
    STOPS.lastIndex = end - from;
  }
  push(start, to);
  return out;
}

/**
 * If the terminator at `i` ends a sentence, the index just past it (and past closing quotes); else -1.
 * Looks past the window for the next character, so a window edge does not invent breaks.
 */
function sentenceEndAt(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
  while (j < text.length && CLOSING.has(text[j])) j++;
  if (j >= text.length) return j;
  if (!isWhite(text.charCodeAt(j))) return -1; // "3.5", "rt.com", "U.S.A"
  let k = j;
  while (k < text.length && isWhite(text.charCodeAt(k)) && !isBreak(text.charCodeAt(k))) k++;
  if (k >= text.length || isBreak(text.charCodeAt(k))) return j;
  const next = text.charCodeAt(k);
  // Lower case, a dash or a comma continues ("“…?” — it asked"); anything else (a capital, a digit, a quote,
  // a caseless script, an emoji) opens a new sentence.
  if (isLower(next) || CONTINUING.has(text[k])) return -1;
  if (text[i] !== '.' || j - i > 1 + countClosing(text, i + 1, j)) return j; // "!", "?", "...", "…"
  // A single period: is the word before it an abbreviation?
  let w = i;
  while (w > 0 && (isLetter(text.charCodeAt(w - 1)) || (text[w - 1] === '.' && isLetter(text.charCodeAt(w - 2))))) w--;
  const word = text.slice(w, i);
  if (!word) return j;
  if (word.length === 1 && isUpper(word.charCodeAt(0))) return -1; // an initial: "J. Smith"
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return -1;
  if (BEFORE_NUMBER.has(lower) && isDigit(next)) return -1;
  if (word.includes('.')) {
    // "U.S.", "e.g.": a new sentence only if a typical opener follows.
    let e = k;
    while (e < text.length && isLetter(text.charCodeAt(e))) e++;
    return SENTENCE_OPENERS.has(text.slice(k, e).toLowerCase()) ? j : -1;
  }
  return j;
}

function countClosing(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (CLOSING.has(text[i])) n++;
  return n;
}

/**
 * The sentence or sentences containing [start, end) (code points), clipped at line breaks, trimmed, and at most
 * `maxChars` long: when longer, a slice centred on the span and cut at word boundaries. The span itself is always
 * inside the result, unless it is longer than `maxChars` (then the result is its first `maxChars`, cut at a word
 * boundary). Offsets are exact; add any "…" in the caller.
 *
 * Only a window of about 2 × maxChars on each side of the span is read. Pass the document's `index` when the
 * caller already has one (see common/offsets.ts); otherwise the last document's is cached here.
 *
 * @example
 * const t = 'Gen. Sergey Rudskoy spoke on Tuesday. He said 60 civilians were killed. RT reports.';
 * sentenceAround(t, 46, 48) // { start: 38, end: 71, text: 'He said 60 civilians were killed.' }
 */
export function sentenceAround(
  text: string,
  start: number,
  end: number,
  maxChars = 320,
  index?: OffsetIndex | null,
): { start: number; end: number; text: string } {
  const idx = index === undefined ? offsetIndexOrNull(text) : index;
  let s = toUtf16(text, Math.min(start, end), idx);
  let e = toUtf16(text, Math.max(start, end), idx);
  const limit = Math.max(1, Math.floor(maxChars));
  const result = (a: number, b: number) => {
    a = pairStart(text, a);
    b = pairStart(text, b);
    return { start: toCp(text, a, idx), end: toCp(text, b, idx), text: text.slice(a, b) };
  };

  if (e - s >= limit) {
    // The span alone fills the budget: its head, cut at the last word boundary.
    let b = s + limit;
    const cut = lastSpaceBefore(text, b, s);
    if (cut > s) b = cut;
    while (b > s && isWhite(text.charCodeAt(b - 1))) b--;
    return result(s, b);
  }

  // The window: at most 2 × limit before and after, and never past a line break.
  const reach = 2 * limit;
  let ws = Math.max(0, s - reach);
  for (let k = s - 1; k >= ws; k--) {
    if (isBreak(text.charCodeAt(k))) {
      ws = k + 1;
      break;
    }
  }
  let we = Math.min(text.length, e + reach);
  for (let k = e; k < we; k++) {
    if (isBreak(text.charCodeAt(k))) {
      we = k;
      break;
    }
  }
  let a = s;
  let b = e;
  if (ws < we) {
    const sentences = splitUtf16(text, ws, we);
    let first = -1;
    let last = -1;
    for (let k = 0; k < sentences.length; k++) {
      const [x, y] = sentences[k];
      const overlaps = s === e ? x <= s && s <= y : x < e && y > s;
      if (overlaps) {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first >= 0) {
      a = Math.min(s, sentences[first][0]);
      b = Math.max(e, sentences[last][1]);
    }
  }
  if (b - a <= limit) return result(a, b);

  // Too long: share the budget around the span, giving what one side cannot use to the other.
  const room = limit - (e - s);
  let left = Math.min(s - a, Math.floor(room / 2));
  let right = Math.min(b - e, room - left);
  left = Math.min(s - a, room - right);
  let na = s - left;
  let nb = e + right;
  // Cut at word boundaries: drop a partial word at either end, never cutting into the span.
  if (na > a && !isWhite(text.charCodeAt(na - 1))) {
    const k = firstSpaceAfter(text, na, s);
    na = k < 0 ? s : k;
  }
  while (na < s && isWhite(text.charCodeAt(na))) na++;
  if (nb < b && !isWhite(text.charCodeAt(nb))) {
    const k = lastSpaceBefore(text, nb, e);
    nb = k < 0 ? e : k;
  }
  while (nb > e && isWhite(text.charCodeAt(nb - 1))) nb--;
  return result(na, nb);
}

/** Moves an index that falls inside a surrogate pair back to the pair's start. */
function pairStart(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff ? i - 1 : i;
}

/** Index of the first white space in [from, limit), or -1. */
function firstSpaceAfter(text: string, from: number, limit: number): number {
  for (let k = from; k < limit; k++) if (isWhite(text.charCodeAt(k))) return k;
  return -1;
}

/** Index of the last white space in [limit, from), or -1. */
function lastSpaceBefore(text: string, from: number, limit: number): number {
  for (let k = from - 1; k >= limit; k--) if (isWhite(text.charCodeAt(k))) return k;
  return -1;
}
