/**
 * Rules every importer applies to a document's text, so that the same article is the same text whatever tool
 * wrote it (issue 11, items 12 and 14):
 * - Stored text has LF line endings. CRLF and lone CR (old Mac files) become LF, as the plain-text importer has
 *   always done; span offsets given against the original text are remapped (each removed CR before an offset
 *   moves it back by one), and duplicates are found on the normalised text.
 * - A text made only of white space and invisible format characters (zero-width space, joiners, BOM, soft hyphen:
 *   Unicode White_Space plus category Cf) is empty: there is no document to annotate.
 */

import { FRAGMENTS_ATTRIBUTE } from './fragments.js';
import { parseFragments } from './brat-syntax.js';

/** Whether `text` holds nothing a reader can see (white space and format characters only, or nothing). */
export function isBlankText(text: string): boolean {
  return /^[\s\p{Cf}]*$/u.test(text);
}

/**
 * `text` with CRLF and CR turned into LF, and a map of code-point offsets from the original to the result.
 * @returns null when `text` holds no CR (nothing to do).
 * @example normaliseLineEnds('a\r\nb').text === 'a\nb'; normaliseLineEnds('a\r\nb').map(3) === 2
 */
export function normaliseLineEnds(text: string): { text: string; map: (cp: number) => number } | null {
  if (!text.includes('\r')) return null;
  // Code-point positions of the CRs removed (those followed by LF); a lone CR is replaced in place.
  const removed: number[] = [];
  let cp = 0;
  for (let u = 0; u < text.length; u++, cp++) {
    const c = text.charCodeAt(u);
    if (c === 0x0d && text.charCodeAt(u + 1) === 0x0a) removed.push(cp);
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00) u++;
  }
  return {
    text: text.replace(/\r\n?/g, '\n'),
    map: (o) => {
      let lo = 0;
      let hi = removed.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (removed[mid] < o) lo = mid + 1;
        else hi = mid;
      }
      return o - lo;
    },
  };
}

/**
 * `attributes` with the `fragments` attribute (a discontinuous span's pieces, services/formats/fragments.ts) moved
 * by `map` (normaliseLineEnds' map); other attributes as they are. No map: as given.
 */
export function remapFragments(attributes: Record<string, string> | undefined, map?: (cp: number) => number): Record<string, string> | undefined {
  const f = attributes?.[FRAGMENTS_ATTRIBUTE];
  const parsed = f === undefined || !map ? null : parseFragments(f);
  if (!parsed || !map) return attributes;
  return { ...attributes, [FRAGMENTS_ATTRIBUTE]: parsed.map(([a, b]) => `${map(a)}-${map(b)}`).join(';') };
}
