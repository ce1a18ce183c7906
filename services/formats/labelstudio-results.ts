/**
 * Label Studio JSON, one annotation's `result` list (for labelstudio-import.ts): its text regions with what
 * per-region controls said about them, its relations, and what it holds that Crosscheck does not read (dropped,
 * with the reason). Offsets are still in the file's unit here; labelstudio-import.ts decides the unit for the
 * whole file and places the regions.
 *
 * Result kinds (https://labelstud.io/guide/export.html, "Label Studio JSON format of annotated tasks"):
 * - `labels` / `hypertextlabels` with numeric `value.start`/`value.end`: a text region, one span per label.
 * - Per-region controls (`perRegion="true"`): `choices`, `rating`, `textarea`, `taxonomy`, `number`, `datetime`
 *   results whose `id` is the region's id (their value repeats the region's start/end/text). Choices, ratings,
 *   taxonomies, numbers and dates become attributes of the region's spans, named by the control (`from_name`),
 *   several values joined with ", " (taxonomy paths with " / "); text areas become the spans' note, after the
 *   region's own `meta.text`. A control named `attribute:"<JSON string>"` names the attribute that string holds
 *   (how Crosscheck's export writes an attribute whose name cannot be a control's: labelstudio-export.ts).
 * - The same kinds without a region (task-level answers: a sentiment for the whole article) are dropped: a
 *   Crosscheck document has no attributes.
 * - `relation`: kept for labelstudio-import.ts, which links the regions it placed.
 * - Any other result type is dropped with its type named.
 */
import { AppError } from '../../common/errors.js';
import { attributeOfControl } from './labelstudio-export.js';
import type { ImportContext } from './types.js';

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text region as the file gives it, offsets in the file's own unit. */
export interface RawRegion {
  /** The region's id in the file (JSON-MIN: made up from the control's name and position). */
  id: string;
  /** Key of its first span, unique within the import. */
  key: string;
  /** `file:line` of the region where it could be found, else `file: task N` (ingest's messages). */
  at: string;
  /** "task 3, region r7": where the report's dropped entries say it is. */
  where: string;
  start: number;
  end: number;
  /** `value.text`, when the file gives it. */
  text?: string;
  labels: string[];
  notes: string[];
  attributes: Record<string, string>;
  /** A prediction's per-region `score`, when the result gives one. */
  score?: string;
}

export interface RawRelation {
  fromId: string;
  toId: string;
  /** Its labels (one link per label), "related" when it has none. */
  types: string[];
  /** "left" reverses it; "right" and "bi" keep from → to (a Crosscheck link type says whether it is directed). */
  direction: unknown;
}

export interface AnnotationRead {
  regions: RawRegion[];
  relations: RawRelation[];
  /** Regions left out here (no label), by id, with the reason: relations naming them are left out too. */
  unplaced: Map<string, string>;
}

/** Where a result list is, for messages and keys. */
export interface ResultPlace {
  file: string;
  /** "task 3". */
  taskName: string;
  /** Prefix of the span keys of this task ("file#1:"). */
  keyPrefix: string;
  /** `file:line` of a result by its id, or `fallback` when it cannot be found. */
  lineOf(id: unknown, fallback: string): string;
}

const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

/** Result types of per-region (or task-level) controls, and how each one's answer reads as text. */
const ANSWERS: Record<string, (v: Json) => string | null> = {
  choices: (v) => joined(v.choices),
  rating: (v) => scalar(v.rating),
  number: (v) => scalar(v.number),
  datetime: (v) => scalar(v.datetime),
  taxonomy: (v) => (Array.isArray(v.taxonomy) ? joined(v.taxonomy.map((path) => (Array.isArray(path) ? path.map(String).join(' / ') : String(path)))) : null),
  textarea: (v) => (Array.isArray(v.text) ? joined(v.text, '\n') : scalar(v.text)),
};
/** Result types read as regions. */
const REGION_TYPES = new Set(['labels', 'hypertextlabels']);

function joined(list: unknown, sep = ', '): string | null {
  if (!Array.isArray(list)) return scalar(list);
  const parts = list.filter((x) => typeof x === 'string' || typeof x === 'number').map(String).filter((x) => x !== '');
  return parts.length ? parts.join(sep) : null;
}

function scalar(x: unknown): string | null {
  return (typeof x === 'string' && x !== '') || typeof x === 'number' || typeof x === 'boolean' ? String(x) : null;
}

const short = (s: string) => JSON.stringify(s.length > 60 ? s.slice(0, 57) + '…' : s);

/**
 * Reads one annotation's results. Regions whose offsets are not whole numbers (audio, video, HTML XPath
 * regions) refuse the file, as they did before: they are no text annotation.
 * @throws AppError('InvalidInput') naming the file and line of such a region.
 */
