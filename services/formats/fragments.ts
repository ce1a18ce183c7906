/**
 * Discontinuous spans. Crosscheck stores one span per annotation, from its first fragment's start to its last
 * fragment's end, and keeps the fragments (code points) in the span's `fragments` attribute, "5-7;9-10" (see
 * brat-import.ts, which writes it, and brat-syntax.ts parseFragments). Exports that can say fragments (brat: `T1
 * claim 5 7;9 10`) write them; flat formats (CoNLL, hf, doccano, Label Studio, CSV, W3C) write each fragment their
 * own documented way instead of widening the span over its gap, and count them in the export notes.
 */
import { parseFragments } from './brat-syntax.js';
import type { ExportSpan } from './types.js';

/** The attribute that holds a discontinuous span's fragments. */
export const FRAGMENTS_ATTRIBUTE = 'fragments';

/**
 * The pieces a span covers, in code points, ascending: its `fragments` attribute when that is valid for the span
 * (first start and last end equal the span's; `fromAttribute` then says so, and exports that write the fragments
 * leave the attribute out), else the span itself. The span is discontinuous when there is more than one piece.
 * @example spanFragments({ start: 0, end: 20, attributes: { fragments: '0-5;12-20' } }) // { fragments: [[0,5],[12,20]], fromAttribute: true }
 */
export function spanFragments(s: Pick<ExportSpan, 'start' | 'end' | 'attributes'>): { fragments: [number, number][]; fromAttribute: boolean } {
  const declared = s.attributes[FRAGMENTS_ATTRIBUTE];
  const f = declared === undefined ? null : parseFragments(declared);
  if (f && f[0][0] === s.start && f[f.length - 1][1] === s.end) return { fragments: f, fromAttribute: true };
  return { fragments: [[s.start, s.end]], fromAttribute: false };
}
