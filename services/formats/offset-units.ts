/**
 * Offsets in the units other tools count in, converted at a format's border to and from Crosscheck's code points.
 *
 * Units (common/formats.ts OffsetUnit): `codepoint` (Python `str` indices: spaCy, Hugging Face, brat's Python
 * server), `utf16` (JavaScript string indices: doccano's span editor and Label Studio's, see doccano issue #2290
 * where Python's 19,29 is 22,32 in doccano), `grapheme` (extended grapheme clusters of UAX #29 as
 * `Intl.Segmenter` finds them: doccano's "count grapheme clusters as one character" project setting).
 *
 * Choosing the unit of a file that does not say (issue 11, item 9): a reading is consistent when every span of
 * the file lands inside its text, on boundaries of that unit, without splitting a grapheme cluster, and on the
 * text the file gives for it where it gives one. Spans that no reading places (past the text in every unit,
 * negative, ending before they start) say nothing about the unit and are left out of the comparison (ingest drops
 * them whatever the unit). When exactly one reading is consistent it is used; otherwise the format's default (or
 * the person's `--offsets`). The choice and its evidence go into the import report.
 *
 * Everything here reads each text a constant number of times (an offset index and one segmentation), then
 * converts by bisection: files with megabyte texts and thousands of spans stay linear.
 */
import type { OffsetUnit } from '../../common/formats.js';
import { offsetUnits } from '../../common/formats.js';
import { buildOffsetIndex, cpToUtf16, graphemeSplit, sliceCp, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** How each unit is named in reports and errors. */
export const UNIT_NAMES: Record<OffsetUnit, string> = {
  codepoint: 'code points',
  utf16: 'UTF-16 code units',
  grapheme: 'grapheme clusters',
};

/** Characters after which a cluster boundary is certain when a SAFE_NEXT follows (see safeCut). */
const SAFE_PREV = /[\p{L}\p{N}\p{P}\p{Zs}\n\t]/u;
/** Characters that never continue the cluster before them unless that one is special (see safeCut). */
const SAFE_NEXT = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{N}\p{P}\p{Zs}\p{Sm}\p{Sc}\p{So}\n\t]/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]/;

/**
 * Whether a grapheme cluster boundary is certain at UTF-16 index `i` without reading further back (UAX #29):
 * the character before is a BMP letter, digit, punctuation or space that is not Hangul (L×V…), not a Prepend
 * (U+0D4E) and not CR, ZWJ or a regional indicator; the one after is not a mark, a modifier (Lm, Sk: skin tones,
 * halfwidth voicing marks), a format character or a surrogate half. Then only GB999 applies: a boundary.
 */
function safeCut(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text.codePointAt(i)!;
  if (prev === '\u0d4e' || HANGUL.test(prev) || !SAFE_PREV.test(prev)) return false;
  return SAFE_NEXT.test(String.fromCodePoint(next));
}

/**
 * Code-point offsets of every grapheme cluster boundary of `text`, 0 and the end included, ascending. Node's
 * Intl.Segmenter costs time quadratic in the length of the string it is given (80 kB: seconds; 200 kB: a minute),
 * so the text goes through it in slices of about 1,000 UTF-16 units, each cut where a boundary is certain
 * (safeCut): linear in the text, the same boundaries (offset-units.test.ts compares them with one whole pass).
 */
function graphemeBoundaries(text: string, index: OffsetIndex): number[] {
  const out: number[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + 1024);
    while (end < text.length && !safeCut(text, end)) end++;
    // Segment starts are UTF-16 indices; a cluster never starts inside a surrogate pair, so utf16ToCp is exact.
    for (const { index: u } of segmenter.segment(text.slice(start, end))) out.push(utf16ToCp(index, start + u));
    start = end;
  }
  out.push(index.length);
  return out;
}

/** Whether UTF-16 index `u` (inside 0..length) falls between the two halves of a surrogate pair. */
function insidePair(index: OffsetIndex, u: number): boolean {
  // astral holds the high surrogate's index of each pair, ascending: u is inside when u - 1 is one of them.
  let lo = 0;
  let hi = index.astral.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.astral[mid] < u - 1) lo = mid + 1;
    else hi = mid;
  }
  return lo < index.astral.length && index.astral[lo] === u - 1;
}

