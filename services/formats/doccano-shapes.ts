/**
 * What doccano files look like, for the importer (doccano-import.ts): how the records of a file are found, and the
 * keys each version of doccano has written (read in doccano's source: backend/data_export, backend/data_import,
 * and the export examples quoted in its issues #46, #113, #1291, #1522, #1605):
 *
 * - 0.x (2018-19): `{"doc_id", "text", "entities" | "labels": [[start, end, "L"]], "username", "metadata"}`
 *   (`username`: whose layer the record's spans are in, issue 13);
 *   text classification `"labels": ["L1", "L2"]`, seq2seq `"sentences"`.
 * - 1.0-1.3 "JSONL": `{"id", "text", "annotations": [{"id", "label": 7, "start_offset", "end_offset", "user",
 *   "prob"}], "meta": {}, "annotation_approver"}` with label IDS (names are not in the file) and each span's
 *   `user` (an id: layer `user-<id>`); classification
 *   annotations have no offsets. "JSONL (text label)": `{"id", "text", "labels": [[start, end, "L"]], "meta"}`.
 * - 1.4-1.5: `{"id", "data", "label": [[start, end, "L"]], ...meta keys}` (`data`, not `text`: issue #1605).
 * - 1.5+: the export writes each document once per user who labelled it (`label_per_user`; one file per user,
 *   `<username>.jsonl`, unless the project is collaborative, `all`); a record with a `user` key is that layer.
 * - 1.6+: sequence labelling `{"id", "text", "label": [[start, end, "L"]], "Comments": [...], ...meta keys}`;
 *   with relations `{"id", "text", "entities": [{id, label, start_offset, end_offset}], "relations": [{id,
 *   from_id, to_id, type}], "Comments", ...}`; intent detection `{"text", "cats": [...], "entities": [[s, e,
 *   "L"]]}`; text classification and seq2seq `"label": ["..."]` (strings). Metadata is spread as top-level keys.
 * - Its importer reads `text` (or the column the person names) and `label`, span objects or triples alike, and
 *   keeps every other key as metadata.
 */
import { AppError } from '../../common/errors.js';
import { personLayerProblem, userIdProblem } from './person-layer.js';

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value that carries nothing (null, "", [], {}): such keys are neither imported nor reported. */
export const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length) || (isObj(v) && !Object.keys(v).length);

/** A value as a report shows it: JSON, cut at 80 characters. */
export const preview = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
};

/** A value as a span attribute holds it: strings as they are, anything else as JSON. */
export const attributeValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

/** One JSON value of the file and the line it starts on. */
export interface DoccanoRecord {
  value: unknown;
  line: number;
}

function parseAt(text: string, at: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return fail(at, `not JSON (${(e as Error).message})`);
  }
}

/**
 * The records of a file: JSONL (one object a line), a JSON array of objects, or objects pretty-printed over
 * several lines one after another (doccano's own export example is written so). Each keeps its first line.
 * @throws AppError('InvalidInput') `file:line: …` for a line that is not JSON or an unclosed object or array.
 */
export function readRecords(raw: string, file: string): DoccanoRecord[] {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const lines = text.split('\n');
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx === -1) return [];
  const first = lines[firstIdx].trim();
  // JSONL when the first line is a whole JSON object on its own: then every line must be one.
  if (first.startsWith('{') && first.endsWith('}')) {
    let wholeLine = true;
    try {
      JSON.parse(first);
    } catch {
      wholeLine = false;
    }
    if (wholeLine) {
      const out: DoccanoRecord[] = [];
      lines.forEach((l, i) => {
        if (l.trim()) out.push({ value: parseAt(l, `${file}:${i + 1}`), line: i + 1 });
      });
      return out;
    }
  }
  return scanValues(text, file);
}

