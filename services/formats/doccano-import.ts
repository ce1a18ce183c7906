/**
 * doccano import: every record shape doccano has written (doccano-shapes.ts), offsets in the unit the file was
 * made in (doccano.ts says why UTF-16 by default), and every key either imported or reported.
 */
import { basename } from 'node:path';
import type { OffsetUnit } from '../../common/formats.js';
import { chooseOffsetUnit, toCodePoints, unitLength, UNIT_NAMES } from './offset-units.js';
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';
import {
  attributeValue,
  DOC_FIELDS,
  DOCUMENT_LABEL_KEYS,
  fail,
  ID_KEYS,
  isEmpty,
  isObj,
  META_KEYS,
  preview,
  readRecords,
  RELATION_KEYS,
  SPAN_KEYS,
  SPAN_LIST_KEYS,
  USER_KEYS,
  doccanoLayer,
  type Json,
} from './doccano-shapes.js';

/** The unit doccano's span editor counts offsets in (JavaScript string positions; doccano issue #2290). */
export const DOCCANO_OFFSETS: OffsetUnit = 'utf16';

export interface DoccanoOptions {
  /** The column holding the text (doccano's import dialog calls it "column_data"); default "text", else "data". */
  textColumn?: string;
  /** A column holding `[[start, end, label], …]` besides those doccano writes (its dialog's "column_label"). */
  labelColumn?: string;
}

/** Why keys that are document metadata in doccano are reported: there is no place for them. */
const METADATA_WHY = 'doccano keeps it as document metadata; a Crosscheck document holds only its text, title, date and source';
const DOC_LABELS_WHY = 'document labels (doccano text classification or sequence-to-sequence); Crosscheck labels spans, not whole documents';

/** A span as the file gives it: offsets in the file's unit, not yet converted. */
interface RawSpan {
  key: string;
  /** "entity 3", "label 2": how messages name it. */
  what: string;
  start: number;
  end: number;
  label: string;
  text?: string;
  attributes: Record<string, string>;
  /** Whose layer (doccanoLayer); null: the record's layer, else the import's default. */
  layer: string | null;
}

interface RawDoc {
  line: number;
  /** The record's layer (its `user` or `username`); null: the import's default. */
  layer: string | null;
  text: string;
  title: string;
  date: string | null;
  source: string | null;
  spans: RawSpan[];
  relations: { from: string; to: string; type: string; what: string }[];
}

/** What reading one file shares between its records. */
interface FileReader {
  file: string;
  ctx: ImportContext;
  opts: DoccanoOptions;
  /** Label ids met with no name, for the one note that says so. */
  unnamed: Set<string>;
}

const fieldValue = (v: unknown) => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);

/**
 * A label or relation type: a name, or an id (doccano 1.0-1.3 wrote label ids) named by `options.labelNames`;
 * an id without a name is kept as a label named by the id, and the file's note says so.
 */
function labelOf(r: FileReader, v: unknown, at: string, what: string): string {
  const given = r.ctx.options.labelNames ?? {};
  // Own keys only: a label id "constructor" must not find Object.prototype's.
  const names = (k: string) => (Object.hasOwn(given, k) ? given[k] : undefined);
  if (typeof v === 'number' && Number.isInteger(v)) {
    const name = names(String(v));
    if (name === undefined) r.unnamed.add(String(v));
    return name ?? String(v);
  }
  if (typeof v === 'string' && v.trim()) return (/^\d+$/.test(v) ? names(v) : undefined) ?? v;
  return fail(at, `${what}: no label`);
}