/** The length of `text` counted in `unit`. */
function lengthIn(index: OffsetIndex, unit: OffsetUnit, bounds: () => number[]): number {
  return unit === 'codepoint' ? index.length : unit === 'utf16' ? index.utf16Length : bounds().length - 1;
}

/** What one text needs for conversions in any unit, computed once (the grapheme boundaries only when asked). */
function textUnits(text: string) {
  const index = buildOffsetIndex(text);
  let bounds: number[] | null = null;
  const graphemes = () => (bounds ??= graphemeBoundaries(text, index));
  return { index, graphemes };
}

/** How long `text` is in `unit` (the largest offset a span may end at). */
export function unitLength(text: string, unit: OffsetUnit): number {
  const t = textUnits(text);
  return lengthIn(t.index, unit, t.graphemes);
}

/** A converter for one text already indexed (see toCodePoints). */
function converter(t: ReturnType<typeof textUnits>, unit: OffsetUnit): (offset: number) => number | null {
  const { index } = t;
  const ok = (o: number, length: number) => Number.isInteger(o) && o >= 0 && o <= length;
  if (unit === 'codepoint') return (o) => (ok(o, index.length) ? o : null);
  if (unit === 'grapheme') {
    const bounds = t.graphemes();
    return (o) => (ok(o, bounds.length - 1) ? bounds[o] : null);
  }
  return (o) => (ok(o, index.utf16Length) && !insidePair(index, o) ? utf16ToCp(index, o) : null);
}

/**
 * A converter from offsets counted in `unit` into code points of `text`.
 * @returns `(offset) => code point`, or null when `offset` is not a boundary in that unit (inside a surrogate
 *   pair for utf16), negative, not an integer, or past the end of the text.
 * @example toCodePoints('👍 Zoë', 'utf16')(3) === 2; toCodePoints('👍 Zoë', 'utf16')(1) === null
 */
export function toCodePoints(text: string, unit: OffsetUnit): (offset: number) => number | null {
  return converter(textUnits(text), unit);
}

/**
 * A converter from code points of `text` into offsets counted in `unit` (for exports).
 * @returns `(codePoint) => offset`; a code point inside a grapheme cluster maps (for `grapheme`) to the cluster it
 *   falls in, which never happens for stored spans (ingest refuses spans that split a cluster).
 * @throws RangeError for a code point outside 0..length (a stored span never is).
 * @example fromCodePoints('👍 Zoë', 'utf16')(2) === 3
 */
export function fromCodePoints(text: string, unit: OffsetUnit): (cp: number) => number {
  if (unit === 'codepoint') return (cp) => cp;
  const t = textUnits(text);
  if (unit === 'grapheme') {
    const bounds = t.graphemes();
    return (cp) => {
      if (!Number.isInteger(cp) || cp < 0 || cp > t.index.length) throw new RangeError(`code point offset ${cp} is outside 0..${t.index.length}`);
      // The last boundary at or before cp.
      let lo = 0;
      let hi = bounds.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bounds[mid] <= cp) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
  }
  return (cp) => cpToUtf16(t.index, cp);
}

/** A span as a file gives it, in the file's own unit, with where it was declared (for the evidence). */
export interface UnitSpan {
  start: number;
  end: number;
  /** The text the file says the span covers, when it says. */
  text?: string;
  /** "line 3", "task 2": where the file declares it. */
  at: string;
}

/** Why one span cannot be read in `unit` against the text, or null when it can. */
function fault(text: string, t: ReturnType<typeof textUnits>, conv: (o: number) => number | null, s: UnitSpan, unit: OffsetUnit): string | null {
  const a = conv(s.start);
  const b = conv(s.end);
  const range = `${s.at}: ${s.start}..${s.end}`;
  if (a === null || b === null) {
    const bad = a === null ? s.start : s.end;
    if (!Number.isInteger(bad) || bad < 0) return `${range} is not an offset`;
    const length = lengthIn(t.index, unit, t.graphemes);
    if (bad > length) return `${range} ends past the text (${length} ${UNIT_NAMES[unit]})`;
    return `${range} splits a surrogate pair in ${UNIT_NAMES[unit]}`;
  }
  if (b < a) return `${range} ends before it starts`;
  if (b === a) return null;
  if (graphemeSplit(text, a, b, t.index)) return `${range} splits a character in ${UNIT_NAMES[unit]}`;
  if (s.text !== undefined) {
    const covered = sliceCp(text, a, b, t.index);
    if (covered !== s.text) return `${range} covers ${JSON.stringify(covered)} in ${UNIT_NAMES[unit]}, not ${JSON.stringify(s.text)}`;
  }
  return null;
}

