/**
 * The engine's proposals for a run of documents, ready to write: offsets checked, each span's text cut and its
 * attributes (with provenance `rule` and `confidence`) serialised once. Made the same way on the run's own
 * thread or on the engine thread (engine-worker.ts), then written by run.ts; columnar, so that crossing between
 * threads copies a few flat arrays rather than one object per span. No database here: pure data.
 */
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import type { ProposalLabel } from '../../common/proposals.js';
import { propose } from './engine.js';
import type { ProposedLink } from './types.js';

/** Link types by code, as PreparedChunk.links holds them. */
export const LINK_TYPE_CODES: readonly ProposedLink['type'][] = ['said-by', 'cites'];

/**
 * Several documents' proposals, in the order of the texts given. Span i of the chunk belongs to the document
 * whose `spanCounts` range holds it; a link's `from` and `to` index its own document's spans (0-based).
 */
export interface PreparedChunk {
  /** Per document: how many spans (dropped ones included) and links follow. */
  spanCounts: number[];
  linkCounts: number[];
  /** Per span. `starts[i] = -1`: offsets outside the text (or empty), left out and counted by the writer. */
  labels: ProposalLabel[];
  starts: number[];
  ends: number[];
  /** text[start:end] in code points ('' when dropped). */
  texts: string[];
  /** The span's attributes as JSON: the engine's own, then `rule`, then `confidence` (confidenceText). */
  attributes: string[];
  /** Per link, three numbers: the type's code (LINK_TYPE_CODES), from, to. */
  links: number[];
}

/** `confidence` as a span attribute: 0..1 with at most three decimals ("0.8", "1", "0.667"). */
export const confidenceText = (c: number): string => String(Math.round(Math.min(Math.max(c, 0), 1) * 1000) / 1000);

/** An empty chunk, to append documents to. */
export const emptyChunk = (): PreparedChunk => ({ spanCounts: [], linkCounts: [], labels: [], starts: [], ends: [], texts: [], attributes: [], links: [] });

/** Proposes for `text` (engine.ts, kinds `labels`) and appends the document to `into`. Throws nothing on any string. */
export function prepareInto(into: PreparedChunk, text: string, labels: readonly ProposalLabel[]): void {
  const { spans, links } = propose(text, labels);
  const index = buildOffsetIndex(text);
  for (const s of spans) {
    const fits = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= index.length;
    into.labels.push(s.label);
    into.starts.push(fits ? s.start : -1);
    into.ends.push(fits ? s.end : -1);
    into.texts.push(fits ? sliceCp(text, s.start, s.end, index) : '');
    into.attributes.push(fits ? JSON.stringify({ ...s.attributes, rule: s.rule, confidence: confidenceText(s.confidence) }) : '');
  }
  for (const l of links) into.links.push(LINK_TYPE_CODES.indexOf(l.type), l.from, l.to);
  into.spanCounts.push(spans.length);
  into.linkCounts.push(links.length);
}

/** The chunk of `texts`, in order. */
export function prepareChunk(texts: readonly string[], labels: readonly ProposalLabel[]): PreparedChunk {
  const chunk = emptyChunk();
  for (const t of texts) prepareInto(chunk, t, labels);
  return chunk;
}
