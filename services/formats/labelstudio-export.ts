/**
 * Label Studio JSON export (https://labelstud.io/guide/export.html#Label-Studio-JSON-format-of-annotated-tasks):
 * `export.json`, a JSON array of tasks `{id, data: {text, title, date, source}, annotations: [{result}]}` with
 * one `labels` result per span (its note in the region's `meta.text`), one per-region `choices` result per span
 * attribute, and one `relation` result per link inside the document ("right" when the link type is directed,
 * else "bi"); and `label_config.xml`, the labelling config those results refer to (`label` → `text`).
 *
 * Offsets are code points by default, the unit Label Studio itself saves (see labelstudio-import.ts for the
 * evidence), so the editor draws the regions where they were; the `offsets` option writes UTF-16 code units or
 * grapheme clusters instead, for tools that read the file otherwise (said in the notes).
 *
 * Span attributes. Each becomes the answer of a per-region Choices control named after the attribute, the shape
 * Label Studio saves for `<Choices perRegion="true">` on a text region: `{"id": <region id>, "from_name":
 * <attribute>, "to_name": "text", "type": "choices", "value": {start, end, text, "choices": [<value>]}}`, which
 * Crosscheck's import (labelstudio-results.ts) reads back as the same attribute. Choices rather than a TextArea
 * because that import reads a per-region text area as the span's note. The config declares one Choices control per
 * attribute, inside `<View visibleWhen="region-selected">` under a Header naming it, listing every value the export
 * wrote (`layout="select"`, a dropdown, past 10 values): Label Studio's editor marks selected only a choice its
 * config lists (HumanSignal/label-studio web/libs/editor/src/tags/control/Choices.jsx, setResult).
 * - A control name is any string, but must differ from the config's other names (label_studio/core/label_config.py
 *   validate_label_config: "Label config contains non-unique names") and, like every value in the config, hold only
 *   characters XML 1.0 allows. An attribute named `label` or `text`, or one holding such a character, is written as
 *   the control `attribute:<its name as a JSON string>` (controlOfAttribute; `attribute:"label"`), which the
 *   import maps back (attributeOfControl); the notes say so.
 * - Label Studio reads `$name` in a Choice's or Header's value as task data (web/libs/editor/src/utils/data.js
 *   parseValue): a value holding `$` is written as the Choice's `alias`, which is what Label Studio saves and is
 *   not parsed (Choice.jsx), with the shown value's `$` as "＄" (U+FF04).
 * - An empty value is left out (Label Studio saves no empty answer, Crosscheck's import reads none), counted.
 * - A value holding a character XML cannot carry is written as it is in the results (the import reads it back) and
 *   listed in the config with U+FFFD in place of those characters (counted): Label Studio's editor shows it
 *   unselected, and a Choices control always has a Choice (Label Studio's config schema requires one).
 * The controls are shared by every split of one export, so each split's label_config.xml declares all of them.
 *
 * Discontinuous spans (a brat `T1 claim 0 12;35 55`, kept in the `fragments` attribute, see fragments.ts): a
 * Label Studio Text region is one stretch of text, so each fragment is a region of its own, with the span's
 * label, ids `s<span id>`, `s<span id>.2`, `s<span id>.3`…, the note and the other attributes on the first;
 * relations name the first fragment. The notes count them. The `fragments` attribute that says so is not written.
 *
 * Layers (issue 13): a task has one annotation per layer that has spans in the document (by layer name), holding
 * that layer's regions and relations; the proposals layer `auto` is written as a prediction instead
 * (`{"model_version": "crosscheck-auto", "result": […]}`), as Label Studio keeps model output. `completed_by` names
 * the layer as a user object, `{"email": "<annotator>"}`, the shape of Label Studio's own export of the user
 * (its CompletedBySerializer: id, email, first_name, …). Label Studio's import takes only a user id from it
 * (tasks/serializers.py get_completed_by_id: an int, or the object's `id`, else the importing user), and an id means
 * nothing in another Label Studio, so none is written: Label Studio files every annotation under the person
 * importing, and the layer's name stays in the file for Crosscheck's import (labelstudio-layers.ts reads the email).
 * The `gold` layer's annotation is also marked `"ground_truth": true` (Label Studio's flag for a reference
 * annotation): Crosscheck's import takes `gold` only from such an annotation, never from a person's name.
 */
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { AUTO_LAYER, GOLD_LAYER } from '../../common/annotators.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
import { fromCodePoints, UNIT_NAMES } from './offset-units.js';
import { keyedState } from './export-state.js';
import type { ExportContext, Exporter, Sink } from './types.js';

