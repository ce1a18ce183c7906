/**
 * Label Studio's JSON-MIN export (label-studio-converter `convert_to_json_min`), turned back into the task shape
 * labelstudio-import.ts reads. A JSON-MIN file is an array of flat records, one per task and annotation:
 *
 *   {"text": "…", "id": 3, "label": [{"start": 0, "end": 5, "text": "Kyiv,", "labels": ["place"]}],
 *    "annotator": 1, "annotation_id": 4, "created_at": "…", "updated_at": "…", "lead_time": 12.5}
 *
 * - The task's data fields are the record's own keys (`text`, `title`, …).
 * - Each control's results are a key named after the control (`from_name`) holding its values without their
 *   type, region id or relations: a list of `{start, end, text, labels}` for Labels, of `{start, end, text,
 *   choices}` for per-region Choices, and so on. The converter writes a control with one single-value answer
 *   (one choice, one text) as that bare string, which cannot be told from a data field: such keys stay data
 *   fields, which the import reports as left out.
 * - A task annotated twice is two records with the same `id` (newest first): they become one task with two
 *   annotations, so the import's rule for several annotations applies (one layer each).
 * - `annotator` is whose annotation it is (`completed_by`: labelstudio-layers.ts names the layer); `annotation_id`,
 *   `created_at`, `updated_at`, `lead_time` and `agreement` are bookkeeping.
 *
 * Regions get ids made of the control's name and position (`label[0]`); a per-region answer is tied to the
 * labels region with the same start and end (the first one, when several share them).
 */
import { isObj, type Json } from './labelstudio-results.js';

/** Keys of a task object (any of them means the file is Label Studio JSON, not JSON-MIN). */
const TASK_KEYS = ['data', 'annotations', 'completions', 'predictions'];
/** JSON-MIN keys that describe the annotation, not the task's data or answers. */
const BOOKKEEPING = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement']);
/** The key holding each control's answer in a result value, and the result type it stands for. */
const ANSWER_KEYS: [string, string][] = [
  ['labels', 'labels'],
  ['hypertextlabels', 'hypertextlabels'],
  ['choices', 'choices'],
  ['rating', 'rating'],
  ['taxonomy', 'taxonomy'],
  ['number', 'number'],
  ['datetime', 'datetime'],
  ['text', 'textarea'],
];

/** Whether parsed JSON is a JSON-MIN export: a non-empty array of objects none of which is a task. */
export function isJsonMin(json: unknown): json is Json[] {
  return Array.isArray(json) && json.length > 0 && json.every((r) => isObj(r) && !TASK_KEYS.some((k) => k in r));
}

/** The control results of a record key, or null when the key is a data field. */
function resultsOf(key: string, value: unknown): Json[] | null {
  if (!Array.isArray(value) || !value.length || !value.every(isObj)) return null;
  return value.map((v, j) => {
    const type = ANSWER_KEYS.find(([k]) => k in v && !(k === 'text' && typeof v.text === 'string'))?.[1] ?? 'unknown';
    return { id: `${key}[${j}]`, from_name: key, type, value: v };
  });
}

/**
 * JSON-MIN records as Label Studio tasks `{id, data, annotations: [{id, result}]}`, records with the same `id`
 * merged into one task (in file order).
 */
export function tasksFromJsonMin(records: Json[]): Json[] {
  const tasks: Json[] = [];
  const byId = new Map<string, Json[]>();
  for (const record of records) {
    const data: Json = {};
    const result: Json[] = [];
    for (const [key, value] of Object.entries(record)) {
      if (BOOKKEEPING.has(key)) continue;
      const results = resultsOf(key, value);
      if (results) result.push(...results);
      else data[key] = value;
    }
    // Per-region answers carry their region's offsets, not its id: find the region by them.
    const regions = result.filter((r) => r.type === 'labels' || r.type === 'hypertextlabels');
    for (const r of result) {
      const v = r.value as Json;
      if (regions.includes(r) || typeof v.start !== 'number') continue;
      const region = regions.find((x) => (x.value as Json).start === v.start && (x.value as Json).end === v.end);
      if (region) r.id = region.id;
    }
    // `annotator` is whose annotation the record is (the converter writes the user's email, else id): its layer.
    const annotation = { id: record.annotation_id, result, completed_by: record.annotator };
    const id = record.id;
    const known = typeof id === 'number' || typeof id === 'string' ? byId.get(String(id)) : undefined;
    if (known) {
      known.push(annotation);
      continue;
    }
    const annotations = [annotation];
    if (typeof id === 'number' || typeof id === 'string') byId.set(String(id), annotations);
    tasks.push({ id, data, annotations });
  }
  return tasks;
}
