/**
 * WebAnno TSV 3.x, the body of the file (for webanno-import.ts): sentences (`#Text=` lines, from which the
 * document text is rebuilt as INCEpTION rebuilds it) and token rows, whose layer columns become span,
 * relation and chain annotations on the tokens. Offsets here are still UTF-16 units, as in the file.
 */
import { splitSuffix, splitUnescaped, unescapeJava, unescapeText3, unescapeValue } from './webanno-escapes.js';
import type { Column, Fail, Layer } from './webanno-schema.js';

/** A token or sub-token row. */
export interface Unit {
  id: string;
  begin: number;
  end: number;
  line: number;
  /** Annotations on this unit per layer, by stacking index (INCEpTION's "unit annotations"). */
  annos: Map<Layer, Anno[]>;
}

export interface SpanAnno {
  kind: 'span';
  layer: Layer;
  begin: number;
  end: number;
  line: number;
  features: Map<string, string>;
  slots: Map<string, { roles: (string | null)[]; targets: string[] | null; line: number }>;
  key?: string;
}

export interface RelationAnno {
  kind: 'relation';
  layer: Layer;
  unit: Unit;
  line: number;
  features: Map<string, string>;
  source: string | null;
  sourceId: number;
  targetId: number;
}

export interface ChainAnno {
  kind: 'chain';
  layer: Layer;
  begin: number;
  end: number;
  line: number;
  chain: number;
  element: number;
  features: Map<string, string>;
  key?: string;
}

export type Anno = SpanAnno | RelationAnno | ChainAnno;

/** A chain feature other than the link (referenceType): applied once the element exists. */
interface DeferredChainFeature {
  unit: Unit;
  layer: Layer;
  stack: number;
  feature: string;
  value: string;
  line: number;
}

/** What the body of a file holds. */
export interface Body {
  /** The document text rebuilt from the `#Text=` lines (UTF-16, as the offsets count). */
  text: string;
  /** Token and sub-token rows by id ("1-3", "1-3.1"). */
  units: Map<string, Unit>;
  /** Span annotations in the order the file declares them. */
  spans: SpanAnno[];
  relations: RelationAnno[];
  /** Chain elements by `<layer type>\u0000<chain number>`, then by element number. */
  chains: Map<string, Map<number, ChainAnno>>;
  /** Chain elements in the order the file declares them. */
  chainOrder: ChainAnno[];
  /** Multi-token span annotations by their `[n]` disambiguation id. */
  byDisambiguation: Map<number, SpanAnno>;
  deferredChainFeatures: DeferredChainFeature[];
}

/**
 * Reads the sentences and token rows from `lines[from]` on. Before a sentence whose first token starts past
 * the end of the text so far, spaces fill the gap; a sentence that starts one before the end takes back the
 * "\n" of the previous one. A token whose text column is not the text at its offsets fails with both texts.
 */
