/**
 * Word units for span agreement (issue 13, "Agreement"): κ and α are computed over words, not characters or
 * tokens of some tokenizer, so that every tool that follows the definition gets the same units.
 *
 * A word is a maximal run of code points of Unicode general category L* (letters), N* (numbers) or M* (marks).
 * Everything else (spaces, punctuation, symbols such as emoji, format characters such as ZWJ) separates words.
 * Offsets are code points, the project's unit (common/offsets.ts).
 *
 * Also here: how one annotator's spans code each word (wordCoding), shared by kappa.ts and alpha.ts.
 */
import { checkSpanRow, type SpanRow } from './spans.js';

/** One word: code points `start..end` (end exclusive) of its document's text. */
export interface Word {
  readonly start: number;
  readonly end: number;
}

/** The words of each document, by document id, in text order. */
export type DocWords = ReadonlyMap<number, readonly Word[]>;

/** One code point is part of a word: general category L*, N* or M*. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** Word-or-not of each non-ASCII code point met so far: the regex test is the slow part of a scan. */
const nonAsciiWordChar = new Map<number, boolean>();

function isWordCodePoint(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  let known = nonAsciiWordChar.get(c);
  if (known === undefined) nonAsciiWordChar.set(c, (known = WORD_CHAR.test(String.fromCodePoint(c))));
  return known;
}

/** The words of one text as two parallel arrays of code-point offsets (`ends` exclusive), in text order. */
export interface WordBounds {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * The words of `text` (see the file comment) as parallel offset arrays: what wordUnits returns, without an object
 * per word. One pass over the UTF-16 units; a surrogate pair is one code point, a lone surrogate one code point
 * that is not a letter (as the `u` regex flag reads it).
 */
export function wordBounds(text: string): WordBounds {
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  let count = 0;
  let cp = 0;
  let open = -1;
  for (let u = 0; u < text.length; u++, cp++) {
    let c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const d = text.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        u++;
      }
    }
    if (isWordCodePoint(c)) {
      if (open < 0) open = cp;
    } else if (open >= 0) {
      if (count === starts.length) [starts, ends] = [grow(starts), grow(ends)];
      starts[count] = open;
      ends[count++] = cp;
      open = -1;
    }
  }
  if (open >= 0) {
    if (count === starts.length) [starts, ends] = [grow(starts), grow(ends)];
    starts[count] = open;
    ends[count++] = cp;
  }
  return { starts: starts.subarray(0, count), ends: ends.subarray(0, count) };
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The words of `text` in order, as code-point offsets.
 * @example wordUnits('Ça va, 😀 東京!') // [{start:0,end:2},{start:3,end:5},{start:9,end:11}]
 */
export function wordUnits(text: string): Word[] {
  const { starts, ends } = wordBounds(text);
  const words: Word[] = new Array(starts.length);
  for (let i = 0; i < starts.length; i++) words[i] = { start: starts[i], end: ends[i] };
  return words;
}

/** wordUnits of every document: document id → text in, document id → words out. */
export function wordUnitsByDoc(texts: ReadonlyMap<number, string>): Map<number, Word[]> {
  const out = new Map<number, Word[]>();
  for (const [doc, text] of texts) out.set(doc, wordUnits(text));
  return out;
}

/**
 * How one annotator's spans code each word of one document.
 * - `labels[i]`: the labels of the spans that wholly cover word i (span.start ≤ word.start and word.end ≤
 *   span.end), each once, sorted; the per-label coding is "1 when the label is in this list".
 * - `category[i]`: the label of the shortest span wholly covering word i (ties: earliest start, then label name
 *   by code unit order), or null when no span covers it (the issue's `none`; null so that a label named "none"
 *   stays a label).
 */
export interface WordCoding {
  readonly labels: readonly (readonly string[])[];
  readonly category: readonly (string | null)[];
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Codes `words` (one document's, in text order) with `spans` (one annotator's, of that document; other documents'
 * rows are not looked at, so pass only this document's). Sweeps spans in start order, keeping those still open, so
 * the cost is words + spans × nesting depth rather than words × spans.
 * @throws RangeError on a malformed span row (see checkSpanRow).
 */
export function wordCoding(words: readonly Word[], spans: readonly SpanRow[]): WordCoding {
  for (const s of spans) checkSpanRow(s);
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const labels: (readonly string[])[] = new Array(words.length);
  const category: (string | null)[] = new Array(words.length);
  let open: SpanRow[] = [];
  let next = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    while (next < sorted.length && sorted[next].start <= w.start) open.push(sorted[next++]);
    // Words come in start order: a span ending at or before this word's start covers no later word either.
    if (open.length && open.some((s) => s.end <= w.start)) open = open.filter((s) => s.end > w.start);
    let best: SpanRow | null = null;
    let found: string[] | null = null;
    for (const s of open) {
      if (s.end < w.end) continue;
      (found ??= []).includes(s.label) || found.push(s.label);
      if (!best || isBetterCategory(s, best)) best = s;
    }
    labels[i] = found ? found.sort() : EMPTY;
    category[i] = best ? best.label : null;
  }
  return { labels, category };
}

/** Shortest first, then earliest start, then label name: the rule for a word's overall category. */
function isBetterCategory(s: SpanRow, best: SpanRow): boolean {
  const ls = s.end - s.start;
  const lb = best.end - best.start;
  if (ls !== lb) return ls < lb;
  if (s.start !== best.start) return s.start < best.start;
  return s.label < best.label;
}

/**
 * The words of document `doc`, or a clear error naming it when the caller gave no text for it.
 * @throws Error when `words` has no entry for `doc`.
 */
export function wordsOf(words: DocWords, doc: number): readonly Word[] {
  const w = words.get(doc);
  if (!w) throw new Error(`agreement: no text (word units) given for document ${doc}, which has spans`);
  return w;
}