/** Reads one record into a RawDoc, reporting (ctx.drop) every key it does not import. */
function readRecord(r: FileReader, rec: Json, line: number, record = 0): RawDoc {
  const at = `${r.file}:${line}`;
  const where = `line ${line}`;
  const drop = (what: string, why: string) => r.ctx.drop(where, what, why);
  const used = new Set<string>();

  const textKey = r.opts.textColumn ?? (rec.text === undefined && typeof rec.data === 'string' ? 'data' : 'text');
  const body = rec[textKey];
  if (body === undefined) {
    const keys = Object.keys(rec);
    fail(at, `no "${textKey}" field${keys.length ? ` (the record has ${keys.map((k) => JSON.stringify(k)).join(', ')}; name its text column)` : ''}`);
  }
  if (typeof body !== 'string') return fail(at, `"${textKey}" is not a string`);
  if (!body.trim()) fail(at, `"${textKey}" is empty`);
  used.add(textKey);

  const spans: RawSpan[] = [];
  const keyOfId = new Map<string, string>();
  // Whose the record is: its spans' layer unless a span names its own user.
  const userKey = USER_KEYS.find((k) => rec[k] !== undefined);
  let recordLayer: string | null = null;
  // A record whose user is a reserved layer name: its spans (those naming no user of their own) are not imported.
  let recordRefused = false;
  if (userKey) {
    used.add(userKey);
    const layer = doccanoLayer(rec[userKey]);
    if (layer !== null && typeof layer === 'object') {
      recordRefused = layer.reserved === true;
      drop(`key "${userKey}": ${preview(rec[userKey])}`, `${layer.why}; ${recordRefused ? 'its spans are not imported' : "its spans go to the import's default layer"}`);
    } else recordLayer = layer;
  }
  /** `layer` undefined: the record's layer. */
  const addSpan = (key: string, what: string, start: unknown, end: unknown, label: unknown, text: string | undefined, attributes: Record<string, string>, layer?: string | null) => {
    if (!Number.isInteger(start) || !Number.isInteger(end)) fail(at, `${what}: offsets ${JSON.stringify(start)}..${JSON.stringify(end)} are not whole numbers`);
    if (layer === undefined && recordRefused) return;
    layer = layer === undefined ? recordLayer : layer;
    spans.push({ key, what, start: start as number, end: end as number, label: labelOf(r, label, at, what), text, attributes, layer });
  };

  const listKeys = new Set<string>([...SPAN_LIST_KEYS, ...(r.opts.labelColumn ? [r.opts.labelColumn] : [])]);
  for (const listKey of listKeys) {
    const list = rec[listKey];
    if (listKey === textKey || list === undefined) continue;
    used.add(listKey);
    if (isEmpty(list)) continue;
    if (typeof list === 'string' || typeof list === 'number') {
      drop(`${listKey} ${preview(list)}`, DOC_LABELS_WHY);
      continue;
    }
    if (!Array.isArray(list)) fail(at, `"${listKey}" is not a list`);
    const docLabels: unknown[] = [];
    (list as unknown[]).forEach((el, i) => {
      // The record's index too: a JSON array written on one line (Python's json.dump) holds many records a line.
      const key = `${r.ctx.path}:${line}:${record}:${listKey}:${i}`;
      if (Array.isArray(el)) {
        // [start, end, "label"], sometimes with the span's text after it.
        if (el.length < 3) fail(at, `${listKey} ${i + 1} is not [start, end, "label"]`);
        const [start, end, label, text, ...rest] = el as unknown[];
        const extra = typeof text === 'string' || text === undefined ? rest : [text, ...rest];
        addSpan(key, `${listKey} ${i + 1}`, start, end, label, typeof text === 'string' ? text : undefined, {});
        if (extra.length) drop(`${listKey} ${i + 1}: extra elements ${preview(extra)}`, 'a doccano span is [start, end, "label"] and its text; there is no place for more');
      } else if (isObj(el) && ('start_offset' in el || 'end_offset' in el)) {
        const id = fieldValue(el.id);
        const what = id !== null && listKey === 'entities' ? `entity ${id}` : `${listKey} ${i + 1}`;
        if (id !== null) {
          if (keyOfId.has(id)) fail(at, `entity id ${id} is used twice`);
          keyOfId.set(id, key);
        }
        // Keys beyond the span's own (doccano 1.x `prob`) are kept as the span's attributes; its `user` is its layer.
        const attributes = Object.fromEntries(
          Object.entries(el)
            .filter(([k, v]) => (!SPAN_KEYS.has(k) || (k === 'text' && typeof v !== 'string')) && v !== null && v !== undefined)
            .map(([k, v]) => [k, attributeValue(v)]),
        );
        const own = doccanoLayer(el.user);
        if (own !== null && typeof own === 'object') {
          drop(`${what} ${preview(el.start_offset)}..${preview(el.end_offset)}`, own.why);
          return;
        }
        addSpan(key, what, el.start_offset, el.end_offset, el.label, typeof el.text === 'string' ? el.text : undefined, attributes, own ?? undefined);
      } else if (typeof el === 'string' || typeof el === 'number' || isObj(el)) docLabels.push(el);
      else fail(at, `${listKey} ${i + 1} is neither a span nor a label`);
    });
    if (docLabels.length) drop(`${listKey}: ${docLabels.length === 1 ? 'a document label' : `${docLabels.length} document labels`} ${preview(docLabels)}`, DOC_LABELS_WHY);
  }

  const relations: RawDoc['relations'] = [];
  if (rec.relations !== undefined) {
    used.add('relations');
    if (!isEmpty(rec.relations) && !Array.isArray(rec.relations)) fail(at, '"relations" is not a list');
    const extra = new Map<string, number>();
    (Array.isArray(rec.relations) ? (rec.relations as unknown[]) : []).forEach((rel, i) => {
      if (!isObj(rel)) return fail(at, `relation ${i + 1} is not an object`);
      const what = `relation ${fieldValue(rel.id) ?? i + 1}`;
      const from = keyOfId.get(String(rel.from_id));
      const to = keyOfId.get(String(rel.to_id));
      if (from === undefined || to === undefined) fail(at, `${what}: entity ${from === undefined ? String(rel.from_id) : String(rel.to_id)} is not in this record`);
      const type = isEmpty(rel.type) ? fail(at, `${what}: no type`) : labelOf(r, rel.type, at, what);
      for (const [k, v] of Object.entries(rel)) if (!RELATION_KEYS.has(k) && !isEmpty(v)) extra.set(k, (extra.get(k) ?? 0) + 1);
      relations.push({ from: from!, to: to!, type, what });
    });
    for (const [k, n] of extra) drop(`"${k}" of ${n === 1 ? 'a relation' : `${n} relations`}`, 'a Crosscheck link has no attributes');
  }

  for (const [k, why] of Object.entries(DOCUMENT_LABEL_KEYS)) {
    if (rec[k] === undefined || listKeys.has(k)) continue;
    used.add(k);
    if (!isEmpty(rec[k])) drop(`${k} ${preview(rec[k])}`, why);
  }

  // Title, date and source: top-level keys (our export; doccano 1.6+ spreads metadata there), else in `meta`.
  const metas = META_KEYS.filter((k) => rec[k] !== undefined);
  const fields = new Map<string, string | null>();
  const fromMeta = new Set<string>();
  // A title, date or source of only blanks is no value (as an empty one): taken as none, not listed as dropped.
  const blank = (v: unknown) => typeof v === 'string' && !v.trim();
  for (const f of DOC_FIELDS) {
    const top = fieldValue(rec[f]);
    if (top !== null || blank(rec[f])) used.add(f);
    const meta = metas.map((m) => rec[m]).find((m) => isObj(m) && fieldValue(m[f]) !== null) as Json | undefined;
    if (top === null && meta) fromMeta.add(f);
    fields.set(f, top ?? (meta ? fieldValue(meta[f]) : null));
  }
  for (const m of metas) {
    used.add(m);
    const meta = rec[m];
    if (isEmpty(meta)) continue;
    if (!isObj(meta)) drop(`${m} ${preview(meta)}`, METADATA_WHY);
    else {
      for (const [k, v] of Object.entries(meta)) {
        if (fromMeta.has(k) && fieldValue(v) === fields.get(k)) continue;
        if (!isEmpty(v) && !((DOC_FIELDS as readonly string[]).includes(k) && blank(v))) drop(`${m} "${k}": ${preview(v)}`, METADATA_WHY);
      }
    }
  }
  const idKey = ID_KEYS.find((k) => fieldValue(rec[k]) !== null);
  if (idKey) used.add(idKey);

  for (const [k, v] of Object.entries(rec)) if (!used.has(k) && !isEmpty(v)) drop(`key "${k}": ${preview(v)}`, METADATA_WHY);

  const name = basename(r.file);
  const id = idKey ? fieldValue(rec[idKey]) : null;
  return {
    line,
    layer: recordLayer,
    text: body,
    title: fields.get('title') ?? (id !== null ? `${name} #${id}` : `${name}:${line}`),
    date: fields.get('date') ?? null,
    source: fields.get('source') ?? null,
    spans,
    relations,
  };
}

