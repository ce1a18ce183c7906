/**
 * The tokens of the token-per-line exports (CoNLL here; the hf and coref-conll exports import them from conll.ts):
 *
 * - a token is a maximal run of grapheme clusters (UAX #29, extended) that start with a letter, a combining mark
 *   or a digit (so "café" written with a combining accent is one token), or else one grapheme cluster that is not
 *   white space (a punctuation mark, a symbol, an emoji with its ZWJ sequence or skin tone, a flag);
 * - clusters made only of white space, invisible format characters (ZWJ, ZWSP, soft hyphen) or control characters
 *   are not tokens, and they end a word;
 * - a combining mark right after a space clusters with the space; its token is what follows the space.
 *
 * Speed (issue 11, item 16). Intl.Segmenter in Node 20 takes time quadratic in the length of the string it is
 * given (40 kB: 2 s, 80 kB: 7 s on the bench machine) and about 2 µs per cluster even on short strings, so a 6 MB
 * document cannot go through it whole, nor even slice by slice. Most of a text needs no segmenter: a code point
 * that is none of COMPLEX is a grapheme cluster of its own with a cluster boundary on both sides (UAX #29 rules
 * GB3–GB13 glue only CR LF, Hangul jamo, Extend / ZWJ / SpacingMark after anything, anything after Prepend, Indic
 * conjuncts after a virama, emoji ZWJ sequences and regional-indicator pairs, and all of those are in COMPLEX).
 * Such stretches are tokenised by a loop over a table of character kinds. A white-space-delimited run holding a COMPLEX code point goes through the segmenter, in a
 * window that starts and ends where a cluster boundary is certain (before a white-space character that follows
 * neither a Prepend character nor, for LF, a CR), cut into slices of SLICE units: a slice starts on a boundary,
 * and its last cluster, which the cut may have shortened, is read again at the start of the next slice (UAX #29
 * looks back for context, and forward one code point only; a cut never splits a surrogate pair). The result
 * equals segmenting the whole text at once (conll-tokens.test.ts compares both on random text); the work is
 * linear in the text's length.
 */

export interface Token {
  /** Code points. */
  start: number;
  end: number;
  text: string;
}

const WORD = /^[\p{L}\p{M}\p{N}]/u;
const SPACE = /^[\s\p{Cf}\p{Cc}]*$/u;
const WHITE = /\s/;
/**
 * Code points that may share a grapheme cluster with a neighbour: marks (Extend, SpacingMark), format characters
 * (ZWJ, ZWNJ, Prepend signs such as U+0600), Extended_Pictographic, the Extend / SpacingMark / Prepend code points
 * that are letters (U+0D4E, U+0E33, U+0EB3, U+FF9E–FF9F), conjoining Hangul jamo, and surrogates (everything
 * outside the BMP: regional indicators, emoji modifiers, tags).
 */
const COMPLEX = /[\p{M}\p{Cf}\p{Extended_Pictographic}\u0D4E\u0E33\u0EB3\uFF9E\uFF9F\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;
/** Prepend characters (GB9b: they glue to what follows), by code point. */
const PREPEND = /[\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]$/u;
/** UTF-16 units per segmenter call: past a few hundred, Intl.Segmenter gets slower per cluster (see above). */
const SLICE = 256;
const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** What one UTF-16 unit is to the tokenizer. */
const enum K {
  Unknown = 0,
  White = 1,
  /** A letter or digit that is a cluster of its own. */
  Word = 2,
  /** A control character: no token, ends a word. */
  Control = 3,
  /** Any other code point that is a cluster of its own: a one-character token. */
  Other = 4,
  Complex = 5,
}
// Filled in lazily: a Unicode property regex per character is far too slow for this loop, a table lookup is not.
const KIND = new Uint8Array(0x10000);
function kindOf(code: number): K {
  let k = KIND[code] as K;
  if (k === K.Unknown) {
    const ch = String.fromCharCode(code);
    if (WHITE.test(ch)) k = K.White;
    else if ((code >= 0xd800 && code <= 0xdfff) || COMPLEX.test(ch)) k = K.Complex;
    else if (/[\p{L}\p{N}]/u.test(ch)) k = K.Word;
    else if (/\p{Cc}/u.test(ch)) k = K.Control;
    else k = K.Other;
    KIND[code] = k;
  }
  return k;
}

/** Whether a grapheme cluster boundary lies before UTF-16 index `p` whatever the text around it. */
function certainBoundary(text: string, p: number): boolean {
  if (p <= 0 || p >= text.length) return true;
  const c = text.charCodeAt(p);
  if (kindOf(c) !== K.White) return false;
  if (c === 0x0a && text.charCodeAt(p - 1) === 0x0d) return false;
  return !PREPEND.test(text.slice(Math.max(0, p - 2), p));
}

/**
 * Tokens as parallel arrays of integers (no object per token: a 6 MB document has a million tokens, and the CoNLL
 * export needs only their bounds). Token k (k < count) is text.slice(from[k], to[k]) (UTF-16), code points
 * start[k]..end[k]. The arrays may be longer than `count`.
 */
export class TokenTable {
  count = 0;
  from: Int32Array;
  to: Int32Array;
  start: Int32Array;
  end: Int32Array;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
  }

  push(from: number, to: number, start: number, end: number): void {
    if (this.count === this.from.length) this.grow();
    const k = this.count++;
    this.from[k] = from;
    this.to[k] = to;
    this.start[k] = start;
    this.end[k] = end;
  }

  private grow(): void {
    const more = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.from = more(this.from);
    this.to = more(this.to);
    this.start = more(this.start);
    this.end = more(this.end);
  }
}

