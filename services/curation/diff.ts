import type { LayerLink, LayerSpan } from '../../db/gold.js';
import type { CurationItem, CurationKind, CurationLinkItem, CurationVersion, GoldSpan } from '../../common/curation.js';

/** A span's meaning as adjudication compares it: document, offsets and label (`doc:start:end:label`). */
export const spanKey = (s: Pick<LayerSpan, 'docId' | 'start' | 'end' | 'labelId'>) => `${s.docId}:${s.start}:${s.end}:${s.labelId}`;

/** A link's meaning: type and the meanings of its ends, in order for a directed type, sorted for an undirected one. */
export function linkKey(typeId: number, from: string, to: string, directed: boolean): string {
  const [a, b] = directed || from <= to ? [from, to] : [to, from];
  return `${typeId}|${a}|${b}`;
}

const overlap = (a: LayerSpan, b: LayerSpan) => a.start < b.end && b.start < a.end;
/** Whether two spans stand for the same item: overlapping with the same label, or with exactly the same offsets. */
const corresponds = (a: LayerSpan, b: LayerSpan) => overlap(a, b) && (a.labelId === b.labelId || (a.start === b.start && a.end === b.end));

const toGold = (g: LayerSpan): GoldSpan => ({ annotationId: g.id, labelId: g.labelId, start: g.start, end: g.end, text: g.text, curatedBy: g.curatedBy });

/**
 * Groups one document's spans of the chosen layers into items and classifies each.
 *
 * Grouping: two spans (of any of the chosen layers, the same layer included) correspond when they overlap by at
 * least one code point and have the same label, or have exactly the same offsets (whatever their labels); an item
 * is a connected group of corresponding spans (so A 0..10, B 5..15, C 12..20 of one label are one item).
 * Classification, from the item's distinct versions (label, start, end):
 * - `agree`: one version, and every chosen layer has it;
 * - `missing`: one version, and some chosen layer has no span in the item (`missingFrom`; "extra" for the others);
 * - `label`: several versions, all with the same offsets (only the labels differ);
 * - `boundary`: several versions whose offsets differ (labels may differ too). A layer absent from a `label` or
 *   `boundary` item is still listed in `missingFrom`.
 * Gold spans (not compared) join an item by the same rule; gold spans that join none are returned as `goldOnly`.
 * Items come by start, then end; versions by start, end, label id; annotators in the order of `layers`.
 */
export function diffSpans(
  layers: { id: number; name: string }[],
  spans: LayerSpan[],
  gold: LayerSpan[],
): { items: CurationItem[]; goldOnly: GoldSpan[] } {
  const order = new Map(layers.map((l, i) => [l.id, i]));
  const sorted = spans.filter((s) => order.has(s.annotatorId)).sort((a, b) => a.start - b.start || a.end - b.end || a.labelId - b.labelId || a.id - b.id);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < sorted.length; i++) {
    // Sorted by start: once a later span starts at or after this one's end, no further span overlaps it.
    for (let j = i + 1; j < sorted.length && sorted[j].start < sorted[i].end; j++) {
      if (corresponds(sorted[i], sorted[j])) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, LayerSpan[]>();
  sorted.forEach((s, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), s]);
  });

  const goldByKey = new Map(gold.map((g) => [`${g.start}:${g.end}:${g.labelId}`, g.id]));
  const joined = new Set<number>();
  const items = [...groups.values()].map((members): CurationItem => {
    const versions = new Map<string, CurationVersion>();
    for (const s of [...members].sort((a, b) => a.start - b.start || a.end - b.end || a.labelId - b.labelId || order.get(a.annotatorId)! - order.get(b.annotatorId)!)) {
      const k = `${s.start}:${s.end}:${s.labelId}`;
      const v = versions.get(k) ?? { labelId: s.labelId, start: s.start, end: s.end, text: s.text, annotators: [], annotationIds: [], goldId: goldByKey.get(k) ?? null };
      v.annotators.push(layers[order.get(s.annotatorId)!].name);
      v.annotationIds.push(s.id);
      versions.set(k, v);
    }
    const vs = [...versions.values()];
    const present = new Set(members.map((s) => s.annotatorId));
    const missingFrom = layers.filter((l) => !present.has(l.id)).map((l) => l.name);
    const kind: CurationKind =
      vs.length === 1 ? (missingFrom.length ? 'missing' : 'agree') : vs.every((v) => v.start === vs[0].start && v.end === vs[0].end) ? 'label' : 'boundary';
    const goldHere = gold.filter((g) => members.some((s) => corresponds(s, g)));
    for (const g of goldHere) joined.add(g.id);
    return {
      key: `${vs[0].start}:${vs[0].end}:${vs[0].labelId}`,
      kind,
      start: Math.min(...members.map((s) => s.start)),
      end: Math.max(...members.map((s) => s.end)),
      versions: vs,
      missingFrom,
      gold: goldHere.map(toGold),
    };
  });
  items.sort((a, b) => a.start - b.start || a.end - b.end);
  return { items, goldOnly: gold.filter((g) => !joined.has(g.id)).map(toGold) };
}

/**
 * The links of the chosen layers, one item per meaning (type and both ends' meanings, see linkKey): `agree` when
 * every chosen layer has it, else `missing`. `goldLinks` and `goldSpans` (gold's links and spans wherever the ends
 * lie) say whether gold has the link, and whether it has both ends to accept it onto. Items by their key.
 */
export function diffLinks(
  layers: { id: number; name: string }[],
  links: LayerLink[],
  goldLinks: LayerLink[],
  goldSpans: LayerSpan[],
  directed: (typeId: number) => boolean,
): CurationLinkItem[] {
  const order = new Map(layers.map((l, i) => [l.id, i]));
  const keyOf = (l: LayerLink) => linkKey(l.typeId, spanKey(l.from), spanKey(l.to), directed(l.typeId));
  const goldLink = new Map(goldLinks.map((l) => [keyOf(l), l.id]));
  const goldSpan = new Set(goldSpans.map(spanKey));
  const byKey = new Map<string, CurationLinkItem>();
  for (const l of links.filter((x) => order.has(x.annotatorId)).sort((a, b) => order.get(a.annotatorId)! - order.get(b.annotatorId)! || a.id - b.id)) {
    const k = keyOf(l);
    const end = (s: LayerSpan) => ({ docId: s.docId, labelId: s.labelId, start: s.start, end: s.end, text: s.text });
    const item = byKey.get(k) ?? {
      key: k,
      kind: 'missing' as const,
      typeId: l.typeId,
      from: end(l.from),
      to: end(l.to),
      annotators: [],
      linkIds: [],
      missingFrom: [],
      goldLinkId: goldLink.get(k) ?? null,
      endsInGold: goldSpan.has(spanKey(l.from)) && goldSpan.has(spanKey(l.to)),
    };
    const name = layers[order.get(l.annotatorId)!].name;
    if (!item.annotators.includes(name)) item.annotators.push(name);
    item.linkIds.push(l.id);
    byKey.set(k, item);
  }
  return [...byKey.values()]
    .map((i) => {
      const missingFrom = layers.map((l) => l.name).filter((n) => !i.annotators.includes(n));
      return { ...i, missingFrom, kind: missingFrom.length ? ('missing' as const) : ('agree' as const) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
