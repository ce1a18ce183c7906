/**
 * Label Studio JSON import (https://labelstud.io/guide/export.html): an array of tasks (or one task object)
 * `{id, data: {text, …}, annotations: [{result: […]}], predictions: […]}`, or the converter's JSON-MIN export
 * (labelstudio-min.ts). One document per task; its regions become spans (labelstudio-results.ts).
 *
 * Offsets. Label Studio counts `value.start`/`value.end` of Text regions in Unicode CODE POINTS, although its
 * editor is JavaScript: it converts DOM (UTF-16) positions when it saves a region. Its editor test
 * web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts (HumanSignal/label-studio) selects "test" in
 * "🐱 Warning: This is a test text" and expects 21..25 (UTF-16 would be 22..26); the fix was
 * label-studio-frontend#308 ("text with emoji breaks region offsets"); label-studio#1008 and #1347 reported the
 * UTF-16 offsets older versions saved. So the default unit is code points, and a file from before the fix is
 * recognised by its own `value.text`: the unit is chosen per file (offset-units.ts chooseOffsetUnit), the only
 * reading consistent with the file's texts wins, `--offsets` overrides, and the report's notes say which. Label
 * Studio counts "\r\n" as two characters (its Text tag documentation), as Crosscheck does before ingest()
 * turns line ends into LF and remaps the offsets.
 *
 * `value.text` and line breaks. Label Studio writes the text of a region that crosses a line break in known
 * ways besides the plain one: a new selection writes each line break as a literal backslash-n (the same editor
 * test expects "Warning:\\n🐱 This is a test" for a selection over "Warning:⏎🐱 This is a test"), and a
 * region re-saved by an update loses its line breaks (label-studio#1863). A region whose offsets cover the text
 * in one of these forms is placed by its offsets (and counted in the notes); one that fits no form, or does not
 * fall on the text, is dropped as "task N, region ID" and the rest imports.
 *
 * What is read of a task: `data.text` (else the data field the regions' `to_name` names, else its only string),
 * `data.title`, `data.date`, `data.source`; EVERY annotation that was not cancelled, each into the layer of the
 * annotator who made it (labelstudio-layers.ts reads `completed_by`), and every prediction into the reserved
 * `auto` layer with its `model_version` and `score` as span attributes. Two annotators' identical regions are
 * two spans, one per layer; a relation links regions of its own annotation. Everything else that carries
 * content is listed in the report's `dropped`: other data fields and the task's `meta`, cancelled annotations,
 * annotations whose `completed_by` names no user, unsaved drafts, task-level answers, unknown result types,
 * relations naming a region that was not imported. Annotations with no results import nothing; the notes count
 * them. Image, audio, video and HTML (XPath) regions are dropped each with the reason; a task without text
 * refuses the file.
 */
import { basename } from 'node:path';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { offsetUnits, type OffsetUnit } from '../../common/formats.js';
import { lineFinder } from './lines.js';
import { chooseOffsetUnit, toCodePoints, UNIT_NAMES, type UnitSpan } from './offset-units.js';
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';
import { isJsonMin, tasksFromJsonMin } from './labelstudio-min.js';
import { isObj, readResults, type AnnotationRead, type Json, type RawRegion } from './labelstudio-results.js';
import { takenAnnotations, type TakenAnnotation } from './labelstudio-layers.js';

const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

/** Result types that mark regions of images, audio or video. */
const NOT_TEXT = /^(rectangle|polygon|ellipse|keypoint|brush|bitmask|magicwand|cuboid|vector|video|timeserieslabels|paragraphlabels|audio)|^(rectangle|polygon|ellipse|keypoint|brush|bitmask|vector)labels$/i;

/** Data fields Crosscheck keeps besides the text. */
const KEPT_DATA = ['title', 'date', 'source'];

/** One annotation (or prediction) of a task as read: its layer, and its regions and relations. */
interface LayerRead extends AnnotationRead {
  /** The layer's name; null: the import's default layer. */
  layer: string | null;
  /** Attributes every span of it carries (a prediction's model_version and score). */
  attributes: Record<string, string>;
  /** Where the report says it is: "task 3", or "task 3, annotation 12" when the task imports several. */
  place: string;
}

/** One task as read, before its regions are placed. */
interface TaskRead {
  annotations: LayerRead[];
  taskName: string;
  text: string;
  data: Json;
  path: string;
  /** The title when the task's data has none: "export.json task 3". */
  fallbackTitle: string;
}