export function readResults(results: Json[], place: ResultPlace, ctx: ImportContext): AnnotationRead {
  const { taskName } = place;
  const taskAt = `${place.file}: ${taskName}`;
  const regions: RawRegion[] = [];
  const byId = new Map<string, RawRegion>();
  const relations: RawRelation[] = [];
  const keys = new Set<string>();
  const unplaced = new Map<string, string>();

  for (const r of results) {
    if (typeof r.type !== 'string' || !REGION_TYPES.has(r.type)) continue;
    const at = place.lineOf(r.id, taskAt);
    const v = isObj(r.value) ? r.value : fail(at, `${taskName}: a labels result has no value`);
    const id = r.id === undefined ? `#${regions.length + 1}` : String(r.id);
    // Regions Crosscheck cannot place in the text are dropped each (relations naming them too), the rest imports.
    const notText =
      typeof v.start !== 'number' || typeof v.end !== 'number'
        ? `no numeric start/end (${typeof v.start === 'string' ? 'an HTML region with XPath offsets' : 'not a text region'}); Crosscheck imports Text regions`
        : !Number.isInteger(v.start) || !Number.isInteger(v.end)
          ? `${String(v.start)}..${String(v.end)} are not whole characters (an audio or video region?); Crosscheck imports Text regions`
          : null;
    if (notText) {
      ctx.drop(`${taskName}, region ${id}`, `a ${r.type} region`, notText);
      unplaced.set(id, notText);
      continue;
    }
    const where = `${taskName}, region ${id}`;
    const labels = (Array.isArray(v.labels) ? v.labels : Array.isArray(v.hypertextlabels) ? v.hypertextlabels : []).filter((l): l is string => typeof l === 'string' && l.trim() !== '');
    const text = typeof v.text === 'string' ? v.text : undefined;
    if (!labels.length) {
      const why = 'it has no label; a Crosscheck span needs one';
      ctx.drop(where, `region ${String(v.start)}..${String(v.end)}${text === undefined ? '' : ` ${short(text)}`}`, why);
      unplaced.set(id, why);
      continue;
    }
    // Two Labels controls on one text label the same region under one id: one region, the labels of both.
    const same = byId.get(id);
    if (same && same.start === v.start && same.end === v.end) {
      same.labels.push(...labels.filter((l) => !same.labels.includes(l)));
      continue;
    }
    let key = place.keyPrefix + id;
    for (let n = 2; keys.has(key); n++) key = `${place.keyPrefix}${id}#${n}`;
    keys.add(key);
    const meta = isObj(r.meta) ? r.meta.text : undefined;
    const notes = (Array.isArray(meta) ? meta : [meta]).filter((m): m is string => typeof m === 'string' && m !== '');
    const region: RawRegion = { id, key, at, where, start: v.start as number, end: v.end as number, text, labels, notes, attributes: {} };
    if ((typeof r.score === 'number' && Number.isFinite(r.score)) || (typeof r.score === 'string' && r.score.trim())) region.score = String(r.score);
    regions.push(region);
    if (!same) byId.set(id, region);
  }

  for (const r of results) {
    const type = typeof r.type === 'string' ? r.type : '';
    if (REGION_TYPES.has(type)) continue;
    if (type === 'relation') {
      const types = (Array.isArray(r.labels) ? r.labels : []).filter((l): l is string => typeof l === 'string' && l.trim() !== '');
      relations.push({ fromId: String(r.from_id), toId: String(r.to_id), types: types.length ? types : ['related'], direction: r.direction });
      continue;
    }
    const v = isObj(r.value) ? r.value : {};
    const control = typeof r.from_name === 'string' && r.from_name.trim() ? attributeOfControl(r.from_name) : type || 'result';
    const answer = ANSWERS[type];
    if (!answer) {
      ctx.drop(`${taskName}, result ${String(r.id ?? '?')}`, `a ${JSON.stringify(type || 'untyped')} result of ${JSON.stringify(control)}`, 'Crosscheck reads text regions, their relations and per-region answers only');
      continue;
    }
    const said = answer(v);
    if (said === null) continue; // an empty answer (no choice made, no text typed) carries nothing
    const region = r.id === undefined ? undefined : byId.get(String(r.id));
    if (region) {
      if (type === 'textarea') region.notes.push(said);
      else region.attributes[control] = region.attributes[control] === undefined ? said : `${region.attributes[control]}, ${said}`;
      continue;
    }
    const perRegion = typeof v.start === 'number' || typeof v.end === 'number';
    ctx.drop(
      perRegion ? `${taskName}, region ${String(r.id)}` : taskName,
      `${type} ${JSON.stringify(control)}: ${short(said)}`,
      perRegion
        ? 'it answers for a region that is not a labelled text region of this annotation'
        : 'a task-level answer describes the whole task; Crosscheck keeps answers on spans only (per-region controls)',
    );
  }
  return { regions, relations, unplaced };
}