/**
 * Reads a doccano file (JSONL, a JSON array, or pretty-printed objects one after another; see doccano-shapes.ts
 * for every shape read) into documents with code-point spans.
 *
 * Offsets: UTF-16 code units unless the spans fit only one other reading (offset-units.ts chooseOffsetUnit),
 * or as `ctx.options.offsets` says; the choice is a note of the report. Spans a reading cannot place (past the
 * text, inside a surrogate pair) are dropped with the relations naming them; zero-length spans and spans whose
 * given text differs go on to ingest, which drops them. Keys Crosscheck has no place for are dropped, each with
 * its line (doccano-shapes.ts lists why); keys holding nothing (null, "", [], {}) are passed over.
 * @throws AppError('InvalidInput') `file:line: …` for what breaks the format: a line that is not JSON, no text,
 *   offsets that are not whole numbers, a span without a label, an entity id used twice, a relation naming an
 *   entity the record does not have.
 */
export function parseDoccano(raw: string, file: string, ctx: ImportContext = collectingContext(file), opts: DoccanoOptions = {}): ParsedDoc[] {
  const r: FileReader = { file, ctx, opts, unnamed: new Set() };
  const rawDocs = readRecords(raw, file).map(({ value, line }, record) => {
    if (!isObj(value)) return fail(`${file}:${line}`, 'not a JSON object');
    return readRecord(r, value, line, record);
  });
  if (!rawDocs.length) fail(file, 'no records');
  if (r.unnamed.size) {
    const ids = [...r.unnamed];
    ctx.note(`${ctx.path}: label ids ${ids.join(', ')} have no name in the file; imported as labels named ${ids.map((i) => `"${i}"`).join(', ')} (name them with --label-names ${ids.map((i) => `${i}=…`).join(',')})`);
  }

  const choice = chooseOffsetUnit(
    rawDocs.map((d) => ({ text: d.text, spans: d.spans.map((s) => ({ start: s.start, end: s.end, text: s.text, at: `line ${d.line}` })) })),
    DOCCANO_OFFSETS,
    ctx.options.offsets,
  );
  if (rawDocs.some((d) => d.spans.length)) ctx.note(`${ctx.path}: ${choice.note}`);
  const unit = choice.unit;

  const docs = rawDocs.map((d): ParsedDoc => {
    const where = `line ${d.line}`;
    const conv = toCodePoints(d.text, unit);
    let length: number | undefined;
    const left = new Map<string, string>();
    const spans: ParsedSpan[] = [];
    for (const s of d.spans) {
      // Zero-length spans go on unconverted: ingest drops them as "zero-length span" whatever their offsets.
      const a = s.start === s.end ? s.start : conv(s.start);
      const b = s.start === s.end ? s.end : conv(s.end);
      if (a === null || b === null) {
        const bad = a === null ? s.start : s.end;
        length ??= unitLength(d.text, unit);
        const why = bad < 0 || bad > length ? `outside the text (0..${length} ${UNIT_NAMES[unit]})` : `splits a surrogate pair (offsets read as ${UNIT_NAMES[unit]})`;
        ctx.drop(where, `${s.what} ${s.start}..${s.end} ${JSON.stringify(s.label)}`, why);
        left.set(s.key, `${s.what}, which was not imported (${why})`);
        continue;
      }
      const attributes = Object.keys(s.attributes).length ? { attributes: s.attributes } : {};
      spans.push({ key: s.key, start: a, end: b, label: s.label, ...(s.text === undefined ? {} : { text: s.text }), ...attributes, at: `${ctx.path}:${d.line}`, annotator: s.layer });
    }
    const links: ParsedDoc['links'] = [];
    for (const rel of d.relations) {
      const gone = left.get(rel.from) ?? left.get(rel.to);
      if (gone) ctx.drop(where, `${rel.what} ${JSON.stringify(rel.type)}`, `it names ${gone}`);
      else links.push({ from: rel.from, to: rel.to, type: rel.type });
    }
    return { title: d.title, text: d.text, path: `${file}:${d.line}`, date: d.date, source: d.source, spans, links };
  });
  return byUser(docs, rawDocs);
}

/**
 * doccano writes a document once per user who labelled it (doccano-shapes.ts): records with a user and the same
 * text as an earlier one are that document's other layers, so they join it (one document, several layers)
 * instead of being reported as duplicates of it.
 */
function byUser(docs: ParsedDoc[], raw: RawDoc[]): ParsedDoc[] {
  const first = new Map<string, ParsedDoc>();
  const out: ParsedDoc[] = [];
  docs.forEach((d, i) => {
    const earlier = raw[i].layer !== null ? first.get(d.text) : undefined;
    if (earlier) {
      earlier.spans.push(...d.spans);
      earlier.links.push(...d.links);
      return;
    }
    if (!first.has(d.text)) first.set(d.text, d);
    out.push(d);
  });
  return out;
}
