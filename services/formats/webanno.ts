/**
 * WebAnno TSV 3.x (INCEpTION, WebAnno 3): import.
 *
 * What the format holds and how it comes into Crosscheck (spec: INCEpTION user guide "WebAnno TSV 3.3 File
 * format"; behaviour: INCEpTION's Tsv3XDeserializer, which this reader follows where the guide is silent):
 *
 * - Text. The document text is rebuilt the way INCEpTION rebuilds it: every `#Text=` line is unescaped and
 *   followed by "\n" (a sentence written as two `#Text=` lines had a line break inside it); before a sentence
 *   whose first token starts past the end of the text so far, spaces fill the gap; a sentence whose first token
 *   starts one before the end (no space between the sentences) takes back the "\n" of the previous one. Text
 *   between sentences is not in the file, so it comes back as "\n" or spaces, and the text ends with "\n".
 * - Offsets. Token offsets are UTF-16 units (Java's String; the guide says so, and testSentenceWithEmoji has
 *   the emoji at 10-12 and the next token at 13-14). They are converted to code points here. A token's text
 *   column must equal the text at its offsets: a file written with code-point or byte offsets fails with the
 *   line and both texts instead of importing shifted spans.
 * - Span layers (`#T_SP=`). One Crosscheck span per annotation: multi-token annotations (`PER[2]` on several
 *   tokens, also across sentences) are one span from the first to the last of their units; stacked
 *   annotations (`A|B`) are separate spans. Label: the value of the layer's first feature that has one
 *   (`PER`, `NNP`); the layer's short name (`Span`, `NamedEntity`) when no feature has a value (`*`, or a
 *   layer without features). Attributes: `layer` (the full type name) and every feature that has a value.
 * - Slot features (`ROLE_…` + target column): each filled slot becomes a link from the host span to the
 *   target span, typed by the role (the feature name when the role is empty).
 * - Relation layers (`#T_RL=`): each relation becomes a link from its source to its target span, typed by the
 *   value of its first feature (`SUBJ`, `nsubj`), or the layer's short name when it has none. Other feature
 *   values of a relation are not kept. A relation whose ends are not spans Crosscheck has (the base type is
 *   `Token`, which is not a span here, or the unit has no annotation of the base layer) is left out and
 *   counted in the notes; a relation from a span to itself is dropped by ingest().
 * - Chain layers (`#T_CH=`, coreference): each chain element becomes a span (label: its `referenceType`, or
 *   the layer's short name), and consecutive elements of a chain are linked `same-as`, so a chain becomes a
 *   Crosscheck cluster. The `referenceRelation` value is kept as an attribute of the element it starts from.
 * - Zero-width annotations (`0-0` sub-tokens) cannot be Crosscheck spans (a span covers at least one
 *   character): they are left out, with the links that touch them, and counted in the notes.
 * - Escapes: `#Text=` lines unescape `\t \n \r \f \b \\` and backslash + control character (TSV 3.2+; Java
 *   escapes for 3.0/3.1); feature values unescape `\\ \[ \] \| \_ \-> \; \t \n \*`. `|` (stacks), `;` (slots)
 *   and `[`/`]` (ids) count only when not escaped.
 */
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';
import type { ParsedDoc, ParsedSpan } from './types.js';

type LayerKind = 'span' | 'relation' | 'chain';
type ColumnKind = 'placeholder' | 'primitive' | 'slotRole' | 'slotTarget' | 'relationRef' | 'chainType' | 'chainLink';

interface Layer {
  kind: LayerKind;
  type: string;
  short: string;
  /** For relation layers: the type of the annotations a relation connects (`BT_…`). */
  baseType: string | null;
}

interface Column {
  index: number;
  layer: Layer;
  kind: ColumnKind;
  feature: string;
  /** Slot target columns: the type of the slot targets. */
  targetType: string | null;
}

interface Unit {
  id: string;
  begin: number;
  end: number;
  line: number;
  /** Annotations on this unit per layer, by stacking index (INCEpTION's "unit annotations"). */
  annos: Map<Layer, Anno[]>;
}

interface SpanAnno {
  kind: 'span';
  layer: Layer;
  begin: number;
  end: number;
  line: number;
  features: Map<string, string>;
  slots: Map<string, { roles: (string | null)[]; targets: string[] | null; line: number }>;
  key?: string;
}

interface RelationAnno {
  kind: 'relation';
  layer: Layer;
  unit: Unit;
  line: number;
  features: Map<string, string>;
  source: string | null;
  sourceId: number;
  targetId: number;
}