interface SinkState {
  tasks: number;
  crossDoc: number;
  /** Spans whose attributes were written as per-region answers. */
  attributeSpans: number;
  /** Attribute values left out because they are empty, and values the config lists otherwise (XML cannot carry them). */
  emptyValues: number;
  unlisted: number;
  /** Discontinuous spans, and the regions they were written as. */
  discontinuous: number;
  fragments: number;
}

/** A per-region Choices control of the config: its name, the attribute it carries, the values written. */
export interface AttributeControl {
  name: string;
  attribute: string;
  values: string[];
}

/** The attribute controls of one export run, shared by its sinks (splits); dropped when the last sink ends. */
interface RunState {
  openSinks: number;
  controls: Map<string, { attribute: string; values: Set<string> }>;
}

const states = new WeakMap<Sink, SinkState>();
const runOf = keyedState((_: ExportContext): RunState => ({ openSinks: 0, controls: new Map() }));
const stateOf = (sink: Sink, ctx: ExportContext) => {
  let s = states.get(sink);
  if (!s) {
    states.set(sink, (s = { tasks: 0, crossDoc: 0, attributeSpans: 0, emptyValues: 0, unlisted: 0, discontinuous: 0, fragments: 0 }));
    runOf(ctx).openSinks++;
    sink.write('export.json', '[');
  }
  return s;
};

const regionId = (spanId: number) => `s${spanId}`;

/** Escapes an XML attribute value; tab and line breaks as character references, which XML does not normalise to spaces. */
const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A character XML 1.0 cannot carry, even as a character reference (its `Char` production): C0 controls, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
/** The config's own control names, which an attribute control cannot take. */
const OWN_NAMES = new Set(['label', 'text']);
const MAPPED = /^attribute:(".*")$/s;

/**
 * The attribute a per-region control's `from_name` carries: the name itself, or for `attribute:"<JSON string>"`
 * (what controlOfAttribute writes for a name that cannot be a control's) the string it holds.
 * @example attributeOfControl('attribute:"label"') // 'label'
 */
export function attributeOfControl(fromName: string): string {
  const m = MAPPED.exec(fromName);
  if (!m) return fromName;
  try {
    const name: unknown = JSON.parse(m[1]);
    return typeof name === 'string' && name !== '' ? name : fromName;
  } catch {
    return fromName;
  }
}

/**
 * The name of the per-region control that carries attribute `attribute`: the attribute's own name, unless that is a
 * name of the config's own controls (`label`, `text`), holds a character XML cannot carry, or would itself read as
 * a mapped name; then `attribute:` and the name as a JSON string (U+FFFE/U+FFFF escaped too). attributeOfControl
 * inverts it, and no two attributes share a control.
 */