export function readBody(lines: string[], from: number, columns: Column[], minor: number, fail: Fail): Body {
  const body: Body = {
    text: '',
    units: new Map(),
    spans: [],
    relations: [],
    chains: new Map(),
    chainOrder: [],
    byDisambiguation: new Map(),
    deferredChainFeatures: [],
  };
  let sentenceText = '';
  let state: 'inter' | 'header' | 'token' = 'inter';
  let headerLine = 0;
  let lastToken: Unit | null = null;
  const unescText = minor <= 1 ? unescapeJava : unescapeText3;

  for (let n = from; n < lines.length; n++) {
    const line = lines[n];
    const at = n + 1;
    if (line === '') {
      if (state === 'header') fail(headerLine, 'a sentence without token lines (each #Text= sentence needs its tokens)');
      state = 'inter';
      continue;
    }
    if (line.startsWith('#')) {
      if (state !== 'header') {
        state = 'header';
        sentenceText = '';
        headerLine = at;
      }
      if (line.startsWith('#Text=')) sentenceText += unescText(line.slice(6)) + '\n';
      continue;
    }
    if (state === 'inter') fail(at, 'a token line outside a sentence (no #Text= line before it)');
    // INCEpTION ends every token row with a tab (Tsv3XSerializer); a row without that last tab reads the same.
    // Every other field is counted: a row with fewer or more columns than the header declares would file its
    // values under the wrong layers (INCEpTION's own reader only refuses rows that are too short).
    const fields = (line.endsWith('\t') ? line.slice(0, -1) : line).split('\t');
    if (fields.length !== columns.length + 3) {
      fail(
        at,
        `expected ${columns.length + 3} tab-separated fields as the header declares (id, offsets, token and ${columns.length} layer column(s)), found ${fields.length}`,
      );
    }
    const id = fields[0];
    const idm = /^(\d+)-(\d+)(?:\.(\d+))?$/.exec(id);
    if (!idm) fail(at, `${JSON.stringify(id)} is not a token id (sentence-token or sentence-token.subtoken)`);
    const off = /^(\d+)-(\d+)$/.exec(fields[1]);
    if (!off) fail(at, `${JSON.stringify(fields[1])} is not begin-end offsets`);
    const begin = Number(off![1]);
    const end = Number(off![2]);
    const subtoken = idm![3] !== undefined;
    if (state === 'header') {
      if (subtoken) fail(at, `sub-token ${id} comes before any token of its sentence`);
      // Where INCEpTION puts the sentence: right at its first token.
      if (body.text.length > begin) {
        if (body.text.length === begin + 1 && body.text.endsWith('\n')) body.text = body.text.slice(0, -1);
        else fail(at, `the sentence starts at ${begin}, but the sentences before it already fill ${body.text.length} UTF-16 units`);
      }
      body.text += ' '.repeat(begin - body.text.length) + sentenceText;
      sentenceText = '';
      state = 'token';
      lastToken = null;
    }
    if (end < begin) fail(at, `token ${id} ends (${end}) before it begins (${begin})`);
    if (end > body.text.length) fail(at, `token ${id} ends at ${end}, past the end of the text so far (${body.text.length} UTF-16 units)`);
    const covered = body.text.slice(begin, end);
    if (fields[2] !== covered) {
      fail(
        at,
        `token ${id} at ${begin}-${end} is ${JSON.stringify(covered)} in the #Text= lines, but the token column says ${JSON.stringify(fields[2])} ` +
          '(WebAnno offsets count UTF-16 units)',
      );
    }
    if (subtoken && !lastToken) fail(at, `sub-token ${id} comes before its token`);
    if (body.units.has(id)) fail(at, `token id ${id} appears twice`);
    const unit: Unit = { id, begin, end, line: at, annos: new Map() };
    body.units.set(id, unit);
    if (!subtoken) lastToken = unit;

    for (const col of columns) {
      const rawValue = fields[col.index + 3];
      if (rawValue === '_' || rawValue === '') continue;
      splitUnescaped(rawValue, '|').forEach((value, stack) => addCell(body, unit, col, value, stack, at, fail));
    }
  }
  if (state === 'header') fail(headerLine, 'a sentence without token lines (each #Text= sentence needs its tokens)');
  return body;
}

/** One stacked value of one layer column of a token row, split from its `[id]` or `->chain-element` suffix. */
interface Cell {
  unit: Unit;
  col: Column;
  /** The annotations of the column's layer on the unit, by stack index. */
  list: Anno[];
  /** The value as written, suffix included (for error messages). */
  written: string;
  value: string;
  /** The suffix: `[id]` contents or the chain-element of `->chain-element`; null when none. */
  info: string | null;
  stack: number;
  line: number;
}

/** One stacked value of one layer column on a unit: starts or extends the annotation at that stack index. */
function addCell(body: Body, unit: Unit, col: Column, value: string, stack: number, at: number, fail: Fail): void {
  const list = unit.annos.get(col.layer) ?? [];
  unit.annos.set(col.layer, list);
  if (col.kind === 'slotTarget') {
    const host = list[stack];
    if (!host || host.kind !== 'span') return fail(at, `slot targets in column ${col.index + 4} without slot roles before them`);
    const slot = host.slots.get(col.feature);
    if (!slot) return fail(at, `slot targets in column ${col.index + 4} without slot roles before them`);
    slot.targets = value === '_' ? [] : splitUnescaped(value, ';');
    return;
  }
  const { value: v, id: info } = splitSuffix(value, at, fail);
  const cell: Cell = { unit, col, list, written: value, value: v, info, stack, line: at };
  if (col.layer.kind === 'span') addSpanCell(body, cell, fail);
  else if (col.layer.kind === 'relation') addRelationCell(body, cell, fail);
  else if (col.kind === 'chainLink') addChainLink(body, cell, fail);
  else if (col.kind !== 'placeholder') {
    // referenceType and other chain features: set once the element exists (its link column may come later).
    body.deferredChainFeatures.push({ unit, layer: col.layer, stack, feature: col.feature, value: v, line: at });
  }
}