interface ChainAnno {
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

type Anno = SpanAnno | RelationAnno | ChainAnno;

export interface WebAnnoRead {
  doc: ParsedDoc;
  /** What the file had that Crosscheck does not keep (zero-width spans, relations on tokens), counted. */
  notes: string[];
}

/** `file`'s WebAnno TSV 3.x text as one document: spans, links from relations, slots and chains. */
export function parseWebAnnoTsv3(text: string, file: string): ParsedDoc {
  return readWebAnnoTsv3(text, file).doc;
}

/** parseWebAnnoTsv3 plus notes on what was left out. Errors name `file:line` and the reason. */
export function readWebAnnoTsv3(input: string, file: string): WebAnnoRead {
  const fail = (line: number, reason: string): never => {
    throw new AppError('InvalidInput', `${file}:${line}: ${reason}`);
  };
  const raw = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = raw.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();

  // Format line.
  const format = /^#FORMAT=(.*) (\d+)\.(\d+)$/.exec(lines[0] ?? '');
  if (!format || format[2] !== '3') {
    fail(1, `not a WebAnno TSV 3 file: the first line must be "#FORMAT=WebAnno TSV 3.x", not ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
  }
  const minor = Number(format![3]);

  // Schema: one line per layer, columns in order.
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
    for (let i = 1; i < fields.length; i++) {
      const decl = fields[i];
      const prev = columns[columns.length - 1];
      let col: Column;
      if (kind === 'span' && decl.startsWith('ROLE_')) {
        const feature = (decl.split('_')[1] ?? '').split(':').pop() ?? '';
        if (!feature) fail(n + 1, `cannot read the slot feature of ${JSON.stringify(decl)}`);
        col = { index: columns.length, layer, kind: 'slotRole', feature, targetType: null };
      } else if (kind === 'span' && prev?.layer === layer && prev.kind === 'slotRole') {
        col = { index: columns.length, layer, kind: 'slotTarget', feature: prev.feature, targetType: decl };
      } else if (kind === 'span' && decl.includes('.')) {
        col = fail(n + 1, `${JSON.stringify(decl)} looks like a slot target type, but no ROLE_ column comes before it`);
      } else if (kind === 'relation' && decl.startsWith('BT_')) {
        layer.baseType = decl.slice(3);
        col = { index: columns.length, layer, kind: 'relationRef', feature: '', targetType: null };
      } else if (kind === 'chain' && decl === 'referenceType') {
        col = { index: columns.length, layer, kind: 'chainType', feature: decl, targetType: null };
      } else if (kind === 'chain' && decl === 'referenceRelation') {
        col = { index: columns.length, layer, kind: 'chainLink', feature: decl, targetType: null };
      } else {
        col = { index: columns.length, layer, kind: 'primitive', feature: decl, targetType: null };
      }
      columns.push(col);
    }
    if (kind === 'relation' && layer.baseType === null) fail(n + 1, `relation layer ${type} has no BT_ column (the type its relations connect)`);
    if (kind === 'chain' && !columns.some((c) => c.layer === layer && c.kind === 'chainLink')) {
      fail(n + 1, `chain layer ${type} has no referenceRelation column`);
    }
  }
  const spanLayerByType = new Map(layers.filter((l) => l.kind !== 'relation').map((l) => [l.type, l]));

  // Body.
  let text = '';
  let sentenceText = '';
  let state: 'inter' | 'header' | 'token' = 'inter';
  let headerLine = 0;
  let lastToken: Unit | null = null;
  const units = new Map<string, Unit>();
  const spans: SpanAnno[] = [];
  const relations: RelationAnno[] = [];
  const chains = new Map<string, Map<number, ChainAnno>>();
  const chainOrder: ChainAnno[] = [];
  const byDisambiguation = new Map<number, SpanAnno>();
  const deferredChainFeatures: { unit: Unit; layer: Layer; stack: number; feature: string; value: string; line: number }[] = [];
  const unescText = minor <= 1 ? unescapeJava : unescapeText3;

  for (; n < lines.length; n++) {
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
    const fields = line.split('\t');
    if (fields.length < columns.length + 3) {
      fail(at, `expected ${columns.length + 3} tab-separated fields (id, offsets, token and ${columns.length} layer column(s)), found ${fields.length}`);
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
      if (text.length > begin) {
        if (text.length === begin + 1 && text.endsWith('\n')) text = text.slice(0, -1);
        else fail(at, `the sentence starts at ${begin}, but the sentences before it already fill ${text.length} UTF-16 units`);
      }
      text += ' '.repeat(begin - text.length) + sentenceText;
      sentenceText = '';
      state = 'token';
      lastToken = null;
    }
    if (end < begin) fail(at, `token ${id} ends (${end}) before it begins (${begin})`);
    if (end > text.length) fail(at, `token ${id} ends at ${end}, past the end of the text so far (${text.length} UTF-16 units)`);
    const covered = text.slice(begin, end);
    if (fields[2] !== covered) {
      fail(
        at,
        `token ${id} at ${begin}-${end} is ${JSON.stringify(covered)} in the #Text= lines, but the token column says ${JSON.stringify(fields[2])} ` +
          '(WebAnno offsets count UTF-16 units)',
      );
    }
    if (subtoken && !lastToken) fail(at, `sub-token ${id} comes before its token`);
    if (units.has(id)) fail(at, `token id ${id} appears twice`);
    const unit: Unit = { id, begin, end, line: at, annos: new Map() };
    units.set(id, unit);
    if (!subtoken) lastToken = unit;

    for (const col of columns) {
      const rawValue = fields[col.index + 3];
      if (rawValue === '_' || rawValue === '') continue;
      splitUnescaped(rawValue, '|').forEach((value, stack) => {
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
        if (col.layer.kind === 'span') {
          let anno = list[stack] as SpanAnno | undefined;
          const disambiguation = info === null ? -1 : Number(info);
          if (info !== null && !/^\d+$/.test(info)) fail(at, `${JSON.stringify(value)}: [${info}] is not a number`);
          if (!anno && disambiguation !== -1) {
            anno = byDisambiguation.get(disambiguation);
            if (anno) {
              anno.begin = Math.min(anno.begin, unit.begin);
              anno.end = Math.max(anno.end, unit.end);
              list.push(anno);
            }
          }
          if (!anno) {
            anno = { kind: 'span', layer: col.layer, begin: unit.begin, end: unit.end, line: at, features: new Map(), slots: new Map() };
            spans.push(anno);
            list.push(anno);
          }
          if (disambiguation !== -1) {
            const other = byDisambiguation.get(disambiguation);
            if (other && other !== anno) fail(at, `[${disambiguation}] names two different annotations`);
            byDisambiguation.set(disambiguation, anno);
          }
          if (col.kind === 'primitive' && v !== '*') anno.features.set(col.feature, unescapeValue(v));
          if (col.kind === 'slotRole') {
            const roles = v === '_' ? [] : splitUnescaped(v, ';').map((r) => (r === '*' ? null : unescapeValue(r)));
            anno.slots.set(col.feature, { roles, targets: null, line: at });
          }
        } else if (col.layer.kind === 'relation') {
          let rel = list[stack] as RelationAnno | undefined;
          if (!rel) {
            rel = { kind: 'relation', layer: col.layer, unit, line: at, features: new Map(), source: null, sourceId: -1, targetId: -1 };
            relations.push(rel);
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
        } else if (col.kind === 'chainLink') {
          const ce = info === null ? null : /^(\d+)-(\d+)$/.exec(info);
          if (!ce) return fail(at, `${JSON.stringify(value)}: a chain link must end in ->chain-element`);
          const chain = Number(ce[1]);
          const element = Number(ce[2]);
          const key = `${col.layer.type}\u0000${chain}`;
          const elements = chains.get(key) ?? new Map<number, ChainAnno>();
          chains.set(key, elements);
          let anno = (list[stack] as ChainAnno | undefined) ?? elements.get(element);
          if (anno && !list.includes(anno)) list.push(anno);
          if (anno) {
            anno.begin = Math.min(anno.begin, unit.begin);
            anno.end = Math.max(anno.end, unit.end);
          } else {
            anno = { kind: 'chain', layer: col.layer, begin: unit.begin, end: unit.end, line: at, chain, element, features: new Map() };
            elements.set(element, anno);
            chainOrder.push(anno);
            list.push(anno);
          }
          if (v !== '*') anno.features.set(col.feature, unescapeValue(v));
        } else if (col.kind !== 'placeholder') {
          // referenceType and other chain features: set once the element exists (its link column may come later).
          deferredChainFeatures.push({ unit, layer: col.layer, stack, feature: col.feature, value: v, line: at });
        }
      });
    }
  }
  if (state === 'header') fail(headerLine, 'a sentence without token lines (each #Text= sentence needs its tokens)');

  for (const d of deferredChainFeatures) {
    const anno = d.unit.annos.get(d.layer)?.[d.stack];
    if (!anno || anno.kind !== 'chain') fail(d.line, `a ${d.feature} value for chain layer ${d.layer.short} without a chain link in the same position`);
    if (d.value !== '*') (anno as ChainAnno).features.set(d.feature, unescapeValue(d.value));
  }

  // Spans, in the order the file declares them; zero-width ones are left out.
  const index = buildOffsetIndex(text);
  const out: ParsedSpan[] = [];
  let zeroWidth = 0;
  const add = (a: SpanAnno | ChainAnno, label: string, attributes: Record<string, string>) => {
    if (a.end <= a.begin) {
      zeroWidth++;
      return;
    }
    const start = cpStart(index, a.begin);
    const end = cpEnd(index, a.end);
    a.key = `${file}#${out.length + 1}`;
    out.push({ key: a.key, start, end, label, attributes, text: text.slice(a.begin, a.end), at: `${file}:${a.line}` });
  };
  for (const s of spans) {
    const attributes: Record<string, string> = { layer: s.layer.type };
    for (const [f, v] of s.features) attributes[f] = v;
    const value = [...s.features.values()].find((v) => v.trim() !== '');
    add(s, value ?? s.layer.short, attributes);
  }
  for (const c of chainOrder) {
    const attributes: Record<string, string> = { layer: c.layer.type, chain: String(c.chain) };
    for (const [f, v] of c.features) attributes[f] = v;
    const type = c.features.get('referenceType');
    add(c, type && type.trim() ? type : c.layer.short, attributes);
  }

  // Links.
  const links: ParsedDoc['links'] = [];
  let droppedLinks = 0;
  const link = (from: { key?: string }, to: { key?: string }, type: string) => {
    if (from.key && to.key) links.push({ from: from.key, to: to.key, type });
    else droppedLinks++;
  };
  const unitOf = (ref: string, line: number) => units.get(ref) ?? fail(line, `${ref} names no token of this file`);
  const firstOf = (unit: Unit, layer: Layer | undefined) => {
    const list = layer ? unit.annos.get(layer) : [...unit.annos.entries()].filter(([l]) => l.kind !== 'relation').flatMap(([, v]) => v);
    return list?.find((a) => a.kind !== 'relation') as SpanAnno | ChainAnno | undefined;
  };

  for (const s of spans) {
    for (const [feature, slot] of s.slots) {
      const targets = slot.targets ?? [];
      const filled = targets.filter((t) => t !== '*');
      if (targets.length !== slot.roles.length && !(slot.roles.length === 0 && filled.length === 0)) {
        fail(slot.line, `${slot.roles.length} slot role(s) but ${targets.length} slot target(s) for ${feature}`);
      }
      const col = columns.find((c) => c.layer === s.layer && c.kind === 'slotTarget' && c.feature === feature);
      targets.forEach((t, i) => {
        if (t === '*' || t === '_') return;
        const { value: ref, id } = splitSuffix(t, slot.line, fail);
        let target: SpanAnno | ChainAnno | undefined;
        if (id !== null && Number(id) > 0) target = byDisambiguation.get(Number(id)) ?? fail(slot.line, `slot target [${id}] names no annotation`);
        else target = firstOf(unitOf(ref, slot.line), col?.targetType ? spanLayerByType.get(col.targetType) : undefined);
        if (!target) {
          // uima.tcas.Annotation and other types that are no layer of this file: any span on the unit.
          target = firstOf(unitOf(ref, slot.line), undefined);
        }
        if (!target) return fail(slot.line, `slot target ${t} has no annotation to point to`);
        link(s, target, slot.roles[i] ?? feature);
      });
    }
  }

  let relationsOnTokens = 0;
  for (const r of relations) {
    if (r.source === null) fail(r.line, `a ${r.layer.short} relation without its source column`);
    const base = spanLayerByType.get(r.layer.baseType!);
    const resolve = (ref: string, id: number) => {
      if (id > 0) return byDisambiguation.get(id) ?? fail(r.line, `relation end [${id}] names no annotation`);
      return base ? firstOf(unitOf(ref, r.line), base) : undefined;
    };
    unitOf(r.source!, r.line);
    const from = resolve(r.source!, r.sourceId);
    const to = resolve(r.unit.id, r.targetId);
    if (!from || !to) {
      relationsOnTokens++;
      continue;
    }
    const value = [...r.features.values()].find((v) => v.trim() !== '');
    link(from, to, value ?? r.layer.short);
  }

  for (const elements of chains.values()) {
    const ordered = [...elements.entries()].sort((a, b) => a[0] - b[0]).map(([, a]) => a);
    for (let i = 1; i < ordered.length; i++) link(ordered[i - 1], ordered[i], 'same-as');
  }

  const notes: string[] = [];
  if (zeroWidth) notes.push(`${file}: ${zeroWidth} zero-width annotation(s) left out (a Crosscheck span covers at least one character)`);
  if (droppedLinks) notes.push(`${file}: ${droppedLinks} link(s) left out because an end is a zero-width annotation`);
  if (relationsOnTokens) {
    notes.push(`${file}: ${relationsOnTokens} relation(s) left out: their ends are tokens or units without an annotation of the relation's base layer`);
  }
  const base = file.split(/[\\/]/).pop() ?? file;
  return { doc: { title: base.replace(/\.tsv$/i, ''), text, path: file, spans: out, links }, notes };
}

/** Code point offset of a UTF-16 start (inside a surrogate pair: the pair's start). */
function cpStart(index: OffsetIndex, u: number): number {
  return utf16ToCp(index, u);
}

/** Code point offset of a UTF-16 end (inside a surrogate pair: after the pair, so no half character is cut). */
function cpEnd(index: OffsetIndex, u: number): number {
  const cp = utf16ToCp(index, u);
  return cpToUtf16(index, cp) === u ? cp : cp + 1;
}

/** Whether the character at `i` is escaped (an odd number of backslashes before it). */
function escaped(s: string, i: number): boolean {
  let k = 0;
  while (i - k - 1 >= 0 && s[i - k - 1] === '\\') k++;
  return k % 2 === 1;
}

/** Splits at `sep` where it is not escaped. */
export function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === sep) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

