/**
 * WebAnno TSV 3.x, the head of the file (for webanno-import.ts): the `#FORMAT=` line and the layer
 * declarations (`#T_SP=`, `#T_RL=`, `#T_CH=`), turned into the list of columns every token line then has.
 */

export type LayerKind = 'span' | 'relation' | 'chain';
export type ColumnKind = 'placeholder' | 'primitive' | 'slotRole' | 'slotTarget' | 'relationRef' | 'chainType' | 'chainLink';

/** Throws the import's error for a line of the file (1-based). */
export type Fail = (line: number, reason: string) => never;

export interface Layer {
  kind: LayerKind;
  type: string;
  short: string;
  /** For relation layers: the type of the annotations a relation connects (`BT_…`). */
  baseType: string | null;
}

export interface Column {
  index: number;
  layer: Layer;
  kind: ColumnKind;
  feature: string;
  /** Slot target columns: the type of the slot targets. */
  targetType: string | null;
}

/** The minor version of `#FORMAT=WebAnno TSV 3.x` on the first line; anything else fails on line 1. */
export function readFormatLine(lines: string[], fail: Fail): number {
  const format = /^#FORMAT=(.*) (\d+)\.(\d+)$/.exec(lines[0] ?? '');
  if (!format || format[2] !== '3') {
    fail(1, `not a WebAnno TSV 3 file: the first line must be "#FORMAT=WebAnno TSV 3.x", not ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
  }
  return Number(format![3]);
}

/**
 * The layer declarations after the format line (one line per layer, columns in order) and the index of the
 * first line after them. A relation layer needs its `BT_` column and a chain layer its referenceRelation.
 */
export function readSchema(lines: string[], fail: Fail): { columns: Column[]; layers: Layer[]; next: number } {
  const columns: Column[] = [];
  const layers: Layer[] = [];
  let n = 1;
  for (; n < lines.length; n++) {
    const line = lines[n];
    const m = /^#T_(SP|RL|CH)=(.*)$/.exec(line);
    if (!m) break;
    const kind: LayerKind = m[1] === 'SP' ? 'span' : m[1] === 'RL' ? 'relation' : 'chain';
    const fields = m[2].split('|').filter((f) => f !== '');
    if (!fields.length) fail(n + 1, 'a layer declaration without a type name');
    const type = fields[0];
    const layer: Layer = { kind, type, short: type.split('.').pop() || type, baseType: null };
    layers.push(layer);
    if (fields.length === 1) columns.push({ index: columns.length, layer, kind: 'placeholder', feature: '', targetType: null });
    for (let i = 1; i < fields.length; i++) columns.push(readColumn(fields[i], layer, columns, n + 1, fail));
    if (kind === 'relation' && layer.baseType === null) fail(n + 1, `relation layer ${type} has no BT_ column (the type its relations connect)`);
    if (kind === 'chain' && !columns.some((c) => c.layer === layer && c.kind === 'chainLink')) {
      fail(n + 1, `chain layer ${type} has no referenceRelation column`);
    }
  }
  return { columns, layers, next: n };
}

/** One feature declaration of a layer line as a column (sets a relation layer's base type from its `BT_`). */
function readColumn(decl: string, layer: Layer, columns: Column[], line: number, fail: Fail): Column {
  const kind = layer.kind;
  const prev = columns[columns.length - 1];
  const index = columns.length;
  if (kind === 'span' && decl.startsWith('ROLE_')) {
    const feature = (decl.split('_')[1] ?? '').split(':').pop() ?? '';
    if (!feature) fail(line, `cannot read the slot feature of ${JSON.stringify(decl)}`);
    return { index, layer, kind: 'slotRole', feature, targetType: null };
  }
  if (kind === 'span' && prev?.layer === layer && prev.kind === 'slotRole') {
    return { index, layer, kind: 'slotTarget', feature: prev.feature, targetType: decl };
  }
  if (kind === 'span' && decl.includes('.')) {
    return fail(line, `${JSON.stringify(decl)} looks like a slot target type, but no ROLE_ column comes before it`);
  }
  if (kind === 'relation' && decl.startsWith('BT_')) {
    layer.baseType = decl.slice(3);
    return { index, layer, kind: 'relationRef', feature: '', targetType: null };
  }
  if (kind === 'chain' && decl === 'referenceType') return { index, layer, kind: 'chainType', feature: decl, targetType: null };
  if (kind === 'chain' && decl === 'referenceRelation') return { index, layer, kind: 'chainLink', feature: decl, targetType: null };
  return { index, layer, kind: 'primitive', feature: decl, targetType: null };
}