/**
 * The forms in which Label Studio writes the text `covered` as a region's `value.text` (see the top of this
 * module): as it is, without its line breaks, or with each line break as a literal backslash-n.
 * @returns 'same', 'lineBreaks' for the two other forms, or null when `given` is none of them.
 */
export function textForm(covered: string, given: string): 'same' | 'lineBreaks' | null {
  if (covered === given) return 'same';
  const breaks = /\r\n|\r|\n/g;
  if (!breaks.test(covered)) return null;
  return covered.replace(breaks, '') === given || covered.replace(breaks, '\\n') === given ? 'lineBreaks' : null;
}

/**
 * Reads Label Studio tasks or a JSON-MIN export into documents (see the top of this module). What is not
 * imported goes to `ctx.drop`; the offset unit read, and regions placed despite their line breaks, to `ctx.note`.
 * @throws AppError('InvalidInput') `${file}:${line}: …` or `${file}: task N: …` when the file is not JSON, not
 *   tasks, a task has no text, or a region is not a text region.
 */
export function parseLabelStudio(jsonText: string, file: string, ctx: ImportContext = collectingContext(file)): ParsedDoc[] {
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
  const min = isJsonMin(json);
  const tasks = isJsonMin(json) ? tasksFromJsonMin(json) : Array.isArray(json) ? json : isObj(json) && ('data' in json || 'annotations' in json || 'predictions' in json) ? [json] : null;
  if (!tasks) return fail(file, 'not Label Studio tasks (expected an array of tasks with "data" and "annotations", or a JSON-MIN export)');
  let cursor = 0;
  /** file:line of a result, by its id, searching forward through the file. */
  const lineOf = (id: unknown, fallback: string) => {
    if (typeof id !== 'string' && typeof id !== 'number') return fallback;
    const pos = raw.indexOf(JSON.stringify(id), cursor);
    if (pos === -1) return fallback;
    cursor = pos;
    return `${file}:${lineAt(pos)}`;
  };
  const empty: string[] = [];
  const read = tasks.map((t, i) => readTask(t, i, file, min, lineOf, ctx, empty));
  if (empty.length) {
    ctx.note(`${ctx.path}: ${empty.length} annotation${empty.length === 1 ? '' : 's'} with no results (${empty.slice(0, 5).join('; ')}${empty.length > 5 ? '; …' : ''}): nothing to import from ${empty.length === 1 ? 'it' : 'them'}`);
  }
  const choice = chooseOffsetUnit(
    read.map((r) => ({ text: r.text, spans: evidence(r) })),
    'codepoint',
    ctx.options.offsets,
  );
  if (read.some((r) => r.annotations.some((a) => a.regions.length))) ctx.note(`${ctx.path}: ${choice.note}`);
  let lineBreakForms = 0;
  const docs = read.map((r) => {
    const doc = placeTask(r, choice.unit, ctx);
    lineBreakForms += doc.lineBreakForms;
    return doc.doc;
  });
  if (lineBreakForms) {
    ctx.note(
      `${ctx.path}: ${lineBreakForms} region${lineBreakForms === 1 ? '' : 's'} gave value.text without the line breaks ${lineBreakForms === 1 ? 'its' : 'their'} offsets cover, or with each written as \\n (as Label Studio saves them); placed by ${lineBreakForms === 1 ? 'its' : 'their'} offsets`,
    );
  }
  return docs;
}

/**
 * One task: its text and data, and each annotation and prediction it imports with its layer, regions and
 * relations. Annotations with no results are named in `empty` ("task 1 by user-1").
 */