/** A value's `[id]` suffix (disambiguation id, chain id, `source_target`) or `->chain-element` suffix. */
function splitSuffix(value: string, line: number, fail: (line: number, reason: string) => never): { value: string; id: string | null } {
  if (value.endsWith(']') && !escaped(value, value.length - 1)) {
    for (let i = value.length - 2; i >= 0; i--) {
      if (value[i] === '[' && !escaped(value, i)) return { value: value.slice(0, i), id: value.slice(i + 1, -1) };
    }
    return fail(line, `${JSON.stringify(value)} ends in ] without a [`);
  }
  const chain = /^(.*)->(\d+-\d+)$/s.exec(value);
  if (chain && !escaped(value, chain[1].length)) return { value: chain[1], id: chain[2] };
  return { value, id: null };
}

const VALUE_ESCAPES: Record<string, string> = { '\\': '\\', '[': '[', ']': ']', '|': '|', _: '_', ';': ';', t: '\t', n: '\n', '*': '*' };

/** Feature values: `\\ \[ \] \| \_ \-> \; \t \n \*`, left to right (INCEpTION's Escaping.unescapeValue). */
export function unescapeValue(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const next = s[i + 1];
      if (next in VALUE_ESCAPES) {
        out += VALUE_ESCAPES[next];
        i++;
        continue;
      }
      if (next === '-' && s[i + 2] === '>') {
        out += '->';
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

const TEXT_ESCAPES: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\' };

/** `#Text=` lines of TSV 3.2+: `\t \n \f \r \b \\`, and backslash + a control character stands for that character. */
export function unescapeText3(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const next = s[i + 1];
      const code = next.charCodeAt(0);
      if (next in TEXT_ESCAPES) {
        out += TEXT_ESCAPES[next];
        i++;
        continue;
      }
      if (code < 32 && !(code > 7 && code < 14)) {
        out += next;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** `#Text=` lines of TSV 3.0/3.1: Java string escapes (commons-lang unescapeJava). */
function unescapeJava(s: string): string {
  if (!s.includes('\\')) return s;
  const simple: Record<string, string> = { t: '\t', n: '\n', f: '\f', r: '\r', b: '\b', '\\': '\\', '"': '"', "'": "'" };
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const next = s[i + 1];
      if (next in simple) {
        out += simple[next];
        i++;
        continue;
      }
      const u = /^u+([0-9a-fA-F]{4})/.exec(s.slice(i + 1));
      if (u) {
        out += String.fromCharCode(parseInt(u[1], 16));
        i += u[0].length;
        continue;
      }
      const o = /^[0-3]?[0-7]{1,2}/.exec(s.slice(i + 1));
      if (o) {
        out += String.fromCharCode(parseInt(o[0], 8));
        i += o[0].length;
        continue;
      }
    }
    out += c;
  }
  return out;
}