/**
 * The tokens of `text` with code-point offsets, by the rule at the top of this file. Linear in the text's length.
 * @example conllTokens('Hi, 👩‍👩‍👧!').map((t) => t.text) // ['Hi', ',', '👩‍👩‍👧', '!']
 */
export function conllTokens(text: string): Token[] {
  const t = tokenTable(text);
  const out: Token[] = new Array(t.count);
  for (let k = 0; k < t.count; k++) out[k] = { start: t.start[k], end: t.end[k], text: text.slice(t.from[k], t.to[k]) };
  return out;
}

/** The tokens of `text` (the rule at the top of this file) as a TokenTable. Linear in the text's length. */
export function tokenTable(text: string): TokenTable {
  const n = text.length;
  const t = new TokenTable(n >>> 2);
  /** UTF-16 index minus code-point offset: the surrogate pairs met so far (all inside windows). */
  let pairs = 0;
  /** Where the current white-space-delimited run starts, and where the last window ended (UTF-16). */
  let runStart = 0;
  let done = 0;
  for (let i = 0; i < n; i++) {
    const k = kindOf(text.charCodeAt(i));
    if (k === K.Word) {
      const from = i;
      while (i + 1 < n && kindOf(text.charCodeAt(i + 1)) === K.Word) i++;
      t.push(from, i + 1, from - pairs, i + 1 - pairs);
    } else if (k === K.White) runStart = i + 1;
    else if (k === K.Other) t.push(i, i + 1, i - pairs, i + 1 - pairs);
    else if (k === K.Complex) {
      // Take back this run's tokens and read the run through the segmenter, between certain boundaries.
      while (t.count > 0 && t.from[t.count - 1] >= runStart) t.count--;
      let ws = Math.max(done, runStart - 1);
      while (ws > done && !certainBoundary(text, ws)) ws--;
      let we = i + 1;
      while (we < n && kindOf(text.charCodeAt(we)) !== K.White) we++;
      while (!certainBoundary(text, we)) we++;
      pairs = segmentWindow(text, ws, we, pairs, t);
      done = runStart = we;
      i = we - 1;
    }
  }
  return t;
}

/**
 * Tokens of text[from, to) (UTF-16; both ends certain cluster boundaries) through Intl.Segmenter, slice by slice.
 * `pairs`: surrogate pairs before `from`. Returns the surrogate pairs before `to`.
 */
function segmentWindow(text: string, from: number, to: number, pairs: number, t: TokenTable): number {
  let u = from;
  let inWord = false;
  const take = (segment: string) => {
    let surrogates = 0;
    for (let i = 1; i < segment.length; i++) {
      const c = segment.charCodeAt(i);
      const before = segment.charCodeAt(i - 1);
      if (c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff) surrogates++;
    }
    const end = u + segment.length;
    const cpEnd = end - pairs - surrogates;
    if (WORD.test(segment)) {
      if (inWord) {
        t.to[t.count - 1] = end;
        t.end[t.count - 1] = cpEnd;
      } else t.push(u, end, u - pairs, cpEnd);
      inWord = true;
    } else {
      inWord = false;
      if (!SPACE.test(segment)) {
        // A combining mark after a space clusters with the space; the token is what follows the space (the
        // space is one UTF-16 unit and one code point).
        const lead = /^\s*/.exec(segment)![0].length;
        t.push(u + lead, end, u + lead - pairs, cpEnd);
      }
    }
    pairs += surrogates;
    u = end;
  };
  let a = from;
  let size = SLICE;
  while (a < to) {
    let b = Math.min(to, a + size);
    // Never between the halves of a surrogate pair: a cut there would change the code point the rules see.
    const last = text.charCodeAt(b - 1);
    if (b < to && last >= 0xd800 && last <= 0xdbff) b++;
    let pending: string | null = null;
    let pendingAt = 0;
    let taken = 0;
    for (const { segment, index } of segmenter.segment(text.slice(a, b))) {
      if (pending !== null) {
        take(pending);
        taken++;
      }
      pending = segment;
      pendingAt = index;
    }
    if (b === to) {
      if (pending !== null) take(pending);
      a = to;
    } else if (taken === 0) {
      size *= 2; // one cluster longer than the slice (a long run of marks): read it whole
    } else {
      a += pendingAt;
      size = SLICE;
    }
  }
  return pairs;
}