export function controlOfAttribute(attribute: string): string {
  if (!OWN_NAMES.has(attribute) && !NOT_XML.test(attribute) && attributeOfControl(attribute) === attribute) return attribute;
  return 'attribute:' + JSON.stringify(attribute).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

const NOT_XML_ALL = new RegExp(NOT_XML.source, 'gu');
/** Text Label Studio shows as it is: `$` would read as task data, characters XML cannot carry become U+FFFD. */
const shown = (s: string) => s.replace(/\$/g, '＄').replace(NOT_XML_ALL, '\uFFFD');

/** Past this many values, an attribute's choices are a dropdown. */
const SELECT_PAST = 10;

/**
 * The labelling config matching the export: the label set with colours, the link types as relation labels, and a
 * per-region Choices control for each attribute with the values it lists (see the top of this module).
 */
export function labelConfig(labels: { name: string; color: string }[], linkTypes: { name: string }[], attributes: AttributeControl[] = []): string {
  const lines = ['<View>', '  <Header value="$title"/>', '  <Labels name="label" toName="text">'];
  for (const l of labels) lines.push(`    <Label value="${xml(l.name)}" background="${xml(l.color)}"/>`);
  lines.push('  </Labels>', '  <Text name="text" value="$text"/>');
  if (linkTypes.length) {
    lines.push('  <Relations>');
    for (const t of linkTypes) lines.push(`    <Relation value="${xml(t.name)}"/>`);
    lines.push('  </Relations>');
  }
  if (attributes.length) {
    lines.push('  <View visibleWhen="region-selected">');
    for (const a of attributes) {
      const layout = a.values.length > SELECT_PAST ? ' layout="select"' : '';
      lines.push(`    <Header value="${xml(shown(a.attribute))}"/>`, `    <Choices name="${xml(a.name)}" toName="text" perRegion="true"${layout}>`);
      for (const v of a.values) lines.push(v.includes('$') ? `      <Choice value="${xml(shown(v))}" alias="${xml(v)}"/>` : `      <Choice value="${xml(v)}"/>`);
      lines.push('    </Choices>');
    }
    lines.push('  </View>');
  }
  lines.push('</View>', '');
  return lines.join('\n');
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** The `model_version` of the predictions the proposals layer is written as. */
export const AUTO_MODEL_VERSION = 'crosscheck-auto';

/**
 * A task's `annotations` (one per layer, by layer name, `completed_by` naming it as a user object: see the top of
 * this module) and `predictions` (the `auto` layer, model_version AUTO_MODEL_VERSION). A task without spans has one
 * empty annotation, as before layers.
 */
export function layerAnnotations(byLayer: ReadonlyMap<string, Record<string, unknown>[]>): { annotations: Record<string, unknown>[]; predictions?: Record<string, unknown>[] } {
  const layers = [...byLayer.keys()].sort((a, b) => a.localeCompare(b));
  const annotations = layers.filter((l) => l !== AUTO_LAYER).map((l) => ({ completed_by: { email: l }, ...(l === GOLD_LAYER ? { ground_truth: true } : {}), result: byLayer.get(l)! }));
  const auto = byLayer.get(AUTO_LAYER);
  // The prediction's score: the mean of its regions' (each region's labels result carries one, when it has one).
  const scores = (auto ?? []).filter((r) => r.type === 'labels' && typeof r.score === 'number').map((r) => r.score as number);
  const score = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined;
  return {
    annotations: annotations.length || auto ? annotations : [{ result: [] }],
    ...(auto ? { predictions: [{ model_version: AUTO_MODEL_VERSION, ...(score === undefined ? {} : { score }), result: auto }] } : {}),
  };
}

/**
 * How a result of `layer` says where it came from: Label Studio's `origin` ("manual" for a person's work,
 * "prediction" for a model's: the `auto` layer), and for a proposal its `score`, the proposal's confidence
 * attribute as a number (common/proposals.ts), when it reads as one.
 */
function provenanceOf(layer: string, attributes: Readonly<Record<string, string>>): { origin: string; score?: number } {
  if (layer !== AUTO_LAYER) return { origin: 'manual' };
  const raw = attributes.confidence ?? attributes.score;
  const score = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return { origin: 'prediction', ...(Number.isFinite(score) ? { score } : {}) };
}

export const labelStudioExporter: Exporter = {
  format: 'labelstudio',
  begin: (ctx, sink) => void stateOf(sink, ctx),
  doc(d, ctx, sink) {
    const st = stateOf(sink, ctx);
    const { controls } = runOf(ctx);
    const offset = fromCodePoints(d.text, ctx.options.offsets ?? 'codepoint');
    const index = buildOffsetIndex(d.text);
    /** Each layer's results: one annotation (or, for `auto`, prediction) per layer of the task. */
    const byLayer = new Map<string, Record<string, unknown>[]>();
    const resultOf = (layer: string) => byLayer.get(layer) ?? byLayer.set(layer, []).get(layer)!;
    for (const s of d.spans) {
      const result = resultOf(s.annotator);
      const { fragments, fromAttribute } = spanFragments(s);
      if (fragments.length > 1) {
        st.discontinuous++;
        st.fragments += fragments.length;
      }
      const attributes = Object.entries(s.attributes).filter(([name]) => !(fromAttribute && name === FRAGMENTS_ATTRIBUTE));
      fragments.forEach(([start, end], k) => {
        const id = k === 0 ? regionId(s.id) : `${regionId(s.id)}.${k + 1}`;
        const text = fragments.length === 1 ? s.text : sliceCp(d.text, start, end, index);
        const region = { start: offset(start), end: offset(end), text };
        const from = provenanceOf(s.annotator, s.attributes);
        const r: Record<string, unknown> = { id, from_name: 'label', to_name: 'text', type: 'labels', ...from, value: { ...region, labels: [s.label] } };
        if (s.note && k === 0) r.meta = { text: [s.note] };
        result.push(r);
        if (k > 0) return;
        let written = 0;
        for (const [attribute, value] of attributes) {
          if (value === '') {
            st.emptyValues++;
            continue;
          }
          const name = controlOfAttribute(attribute);
          let c = controls.get(name);
          if (!c) controls.set(name, (c = { attribute, values: new Set() }));
          if (NOT_XML.test(value)) st.unlisted++;
          c.values.add(value.replace(NOT_XML_ALL, '\uFFFD'));
          result.push({ id, from_name: name, to_name: 'text', type: 'choices', ...from, value: { ...region, choices: [value] } });
          written++;
        }
        if (written) st.attributeSpans++;
      });
    }
    const own = new Set(d.spans.map((s) => s.id));
    for (const l of d.links) {
      if (l.toDocId !== d.id || !own.has(l.to)) {
        st.crossDoc++;
        continue;
      }
      resultOf(l.annotator).push({ from_id: regionId(l.from), to_id: regionId(l.to), type: 'relation', direction: l.directed ? 'right' : 'bi', labels: [l.type] });
    }
    const task = { id: d.id, data: { text: d.text, title: d.title, date: d.date, source: d.source }, ...layerAnnotations(byLayer) };
    sink.write('export.json', (st.tasks++ ? ',\n' : '\n') + JSON.stringify(task));
  },
  end(ctx, sink) {
    const st = stateOf(sink, ctx);
    const run = runOf(ctx);
    states.delete(sink);
    if (--run.openSinks <= 0) runOf.forget(ctx);
    // Code unit order, so the config does not depend on the order documents were exported in.
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const controls = [...run.controls]
      .map(([name, c]) => ({ name, attribute: c.attribute, values: [...c.values].sort(byCodeUnit) }))
      .sort((a, b) => byCodeUnit(a.attribute, b.attribute));
    sink.write('export.json', '\n]\n');
    sink.write('label_config.xml', labelConfig(ctx.labels, ctx.linkTypes, controls));
    const notes: string[] = [];
    const unit = ctx.options.offsets ?? 'codepoint';
    if (unit !== 'codepoint') notes.push(`Label Studio: offsets are counted in ${UNIT_NAMES[unit]}, as asked; Label Studio itself counts code points.`);
    if (st.crossDoc) notes.push(`Label Studio: ${st.crossDoc} link${plural(st.crossDoc, ' joins spans of two documents and was', 's join spans of two documents and were')} left out (a Label Studio relation stays inside one task).`);
    if (st.discontinuous) {
      notes.push(
        `Label Studio: ${st.discontinuous} discontinuous span${plural(st.discontinuous, ' was', 's were')} written as ${st.fragments} regions, one per fragment (ids s<id>, s<id>.2, …; relations name the first), since a Label Studio text region is one stretch of text.`,
      );
    }
    if (st.attributeSpans) {
      notes.push(
        `Label Studio: the attributes of ${st.attributeSpans} span${plural(st.attributeSpans, ' were', 's were')} written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).`,
      );
    }
    const mapped = controls.filter((c) => c.name !== c.attribute);
    if (mapped.length) {
      const shownNames = mapped.slice(0, 3).map((c) => `${JSON.stringify(c.attribute)} as ${c.name}`);
      notes.push(
        `Label Studio: ${mapped.length} attribute name${plural(mapped.length, '', 's')} cannot name a control of label_config.xml as ${plural(mapped.length, 'it is', 'they are')} ("label" and "text" name the config's own controls; XML cannot carry some characters), so ${plural(mapped.length, 'its control is', 'their controls are')} named otherwise: ${shownNames.join(', ')}${mapped.length > 3 ? ', …' : ''}; Crosscheck's import reads ${plural(mapped.length, 'it', 'them')} back under the attribute's name.`,
      );
    }
    if (st.emptyValues) notes.push(`Label Studio: ${st.emptyValues} empty attribute value${plural(st.emptyValues, ' was', 's were')} left out (Label Studio saves no empty answer).`);
    if (st.unlisted) {
      notes.push(
        `Label Studio: ${st.unlisted} attribute value${plural(st.unlisted, ' holds', 's hold')} a character XML cannot carry, so label_config.xml lists ${plural(st.unlisted, 'it', 'them')} with U+FFFD in its place and Label Studio's editor shows ${plural(st.unlisted, 'it', 'them')} unselected; export.json keeps ${plural(st.unlisted, 'it', 'them')} as ${plural(st.unlisted, 'it is', 'they are')} (Crosscheck's import reads ${plural(st.unlisted, 'it', 'them')} back).`,
      );
    }
    return { notes };
  },
};
