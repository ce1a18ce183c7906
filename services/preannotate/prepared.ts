/**
 * The engine's proposals for a run of documents, ready to write: offsets checked, each span's text cut and its
 * attributes (with provenance `rule` and `confidence`) serialised once. Made the same way on the run's own
 * thread or on the engine thread (engine-worker.ts), then written by run.ts; columnar, so that crossing between
 * threads copies a few flat arrays rather than one object per span. No database here: pure data.
 *
 * What the engine gives is checked here, whatever its rules do, so that a fault in one rule costs one document
 * at most and never a whole run (issue 14 bug fixes):
 * - a document the engine throws on gets no proposals and a note (DocNote); the run goes on;
 * - every span's edges are moved outward to whole characters (extended grapheme clusters, UAX #29), because a
 *   span cutting one, e.g. before a ZWNJ, could never be accepted (decide.ts refuses such spans);
 * - a claim longer than MAX_CLAIM_CP is left out, and a document's links are capped (MAX_LINKS_PER_SPAN), so a
 *   rule running away on a run-on text cannot write quadratic output;
 * - figure values (`value`, `value_high`) are plain decimals as text, never "Infinity" or "1e+21".
 */
import { buildOffsetIndex, cpToUtf16, graphemeAt, isGraphemeBoundary, sliceCp, type OffsetIndex } from '../../common/offsets.js';
import type { ProposalLabel } from '../../common/proposals.js';
import { propose } from './engine.js';
import type { ProposedLink, ProposedSpan, Proposals } from './types.js';

/** Link types by code, as PreparedChunk.links holds them. */
export const LINK_TYPE_CODES: readonly ProposedLink['type'][] = ['said-by', 'cites'];

/**
 * Longest claim kept, in code points. A news quote or reported clause runs to a few hundred characters (the
 * longest claim in bench/preannotate's dev and heldout gold sets is under 600); 2,000 is several paragraphs,
 * so only a rule that ran on to the end of a run-on text reaches it.
 */
export const MAX_CLAIM_CP = 2000;

/**
 * Most links kept per document, per span kept: a claim has one `said-by` and cites the few figures inside it,
 * so real texts stay far below 4 per span; the cap bounds a runaway rule's links to linear in the spans.
 */
export const MAX_LINKS_PER_SPAN = 4;

/** Attributes holding a number as decimal text (common/proposals.ts). */
const NUMBER_ATTRIBUTES = ['value', 'value_high'] as const;

/** Something left out of one document of a chunk, for the run's notes (run.ts names the document). */
export interface DocNote {
  /** Index of the document in the chunk (0-based). */
  doc: number;
  kind: 'failed' | 'long-claims' | 'links' | 'values';
  /** 'failed': the engine's error message; otherwise how many were left out. */
  message?: string;
  count?: number;
}

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
  /** What was left out, per document (none for most). */
  notes: DocNote[];
}

/** `confidence` as a span attribute: 0..1 with at most three decimals ("0.8", "1", "0.667"). */
export const confidenceText = (c: number): string => String(Math.round(Math.min(Math.max(c, 0), 1) * 1000) / 1000);

/** An empty chunk, to append documents to. */
export const emptyChunk = (): PreparedChunk => ({ spanCounts: [], linkCounts: [], labels: [], starts: [], ends: [], texts: [], attributes: [], links: [], notes: [] });

/**
 * A number as plain decimal text, no exponent ("1e+21" → "1000000000000000000000", 1e-37 → "0.000…0001"), from
 * the shortest digits that give the number back (String(n)); null when it is not finite.
 */
