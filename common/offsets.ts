/**
 * Code points <-> UTF-16 code units.
 *
 * Stored offsets are code points (what Python, Rust chars and most NLP tooling count); JavaScript strings,
 * the DOM and ProseMirror count UTF-16 units. The two differ only at astral characters (emoji, some CJK),
 * which take two units and one code point. An index of where those sit makes every conversion a binary
 * search instead of a scan, which matters for megabyte documents with thousands of spans.
 *
 * Below those, extended grapheme clusters: where a span may start and end (isGraphemeBoundary, graphemeSplit).
 */

export interface OffsetIndex {
  /** UTF-16 length of the text. */
  readonly utf16Length: number;
  /** Code-point length of the text. */
  readonly length: number;
  /** UTF-16 index of each astral character's high surrogate, ascending. */
  readonly astral: Uint32Array;
}

export function buildOffsetIndex(text: string): OffsetIndex {
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        found.push(i);
        i++;
      }
    }
  }
  return { utf16Length: text.length, length: text.length - found.length, astral: Uint32Array.from(found) };
}

/** Number of entries in `arr` that are < `value`. */
function countBelow(arr: Uint32Array, value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * UTF-16 index of code point `cp`.
 * @example cpToUtf16(buildOffsetIndex('a😀b'), 2) === 3
 */
export function cpToUtf16(index: OffsetIndex, cp: number): number {
  if (!Number.isInteger(cp) || cp < 0 || cp > index.length) {
    throw new RangeError(`code point offset ${cp} is outside 0..${index.length}`);
  }
  // Each astral char before the target adds one unit; find how many start before it by bisection on
  // the code-point position of each astral char (its UTF-16 index minus the astral chars before it).
  let lo = 0;
  let hi = index.astral.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.astral[mid] - mid < cp) lo = mid + 1;
    else hi = mid;
  }
  return cp + lo;
}

/**
 * Code point offset of UTF-16 index `u`. An index that falls between the two halves of a surrogate pair
 * is rounded down to the start of that character, so a span never holds half an emoji.
 * @example utf16ToCp(buildOffsetIndex('a😀b'), 3) === 2
 */
