/**
 * The figures of one pair of annotators over a set of documents (issue 13, "Agreement"): span F1 (exact,
 * overlap) and Cohen's κ per label and overall, cross-document cluster scores and link F1 per type. Span and κ
 * figures are sums of per-document counts, so a pair's documents are counted once and the same counts give the
 * pooled figures and the `--per-document` rows. The measures are those of spans.ts (exactMatch, overlapPairs),
 * sparse.ts (κ as kappa.ts defines it), clusters.ts and links.ts; report.ts decides annotators, labels, documents.
 */
import { setFigure, type ClusterFigures, type PairAgreement, type Prf, type SpanFigures } from '../../common/agreement.js';
import { prf, sideAgreement, type ClusterSide } from './clusters.js';
import type { Layer, ReportLink, ReportSpan } from './layers.js';
import { KappaCounts } from './sparse.js';

/** What every pair shares: label and link type names (sorted; spans and links index them), directed types. */
export interface PairContext {
  labels: readonly string[];
  linkTypes: readonly string[];
  directed: readonly boolean[];
  /** Mentions interned by layers.ts (ids 0..mentions−1). */
  mentions: number;
}

const NO_PRF: Prf = { r: null, p: null, f1: null };

/**
 * Span counts of one pair, per label (slots label·4 + …): spans of a, spans of b, exact matches, overlap matches.
 * Integer counts, summable over documents.
 */
type SpanCounts = Float64Array;
const A = 0;
const B = 1;
const EXACT = 2;
const OVERLAP = 3;

/**
 * Adds to `into` the counts of one document's spans `a` and `b`; `sortedA`/`sortedB` are the same spans sorted by
 * start, end, label. Exact: equal start, end and label, as a multiset (spans.ts exactMatch). Overlap: the greedy
 * one-to-one pairing of spans.ts overlapPairs — largest overlap first, ties by a's span then position, then b's —
 * which pairs within one document and label only, so a document's pairing is the pooled one restricted to it.
 */
function countSpans(into: SpanCounts, a: readonly ReportSpan[], b: readonly ReportSpan[], sortedA: readonly ReportSpan[], sortedB: readonly ReportSpan[]): void {
  for (const s of a) into[s.label * 4 + A]++;
  for (const s of b) into[s.label * 4 + B]++;
  for (let i = 0, j = 0; i < sortedA.length && j < sortedB.length; ) {
    const x = sortedA[i];
    const y = sortedB[j];
    const c = x.start - y.start || x.end - y.end || x.label - y.label;
    if (c === 0) {
      into[x.label * 4 + EXACT]++;
      i++;
      j++;
    } else if (c < 0) i++;
    else j++;
  }
  const candidates: [overlap: number, i: number, j: number][] = [];
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    for (let j = 0; j < b.length; j++) {
      const t = b[j];
      if (t.label !== s.label) continue;
      const overlap = Math.min(s.end, t.end) - Math.max(s.start, t.start);
      if (overlap >= 1) candidates.push([overlap, i, j]);
    }
  }
  if (!candidates.length) return;
  candidates.sort((x, y) => {
    const [sx, sy, tx, ty] = [a[x[1]], a[y[1]], b[x[2]], b[y[2]]];
    return y[0] - x[0] || sx.start - sy.start || sx.end - sy.end || x[1] - y[1] || tx.start - ty.start || tx.end - ty.end || x[2] - y[2];
  });
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  for (const [, i, j] of candidates) {
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = usedB[j] = 1;
    into[a[i].label * 4 + OVERLAP]++;
  }
}

/** F1 = 2·matched / (|a| + |b|), null when 0/0 (spans.ts). */
const f1 = (matched: number, na: number, nb: number) => (na + nb === 0 ? null : (2 * matched) / (na + nb));

function spanFigures(ctx: PairContext, counts: SpanCounts, kappa: KappaCounts<number>): Record<string, SpanFigures> {
  const spans: Record<string, SpanFigures> = {};
  const total = [0, 0, 0, 0];
  ctx.labels.forEach((label, l) => {
    for (let k = 0; k < 4; k++) total[k] += counts[l * 4 + k];
    const [na, nb, exact, overlap] = counts.subarray(l * 4, l * 4 + 4);
    // A label neither side uses codes every word 0 on both sides: a constant coding, κ null.
    setFigure(spans, label, { exactF1: f1(exact, na, nb), overlapF1: f1(overlap, na, nb), kappa: kappa.label(l) });
  });
  spans.overall = { exactF1: f1(total[EXACT], total[A], total[B]), overlapF1: f1(total[OVERLAP], total[A], total[B]), kappa: kappa.overall() };
  return spans;
}

/** Marks of the mentions already placed in a side being built; one per report (see clusterSide). */
export class MentionMarks {
  private readonly marks: Uint32Array;
  private round = 0;
  constructor(mentions: number) {
    this.marks = new Uint32Array(mentions);
  }
  /** Starts a new side: no mention placed. */
  next(): void {
    if (++this.round === 0xffffffff) {
      this.marks.fill(0);
      this.round = 1;
    }
  }
  /** Places `m`; false when it was already placed in this side. */
  place(m: number): boolean {
    if (this.marks[m] === this.round) return false;
    this.marks[m] = this.round;
    return true;
  }
}