function readTask(t: unknown, i: number, file: string, min: boolean, lineOf: (id: unknown, fallback: string) => string, ctx: ImportContext, empty: string[]): TaskRead {
  const taskName = isObj(t) && (typeof t.id === 'number' || typeof t.id === 'string') ? `task ${t.id}` : `task ${i + 1}`;
  const taskAt = `${file}: ${taskName}`;
  if (!isObj(t)) return fail(taskAt, 'not a JSON object');
  const taken = takenAnnotations(t, taskName, taskAt, ctx, empty);
  // Image, audio and video regions (a task may mix them with text): each is dropped, the text regions import.
  const textResults = (a: TakenAnnotation) =>
    a.results.filter(isObj).filter((r) => {
      const v = isObj(r.value) ? r.value : {};
      const type = typeof r.type === 'string' ? r.type : '';
      const image = 'x' in v || 'points' in v;
      if (!NOT_TEXT.test(type) && !image) return true;
      const why = `${image ? 'image coordinates' : 'not a Text region'}; Crosscheck imports text spans only`;
      ctx.drop(`${a.place}, region ${String(r.id ?? '?')}`, `a ${type || 'region'} result on "${String(r.to_name ?? '?')}"`, why);
      return false;
    });
  const perAnnotation = taken.map((a) => ({ a, results: textResults(a) }));
  const results = perAnnotation.flatMap((x) => x.results);

  const data = isObj(t.data) ? t.data : fail(taskAt, 'no "data" with the task\'s text');
  const target = results.find((r) => r.type === 'labels' && typeof r.to_name === 'string')?.to_name as string | undefined;
  const strings = Object.keys(data).filter((k) => typeof data[k] === 'string' && !KEPT_DATA.includes(k));
  const textKey = typeof data.text === 'string' ? 'text' : target && typeof data[target] === 'string' ? target : strings.length === 1 ? strings[0] : null;
  if (textKey === null) return fail(taskAt, `no "text" in data (its keys: ${Object.keys(data).join(', ') || 'none'})`);

  /** Whether a value carries anything: not null, not empty, and for the kept fields not a usable string. */
  const carries = (k: string, v: unknown) =>
    !(v === null || v === '' || (Array.isArray(v) && !v.length) || (isObj(v) && !Object.keys(v).length) || (KEPT_DATA.includes(k) && typeof v === 'string'));
  const left = Object.keys(data).filter((k) => k !== textKey && carries(k, data[k]));
  if (isObj(t.meta) && Object.keys(t.meta).length) left.push('meta');
  if (left.length) {
    ctx.drop(
      taskName,
      `${min ? 'fields' : 'data fields'} ${left.map((k) => JSON.stringify(k)).join(', ')}`,
      `Crosscheck keeps a task's text, title, date and source only${min ? ' (in JSON-MIN, a bare string may also be a one-value task-level answer)' : ''}`,
    );
  }
  // Keys stay unique when two annotations share region ids (Label Studio copies a prediction's ids into the
  // annotation made from it): the first annotation keeps the plain prefix.
  const annotations = perAnnotation.map(({ a, results: own }, k): LayerRead => ({
    ...readResults(own, { file, taskName: a.place, keyPrefix: k === 0 ? `${file}#${i + 1}:` : `${file}#${i + 1}/${k + 1}:`, lineOf }, ctx),
    layer: a.layer,
    attributes: a.attributes,
    place: a.place,
  }));
  return { annotations, taskName, text: data[textKey] as string, data, path: `${file}#${t.id ?? i + 1}`, fallbackTitle: `${basename(file)} ${taskName}` };
}

/** Converters from each unit to code points of one text, built when first asked. */
function converters(text: string): (u: OffsetUnit) => (o: number) => number | null {
  const made = new Map<OffsetUnit, (o: number) => number | null>();
  return (u) => {
    let c = made.get(u);
    if (!c) made.set(u, (c = toCodePoints(text, u)));
    return c;
  };
}

/**
 * The regions of a task as evidence for the offset unit: the text each covers in the first unit where its
 * value.text fits in one of Label Studio's forms (so a line-break form does not count against a unit), or its
 * value.text where that fits exactly. Regions that fit in no unit say nothing about the unit: they are dropped
 * whatever it is.
 */
function evidence(r: TaskRead): UnitSpan[] {
  const conv = converters(r.text);
  const index = buildOffsetIndex(r.text);
  const out: UnitSpan[] = [];
  for (const g of r.annotations.flatMap((a) => a.regions)) {
    const covered: string[] = [];
    for (const u of offsetUnits) {
      const a = conv(u)(g.start);
      const b = conv(u)(g.end);
      if (a === null || b === null || b < a) continue;
      const c = sliceCp(r.text, a, b, index);
      if (g.text === undefined || textForm(c, g.text)) covered.push(c);
    }
    if (!covered.length) continue;
    out.push({ start: g.start, end: g.end, at: g.where, text: g.text === undefined || covered.includes(g.text) ? g.text : covered[0] });
  }
  return out;
}

/** A task's document with its regions placed in `unit`; what cannot be placed is dropped. */
function placeTask(r: TaskRead, unit: OffsetUnit, ctx: ImportContext): { doc: ParsedDoc; lineBreakForms: number } {
  const conv = converters(r.text)(unit);
  const index = buildOffsetIndex(r.text);
  const spans: ParsedSpan[] = [];
  const links: ParsedDoc['links'] = [];
  let lineBreakForms = 0;
  for (const a of r.annotations) {
    const placed = placeAnnotation(r, a, conv, unit, index, spans, ctx);
    lineBreakForms += placed.lineBreakForms;
    links.push(...placed.links);
  }
  const str = (k: string) => (typeof r.data[k] === 'string' && (r.data[k] as string).trim() ? (r.data[k] as string) : null);
  const doc: ParsedDoc = { title: str('title') ?? r.fallbackTitle, text: r.text, path: r.path, date: str('date'), source: str('source'), spans, links };
  return { doc, lineBreakForms };
}