/** The first reason the spans cannot be read in `unit` against `text`, or null when every one can. */
export function inconsistency(text: string, spans: readonly UnitSpan[], unit: OffsetUnit): string | null {
  if (!spans.length) return null;
  const t = textUnits(text);
  const conv = converter(t, unit);
  for (const s of spans) {
    const why = fault(text, t, conv, s, unit);
    if (why) return why;
  }
  return null;
}

/** The unit a file's offsets are read in, with the sentence the import report carries about it. */
export interface UnitChoice {
  unit: OffsetUnit;
  note: string;
}

/**
 * Decides the unit of one file's offsets (see the top of this module).
 * @param docs each document's text with its spans in the file's unit.
 * @param fallback the format's documented default.
 * @param forced the person's `--offsets`, which always wins.
 */
export function chooseOffsetUnit(docs: readonly { text: string; spans: readonly UnitSpan[] }[], fallback: OffsetUnit, forced?: OffsetUnit): UnitChoice {
  if (forced) return { unit: forced, note: `offsets read as ${UNIT_NAMES[forced]} (as asked)` };
  const units = offsetUnits;
  /** The first reason each unit does not fit, over the spans that some unit places. */
  const why = new Map<OffsetUnit, string | null>(units.map((u) => [u, null]));
  let differs = false;
  let evidence = 0;
  for (const d of docs) {
    if (!d.spans.length) continue;
    const t = textUnits(d.text);
    if (t.index.length !== t.index.utf16Length || t.graphemes().length - 1 !== t.index.length) differs = true;
    const convs = units.map((u) => converter(t, u));
    for (const s of d.spans) {
      // A zero-length span is dropped whatever the unit: it is no evidence for one (its offsets may be anywhere).
      if (s.start === s.end) continue;
      const faults = units.map((u, i) => fault(d.text, t, convs[i], s, u));
      if (faults.every((f) => f !== null)) continue; // no reading places it: no evidence either way
      evidence++;
      units.forEach((u, i) => {
        if (faults[i] !== null && why.get(u) === null) why.set(u, faults[i]);
      });
    }
  }
  const def = `offsets read as ${UNIT_NAMES[fallback]} (the format's default`;
  if (!evidence) return { unit: fallback, note: `${def}; no span of the file tells the units apart)` };
  if (!differs) return { unit: fallback, note: `${def}; the three units agree on this file's texts)` };
  const consistent = units.filter((u) => why.get(u) === null);
  if (consistent.length === 1 && consistent[0] !== fallback) {
    const u = consistent[0];
    return { unit: u, note: `offsets read as ${UNIT_NAMES[u]}, the only reading consistent with the file (in ${UNIT_NAMES[fallback]}, ${why.get(fallback)})` };
  }
  if (consistent.length === 1) {
    const other = units.find((u) => u !== fallback)!;
    return { unit: fallback, note: `offsets read as ${UNIT_NAMES[fallback]}, the format's default and the only reading consistent with the file (in ${UNIT_NAMES[other]}, ${why.get(other)})` };
  }
  if (consistent.includes(fallback)) {
    const others = consistent.filter((u) => u !== fallback);
    return { unit: fallback, note: `${def}${others.length ? `; ${others.map((u) => UNIT_NAMES[u]).join(' and ')} would fit too` : ''})` };
  }
  if (consistent.length > 1) {
    const u = consistent.includes('codepoint') ? 'codepoint' : consistent[0];
    return { unit: u, note: `offsets read as ${UNIT_NAMES[u]}, consistent with the file, unlike the format's default (${why.get(fallback)})` };
  }
  return { unit: fallback, note: `${def}); no reading fits every span (${why.get(fallback)})` };
}