/**
 * The clusters of `layer`'s compared spans in `docs` (in order): every span is a mention, those of one same-as
 * cluster together, the rest singletons. Two spans at the same offsets (different labels) are one mention: it stays
 * in the group met first, clustered spans being met before the others, as the scorer takes each mention once per
 * side. Groups come in the order first met.
 */
function clusterSide(layer: Layer, docs: readonly number[], marks: MentionMarks): ClusterSide<number> {
  marks.next();
  // Keys: −1 − cluster index for a same-as cluster, the mention id for a singleton.
  const groups = new Map<number, number[]>();
  for (const clustered of [true, false]) {
    for (const d of docs) {
      for (const s of layer.spans.get(d) ?? []) {
        if (s.cluster >= 0 !== clustered || !marks.place(s.mention)) continue;
        const key = clustered ? -1 - s.cluster : s.mention;
        const g = groups.get(key);
        if (g) g.push(s.mention);
        else groups.set(key, [s.mention]);
      }
    }
  }
  const clusters = [...groups.values()];
  const clusterOf = new Map<number, number>();
  clusters.forEach((members, c) => {
    for (const m of members) clusterOf.set(m, c);
  });
  return { clusters, clusterOf };
}

/**
 * Link figures per type of `ctx.linkTypes` (links.ts linkAgreement over mentions): a link is its type and its two
 * mentions, ordered when the type is directed; each counts once per side. Null figures where neither side has one.
 */
function linkFigures(ctx: PairContext, a: readonly ReportLink[], b: readonly ReportLink[]): Record<string, Prf> {
  const keys = (links: readonly ReportLink[]) => {
    const byType = ctx.linkTypes.map(() => new Set<number | string>());
    const m = ctx.mentions;
    for (const l of links) {
      let [x, y] = [l.from.mention, l.to.mention];
      if (!ctx.directed[l.type] && y < x) [x, y] = [y, x];
      byType[l.type].add(m < 0x5000000 ? x * m + y : `${x}:${y}`);
    }
    return byType;
  };
  const [ka, kb] = [keys(a), keys(b)];
  const out: Record<string, Prf> = {};
  ctx.linkTypes.forEach((type, t) => {
    if (ka[t].size + kb[t].size === 0) {
      setFigure(out, type, NO_PRF);
      return;
    }
    let both = 0;
    for (const k of ka[t]) if (kb[t].has(k)) both++;
    setFigure(out, type, prf(both, ka[t].size, both, kb[t].size));
  });
  return out;
}

function pairFigures(a: Layer, b: Layer, documents: number, spans: Record<string, SpanFigures>, clusters: ClusterFigures, links: Record<string, Prf>): PairAgreement {
  return { a: a.name, b: b.name, documents, spans, clusters, links };
}

/**
 * The figures of `a` (the key) and `b` over `docs` (ascending; those both annotated), pooled, and with
 * `perDocument` each document's own figures too. Every label of `ctx.labels` and every type of `ctx.linkTypes`
 * gets an entry, null where neither side has any.
 */
export function comparePair(a: Layer, b: Layer, docs: readonly number[], ctx: PairContext, marks: MentionMarks, perDocument: boolean): { pooled: PairAgreement; byDoc: Map<number, PairAgreement> } {
  const size = ctx.labels.length * 4;
  const pooledCounts = new Float64Array(size);
  const pooledKappa = new KappaCounts<number>();
  const byDoc = new Map<number, PairAgreement>();
  const none: readonly ReportSpan[] = [];
  for (const d of docs) {
    const counts = perDocument ? new Float64Array(size) : pooledCounts;
    const kappa = perDocument ? new KappaCounts<number>() : pooledKappa;
    countSpans(counts, a.spans.get(d) ?? none, b.spans.get(d) ?? none, a.sorted.get(d) ?? none, b.sorted.get(d) ?? none);
    kappa.add(a.codings.get(d)!, b.codings.get(d)!);
    if (!perDocument) continue;
    for (let k = 0; k < size; k++) pooledCounts[k] += counts[k];
    pooledKappa.merge(kappa);
    const only = [d];
    const clusters = sideAgreement(clusterSide(a, only, marks), clusterSide(b, only, marks));
    const links = linkFigures(ctx, a.linksByDoc.get(d) ?? [], b.linksByDoc.get(d) ?? []);
    byDoc.set(d, pairFigures(a, b, 1, spanFigures(ctx, counts, kappa), clusters, links));
  }
  const inPair = new Set(docs);
  const among = (l: Layer) => l.links.filter((k) => inPair.has(k.from.doc) && inPair.has(k.to.doc));
  const clusters = sideAgreement(clusterSide(a, docs, marks), clusterSide(b, docs, marks));
  const pooled = pairFigures(a, b, docs.length, spanFigures(ctx, pooledCounts, pooledKappa), clusters, linkFigures(ctx, among(a), among(b)));
  return { pooled, byDoc };
}