/** A span layer value: `[n]` ties the units of one multi-token annotation together. */
function addSpanCell(body: Body, cell: Cell, fail: Fail): void {
  const { unit, list, col, written: value, value: v, info, stack, line: at } = cell;
  let anno = list[stack] as SpanAnno | undefined;
  const disambiguation = info === null ? -1 : Number(info);
  if (info !== null && !/^\d+$/.test(info)) fail(at, `${JSON.stringify(value)}: [${info}] is not a number`);
  if (!anno && disambiguation !== -1) {
    anno = body.byDisambiguation.get(disambiguation);
    if (anno) {
      anno.begin = Math.min(anno.begin, unit.begin);
      anno.end = Math.max(anno.end, unit.end);
      list.push(anno);
    }
  }
  if (!anno) {
    anno = { kind: 'span', layer: col.layer, begin: unit.begin, end: unit.end, line: at, features: new Map(), slots: new Map() };
    body.spans.push(anno);
    list.push(anno);
  }
  if (disambiguation !== -1) {
    const other = body.byDisambiguation.get(disambiguation);
    if (other && other !== anno) fail(at, `[${disambiguation}] names two different annotations`);
    body.byDisambiguation.set(disambiguation, anno);
  }
  if (col.kind === 'primitive' && v !== '*') anno.features.set(col.feature, unescapeValue(v));
  if (col.kind === 'slotRole') {
    const roles = v === '_' ? [] : splitUnescaped(v, ';').map((r) => (r === '*' ? null : unescapeValue(r)));
    anno.slots.set(col.feature, { roles, targets: null, line: at });
  }
}

/** A relation layer value: features, and in the `BT_` column the source unit with `[source_target]` ids. */
function addRelationCell(body: Body, cell: Cell, fail: Fail): void {
  const { unit, list, col, written: value, value: v, info, stack, line: at } = cell;
  let rel = list[stack] as RelationAnno | undefined;
  if (!rel) {
    rel = { kind: 'relation', layer: col.layer, unit, line: at, features: new Map(), source: null, sourceId: -1, targetId: -1 };
    body.relations.push(rel);
    list.push(rel);
  }
  if (col.kind === 'primitive' && v !== '*') rel.features.set(col.feature, unescapeValue(v));
  if (col.kind === 'relationRef') {
    rel.source = v;
    if (info !== null) {
      const ids = /^(\d+)_(\d+)$/.exec(info);
      if (!ids) fail(at, `${JSON.stringify(value)}: a relation's [source_target] ids must be two numbers`);
      rel.sourceId = Number(ids![1]);
      rel.targetId = Number(ids![2]);
    }
  }
}

/** A chain's referenceRelation value `…->chain-element`: starts or extends that chain element. */
function addChainLink(body: Body, cell: Cell, fail: Fail): void {
  const { unit, list, col, written: value, value: v, info, stack, line: at } = cell;
  const ce = info === null ? null : /^(\d+)-(\d+)$/.exec(info);
  if (!ce) return fail(at, `${JSON.stringify(value)}: a chain link must end in ->chain-element`);
  const chain = Number(ce[1]);
  const element = Number(ce[2]);
  const key = `${col.layer.type}\u0000${chain}`;
  const elements = body.chains.get(key) ?? new Map<number, ChainAnno>();
  body.chains.set(key, elements);
  let anno = (list[stack] as ChainAnno | undefined) ?? elements.get(element);
  if (anno && !list.includes(anno)) list.push(anno);
  if (anno) {
    anno.begin = Math.min(anno.begin, unit.begin);
    anno.end = Math.max(anno.end, unit.end);
  } else {
    anno = { kind: 'chain', layer: col.layer, begin: unit.begin, end: unit.end, line: at, chain, element, features: new Map() };
    elements.set(element, anno);
    body.chainOrder.push(anno);
    list.push(anno);
  }
  if (v !== '*') anno.features.set(col.feature, unescapeValue(v));
}

/** Sets the chain features read before their element existed; one without a chain link there fails. */
export function applyChainFeatures(body: Body, fail: Fail): void {
  for (const d of body.deferredChainFeatures) {
    const anno = d.unit.annos.get(d.layer)?.[d.stack];
    if (!anno || anno.kind !== 'chain') fail(d.line, `a ${d.feature} value for chain layer ${d.layer.short} without a chain link in the same position`);
    if (d.value !== '*') (anno as ChainAnno).features.set(d.feature, unescapeValue(d.value));
  }
}
