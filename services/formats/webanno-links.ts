/**
 * WebAnno TSV 3.x, links (for webanno-import.ts): slot features, relation layers and chains resolved to the
 * span annotations they connect, once every span has its key. The rules are at the top of webanno-import.ts.
 */
import type { ParsedDoc } from './types.js';
import { splitSuffix } from './webanno-escapes.js';
import type { Body, ChainAnno, SpanAnno, Unit } from './webanno-rows.js';
import type { Column, Fail, Layer } from './webanno-schema.js';

type Target = SpanAnno | ChainAnno;

/** The links of a file, and how many were left out (an end without a span, a relation between tokens). */
export interface ResolvedLinks {
  links: ParsedDoc['links'];
  /** Links with an end that is a zero-width annotation (which has no key). */
  droppedLinks: number;
  /** Relations whose ends are tokens or units without an annotation of the base layer. */
  relationsOnTokens: number;
}

/** What the three kinds of links need: the body, the columns, and where links go. */
class Resolver {
  readonly out: ResolvedLinks = { links: [], droppedLinks: 0, relationsOnTokens: 0 };
  readonly spanLayerByType: Map<string, Layer>;

  constructor(
    readonly body: Body,
    readonly columns: Column[],
    layers: Layer[],
    readonly fail: Fail,
  ) {
    this.spanLayerByType = new Map(layers.filter((l) => l.kind !== 'relation').map((l) => [l.type, l]));
  }

  link(from: { key?: string }, to: { key?: string }, type: string): void {
    if (from.key && to.key) this.out.links.push({ from: from.key, to: to.key, type });
    else this.out.droppedLinks++;
  }

  unitOf(ref: string, line: number): Unit {
    return this.body.units.get(ref) ?? this.fail(line, `${ref} names no token of this file`);
  }

  /** The first span or chain annotation on a unit, of `layer` or (undefined) of any layer. */
  firstOf(unit: Unit, layer: Layer | undefined): Target | undefined {
    const list = layer ? unit.annos.get(layer) : [...unit.annos.entries()].filter(([l]) => l.kind !== 'relation').flatMap(([, v]) => v);
    return list?.find((a) => a.kind !== 'relation') as Target | undefined;
  }
}

/** Slot links, then relation links, then chain links, in the file's order within each. */
export function resolveLinks(body: Body, columns: Column[], layers: Layer[], fail: Fail): ResolvedLinks {
  const r = new Resolver(body, columns, layers, fail);
  slotLinks(r);
  relationLinks(r);
  chainLinks(r);
  return r.out;
}

/** Each filled slot: a link from the host span to the target, typed by the role (else the feature name). */
function slotLinks(r: Resolver): void {
  const { fail } = r;
  for (const s of r.body.spans) {
    for (const [feature, slot] of s.slots) {
      const targets = slot.targets ?? [];
      const filled = targets.filter((t) => t !== '*');
      if (targets.length !== slot.roles.length && !(slot.roles.length === 0 && filled.length === 0)) {
        fail(slot.line, `${slot.roles.length} slot role(s) but ${targets.length} slot target(s) for ${feature}`);
      }
      const col = r.columns.find((c) => c.layer === s.layer && c.kind === 'slotTarget' && c.feature === feature);
      targets.forEach((t, i) => {
        if (t === '*' || t === '_') return;
        const { value: ref, id } = splitSuffix(t, slot.line, fail);
        let target: Target | undefined;
        if (id !== null && Number(id) > 0) target = r.body.byDisambiguation.get(Number(id)) ?? fail(slot.line, `slot target [${id}] names no annotation`);
        else target = r.firstOf(r.unitOf(ref, slot.line), col?.targetType ? r.spanLayerByType.get(col.targetType) : undefined);
        if (!target) {
          // uima.tcas.Annotation and other types that are no layer of this file: any span on the unit.
          target = r.firstOf(r.unitOf(ref, slot.line), undefined);
        }
        if (!target) return fail(slot.line, `slot target ${t} has no annotation to point to`);
        r.link(s, target, slot.roles[i] ?? feature);
      });
    }
  }
}

/** Each relation: a link from its source to its target annotation, typed by its first feature value. */
function relationLinks(r: Resolver): void {
  const { fail } = r;
  for (const rel of r.body.relations) {
    if (rel.source === null) fail(rel.line, `a ${rel.layer.short} relation without its source column`);
    const base = r.spanLayerByType.get(rel.layer.baseType!);
    const resolve = (ref: string, id: number) => {
      if (id > 0) return r.body.byDisambiguation.get(id) ?? fail(rel.line, `relation end [${id}] names no annotation`);
      return base ? r.firstOf(r.unitOf(ref, rel.line), base) : undefined;
    };
    r.unitOf(rel.source!, rel.line);
    const from = resolve(rel.source!, rel.sourceId);
    const to = resolve(rel.unit.id, rel.targetId);
    if (!from || !to) {
      r.out.relationsOnTokens++;
      continue;
    }
    const value = [...rel.features.values()].find((v) => v.trim() !== '');
    r.link(from, to, value ?? rel.layer.short);
  }
}

/** Consecutive elements of each chain (by element number) linked same-as, so a chain becomes a cluster. */
function chainLinks(r: Resolver): void {
  for (const elements of r.body.chains.values()) {
    const ordered = [...elements.entries()].sort((a, b) => a[0] - b[0]).map(([, a]) => a);
    for (let i = 1; i < ordered.length; i++) r.link(ordered[i - 1], ordered[i], 'same-as');
  }
}