/**
 * One annotation's regions placed (pushed onto `spans`, in its layer, with its attributes) and its relations as
 * links between them; what cannot be placed is dropped.
 */
function placeAnnotation(
  r: TaskRead,
  ann: LayerRead,
  conv: (o: number) => number | null,
  unit: OffsetUnit,
  index: ReturnType<typeof buildOffsetIndex>,
  spans: ParsedSpan[],
  ctx: ImportContext,
): { links: ParsedDoc['links']; lineBreakForms: number } {
  const placed = new Map<string, string>();
  const gone = new Map(ann.unplaced);
  let lineBreakForms = 0;
  for (const g of ann.regions) {
    const a = conv(g.start);
    const b = conv(g.end);
    const what = `region ${g.start}..${g.end} ${g.labels.map((l) => JSON.stringify(l)).join(' ')}${g.text === undefined ? '' : ` ${JSON.stringify(g.text.slice(0, 60))}`}`;
    const drop = (why: string) => {
      const extra = [...Object.keys(g.attributes), ...(g.notes.length ? ['its note'] : [])];
      ctx.drop(g.where, extra.length ? `${what} (with ${extra.join(', ')})` : what, why);
      gone.set(g.id, why);
    };
    if (a === null || b === null || b < a) {
      drop(placeError(r.text, g, unit));
      continue;
    }
    if (a === b) {
      drop('zero-length span');
      continue;
    }
    const covered = sliceCp(r.text, a, b, index);
    const form = g.text === undefined ? 'same' : textForm(covered, g.text);
    if (!form) {
      drop(`the text at its offsets (in ${UNIT_NAMES[unit]}) is ${JSON.stringify(covered.slice(0, 60))}, not its value.text`);
      continue;
    }
    if (form === 'lineBreaks') lineBreakForms++;
    // A region's score that is its confidence attribute (Crosscheck's export writes both) is not a second attribute.
    const scoreIsConfidence = g.score !== undefined && g.attributes.confidence !== undefined && Number(g.score) === Number(g.attributes.confidence);
    const attributes = { ...ann.attributes, ...(g.score === undefined || scoreIsConfidence ? {} : { score: g.score }), ...g.attributes };
    g.labels.forEach((label, k) => {
      const span: ParsedSpan = { key: k === 0 ? g.key : `${g.key}#label${k + 1}`, start: a, end: b, label, at: g.at, annotator: ann.layer };
      if (g.notes.length) span.note = g.notes.join('\n');
      if (Object.keys(attributes).length) span.attributes = { ...attributes };
      if (g.text !== undefined) span.text = covered;
      spans.push(span);
    });
    if (!placed.has(g.id)) placed.set(g.id, g.key);
  }
  const links: ParsedDoc['links'] = [];
  for (const rel of ann.relations) {
    const from = placed.get(rel.fromId);
    const to = placed.get(rel.toId);
    if (from === undefined || to === undefined) {
      const missing = from === undefined ? rel.fromId : rel.toId;
      const why = gone.has(missing) ? `region ${missing} was not imported (${gone.get(missing)})` : `it names region ${missing}, which is not a text region of this annotation`;
      ctx.drop(`${ann.place}, relation ${rel.fromId} → ${rel.toId}`, `a relation ${rel.types.map((x) => JSON.stringify(x)).join(' ')}`, why);
      continue;
    }
    if (from === to) {
      ctx.drop(`${ann.place}, relation ${rel.fromId} → ${rel.toId}`, `a relation ${rel.types.map((x) => JSON.stringify(x)).join(' ')}`, 'both its ends are the same region; a Crosscheck link joins two spans');
      continue;
    }
    for (const type of rel.types) links.push(rel.direction === 'left' ? { from: to, to: from, type } : { from, to, type });
  }
  return { links, lineBreakForms };
}

/** Why a region's offsets do not fall on `text` in `unit`. */
function placeError(text: string, g: RawRegion, unit: OffsetUnit): string {
  const length = unit === 'utf16' ? text.length : unit === 'codepoint' ? buildOffsetIndex(text).length : [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].length;
  if (g.start < 0 || g.end > length) return `outside the text (0..${length} ${UNIT_NAMES[unit]})`;
  if (g.end < g.start) return 'it ends before it starts';
  return `it splits a character (a UTF-16 surrogate pair)`;
}
