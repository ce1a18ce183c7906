/**
 * Whose work each annotation of a Label Studio task is (issue 13: files that hold several people's work import
 * as several layers), for labelstudio-import.ts.
 *
 * `completed_by` in Label Studio's JSON export is the annotating user's id, a number (the "Label Studio JSON
 * format of annotated tasks" in its task_format docs shows `"completed_by": 10`); exports made through the
 * data_export serializer write the user as an object `{id, email, first_name, last_name}` (its
 * CompletedBySerializer); files written for import may give an email or a name as a string; JSON-MIN
 * (labelstudio-min.ts) gives it as `annotator`, an email or an id. The layer is named:
 * - an object with a non-empty `email`: that email; else an object with an `id` as below;
 * - a whole number from 1 that a double holds exactly (Number.isSafeInteger): `user-<id>`; a non-empty string:
 *   that string (an email or a user name) unless it is a reserved layer name (person-layer.ts: dropped; only a
 *   `ground_truth` annotation may name `gold`, as Crosscheck's own export writes its gold layer);
 * - absent or null: the import's default layer (`--annotator`, else the current annotator);
 * - anything else (a negative, fractional or unsafe number such as 1e30, an object with neither email nor id, a list, true): the
 *   annotation names no user, so it is dropped with the reason rather than guessed into someone's layer.
 * A name Crosscheck cannot hold (over 60 characters, control characters) is dropped span by span by ingest().
 *
 * Predictions (a model's suggestions) go to the reserved `auto` layer, each span with the prediction's
 * `model_version` and `score` as attributes (a result's own `score` wins over the prediction's; the
 * model_version Crosscheck's own export writes, AUTO_MODEL_VERSION, is not kept: it names no model).
 */
import { AUTO_LAYER, GOLD_LAYER } from '../../common/annotators.js';
import { AppError } from '../../common/errors.js';
import { AUTO_MODEL_VERSION } from './labelstudio-export.js';
import { isObj, type Json } from './labelstudio-results.js';
import { personLayerProblem, userIdProblem } from './person-layer.js';
import type { ImportContext } from './types.js';

/** One annotation or prediction a task imports. */
export interface TakenAnnotation {
  /** The layer's name; null: the import's default layer. */
  layer: string | null;
  results: unknown[];
  /** Attributes every span of it carries: a prediction's `model_version` and `score`. */
  attributes: Record<string, string>;
  /** Where the report names it: "task 3", or "task 3, annotation 12" when the task imports several. */
  place: string;
}

/**
 * The layer named by a `completed_by` value (see the top of this module). A name or email that is a reserved
 * layer name (person-layer.ts) names no one's layer, except `gold` on an annotation marked `ground_truth` when
 * `groundTruth` (Crosscheck's own export writes its gold layer so).
 * @returns `{ layer }` (null: the default layer), or `{ why }` when the value names no user.
 */
export function layerOfCompletedBy(v: unknown, groundTruth = false): { layer: string | null } | { why: string } {
  const named = (name: string): { layer: string } | { why: string } => {
    if (groundTruth && name.toLowerCase() === GOLD_LAYER) return { layer: GOLD_LAYER };
    const why = personLayerProblem(name);
    return why === null ? { layer: name } : { why: `its completed_by: ${why}` };
  };
  if (v === undefined || v === null) return { layer: null };
  if (typeof v === 'string') return v.trim() ? named(v.trim()) : { layer: null };
  if (typeof v === 'number') {
    const why = userIdProblem(v);
    return why === null ? { layer: `user-${v}` } : { why: `its completed_by ${String(v)} is not a user id (${why})` };
  }
  if (isObj(v)) {
    if (typeof v.email === 'string' && v.email.trim()) return named(v.email.trim());
    if (v.id !== undefined && v.id !== null && !isObj(v.id) && !Array.isArray(v.id)) {
      const byId = layerOfCompletedBy(typeof v.id === 'string' && /^\d+$/.test(v.id.trim()) ? Number(v.id) : v.id);
      if ('layer' in byId && byId.layer !== null) return byId;
    }
    return { why: `its completed_by ${preview(v)} has neither an email nor a user id` };
  }
  return { why: `its completed_by ${preview(v)} is not a user id, an email or a user object` };
}

