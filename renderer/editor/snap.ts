/**
 * Turns a sloppy mouse selection into the span an analyst meant.
 *
 * Selections arrive as code-point offsets (see positions.ts) and leave as code-point offsets; the work
 * happens in UTF-16 because that is what Intl.Segmenter reports. Only a window around each end of the
 * selection is segmented, so the cost does not grow with the document or the selection.
 */
import type { Range } from '../../common/model';
import { buildOffsetIndex, cpToUtf16, segmentAround, utf16ToCp, type OffsetIndex } from '../../common/offsets';

export type SnapMode = 'word' | 'exact';

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What a drag picks up by accident at either end: spacing, punctuation, invisible controls. */
const JUNK = /^[\s\p{P}\p{Cc}\p{Cf}]$/u;
const SPACE = /^\s$/u;
const ALNUM = /^[\p{L}\p{N}]$/u;
/** Punctuation that belongs to the word it touches: "#hashtag", "@handle". */
const KEEP_BEFORE_WORD = new Set(['#', '@']);
/** Punctuation that belongs to the number it touches: "60%", "5′". Matters for the figure label. */
const KEEP_AFTER_WORD = new Set(['%', '‰', '‱', '′', '″']);

// Snapping runs per selection on one document, so reusing its index saves an O(n) pass per call. The text is let go
// SNAP_CACHE_MS after the last snap: the reader has often moved on by then, and the 1 MB report's text (2 MB in the
// page's heap) was otherwise kept until the next selection in another document (issue 15, memory).
export const SNAP_CACHE_MS = 10_000;
let cache: { text: string; offsets: OffsetIndex } | null = null;
let forget: ReturnType<typeof setTimeout> | undefined;
function offsetsFor(text: string): OffsetIndex {
  if (cache === null || cache.text !== text) cache = { text, offsets: buildOffsetIndex(text) };
  clearTimeout(forget);
  forget = setTimeout(() => (cache = null), SNAP_CACHE_MS);
  return cache.offsets;
}

/** The text whose index snapping keeps now (null once let go); for tests. */
export function snapCachedText(): string | null {
  return cache?.text ?? null;
}

/** The code point starting at UTF-16 index `u`, as a string. */
function charAt(text: string, u: number): string {
  return String.fromCodePoint(text.codePointAt(u)!);
}

/** The code point ending just before UTF-16 index `u`, as a string. */
function charBefore(text: string, u: number): string {
  const lo = text.charCodeAt(u - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && u >= 2) {
    const hi = text.charCodeAt(u - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.slice(u - 2, u);
  }
  return text[u - 1];
}

function isLeadingJunk(text: string, u: number, end: number): boolean {
  const c = charAt(text, u);
  if (!JUNK.test(c)) return false;
  const next = u + c.length;
  return !(KEEP_BEFORE_WORD.has(c) && next < end && ALNUM.test(charAt(text, next)));
}

function isTrailingJunk(text: string, u: number, start: number): boolean {
  const c = charBefore(text, u);
  if (!JUNK.test(c)) return false;
  const prev = u - c.length;
  return !(KEEP_AFTER_WORD.has(c) && prev > start && ALNUM.test(charBefore(text, prev)));
}

/**
 * The span to store for a selection of `start..end` (code points, either order), or null when the
 * selection holds nothing but whitespace and punctuation.
 *
 * 'word' (the default) grows a partial word to the whole word and drops the whitespace and punctuation
 * dragged over at either end, keeping inner punctuation ("US-led", "5.3", "Russia's") and the few marks
 * that belong to their word ("60%", "#tag"). 'exact' (Alt held) keeps the selection, trimming only
 * whitespace. Either way the span is widened so that it never cuts an extended grapheme cluster (flags, ZWJ
 * emoji, skin tones, combining accents: see isGraphemeBoundary in common/offsets).
 *
 * `offsets` may be passed when the caller already has it (PositionMap.offsets); otherwise the index of
 * the last text seen is reused.
 * @throws RangeError when an offset is outside 0..length.
 * @example snapRange('killed 60 civilians', 7, 15, 'word') // {start: 7, end: 19} = "60 civilians"
 * @example snapRange('the coalition, said', 4, 15, 'word') // {start: 4, end: 13} = "coalition"
 */
export function snapRange(
  text: string,
  start: number,
  end: number,
  mode: SnapMode = 'word',
  offsets: OffsetIndex = offsetsFor(text),
): Range | null {
  let s = cpToUtf16(offsets, Math.min(start, end));
  let e = cpToUtf16(offsets, Math.max(start, end));

  if (mode === 'word') {
    while (s < e && isLeadingJunk(text, s, e)) s += charAt(text, s).length;
    while (e > s && isTrailingJunk(text, e, s)) e -= charBefore(text, e).length;
    if (s >= e) return null;
    s = segmentAround(text, s, wordSegmenter, 512).start;
    e = segmentAround(text, e - 1, wordSegmenter, 512).end;
  } else {
    while (s < e && SPACE.test(charAt(text, s))) s += charAt(text, s).length;
    while (e > s && SPACE.test(charBefore(text, e))) e -= charBefore(text, e).length;
    let meaningful = false;
    for (let u = s; u < e && !meaningful; u += charAt(text, u).length) meaningful = !JUNK.test(charAt(text, u));
    if (!meaningful) return null;
  }
  // In either mode the edges end on grapheme boundaries, as the backend requires (it refuses a split cluster): an
  // exact selection may cut a flag, a ZWJ family or a skin tone anywhere, and UAX #29 states its word rules apart
  // from its grapheme rules, so only this pass guarantees it for words too.
  s = segmentAround(text, s, graphemeSegmenter, 64).start;
  e = segmentAround(text, e - 1, graphemeSegmenter, 64).end;
  return { start: utf16ToCp(offsets, s), end: utf16ToCp(offsets, e) };
}
