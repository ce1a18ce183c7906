/**
 * Label Studio JSON export (https://labelstud.io/guide/export.html#Label-Studio-JSON-format-of-annotated-tasks):
 * `export.json`, a JSON array of tasks `{id, data: {text, title, date, source}, annotations: [{result}]}` with
 * one `labels` result per span (its note in the region's `meta.text`) and one `relation` result per link inside
 * the document ("right" when the link type is directed, else "bi"), and `label_config.xml`, the labelling
 * config those results refer to (`label` → `text`).
 *
 * Offsets are code points by default, the unit Label Studio itself saves (see labelstudio-import.ts for the
 * evidence), so the editor draws the regions where they were; the `offsets` option writes UTF-16 code units or
 * grapheme clusters instead, for tools that read the file otherwise (said in the notes).
 *
 * Discontinuous spans (a brat `T1 claim 0 12;35 55`, kept in the `fragments` attribute, see fragments.ts): a
 * Label Studio Text region is one stretch of text, so each fragment is a region of its own, with the span's
 * label, ids `s<span id>`, `s<span id>.2`, `s<span id>.3`…, the note on the first; relations name the first
 * fragment. The notes count them. Other span attributes are left out (counted in the notes).
 */
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
import { fromCodePoints, UNIT_NAMES } from './offset-units.js';
import type { Exporter, Sink } from './types.js';

interface SinkState {
  tasks: number;
  crossDoc: number;
  attributes: number;
  /** Discontinuous spans, and the regions they were written as. */
  discontinuous: number;
  fragments: number;
}

const states = new WeakMap<Sink, SinkState>();
const stateOf = (sink: Sink) => {
  let s = states.get(sink);
  if (!s) {
    states.set(sink, (s = { tasks: 0, crossDoc: 0, attributes: 0, discontinuous: 0, fragments: 0 }));
    sink.write('export.json', '[');
  }
  return s;
};

const regionId = (spanId: number) => `s${spanId}`;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The labelling config matching the export: the label set with colours, the link types as relation labels. */
export function labelConfig(labels: { name: string; color: string }[], linkTypes: { name: string }[]): string {
  const lines = ['<View>', '  <Header value="$title"/>', '  <Labels name="label" toName="text">'];
  for (const l of labels) lines.push(`    <Label value="${xml(l.name)}" background="${xml(l.color)}"/>`);
  lines.push('  </Labels>', '  <Text name="text" value="$text"/>');
  if (linkTypes.length) {
    lines.push('  <Relations>');
    for (const t of linkTypes) lines.push(`    <Relation value="${xml(t.name)}"/>`);
    lines.push('  </Relations>');
  }
  lines.push('</View>', '');
  return lines.join('\n');
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const labelStudioExporter: Exporter = {
  format: 'labelstudio',
  begin: (_ctx, sink) => void stateOf(sink),
  doc(d, ctx, sink) {
    const st = stateOf(sink);
    const offset = fromCodePoints(d.text, ctx.options.offsets ?? 'codepoint');
    const index = buildOffsetIndex(d.text);
    const result: Record<string, unknown>[] = [];
    for (const s of d.spans) {
      const { fragments, fromAttribute } = spanFragments(s);
      if (fragments.length > 1) {
        st.discontinuous++;
        st.fragments += fragments.length;
      }
      fragments.forEach(([start, end], k) => {
        const text = fragments.length === 1 ? s.text : sliceCp(d.text, start, end, index);
        const r: Record<string, unknown> = {
          id: k === 0 ? regionId(s.id) : `${regionId(s.id)}.${k + 1}`,
          from_name: 'label',
          to_name: 'text',
          type: 'labels',
          origin: 'manual',
          value: { start: offset(start), end: offset(end), text, labels: [s.label] },
        };
        if (s.note && k === 0) r.meta = { text: [s.note] };
        result.push(r);
      });
      if (Object.keys(s.attributes).some((a) => !(fromAttribute && a === FRAGMENTS_ATTRIBUTE))) st.attributes++;
    }
    const own = new Set(d.spans.map((s) => s.id));
    for (const l of d.links) {
      if (l.toDocId !== d.id || !own.has(l.to)) {
        st.crossDoc++;
        continue;
      }
      result.push({ from_id: regionId(l.from), to_id: regionId(l.to), type: 'relation', direction: l.directed ? 'right' : 'bi', labels: [l.type] });
    }
    const task = { id: d.id, data: { text: d.text, title: d.title, date: d.date, source: d.source }, annotations: [{ result }] };
    sink.write('export.json', (st.tasks++ ? ',\n' : '\n') + JSON.stringify(task));
  },
  end(ctx, sink) {
    const st = stateOf(sink);
    states.delete(sink);
    sink.write('export.json', '\n]\n');
    sink.write('label_config.xml', labelConfig(ctx.labels, ctx.linkTypes));
    const notes: string[] = [];
    const unit = ctx.options.offsets ?? 'codepoint';
    if (unit !== 'codepoint') notes.push(`Label Studio: offsets are counted in ${UNIT_NAMES[unit]}, as asked; Label Studio itself counts code points.`);
    if (st.crossDoc) notes.push(`Label Studio: ${st.crossDoc} link${plural(st.crossDoc, ' joins spans of two documents and was', 's join spans of two documents and were')} left out (a Label Studio relation stays inside one task).`);
    if (st.discontinuous) {
      notes.push(
        `Label Studio: ${st.discontinuous} discontinuous span${plural(st.discontinuous, ' was', 's were')} written as ${st.fragments} regions, one per fragment (ids s<id>, s<id>.2, …; relations name the first), since a Label Studio text region is one stretch of text.`,
      );
    }
    if (st.attributes) notes.push(`Label Studio: the attributes of ${st.attributes} span${plural(st.attributes, ' were', 's were')} left out.`);
    return { notes };
  },
};