const preview = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
};

const count = (a: Json) => (Array.isArray(a.result) ? a.result.length : 0);
const what = (kind: string, a: Json) => `${kind} with ${count(a)} result${count(a) === 1 ? '' : 's'}`;
/** A number or a non-empty string as an attribute value, else null. */
const scalar = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? String(x) : typeof x === 'string' && x.trim() ? x : null);

/**
 * The annotations and predictions a task imports, each with its layer (see the top of this module). Cancelled
 * annotations, annotations naming no user and drafts are dropped with the reason; annotations with no results
 * import nothing and are named in `empty` ("task 1 by user-1") for the report's notes.
 * @throws AppError('InvalidInput') `${file}: task N: annotation K is not a JSON object`.
 */
export function takenAnnotations(t: Json, taskName: string, taskAt: string, ctx: ImportContext, empty: string[]): TakenAnnotation[] {
  const annotations = Array.isArray(t.annotations) ? t.annotations : Array.isArray(t.completions) ? t.completions : [];
  const taken: (TakenAnnotation & { kind: string; id: string })[] = [];
  annotations.forEach((a, k) => {
    if (!isObj(a)) throw new AppError('InvalidInput', `${taskAt}: annotation ${k + 1} is not a JSON object`);
    const id = String(a.id ?? k + 1);
    const where = `${taskName}, annotation ${id}`;
    if (a.was_cancelled === true || a.skipped === true) return ctx.drop(where, what('a cancelled annotation', a), 'the annotator cancelled (skipped) it');
    const who = layerOfCompletedBy(a.completed_by, a.ground_truth === true);
    if (!count(a)) return void empty.push(`${taskName} by ${'layer' in who && who.layer !== null ? who.layer : 'an unnamed annotator'}`);
    if ('why' in who) return ctx.drop(where, what('an annotation', a), `${who.why}; Crosscheck cannot tell whose layer it belongs to`);
    taken.push({ kind: 'annotation', id, layer: who.layer, results: a.result as unknown[], attributes: {}, place: taskName });
  });
  (Array.isArray(t.predictions) ? t.predictions : []).forEach((p, k) => {
    if (!isObj(p)) return;
    const id = String(p.id ?? k + 1);
    if (!count(p)) return void empty.push(`${taskName} by the prediction ${id} (${AUTO_LAYER})`);
    const attributes: Record<string, string> = {};
    // Crosscheck's own export names its proposals layer so; that name says nothing about the spans.
    const model = scalar(p.model_version);
    if (model !== null && model !== AUTO_MODEL_VERSION) attributes.model_version = model;
    else if (model === null && p.model_version !== undefined && p.model_version !== null && p.model_version !== '') {
      ctx.drop(`${taskName}, prediction ${id}`, `its model_version ${preview(p.model_version)}`, 'a model_version is a string or a number; its spans import without it');
    }
    // Crosscheck's own prediction score is the mean of its regions' confidences: nothing about any one span.
    const score = model === AUTO_MODEL_VERSION ? null : scalar(p.score);
    if (score !== null) attributes.score = score;
    taken.push({ kind: 'prediction', id, layer: AUTO_LAYER, results: p.result as unknown[], attributes, place: taskName });
  });
  (Array.isArray(t.drafts) ? t.drafts : []).forEach((d, k) => {
    if (isObj(d) && count(d)) ctx.drop(`${taskName}, draft ${String(d.id ?? k + 1)}`, what('a draft', d), 'a draft was never submitted in Label Studio');
  });
  // Several annotations of one task: the report names which one a region is in.
  if (taken.length > 1) for (const a of taken) a.place = `${taskName}, ${a.kind} ${a.id}`;
  return taken.map(({ layer, results, attributes, place }) => ({ layer, results, attributes, place }));
}
