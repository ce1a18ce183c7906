/**
 * Where the target of a W3C annotation points in a plain text (for w3c-import.ts): TextPositionSelector,
 * TextQuoteSelector, RFC 5147 "char=" fragments and their refinements. Every range is in Unicode code points
 * of the whole text, the unit both the model and Crosscheck use.
 *
 * A selector the model allows but that cannot be placed in this text (a CSS, XPath, SVG or data-position
 * selector; an XPointer or media fragment; a quote that is not in the text; a position past its end; a selector
 * given by reference) throws CannotPlace, which the import turns into a dropped entry; a selector that breaks the
 * model (not an object, positions that are not non-negative integers in order) throws the import's error.
 */
import { cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';
import { fail, isObj, show, strings, type Json } from './w3c-annotations.js';

export type Range = [number, number];

/** A selector that is valid W3C but has no place in this plain text; `message` says why. */
export class CannotPlace extends Error {}
const cannot = (why: string): never => {
  throw new CannotPlace(why);
};

export interface SourceText {
  text: string;
  title?: string;
  index: OffsetIndex;
}

/** Every place where `exact` occurs between `lo` and `hi` (code points) with the given prefix and suffix. */
function quoteMatches(src: SourceText, sel: Json, lo: number, hi: number): Range[] {
  const exact = sel.exact;
  if (typeof exact !== 'string' || !exact) return [];
  const prefix = typeof sel.prefix === 'string' ? sel.prefix : '';
  const suffix = typeof sel.suffix === 'string' ? sel.suffix : '';
  const { text, index } = src;
  const loU = cpToUtf16(index, lo);
  const hiU = cpToUtf16(index, hi);
  const all: number[] = [];
  for (let i = text.indexOf(exact, loU); i !== -1 && i + exact.length <= hiU; i = text.indexOf(exact, i + 1)) all.push(i);
  // The model: "If, after processing the prefix, exact, and suffix, the user agent discovers multiple
  // matching segments, then the selection MUST be assumed to be to all of the matching segments."
  const withContext = all.filter((i) => text.startsWith(prefix, i - prefix.length) && i - prefix.length >= 0 && text.startsWith(suffix, i + exact.length));
  // A quote whose context was cut at the document's edge (or normalised differently) still counts when unique.
  const chosen = withContext.length ? withContext : all.length === 1 ? all : [];
  // A match that starts or ends inside a surrogate pair is not a match of whole characters.
  return chosen
    .filter((i) => cpToUtf16(index, utf16ToCp(index, i)) === i && cpToUtf16(index, utf16ToCp(index, i + exact.length)) === i + exact.length)
    .map((i): Range => [utf16ToCp(index, i), utf16ToCp(index, i + exact.length)]);
}

/** Where one selector (with its refinements) points, in code points of the whole text. */
function resolveSelector(sel: unknown, src: SourceText, base: Range, at: string, source: string): Range[] {
  if (typeof sel === 'string') return cannot(`the selector ${sel} is a link to another resource; Crosscheck reads selectors written in the annotation`);
  if (!isObj(sel)) return fail(at, 'a selector is not a JSON object');
  const type = strings(sel.type)[0] ?? '(no type)';
  const [lo, hi] = base;
  let found: Range[];
  switch (type) {
    case 'TextPositionSelector': {
      const { start, end } = sel;
      // An empty range is let through: ingest.ts drops it as "zero-length span", as in every format.
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) < (start as number)) {
        return fail(at, `TextPositionSelector ${String(start)}..${String(end)} is not a range of code points (non-negative whole numbers, start before end)`);
      }
      if ((end as number) > hi - lo) return cannot(`TextPositionSelector ${start}..${end} is outside the text of ${source} (${hi - lo} code points)`);
      found = [[lo + (start as number), lo + (end as number)]];
      break;
    }
    case 'TextQuoteSelector':
      found = quoteMatches(src, sel, lo, hi);
      if (!found.length) return cannot(`the quoted text ${show(String(sel.exact ?? ''))} is not in the text of ${source}`);
      break;
    case 'FragmentSelector': {
      // RFC 5147 text fragments ("char=10,20") count characters (code points) of plain text.
      const m = typeof sel.value === 'string' ? /^char=(\d*),(\d*)$/.exec(sel.value) : null;
      if (m) {
        const s = m[1] ? Number(m[1]) : 0;
        const e = m[2] ? Number(m[2]) : hi - lo;
        if (e > hi - lo || e <= s) return cannot(`FragmentSelector ${sel.value} is outside the text of ${source}`);
        found = [[lo + s, lo + e]];
      } else if (isObj(sel.refinedBy) && strings(sel.refinedBy.type).includes('TextQuoteSelector')) {
        // Plain text has no elements to find "para5" or an XPointer in; the quote is searched in the whole text.
        found = [base];
      } else {
        return cannot(`FragmentSelector ${show(String(sel.value ?? ''))} selects part of an HTML, XML or media resource, which Crosscheck cannot place in plain text`);
      }
      break;
    }
    default:
      return cannot(`${type} is not supported for plain text (Crosscheck reads TextPositionSelector, TextQuoteSelector and RFC 5147 "char=" fragments)`);
  }
  if (sel.refinedBy !== undefined) return found.flatMap((r) => resolveSelector(sel.refinedBy, src, r, at, source));
  return found;
}

/**
 * Where a target's selectors point. Several selectors are alternatives for the same text: a position is taken
 * when present and, if a quote comes with it, when the quote is what the text holds there; otherwise the quote
 * is searched for (the position may have been made against a slightly different copy of the text).
 */
export function resolveSelectors(selectors: unknown[], src: SourceText, at: string, source: string): { ranges: Range[]; exact?: string } {
  const whole: Range = [0, src.index.length];
  if (!selectors.length) return { ranges: [whole] };
  const typed = (t: string) => selectors.find((s) => isObj(s) && strings(s.type).includes(t)) as Json | undefined;
  const position = typed('TextPositionSelector');
  const quote = typed('TextQuoteSelector');
  const exact = quote && typeof quote.exact === 'string' ? quote.exact : undefined;
  if (position) {
    const ranges = resolveSelector(position, src, whole, at, source);
    const slice = (r: Range) => src.text.slice(cpToUtf16(src.index, r[0]), cpToUtf16(src.index, r[1]));
    if (exact === undefined || ranges.every((r) => slice(r) === exact)) return { ranges, exact };
    const byQuote = quoteMatches(src, quote!, 0, src.index.length);
    if (byQuote.length) return { ranges: byQuote, exact };
    return cannot(`the text at ${ranges[0][0]}..${ranges[0][1]} of ${source} is ${show(slice(ranges[0]))}, not the quoted ${show(exact)}, and the quote is nowhere in the text`);
  }
  if (quote) return { ranges: resolveSelector(quote, src, whole, at, source), exact };
  // Other selectors (fragments with refinements): the first that resolves; the last error otherwise.
  let last: unknown;
  for (const s of selectors) {
    try {
      const ranges = resolveSelector(s, src, whole, at, source);
      // The innermost refinement, when it is a quote, says what text the range holds.
      let inner: unknown = s;
      while (isObj(inner) && inner.refinedBy !== undefined) inner = inner.refinedBy;
      const quoted = isObj(inner) && strings(inner.type).includes('TextQuoteSelector') && typeof inner.exact === 'string' ? inner.exact : undefined;
      return { ranges, exact: quoted };
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

