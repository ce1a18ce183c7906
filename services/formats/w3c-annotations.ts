/**
 * Reading W3C annotations out of JSON, for the import (w3c-import.ts): the annotations a file holds (one, an
 * array, an AnnotationPage, an AnnotationCollection with embedded pages) and what their bodies say (label,
 * note, attributes), plus the small JSON helpers the other import modules share.
 */
import { AppError } from '../../common/errors.js';
import { lineFinder } from './lines.js';

export type Json = Record<string, unknown>;

/** Throws the import's error: InvalidInput, `at: reason`. */
export const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

/** A JSON-LD value that may be one item or an array, as an array (absent: empty). */
export const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The string items of a one-or-many value (`type`, `motivation`, `purpose`). */
export const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');
/** A JSON value as it would be written, cut after 80 UTF-16 units (for a dropped entry's `what`). */
const asJson = (v: unknown) => {
  const j = JSON.stringify(v) ?? String(v);
  return j.length > 80 ? j.slice(0, 80) + '…' : j;
};
/** A text quoted in an error message, cut after `max` UTF-16 units. */
export const show = (s: string, max = 60) => JSON.stringify(s.length > max ? s.slice(0, max) + '…' : s);

/** Parses JSON (a leading BOM allowed); a syntax error names `file:line`. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineFinder(text)(Number(pos[1])) : /line (\d+)/.exec(msg)?.[1];
    throw new AppError('InvalidInput', `${file}${line ? `:${line}` : ''}: not JSON (${msg})`);
  }
}


export interface Found {
  anno: Json;
  /** `file:line` where the annotation's id is (ParsedSpan.at), or `file: annotation 3`. */
  at: string;
  /** The same place within the file, for a dropped entry: "line 12" or "annotation 3". */
  where: string;
  /** Key of the annotation: its id, or its place in the file. */
  id: string;
}

/** The annotations of a file: one, an array, an AnnotationPage with items, or a collection with embedded pages. */
export function annotationsOf(json: unknown, file: string, text: string): Found[] {
  const list: unknown[] = [];
  const page = (p: Json, where: string) => {
    if (!Array.isArray(p.items)) fail(file, `${where} has no "items" array`);
    list.push(...(p.items as unknown[]));
    let next = p.next;
    let guard = 0;
    while (isObj(next) && guard++ < 100_000) {
      if (Array.isArray(next.items)) list.push(...(next.items as unknown[]));
      next = next.next;
    }
    if (typeof next === 'string') fail(file, `the next page of annotations (${next}) is not in the file; save the whole collection as one file`);
  };
  if (Array.isArray(json)) list.push(...json);
  else if (isObj(json)) {
    const types = strings(json.type);
    if (types.includes('AnnotationCollection')) {
      if (isObj(json.first)) page(json.first, 'the first page of the collection');
      else if (Array.isArray(json.items)) page(json, 'the collection');
      else if (typeof json.first === 'string') fail(file, `the collection's pages (${json.first}) are not in the file; save the whole collection as one file`);
      else if (json.total !== 0) fail(file, 'the AnnotationCollection has no embedded first page');
    } else if (types.includes('AnnotationPage') || (!types.includes('Annotation') && Array.isArray(json.items))) page(json, 'the AnnotationPage');
    else list.push(json);
  } else fail(file, 'not a W3C annotation, annotation list or AnnotationCollection');

  const lineAt = lineFinder(text);
  let cursor = 0;
  return list.map((a, i) => {
    if (!isObj(a)) return fail(file, `item ${i + 1} is not a JSON object`);
    let where = `annotation ${i + 1}`;
    const id = typeof a.id === 'string' ? a.id : Array.isArray(a.id) && a.id.length === 1 && typeof a.id[0] === 'string' ? a.id[0] : null;
    if (id !== null) {
      const pos = text.indexOf(JSON.stringify(id), cursor);
      if (pos !== -1) {
        cursor = pos;
        where = `line ${lineAt(pos)}`;
      } else where = `annotation ${id}`;
    }
    const at = where.startsWith('line ') ? `${file}:${where.slice(5)}` : `${file}: ${where}`;
    if (!strings(a.type).includes('Annotation')) fail(at, `item ${i + 1} is not an Annotation (its type is ${JSON.stringify(a.type ?? null)})`);
    return { anno: a, at, where, id: id ?? `${file}#${i + 1}` };
  });
}

