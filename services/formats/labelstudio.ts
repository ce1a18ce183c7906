import { basename } from 'node:path';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, cpToUtf16, utf16ToCp } from '../../common/offsets.js';
import type { Exporter, ParsedDoc, ParsedSpan, Sink } from './types.js';
import { lineFinder } from './lines.js';

/**
 * Label Studio JSON (https://labelstud.io/guide/export.html#Label-Studio-JSON-format-of-annotated-tasks).
 *
 * Offsets of `Text` regions (`value.start`/`value.end`) are Unicode CODE POINTS, although the editor is
 * JavaScript: Label Studio converts DOM (UTF-16) positions to code points when it saves a region. Its own
 * editor test web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts, "Should calculate offsets by code
 * points in text", selects "test" in "🐱 Warning: This is a test text" and expects start 21, end 25
 * (UTF-16 would give 22..26); the fix is HumanSignal/label-studio-frontend#308, "text with emoji breaks
 * region offsets" (issues label-studio#1008 and #1347 reported the older UTF-16 offsets). The ASCII fixture
 * named_entity.annotation.json ("February 22" at 343..354) reads the same either way. Crosscheck stores code
 * points, so the export writes offsets unchanged. On import, a region whose `value.text` does not match the
 * text at its code point offsets but does at the same numbers read as UTF-16 (files from Label Studio
 * before that fix) is converted; anything else is left for the import's text check to report.
 * Label Studio counts "\r\n" as two characters, as Crosscheck does.
 *
 * Export: `export.json`, a JSON array of tasks `{id, data: {text, title, date, source}, annotations:
 * [{result}]}` with one `labels` result per span (the note in the region's `meta.text`) and one `relation`
 * result per link inside the document ("right" when the link type is directed, else "bi"), and
 * `label_config.xml`, the labelling config those results refer to (`label` → `text`).
 */

interface SinkState {
  tasks: number;
  crossDoc: number;
  attributes: number;
}