export function decimalText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const s = String(Object.is(n, -0) ? 0 : n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A `value` attribute as plain decimal text: the number as the span writes it when its digits give the same
 * number (a long figure keeps all its digits rather than a double's 17), else decimalText. Null: not a finite
 * number (left out).
 */
function valueText(raw: string, spanText: string): string | null {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return null;
  for (const m of spanText.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const written = m[0].replace(/,/g, '').replace(/^0+(?=\d)/, '');
    if (written !== raw && written.length > 15 && Number(written) === n) return written;
  }
  return PLAIN_DECIMAL.test(raw) ? raw : decimalText(n);
}

/** True when UTF-16 index `u` certainly lies between two characters: ASCII on both sides, not CR LF (GB3, GB999). */
function asciiBoundary(text: string, u: number): boolean {
  if (u === 0 || u === text.length) return true;
  const a = text.charCodeAt(u - 1), b = text.charCodeAt(u);
  return a < 0x7f && b < 0x7f && !(a === 13 && b === 10);
}

/** `start..end` (code points) moved outward to the nearest grapheme cluster boundaries. */
export function wholeCharacters(text: string, start: number, end: number, index: OffsetIndex): { start: number; end: number } {
  if (!asciiBoundary(text, cpToUtf16(index, start)) && !isGraphemeBoundary(text, start, index)) start = graphemeAt(text, start, index).start;
  if (!asciiBoundary(text, cpToUtf16(index, end)) && !isGraphemeBoundary(text, end, index)) end = graphemeAt(text, end, index).end;
  return { start, end };
}

/** Test hook: a text holding this marker makes the engine throw (CROSSCHECK_TEST_ENGINE_THROW), on any thread. */
function forcedFailure(text: string): void {
  const marker = process.env.CROSSCHECK_TEST_ENGINE_THROW;
  if (marker && text.includes(marker)) throw new TypeError(`forced engine failure (${marker})`);
}

/** The engine's signature (engine.ts propose); tests give others. */
export type Engine = (text: string, labels: readonly ProposalLabel[]) => Proposals;

/**
 * Proposes for `text` (`engine`, default engine.ts, kinds `labels`) and appends the document to `into`. Throws
 * nothing on any string: when the engine throws, the document gets no proposals and a 'failed' note.
 */
export function prepareInto(into: PreparedChunk, text: string, labels: readonly ProposalLabel[], engine: Engine = propose): void {
  const doc = into.spanCounts.length;
  let spans: ProposedSpan[], links: ProposedLink[];
  try {
    forcedFailure(text);
    ({ spans, links } = engine(text, labels));
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    into.notes.push({ doc, kind: 'failed', message });
    into.spanCounts.push(0);
    into.linkCounts.push(0);
    return;
  }
  const index = buildOffsetIndex(text);
  // Spans kept, as new indexes for the links (-1: left out).
  const kept: number[] = [];
  let longClaims = 0, values = 0, spanCount = 0;
  for (const s of spans) {
    if (s.label === 'claim' && s.end - s.start > MAX_CLAIM_CP) {
      longClaims++;
      kept.push(-1);
      continue;
    }
    kept.push(spanCount++);
    const fits = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= index.length;
    const at = fits ? wholeCharacters(text, s.start, s.end, index) : { start: -1, end: -1 };
    const spanText = fits ? sliceCp(text, at.start, at.end, index) : '';
    into.labels.push(s.label);
    into.starts.push(at.start);
    into.ends.push(at.end);
    into.texts.push(spanText);
    let attributes = '';
    if (fits) {
      const a: Record<string, string> = { ...s.attributes };
      for (const k of NUMBER_ATTRIBUTES) {
        if (a[k] === undefined) continue;
        const v = valueText(a[k], spanText);
        if (v === null) {
          delete a[k];
          values++;
        } else a[k] = v;
      }
      attributes = JSON.stringify({ ...a, rule: s.rule, confidence: confidenceText(s.confidence) });
    }
    into.attributes.push(attributes);
  }
  const maxLinks = MAX_LINKS_PER_SPAN * spanCount;
  let linkCount = 0, capped = 0;
  for (const l of links) {
    const from = kept[l.from], to = kept[l.to];
    if (from === undefined || to === undefined || from < 0 || to < 0) continue;
    if (linkCount >= maxLinks) {
      capped++;
      continue;
    }
    into.links.push(LINK_TYPE_CODES.indexOf(l.type), from, to);
    linkCount++;
  }
  into.spanCounts.push(spanCount);
  into.linkCounts.push(linkCount);
  if (longClaims) into.notes.push({ doc, kind: 'long-claims', count: longClaims });
  if (capped) into.notes.push({ doc, kind: 'links', count: capped });
  if (values) into.notes.push({ doc, kind: 'values', count: values });
}

/** The chunk of `texts`, in order. */
export function prepareChunk(texts: readonly string[], labels: readonly ProposalLabel[], engine: Engine = propose): PreparedChunk {
  const chunk = emptyChunk();
  for (const t of texts) prepareInto(chunk, t, labels, engine);
  return chunk;
}