export interface Bodies {
  label: string;
  note: string;
  attributes: Record<string, string>;
  /** The first TextualBody value (for link types when no tagging body). */
  firstValue: string | null;
  /** Body content with no place in a span (resource bodies besides the label, alternatives of a Choice): what, why. */
  left: { what: string; why: string }[];
}

const LABEL_PURPOSES = ['tagging', 'classifying'];

/**
 * Label, note and attributes from the bodies of an annotation; what has no place (`left`): bodies that are
 * resources (IRIs, SpecificResources) other than the one taken as the label, the alternatives after the first of a
 * Choice (the model's default), and bodies that are neither text nor a resource.
 */
export function readBodies(a: Json): Bodies {
  const tags: string[] = [];
  const notes: string[] = [];
  const iris: string[] = [];
  const untagged: string[] = [];
  const attributes: Record<string, string> = {};
  let firstValue: string | null = null;
  const left: Bodies['left'] = [];
  const motivations = strings(a.motivation);
  if (typeof a.bodyValue === 'string') notes.push(a.bodyValue);
  const visit = (b: unknown) => {
    if (typeof b === 'string') return void iris.push(b);
    if (!isObj(b)) return void left.push({ what: `body ${asJson(b)}`, why: 'a body is text or a resource; this is neither' });
    if (strings(b.type).includes('Choice') && Array.isArray(b.items)) {
      // The first item is the default (model §3.2.7); the others are alternatives a span has no place for.
      if (b.items.length > 1) left.push({ what: `${b.items.length - 1} alternative bod${b.items.length === 2 ? 'y' : 'ies'} of a Choice`, why: 'a span keeps the first (default) item of a Choice' });
      return visit(b.items[0]);
    }
    const purposes = strings(b.purpose);
    const tagging = purposes.some((p) => LABEL_PURPOSES.includes(p));
    if (typeof b.value === 'string') {
      firstValue ??= b.value;
      if (tagging) tags.push(b.value);
      else if (purposes.includes('commenting')) notes.push(b.value);
      else if (purposes.includes('describing')) {
        const m = /^([^\n]+?): ([\s\S]*)$/.exec(b.value);
        if (m) attributes[m[1]] = m[2];
        else notes.push(b.value);
      } else untagged.push(b.value);
      return;
    }
    const iri = typeof b.source === 'string' ? b.source : isObj(b.source) && typeof b.source.id === 'string' ? b.source.id : typeof b.id === 'string' ? b.id : null;
    if (iri !== null) (tagging ? tags : iris).push(iri);
    else left.push({ what: `body ${asJson(b)}`, why: 'a body without a value or an IRI has nothing a span can keep' });
  };
  asArray(a.body).forEach(visit);
  // A body without a purpose is the tag when the whole annotation is motivated by tagging or classifying.
  if (motivations.some((m) => LABEL_PURPOSES.includes(m))) tags.push(...untagged);
  else notes.push(...untagged);
  const label = tags[0] ?? iris[0] ?? motivations.find((m) => m !== 'linking') ?? 'annotation';
  if (tags.length > 1) attributes.tags = tags.slice(1).join(', ');
  for (const iri of tags.length ? iris : iris.slice(1)) left.push({ what: `body ${iri}`, why: 'a resource body besides the label; a span keeps text bodies and one label' });
  // A motivation that is not the label and not what every span is (tagging) is kept, as an attribute.
  const other = motivations.filter((m) => !LABEL_PURPOSES.includes(m) && m !== 'linking' && m !== label);
  if (other.length) attributes.motivation = other.join(', ');
  return { label, note: notes.join('\n\n'), attributes, firstValue, left };
}

