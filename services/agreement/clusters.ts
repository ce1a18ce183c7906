// Coreference (cluster) agreement between two annotators: MUC, B³, CEAF-e, BLANC and the CoNLL score, computed as
// the CoNLL-2011/2012 reference scorer v8.01 computes them (Pradhan, Luo, Recasens, Hovy, Ng & Strube 2014,
// "Scoring Coreference Partitions of Predicted Mentions: A Reference Implementation", ACL; the scorer is
// github.com/conll/reference-coreference-scorers, lib/CorScorer.pm). Annotator a is the key, b the response.
// The compared documents form one unit: a cluster may hold mentions of several documents.
import { maxWeightAssignment } from './assignment.js';

/** A mention as a span: document id, start and end in code points (end exclusive). */
export interface MentionSpan {
  doc: number | string;
  start: number;
  end: number;
}
/** A mention: an opaque string id, or a span (the same span is the same mention on both sides). */
export type MentionRef = string | MentionSpan;
/**
 * One annotator's partition: a list of clusters, each a list of mentions. A mention missing from a cluster of
 * size ≥ 2 must still be listed as a singleton cluster (unlinked spans are singletons). A mention repeated inside
 * one cluster counts once (the scorer's de-duplication); a mention in two clusters of one side is an error.
 */
export type Clustering = readonly (readonly MentionRef[])[];

/** Recall, precision, F1 in 0..1; a ratio 0/0 is null; F1 is null only when both recall and precision are. */
export interface Score {
  r: number | null;
  p: number | null;
  f1: number | null;
}

/** Every cluster measure of one key/response pair. `conll` is null when any of its three F1s is null. */
export interface ClusterScores {
  muc: Score;
  b3: Score;
  ceafe: Score;
  blanc: Score;
  conll: number | null;
}

/** The identity of a mention: the string itself, or "doc\u0000start\u0000end" for a span. */
export function mentionKey(m: MentionRef): string {
  if (typeof m === 'string') return m;
  if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end < m.start) {
    throw new Error(`mention ${JSON.stringify(m)}: start and end must be integers with 0 <= start <= end`);
  }
  return `${m.doc}\u0000${m.start}\u0000${m.end}`;
}

/**
 * Recall nr/dr, precision np/dp and their harmonic mean. A 0/0 ratio is null; when only one of the two is
 * null it counts as 0 in F1 (its numerator is bounded by the other side's count, so this only happens when
 * the other ratio is 0 too) and F1 is 0, as the reference scorer prints it.
 */
export function prf(nr: number, dr: number, np: number, dp: number): Score {
  const r = dr === 0 ? null : nr / dr;
  const p = dp === 0 ? null : np / dp;
  if (r === null && p === null) return { r, p, f1: null };
  const rr = r ?? 0;
  const pp = p ?? 0;
  return { r, p, f1: rr + pp === 0 ? 0 : (2 * rr * pp) / (rr + pp) };
}

/**
 * A side after normalisation: clusters of mention keys (no empty ones, no mention twice) and the cluster index
 * of each mention. Keys are any values compared as Map keys: mention strings here, interned mention numbers in
 * the report (services/agreement/pair.ts), which builds sides directly.
 */
export interface ClusterSide<K> {
  clusters: K[][];
  clusterOf: Map<K, number>;
}
type Side = ClusterSide<unknown>;

function normalise(side: Clustering, name: string): ClusterSide<string> {
  const clusters: string[][] = [];
  const clusterOf = new Map<string, number>();
  for (const cluster of side) {
    const index = clusters.length;
    const members: string[] = [];
    for (const m of cluster) {
      const k = mentionKey(m);
      const seen = clusterOf.get(k);
      if (seen === index) continue;
      if (seen !== undefined) throw new Error(`${name}: mention ${JSON.stringify(m)} is in two clusters`);
      clusterOf.set(k, index);
      members.push(k);
    }
    if (members.length > 0) clusters.push(members);
  }
  return { clusters, clusterOf };
}

/** The non-empty intersections |K_i ∩ R_j| of key and response clusters: [i, j, size], by i, then j as first met. */
function overlaps(key: Side, response: Side): [number, number, number][] {
  const out: [number, number, number][] = [];
  const row = new Map<number, number>();
  for (let i = 0; i < key.clusters.length; i++) {
    const cluster = key.clusters[i];
    if (cluster.length === 1) {
      // A singleton meets at most one response cluster: no map needed.
      const j = response.clusterOf.get(cluster[0]);
      if (j !== undefined) out.push([i, j, 1]);
      continue;
    }
    row.clear();
    for (const m of cluster) {
      const j = response.clusterOf.get(m);
      if (j !== undefined) row.set(j, (row.get(j) ?? 0) + 1); // else twinless in the key
    }
    for (const [j, n] of row) out.push([i, j, n]);
  }
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * MUC (Vilain et al. 1995): recall Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), where p(K) partitions K by the response
 * and each twinless mention of K is a part of its own; precision the same with key and response swapped.
 * Equivalently the numerator is Σ_{K,R} max(|K∩R| − 1, 0) on both sides (CorScorer.pm, MUCScorer).
 */
function muc(key: Side, response: Side, common: [number, number, number][]): Score {
  const correct = sum(common.map(([, , n]) => n - 1));
  const links = (s: Side) => sum(s.clusters.map((c) => c.length - 1));
  return prf(correct, links(key), correct, links(response));
}

/**
 * B³ (Bagga & Baldwin 1998) over all mentions of each side, twinless ones scoring 0:
 * recall Σ_{K,R} |K∩R|²/|K| / Σ|K|, precision Σ_{K,R} |K∩R|²/|R| / Σ|R| (CorScorer.pm, BCUBED).
 */
