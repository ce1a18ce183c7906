/**
 * WebAnno TSV 3.x, links (for webanno-import.ts): slot features, relation layers and chains resolved to the
 * span annotations they connect, once every span has its key. The rules are at the top of webanno-import.ts.
 */
import type { ImportContext, ParsedDoc } from './types.js';
import { splitSuffix } from './webanno-escapes.js';
import type { Body, ChainAnno, SpanAnno, Unit } from './webanno-rows.js';
import type { Column, Fail, Layer } from './webanno-schema.js';

type Target = SpanAnno | ChainAnno;

/** What the three kinds of links need: the body, the columns, where links go and where left-out ones are told. */
class Resolver {
  readonly links: ParsedDoc['links'] = [];
  readonly spanLayerByType: Map<string, Layer>;

  constructor(
    readonly body: Body,
    readonly columns: Column[],
    layers: Layer[],
    readonly fail: Fail,
    readonly ctx: ImportContext,
  ) {
    this.spanLayerByType = new Map(layers.filter((l) => l.kind !== 'relation').map((l) => [l.type, l]));
  }

  /** A link between two annotations; one from an annotation to itself (a ROOT dependency) is left out and told. */
  link(from: Target, to: Target, type: string, line: number, what: string): void {
    if (from === to) {
      this.ctx.drop(`line ${line}`, `${what} ${JSON.stringify(type)}`, 'its source and target are the same annotation; a Crosscheck link joins two spans');
      return;
    }
    this.links.push({ from: from.key!, to: to.key!, type });
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

/**
 * Slot links, then relation links, then chain links, in the file's order within each. What cannot be a link
 * (a relation between tokens, a relation or slot from an annotation to itself, a relation's feature values past
 * the one that types it) goes to `ctx.drop` with its line.
 */
export function resolveLinks(body: Body, columns: Column[], layers: Layer[], fail: Fail, ctx: ImportContext): ParsedDoc['links'] {
  const r = new Resolver(body, columns, layers, fail, ctx);
  slotLinks(r);
  relationLinks(r);
  chainLinks(r);
  return r.links;
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
        r.link(s, target, slot.roles[i] ?? feature, slot.line, `a ${s.layer.short} slot`);
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
    const what = `a ${rel.layer.short} relation`;
    if (!from || !to) {
      const end = !from ? 'source' : 'target';
      const why = base
        ? `its ${end} token has no ${base.short} annotation to be the span it joins; Crosscheck links join spans, and tokens are not spans`
        : `it joins tokens (its base type ${rel.layer.baseType!.split('.').pop()} is no span layer of this file), and tokens are not Crosscheck spans`;
      r.ctx.drop(`line ${rel.line}`, what, why);
      continue;
    }
    // The first feature with a value types the link; the others have nowhere to go on a Crosscheck link.
    const valued = [...rel.features].filter(([, v]) => v.trim() !== '');
    for (const [feature, v] of valued.slice(1)) {
      r.ctx.drop(`line ${rel.line}`, `feature ${feature}=${JSON.stringify(v)} of ${what}`, `a Crosscheck link has a type only (here ${JSON.stringify(valued[0][1])}, the first feature with a value)`);
    }
    r.link(from, to, valued[0]?.[1] ?? rel.layer.short, rel.line, what);
  }
}

/** Consecutive elements of each chain (by element number) linked same-as, so a chain becomes a cluster. */
function chainLinks(r: Resolver): void {
  for (const elements of r.body.chains.values()) {
    const ordered = [...elements.entries()].sort((a, b) => a[0] - b[0]).map(([, a]) => a);
    for (let i = 1; i < ordered.length; i++) r.link(ordered[i - 1], ordered[i], 'same-as', ordered[i].line, `a ${ordered[i].layer.short} chain link`);
  }
}