/** Splits a text into its top-level JSON values (the elements, when it is one array), by bracket depth. */
function scanValues(text: string, file: string): DoccanoRecord[] {
  const out: DoccanoRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  let inArray = false;
  const skipSpace = () => {
    while (i < n) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  skipSpace();
  if (text[i] === '[') {
    inArray = true;
    i++;
  }
  for (;;) {
    skipSpace();
    if (i >= n) {
      if (inArray) fail(`${file}:${line}`, 'the JSON array is not closed (missing "]")');
      break;
    }
    if (inArray && text[i] === ']') {
      i++;
      skipSpace();
      if (i < n) fail(`${file}:${line}`, 'text after the end of the JSON array');
      break;
    }
    if (inArray && out.length) {
      if (text[i] !== ',') fail(`${file}:${line}`, `expected "," or "]" between the records, found ${JSON.stringify(text[i])}`);
      i++;
      skipSpace();
    }
    const startLine = line;
    const start = i;
    if (text[i] !== '{') fail(`${file}:${line}`, `expected a JSON object, found ${JSON.stringify(text.slice(i, i + 20))}`);
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i];
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) fail(`${file}:${startLine}`, 'the JSON object that starts here is not closed');
    out.push({ value: parseAt(text.slice(start, i), `${file}:${startLine}`), line: startLine });
  }
  return out;
}

/**
 * Keys of a span object that are the span itself; any other key of it becomes a span attribute. `user` (doccano
 * 1.0-1.3: the annotating user's id) is whose layer the span is in (doccanoLayer).
 */
export const SPAN_KEYS = new Set(['id', 'start_offset', 'end_offset', 'label', 'text', 'user']);
/**
 * Keys of a relation object that are the relation itself; links have no attributes, so others are reported. A
 * relation's `user` is its layer, which a Crosscheck link takes from its spans.
 */
export const RELATION_KEYS = new Set(['id', 'from_id', 'to_id', 'type', 'user']);
/**
 * Record keys naming whose annotations the record holds: `user` (doccano's export groups each document's labels by
 * user: data_export/pipeline/repositories.py `label_per_user`, one record per user) and 0.x `username`.
 */
export const USER_KEYS = ['user', 'username'] as const;

/**
 * The layer a doccano user value names (issue 13): a user name as it is, a user id number as `user-<id>`; null
 * (the import's default layer) for none, and for the two names doccano writes when no one user is meant: `all`
 * (a collaborative project merges everyone's labels) and `unknown` (a document nobody labelled).
 * @returns the name, null, or `{ why }` when the value is no user (a list, an object, a negative, fractional or
 *   unsafe number such as 1e30); `reserved` when it is a user name that is a reserved layer name (`gold`, `auto`,
 *   person-layer.ts), whose spans are then not imported at all.
 */
export function doccanoLayer(v: unknown): string | null | { why: string; reserved?: true } {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') {
    const name = v.trim();
    if (!name || ['all', 'unknown'].includes(name.toLowerCase())) return null;
    const why = personLayerProblem(name);
    return why === null ? name : { why: `its user: ${why}`, reserved: true };
  }
  if (typeof v === 'number' && userIdProblem(v) === null) return `user-${v}`;
  return { why: `its user ${preview(v)} is not a user name or id; Crosscheck cannot tell whose layer it belongs to` };
}
/** Keys naming the document: its ids make the title (`file.jsonl #17`). */
export const ID_KEYS = ['id', 'doc_id'] as const;
/** Document fields Crosscheck keeps, at the top level (our export, doccano 1.6+ metadata) or under `meta`. */
export const DOC_FIELDS = ['title', 'date', 'source'] as const;
/** Where doccano put a document's metadata as one object (1.x `meta`, 0.x `metadata`). */
export const META_KEYS = ['meta', 'metadata'] as const;
/** Lists of spans (or, for some project types, of document labels), in the order they are read. */
export const SPAN_LIST_KEYS = ['entities', 'label', 'labels', 'annotations'] as const;
/** Lists of things doccano says about the whole document, which Crosscheck has no place for. */
export const DOCUMENT_LABEL_KEYS: Record<string, string> = {
  cats: 'document categories (doccano intent detection); Crosscheck labels spans, not whole documents',
  sentences: 'sequence-to-sequence texts (doccano 0.x); Crosscheck labels spans of the text',
  Comments: 'doccano comments on the document; a Crosscheck document has no comments',
  comments: 'doccano comments on the document; a Crosscheck document has no comments',
};