export function utf16ToCp(index: OffsetIndex, u: number): number {
  if (!Number.isInteger(u) || u < 0 || u > index.utf16Length) {
    throw new RangeError(`UTF-16 offset ${u} is outside 0..${index.utf16Length}`);
  }
  const before = countBelow(index.astral, u);
  // astral[before-1] === u-1 means u points at the low surrogate.
  if (before > 0 && index.astral[before - 1] === u - 1) return u - 1 - (before - 1);
  return u - before;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Code-point length of a string. */
export function cpLength(text: string): number {
  // Most text has no surrogates at all; a native scan says so faster than the loop below.
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** `text[start:end]` in code points, as Python would slice it. */
export function sliceCp(text: string, start: number, end: number, index: OffsetIndex = buildOffsetIndex(text)): string {
  return text.slice(cpToUtf16(index, start), cpToUtf16(index, end));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * True when the string holds a surrogate without its pair. Such text cannot be stored in UTF-8 (SQLite would
 * replace it), so every offset after it would shift: importers refuse it.
 * @example hasLoneSurrogate('a\ud800b') === true; hasLoneSurrogate('a😀b') === false
 */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Extended grapheme clusters: what a reader sees as one character (a flag, a ZWJ family, a letter with its accents,
// an emoji with its skin tone). A span edge inside one would show half a flag or an accent on nothing, so spans
// start and end only at cluster boundaries.
// ---------------------------------------------------------------------------------------------------------------

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Boundary rules look a few characters around (more with long runs of combining marks: the window then widens). */
const MARGIN = 8;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
/** A regional indicator (U+1F1E6..U+1F1FF) starts at UTF-16 index `u`: the high surrogate D83C, low DDE6..DDFF. */
const isRegionalIndicator = (text: string, u: number) => text.charCodeAt(u) === 0xd83c && text.charCodeAt(u + 1) >= 0xdde6 && text.charCodeAt(u + 1) <= 0xddff;

/**
 * Where the window around `p` may start: the line start if it is within `radius` (a line feed is always followed
 * by a boundary, UAX #29 GB4, so nothing before it matters), else `p - radius`, marked soft. A soft start never
 * falls inside a surrogate pair, and moves back over regional indicators to the start of their run: indicators
 * pair up counting from there (GB12/GB13), so a window starting mid-run would pair the flags wrongly.
 */
function windowStart(text: string, p: number, radius: number): { at: number; hard: boolean } {
  const limit = Math.max(0, p - radius);
  for (let i = p - 1; i >= limit; i--) if (text.charCodeAt(i) === 10) return { at: i + 1, hard: true };
  let at = limit;
  if (at > 0 && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1))) at--;
  while (at >= 2 && isRegionalIndicator(text, at - 2)) at -= 2;
  return { at, hard: at === 0 };
}

/** Where the window around `p` may end: just after the next line feed within `radius` (CR LF stays whole), else `p + radius`. */
function windowEnd(text: string, p: number, radius: number): { at: number; hard: boolean } {
  const limit = Math.min(text.length, p + radius);
  for (let i = p; i < limit; i++) if (text.charCodeAt(i) === 10) return { at: i + 1, hard: true };
  return { at: limit, hard: limit === text.length };
}

/**
 * The segment of `segmenter` (grapheme or word) holding UTF-16 index `p` (< text.length), as UTF-16 indices.
 * Only a window around `p` is segmented, widened until the segment sits well inside it, so the cost does not grow
 * with the text: long documents are often one line.
 * @example segmentAround('a 🇺🇸 b', 4, new Intl.Segmenter(undefined, { granularity: 'grapheme' }), 64) // {start: 2, end: 6}
 */
export function segmentAround(text: string, p: number, segmenter: Intl.Segmenter, radius: number): { start: number; end: number } {
  // A line feed is a segment of its own, or the end of CR LF (GB3).
  if (text.charCodeAt(p) === 10) return { start: p > 0 && text.charCodeAt(p - 1) === 13 ? p - 1 : p, end: p + 1 };
  for (;;) {
    const lo = windowStart(text, p, radius);
    const hi = windowEnd(text, p, radius);
    const seg = segmenter.segment(text.slice(lo.at, hi.at)).containing(p - lo.at)!;
    const start = lo.at + seg.index;
    const end = start + seg.segment.length;
    if ((lo.hard || start - lo.at >= MARGIN) && (hi.hard || hi.at - end >= MARGIN)) return { start, end };
    radius *= 4;
  }
}

/**
 * The extended grapheme cluster (UAX #29, "Unicode Text Segmentation", as `Intl.Segmenter` with granularity
 * 'grapheme' finds it) holding code point `cp` (< length), as code points.
 * @throws RangeError when `cp` is outside 0..length-1.
 * @example graphemeAt('a 🇺🇸 b', 3) // {start: 2, end: 4}
 */
export function graphemeAt(text: string, cp: number, index: OffsetIndex = buildOffsetIndex(text)): { start: number; end: number } {
  if (cp === index.length) throw new RangeError(`code point offset ${cp} is at the end of the text, not in a character`);
  const seg = segmentAround(text, cpToUtf16(index, cp), graphemes, 64);
  return { start: utf16ToCp(index, seg.start), end: utf16ToCp(index, seg.end) };
}

/**
 * True when code point offset `cp` (0..length) lies between two extended grapheme clusters (UAX #29, found with
 * `Intl.Segmenter`): the start and end of the text always do; the middle of 🇺🇸, 👩‍👩‍👧, e + U+0301 or 👍🏽 does not.
 * @throws RangeError when `cp` is outside 0..length.
 * @example isGraphemeBoundary('a 🇺🇸 b', 3) === false; isGraphemeBoundary('a 🇺🇸 b', 4) === true
 */
export function isGraphemeBoundary(text: string, cp: number, index: OffsetIndex = buildOffsetIndex(text)): boolean {
  const u = cpToUtf16(index, cp);
  if (u === 0 || u === index.utf16Length) return true;
  return segmentAround(text, u, graphemes, 64).start === u;
}

/**
 * Why the span `start..end` (code points, inside the text) may not be stored: the first edge that cuts an extended
 * grapheme cluster in two, said for a person; null when both edges are cluster boundaries.
 * @example graphemeSplit('a 🇺🇸 b', 3, 4) // 'span 3..4 cuts "🇺🇸" (3 is inside 2..4); …'
 */
export function graphemeSplit(text: string, start: number, end: number, index: OffsetIndex = buildOffsetIndex(text)): string | null {
  for (const at of [start, end]) {
    if (isGraphemeBoundary(text, at, index)) continue;
    const c = graphemeAt(text, at, index);
    return (
      `span ${start}..${end} cuts ${JSON.stringify(sliceCp(text, c.start, c.end, index))} in two ` +
      `(${at} is inside the character at ${c.start}..${c.end}); a span starts and ends between whole characters`
    );
  }
  return null;
}