function b3(key: Side, response: Side, common: [number, number, number][]): Score {
  const nr = sum(common.map(([i, , n]) => (n * n) / key.clusters[i].length));
  const np = sum(common.map(([, j, n]) => (n * n) / response.clusters[j].length));
  return prf(nr, key.clusterOf.size, np, response.clusterOf.size);
}

/**
 * CEAF-e (Luo 2005) with φ4(K, R) = 2|K∩R| / (|K| + |R|) and the optimal one-to-one alignment of clusters:
 * recall Σφ4 / #key clusters, precision Σφ4 / #response clusters (CorScorer.pm, CEAF type 0). Clusters that
 * share no mention have φ4 = 0, so the alignment is solved separately on each connected group of overlapping
 * clusters — the same optimum as one big matrix, without its cubic cost over thousands of singletons.
 */
function ceafe(key: Side, response: Side, common: [number, number, number][]): Score {
  const kn = key.clusters.length;
  const parent = Array.from({ length: kn + response.clusters.length }, (_, x) => x);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const [i, j] of common) parent[find(i)] = find(kn + j);
  const groups = new Map<number, [number, number, number][]>();
  for (const edge of common) {
    const root = find(edge[0]);
    const group = groups.get(root);
    if (group) group.push(edge);
    else groups.set(root, [edge]);
  }
  const phi = ([i, j, n]: [number, number, number]) => (2 * n) / (key.clusters[i].length + response.clusters[j].length);
  let total = 0;
  for (const edges of groups.values()) {
    if (edges.length === 1) {
      total += phi(edges[0]);
      continue;
    }
    const rows = new Map(edges.map(([i]) => [i, 0]));
    const cols = new Map(edges.map(([, j]) => [j, 0]));
    [...rows.keys()].forEach((i, at) => rows.set(i, at));
    [...cols.keys()].forEach((j, at) => cols.set(j, at));
    const weights = [...rows.keys()].map(() => new Array<number>(cols.size).fill(0));
    for (const e of edges) weights[rows.get(e[0])!][cols.get(e[1])!] = phi(e);
    total += maxWeightAssignment(weights).total;
  }
  return prf(total, kn, total, response.clusters.length);
}

/**
 * BLANC for predicted mentions (Recasens & Hovy 2011; Luo, Pradhan, Recasens & Hovy 2014): C_k, N_k are the
 * coreference and non-coreference pairs among the key's own mentions, C_r, N_r the response's. R_c = |C_k∩C_r|/|C_k|,
 * P_c = |C_k∩C_r|/|C_r|, likewise R_n, P_n; each F is 0 when its R + P is 0 (a 0/0 ratio counting 0). r, p and
 * f1 are the means of the two kinds — except, as in the scorer, when the key has no coreference pair (only the
 * non-coreference figures count) or no non-coreference pair (only the coreference ones), and null when it has
 * neither (at most one key mention). In the one-kind case a 0/0 precision is null.
 */
function blanc(key: Side, response: Side, common: [number, number, number][]): Score {
  const coref = (s: Side) => sum(s.clusters.map((c) => pairs(c.length)));
  const ck = coref(key);
  const cr = coref(response);
  const nk = pairs(key.clusterOf.size) - ck;
  const nr = pairs(response.clusterOf.size) - cr;
  const bothCoref = sum(common.map(([, , n]) => pairs(n)));
  // Non-coreference in both: pairs of shared mentions, minus those sharing a key or a response cluster (+ both).
  const sameKey = new Map<number, number>();
  const sameResponse = new Map<number, number>();
  for (const [i, j, n] of common) {
    sameKey.set(i, (sameKey.get(i) ?? 0) + n);
    sameResponse.set(j, (sameResponse.get(j) ?? 0) + n);
  }
  const shared = sum([...sameKey.values()]);
  const bothNon =
    pairs(shared) - sum([...sameKey.values()].map(pairs)) - sum([...sameResponse.values()].map(pairs)) + bothCoref;
  const c = prf(bothCoref, ck, bothCoref, cr);
  const n = prf(bothNon, nk, bothNon, nr);
  if (ck === 0 && nk === 0) return { r: null, p: null, f1: null };
  if (ck === 0) return n;
  if (nk === 0) return c;
  return { r: ((c.r ?? 0) + (n.r ?? 0)) / 2, p: ((c.p ?? 0) + (n.p ?? 0)) / 2, f1: ((c.f1 ?? 0) + (n.f1 ?? 0)) / 2 };
}

/**
 * Every cluster measure of `response` (annotator b) against `key` (annotator a): MUC, B³, CEAF-e (φ4), BLANC
 * and the CoNLL score = (F1_MUC + F1_B³ + F1_CEAF-e) / 3 (Pradhan et al. 2012, CoNLL-2012 shared task). Swapping
 * key and response swaps recall and precision of MUC, B³ and CEAF-e. A mention only one side has (twinless)
 * stays in that side's clusters and counts as the reference scorer v8.01 counts it. Throws on a mention listed
 * in two clusters of one side or a malformed span.
 */
export function clusterAgreement(key: Clustering, response: Clustering): ClusterScores {
  return sideAgreement(normalise(key, 'key'), normalise(response, 'response'));
}

/** clusterAgreement of two sides already normalised (mentions as keys, each once). */
export function sideAgreement<K>(k: ClusterSide<K>, r: ClusterSide<K>): ClusterScores {
  const common = overlaps(k, r);
  const scores = { muc: muc(k, r, common), b3: b3(k, r, common), ceafe: ceafe(k, r, common), blanc: blanc(k, r, common) };
  const f1s = [scores.muc.f1, scores.b3.f1, scores.ceafe.f1];
  const conll = f1s.some((f) => f === null) ? null : sum(f1s as number[]) / 3;
  return { ...scores, conll };
}
