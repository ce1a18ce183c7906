/**
 * Code points <-> UTF-16 code units.
 *
 * Stored offsets are code points (what Python, Rust chars and most NLP tooling count); JavaScript strings,
 * the DOM and ProseMirror count UTF-16 units. The two differ only at astral characters (emoji, some CJK),
 * which take two units and one code point. An index of where those sit makes every conversion a binary
 * search instead of a scan, which matters for megabyte documents with thousands of spans.
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
