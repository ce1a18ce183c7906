import type { LayerLink, LayerSpan } from '../../db/gold.js';
import { linkKey, spanKey } from './diff.js';

/** What the layers agree on and gold lacks (planAgreements). */
export interface AgreementPlan {
  /** One span per agreed meaning gold lacks (the first chosen layer's, for its note and attributes). */
  spans: LayerSpan[];
  /** Agreed links of non-transitive types gold lacks, as span meanings (spanKey) of their ends, direction kept. */
  links: { typeId: number; from: string; to: string }[];
  /** Pairs of mentions (span meanings) to join with a same-as link in gold: a spanning set of the agreed pairs. */
  clusterLinks: { from: string; to: string }[];
}

/** Strict majority of `of`: for two annotators, both (exact agreement); for three, two; for four, three. */
const majority = (count: number, of: number) => 2 * count > of;

/**
 * What "merge all agreements" puts into gold, computed from the layers alone (no writes; a preview counts it).
 * `n` annotators are compared; `spans`/`links` are theirs, `gold`/`goldLinks` gold's own.
 * - A span (document, label, start, end) goes to gold when a strict majority of the n layers have exactly it:
 *   for two annotators both must (exact agreement), for three two, and so on.
 * - A link of a non-transitive type (said-by, cites, …) goes to gold when a strict majority of the n layers have
 *   it (same type, same end meanings; direction matters where the type is directed) and gold has, or gets, both
 *   ends.
 * - Clusters (transitive types): mentions are span meanings that gold has or gets. A pair of mentions is linked
 *   in a layer when the layer's spans for both are in one cluster (directly linked or through it). The pair goes
 *   to gold when more than half of the layers that have both mentions link it. Gold then gets same-as links
 *   joining its clusters so that every such pair is in one gold cluster: a spanning set, each link joining two
 *   gold clusters not yet joined (existing gold clusters count as joined), pairs taken in order of their meanings.
 * Idempotent: what gold already has is not planned again.
 */
export function planAgreements(
  n: number,
  spans: LayerSpan[],
  links: LayerLink[],
  gold: LayerSpan[],
  goldLinks: LayerLink[],
  type: (typeId: number) => { directed: boolean; transitive: boolean },
): AgreementPlan {
  const holders = new Map<string, { first: LayerSpan; layers: Set<number> }>();
  const layerHas = new Map<number, Set<string>>();
  for (const s of spans) {
    const k = spanKey(s);
    const h = holders.get(k) ?? { first: s, layers: new Set<number>() };
    h.layers.add(s.annotatorId);
    holders.set(k, h);
    if (!layerHas.has(s.annotatorId)) layerHas.set(s.annotatorId, new Set());
    layerHas.get(s.annotatorId)!.add(k);
  }
  const goldKeys = new Set(gold.map(spanKey));
  const planned = [...holders].filter(([k, h]) => majority(h.layers.size, n) && !goldKeys.has(k)).map(([, h]) => h.first);
  const goldAfter = new Set([...goldKeys, ...planned.map(spanKey)]);

  // Links of non-transitive types, by meaning.
  const keyOf = (l: LayerLink) => linkKey(l.typeId, spanKey(l.from), spanKey(l.to), type(l.typeId).directed);
  const goldLinkKeys = new Set(goldLinks.map(keyOf));
  const linkHolders = new Map<string, { l: LayerLink; layers: Set<number> }>();
  for (const l of links) {
    if (type(l.typeId).transitive) continue;
    const k = keyOf(l);
    const h = linkHolders.get(k) ?? { l, layers: new Set<number>() };
    h.layers.add(l.annotatorId);
    linkHolders.set(k, h);
  }
  const plannedLinks = [...linkHolders]
    .filter(([k, h]) => majority(h.layers.size, n) && !goldLinkKeys.has(k) && goldAfter.has(spanKey(h.l.from)) && goldAfter.has(spanKey(h.l.to)))
    .map(([, h]) => ({ typeId: h.l.typeId, from: spanKey(h.l.from), to: spanKey(h.l.to) }));

  return { spans: planned, links: plannedLinks, clusterLinks: clusterPairs(spans, gold, goldAfter, layerHas) };
}

/** The same-as links gold needs (see planAgreements): majority per mention pair, then a spanning set. */
function clusterPairs(spans: LayerSpan[], gold: LayerSpan[], goldAfter: Set<string>, layerHas: Map<number, Set<string>>) {
  // Each layer's clusters, over the mentions gold has or gets.
  const clusters = new Map<string, string[]>();
  for (const s of spans) {
    const k = spanKey(s);
    if (s.clusterId === null || !goldAfter.has(k)) continue;
    const c = `${s.annotatorId}:${s.clusterId}`;
    clusters.set(c, [...(clusters.get(c) ?? []), k]);
  }
  const linked = new Map<string, number>();
  for (const members of clusters.values()) {
    const m = [...new Set(members)].sort();
    for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) linked.set(`${m[i]}|${m[j]}`, (linked.get(`${m[i]}|${m[j]}`) ?? 0) + 1);
  }
  const agreed = [...linked]
    .map(([pair, count]) => {
      const [a, b] = pair.split('|');
      const both = [...layerHas.values()].filter((has) => has.has(a) && has.has(b)).length;
      return { a, b, agreed: majority(count, both) };
    })
    .filter((x) => x.agreed)
    .sort((x, y) => (x.a + '|' + x.b < y.a + '|' + y.b ? -1 : 1));

  // Union-find over gold's mentions, starting from gold's own clusters.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    const p = parent.get(k) ?? k;
    if (p === k) return k;
    const root = find(p);
    parent.set(k, root);
    return root;
  };
  const byCluster = new Map<number, string>();
  for (const g of gold) {
    if (g.clusterId === null) continue;
    const first = byCluster.get(g.clusterId);
    if (first === undefined) byCluster.set(g.clusterId, spanKey(g));
    else parent.set(find(spanKey(g)), find(first));
  }
  const out: { from: string; to: string }[] = [];
  for (const { a, b } of agreed) {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) continue;
    parent.set(rb, ra);
    out.push({ from: a, to: b });
  }
  return out;
}