const states = new WeakMap<Sink, SinkState>();
const stateOf = (sink: Sink) => {
  let s = states.get(sink);
  if (!s) {
    states.set(sink, (s = { tasks: 0, crossDoc: 0, attributes: 0 }));
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

export const labelStudioExporter: Exporter = {
  format: 'labelstudio',
  begin: (_ctx, sink) => void stateOf(sink),
  doc(d, _ctx, sink) {
    const st = stateOf(sink);
    const result: Record<string, unknown>[] = [];
    for (const s of d.spans) {
      const r: Record<string, unknown> = {
        id: regionId(s.id),
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        origin: 'manual',
        value: { start: s.start, end: s.end, text: s.text, labels: [s.label] },
      };
      if (s.note) r.meta = { text: [s.note] };
      if (Object.keys(s.attributes).length) st.attributes++;
      result.push(r);
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
    if (st.crossDoc) notes.push(`Label Studio: ${st.crossDoc} link${st.crossDoc === 1 ? ' joins spans of two documents and was' : 's join spans of two documents and were'} left out (a Label Studio relation stays inside one task).`);
    if (st.attributes) notes.push(`Label Studio: the attributes of ${st.attributes} span${st.attributes === 1 ? ' were' : 's were'} left out.`);
    return { notes };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Import

const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);


/** Result types that mark regions of images, audio or video. */
const NOT_TEXT = /^(rectangle|polygon|ellipse|keypoint|brush|bitmask|magicwand|cuboid|vector|video|timeserieslabels|paragraphlabels|audio)|^(rectangle|polygon|ellipse|keypoint|brush|bitmask|vector)labels$/i;

/** The result list to import from a task: its first annotation that was not cancelled, else its best prediction. */
function chosenResults(task: Json): { results: unknown[]; from: string } | null {
  const annotations = Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : [];
  const done = annotations.find((a) => isObj(a) && a.was_cancelled !== true && Array.isArray(a.result));
  if (done) return { results: (done as Json).result as unknown[], from: 'annotation' };
  const predictions = (Array.isArray(task.predictions) ? task.predictions : []).filter((p) => isObj(p) && Array.isArray(p.result)) as Json[];
  if (!predictions.length) return null;
  const best = predictions.reduce((a, b) => (typeof b.score === 'number' && (typeof a.score !== 'number' || b.score > a.score) ? b : a));
  return { results: best.result as unknown[], from: 'prediction' };
}

/**
 * Reads Label Studio tasks (an array, or one task object) with their `labels` regions (span per label) and
 * `relation` results ("right": from → to, "left": to → from, "bi": either way, kept as from → to). Of each
 * task the first annotation that was not cancelled is read, else its prediction (the best scored). A region's
 * `meta.text`, and a per-region `textarea` result, become its note. Other results (choices, ratings…) describe
 * the whole task and are not read. Image, audio or video regions are an error: not a text annotation.
 */
export function parseLabelStudio(jsonText: string, file: string): ParsedDoc[] {
  const raw = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText;
  const lineAt = lineFinder(raw);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    return fail(pos ? `${file}:${lineAt(Number(pos[1]))}` : file, `not JSON (${msg})`);
  }
  const tasks = Array.isArray(json) ? json : isObj(json) && ('data' in json || 'annotations' in json || 'predictions' in json) ? [json] : null;
  if (!tasks) return fail(file, 'not Label Studio tasks (expected an array of tasks with "data" and "annotations")');
  const name = basename(file);
  let cursor = 0;
  /** file:line of a result, by its id, searching forward through the file. */
  const resultAt = (id: unknown, fallback: string) => {
    if (typeof id !== 'string' && typeof id !== 'number') return fallback;
    const pos = raw.indexOf(JSON.stringify(id), cursor);
    if (pos === -1) return fallback;
    cursor = pos;
    return `${file}:${lineAt(pos)}`;
  };

  return tasks.map((t, i): ParsedDoc => {
    const taskName = isObj(t) && (typeof t.id === 'number' || typeof t.id === 'string') ? `task ${t.id}` : `task ${i + 1}`;
    const taskAt = `${file}: ${taskName}`;
    if (!isObj(t)) return fail(taskAt, 'not a JSON object');
    const chosen = chosenResults(t);
    const results = (chosen?.results ?? []).filter(isObj);

    // Image, audio and video regions first: a clearer message than "no text".
    for (const r of results) {
      const v = isObj(r.value) ? r.value : {};
      const type = typeof r.type === 'string' ? r.type : '';
      const image = 'x' in v || 'points' in v;
      if (NOT_TEXT.test(type) || image) {
        const why = image ? 'image coordinates' : 'not a Text region';
        fail(resultAt(r.id, taskAt), `${taskName}: a ${type || 'region'} result on "${String(r.to_name ?? '?')}" (${why}), not a text annotation; Crosscheck imports text spans only`);
      }
    }

    const data = isObj(t.data) ? t.data : null;
    if (!data) return fail(taskAt, 'no "data" with the task\'s text');
    const target = results.find((r) => r.type === 'labels' && typeof r.to_name === 'string')?.to_name as string | undefined;
    const stringsIn = Object.entries(data).filter(([, v]) => typeof v === 'string') as [string, string][];
    const text =
      typeof data.text === 'string'
        ? data.text
        : target && typeof data[target] === 'string'
          ? (data[target] as string)
          : stringsIn.length === 1
            ? stringsIn[0][1]
            : fail(taskAt, `no "text" in data (its keys: ${Object.keys(data).join(', ') || 'none'})`);
    const index = buildOffsetIndex(text);
    const spans: ParsedSpan[] = [];
    const links: ParsedDoc['links'] = [];
    const keys = new Map<string, string>();
    const prefix = `${file}#${i + 1}:`;
    const notesByRegion = new Map<string, string[]>();
    const used = new Set<string>();
    const regionOf = new Map<ParsedSpan, string>();

    for (const r of results) {
      if (r.type !== 'labels' && r.type !== 'hypertextlabels') continue;
      const at = resultAt(r.id, taskAt);
      const v = isObj(r.value) ? r.value : fail(at, `${taskName}: a labels result has no value`);
      if (typeof v.start !== 'number' || typeof v.end !== 'number') {
        fail(at, `${taskName}: region ${String(r.id)} has no numeric start/end (${typeof v.start === 'string' ? 'an HTML region with XPath offsets' : 'not a text region'}); Crosscheck imports Text regions`);
      }
      if (!Number.isInteger(v.start) || !Number.isInteger(v.end)) {
        fail(at, `${taskName}: region ${String(r.id)} spans ${String(v.start)}..${String(v.end)}, not whole characters (an audio or video region?), not a text annotation`);
      }
      let start = v.start as number;
      let end = v.end as number;
      const given = typeof v.text === 'string' ? v.text : undefined;
      const labels = (Array.isArray(v.labels) ? v.labels : []).filter((l): l is string => typeof l === 'string' && l.trim() !== '');
      if (!labels.length) fail(at, `${taskName}: region ${String(r.id)} has no label`);
      if (given !== undefined && start >= 0 && end > start) {
        const asCp = end <= index.length ? text.slice(cpToUtf16(index, start), cpToUtf16(index, end)) : null;
        // Label Studio before label-studio-frontend#308 counted UTF-16 units: accept those when only they fit.
        if (asCp !== given && end <= index.utf16Length && text.slice(start, end) === given) {
          const s = utf16ToCp(index, start);
          const e = utf16ToCp(index, end);
          if (cpToUtf16(index, s) === start && cpToUtf16(index, e) === end) [start, end] = [s, e];
        }
      }
      const id = r.id === undefined ? `#${spans.length}` : String(r.id);
      let key = prefix + id;
      for (let n = 2; used.has(key); n++) key = `${prefix}${id}#${n}`;
      if (!keys.has(id)) keys.set(id, key);
      const meta = isObj(r.meta) ? r.meta.text : undefined;
      const note = (Array.isArray(meta) ? meta.filter((m) => typeof m === 'string') : typeof meta === 'string' ? [meta] : []).join('\n');
      labels.forEach((label, k) => {
        const span: ParsedSpan = { key: k === 0 ? key : `${key}#label${k + 1}`, start, end, label, at };
        if (note) span.note = note;
        if (given !== undefined) span.text = given;
        spans.push(span);
        used.add(span.key);
        regionOf.set(span, id);
      });
    }
    // Per-region text areas ("perRegion" TextArea) carry the region's id: their text is the region's note.
    for (const r of results) {
      if (r.type !== 'textarea' || !isObj(r.value) || r.id === undefined || !keys.has(String(r.id))) continue;
      const texts = (Array.isArray(r.value.text) ? r.value.text : [r.value.text]).filter((x): x is string => typeof x === 'string' && x !== '');
      if (texts.length) notesByRegion.set(String(r.id), [...(notesByRegion.get(String(r.id)) ?? []), ...texts]);
    }
    for (const s of spans) {
      const extra = notesByRegion.get(regionOf.get(s)!);
      if (extra) s.note = [s.note, ...extra].filter(Boolean).join('\n');
    }
    for (const r of results) {
      if (r.type !== 'relation') continue;
      const at = resultAt(r.from_id, taskAt);
      const from = keys.get(String(r.from_id));
      const to = keys.get(String(r.to_id));
      if (from === undefined || to === undefined) fail(at, `${taskName}: a relation names region ${from === undefined ? String(r.from_id) : String(r.to_id)}, which is not a text region of this task`);
      const type = Array.isArray(r.labels) && typeof r.labels[0] === 'string' && r.labels[0].trim() ? (r.labels[0] as string) : 'related';
      if (r.direction === 'left') links.push({ from: to!, to: from!, type });
      else links.push({ from: from!, to: to!, type });
    }
    const str = (k: string) => (typeof data[k] === 'string' && (data[k] as string).trim() ? (data[k] as string) : null);
    return {
      title: str('title') ?? `${name} ${taskName}`,
      text,
      path: `${file}#${t.id ?? i + 1}`,
      date: str('date'),
      source: str('source'),
      spans,
      links,
    };
  });
}
