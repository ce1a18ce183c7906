/**
 * What a dataset export leaves out, counted per sink, so that its notes say it in one sentence ("nothing vanishes
 * unreported" holds for exports too). Used by the hf, checkthat and coref-conll exporters.
 */
import { FRAGMENTS_ATTRIBUTE } from './fragments.js';
import type { ExportDoc } from './types.js';

/** Counts of what a format cannot hold. */
export interface NotCarried {
  links: number;
  /** Spans with a note. */
  notes: number;
  /** Spans with attributes other than `fragments` (formats write fragments their own way). */
  attributes: number;
  /** Spans in a same-as cluster. */
  clustered: number;
}

export const noneCarried = (): NotCarried => ({ links: 0, notes: 0, attributes: 0, clustered: 0 });

/** Adds one document's links and spans to `c`. */
export function countNotCarried(c: NotCarried, d: ExportDoc): void {
  c.links += d.links.length;
  for (const s of d.spans) {
    if (s.note) c.notes++;
    if (Object.keys(s.attributes).some((k) => k !== FRAGMENTS_ATTRIBUTE)) c.attributes++;
    if (s.cluster) c.clustered++;
  }
}

/** "1 span", "2 spans": a count and its noun, for notes. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The note for what `format` could not hold, or null when there was nothing of it: only the kinds in `lost` are
 * named (a format that writes clusters leaves `clustered` out).
 * @example notCarriedNote('hf', { links: 2, notes: 1, attributes: 0, clustered: 3 }, ['links', 'notes', 'attributes', 'clustered'])
 * // 'hf holds no links (2), span notes (1 span) or cluster membership (3 spans).'
 */
export function notCarriedNote(format: string, c: NotCarried, lost: readonly (keyof NotCarried)[]): string | null {
  const words: Record<keyof NotCarried, string> = {
    links: `links (${c.links})`,
    notes: `span notes (${plural(c.notes, 'span')})`,
    attributes: `span attributes (${plural(c.attributes, 'span')})`,
    clustered: `cluster membership (${plural(c.clustered, 'span')})`,
  };
  const parts = lost.filter((k) => c[k] > 0).map((k) => words[k]);
  if (!parts.length) return null;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
  return `${format} holds no ${list}.`;
}
