/**
 * The compared layers of an agreement report, indexed once per report (issue 13; bench target: 1,000 documents
 * × 3 annotators × 30 spans in ≤ 2 s): each layer's compared spans by document, each sorted for exact matching,
 * each document's word coding, and its links between compared spans. Mentions (document, start, end) are interned
 * as numbers shared by all layers, so that cluster and link agreement compare numbers rather than strings.
 * Every pair and every per-document row of the report (pair.ts) reads these; nothing is rebuilt per pair.
 */
import type { LayerLink, SpanRow } from '../../db/agreement-reads.js';
import { sparseCoding, type SparseCoding } from './sparse.js';
import type { WordBounds } from './words.js';

/** One compared span: `label` is an index into the report's sorted label names, `mention` an interned id. */
export interface ReportSpan {
  readonly id: number;
  readonly doc: number;
  readonly start: number;
  readonly end: number;
  readonly label: number;
  readonly mention: number;
  /** Index of the span's same-as cluster in its layer, or −1 (a singleton). */
  readonly cluster: number;
}

/** A link of a non-transitive type between two compared spans of one layer; `type` indexes the link type names. */
export interface ReportLink {
  readonly type: number;
  readonly from: ReportSpan;
  readonly to: ReportSpan;
}

/** One annotator's layer as the report compares it. */
export interface Layer {
  readonly name: string;
  /** Documents with at least one span of this layer (any label): where this annotator annotated. */
  readonly annotated: ReadonlySet<number>;
  /** Compared spans by document (documents annotated by two or more only), in read order (start, then id). */
  readonly spans: ReadonlyMap<number, readonly ReportSpan[]>;
  /** The same, each document's sorted by start, end, label: the order exact matching merges in. */
  readonly sorted: ReadonlyMap<number, readonly ReportSpan[]>;
  /** How the compared spans code each annotated document's words (documents annotated by two or more). */
  readonly codings: ReadonlyMap<number, SparseCoding<number>>;
  /** Links between compared spans, in read order. */
  readonly links: readonly ReportLink[];
  /** The links whose two ends lie in one document, by that document. */
  readonly linksByDoc: ReadonlyMap<number, readonly ReportLink[]>;
}

/** What buildLayers needs, read by report.ts. */
export interface LayerInput {
  layers: readonly { id: number; name: string }[];
  /** Every span of the layers (db/agreement-reads.ts spanRows). */
  rows: readonly SpanRow[];
  annotated: ReadonlyMap<number, ReadonlySet<number>>;
  /** Label id → index into the sorted names compared; absent: a label not compared. */
  labelIndex: ReadonlyMap<number, number>;
  /** The documents annotated by two or more, ascending. */
  documents: readonly number[];
  /** Word offsets of each of `documents`. */
  words: ReadonlyMap<number, WordBounds>;
  /** Layer id → its same-as clusters (annotation ids). */
  clusters: ReadonlyMap<number, readonly (readonly number[])[]>;
  /** Links of non-transitive types; `typeIndex` maps their names to the report's sorted type names. */
  links: readonly LayerLink[];
  typeIndex: ReadonlyMap<string, number>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

const byOffsets = (x: ReportSpan, y: ReportSpan) => x.start - y.start || x.end - y.end || x.label - y.label;

/**
 * The layers of `input`, in its order, and how many mentions were interned (mention ids are 0..count−1).
 * @throws Error when a compared document has no words (its text was not read).
 */
export function buildLayers(input: LayerInput): { layers: Layer[]; mentions: number } {
  const inScope = new Set(input.documents);
  const mentionIds = new Map<number, Map<number | string, number>>();
  let mentions = 0;
  const mentionOf = (doc: number, start: number, end: number): number => {
    let ofDoc = mentionIds.get(doc);
    if (!ofDoc) mentionIds.set(doc, (ofDoc = new Map()));
    // A number key while it stays exact (offsets below 2^26, documents of 64 M code points), else a string.
    const key = end < 0x4000000 ? start * 0x4000000 + end : `${start}:${end}`;
    let id = ofDoc.get(key);
    if (id === undefined) ofDoc.set(key, (id = mentions++));
    return id;
  };
  const clusterOf = new Map<number, number>();
  for (const list of input.clusters.values()) list.forEach((members, c) => members.forEach((m) => clusterOf.set(m, c)));

  const spansOf = new Map<number, Map<number, ReportSpan[]>>(input.layers.map((l) => [l.id, new Map()]));
  const byId = new Map<number, ReportSpan>();
  for (const [id, doc, start, end, labelId, annotatorId] of input.rows) {
    const label = input.labelIndex.get(labelId);
    if (label === undefined || !inScope.has(doc)) continue;
    const span: ReportSpan = { id, doc, start, end, label, mention: mentionOf(doc, start, end), cluster: clusterOf.get(id) ?? -1 };
    byId.set(id, span);
    push(spansOf.get(annotatorId)!, doc, span);
  }

  const layers = input.layers.map(({ id, name }): Layer => {
    const annotated = input.annotated.get(id)!;
    const spans = spansOf.get(id)!;
    const sorted = new Map<number, ReportSpan[]>();
    for (const [doc, list] of spans) sorted.set(doc, [...list].sort(byOffsets));
    const codings = new Map<number, SparseCoding<number>>();
    for (const doc of input.documents) {
      if (!annotated.has(doc)) continue;
      const words = input.words.get(doc);
      if (!words) throw new Error(`agreement: no text (word units) given for document ${doc}, which has spans`);
      codings.set(doc, sparseCoding(words, spans.get(doc) ?? []));
    }
    const links: ReportLink[] = [];
    const linksByDoc = new Map<number, ReportLink[]>();
    for (const l of input.links) {
      if (l.annotatorId !== id) continue;
      const from = byId.get(l.fromId);
      const to = byId.get(l.toId);
      if (!from || !to) continue;
      const link: ReportLink = { type: input.typeIndex.get(l.type)!, from, to };
      links.push(link);
      if (from.doc === to.doc) push(linksByDoc, from.doc, link);
    }
    return { name, annotated, spans, sorted, codings, links, linksByDoc };
  });
  return { layers, mentions };
}
