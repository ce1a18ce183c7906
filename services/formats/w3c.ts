import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Db } from '../../db/open.js';
import { AppError } from '../../common/errors.js';
import { buildOffsetIndex, cpToUtf16, utf16ToCp, type OffsetIndex } from '../../common/offsets.js';
import type { ExportDoc, ExportSpan, Exporter, ParsedDoc, ParsedSpan, Sink } from './types.js';
import { lineFinder } from './lines.js';

/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), serialised as JSON-LD.
 *
 * Export (a folder): `annotations.jsonld`, a JSON array with one Annotation per span and one per link;
 * `texts/<docid>.txt`, each document's text exactly as stored; `documents.json`, mapping
 * `urn:crosscheck:document:<id>` to {title, date, source, path, file}. The folder imports back with its texts.
 *
 * Offsets: TextPositionSelector start/end are Unicode CODE POINTS, which is what Crosscheck stores, so they
 * are written unchanged. The model says so for text selections (§4.2.4 Text Quote Selector and §4.2.5 Text
 * Position Selector): "The selection of the text MUST be in terms of unicode code points (the "character
 * number"), not in terms of code units (that number expressed using a selected data type)."
 * (https://www.w3.org/TR/annotation-model/#text-position-selector). Prefix and suffix of the
 * TextQuoteSelector are cut at code point boundaries too, so they never hold half a surrogate pair.
 *
 * A span: motivation "tagging"; bodies are TextualBody items: the label (purpose "tagging"), the note
 * (purpose "commenting") and one "key: value" item per attribute (purpose "describing"). The target is a
 * SpecificResource on the document with a TextQuoteSelector and a TextPositionSelector (alternatives that
 * describe the same text). A link: motivation "linking", a TextualBody with the link type (purpose
 * "tagging"), and as target the IRIs of the two span annotations, [from, to]. Plain IRIs are what the
 * test suite's schemas accept as targets (a "string of format uri"), and an annotation may target another
 * annotation by its IRI; a SpecificResource would need a selector or purpose that a whole annotation has not.
 * JSON-LD does not keep the order of a multi-valued `target`, so direction survives in JSON readers (ours
 * and anything that keeps arrays), not through an RDF store.
 */

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const annotationIri = (id: number) => `urn:crosscheck:annotation:${id}`;
export const linkIri = (id: number) => `urn:crosscheck:link:${id}`;
export const documentIri = (id: number) => `urn:crosscheck:document:${id}`;
/** Code points of context kept before and after the quote. */
const QUOTE_CONTEXT = 32;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Json = Record<string, unknown>;

interface SinkState {
  annotations: number;
  documents: number;
  docIds: Set<number>;
  /** Links written to this sink, by the document of their `to` span. */
  linksTo: Map<number, number>;
}

const states = new WeakMap<Sink, SinkState>();
const timeQueries = new WeakMap<Db, (docId: number) => Map<number, { created: string; modified: string }>>();

function stateOf(sink: Sink): SinkState {
  let s = states.get(sink);
  if (!s) {
    s = { annotations: 0, documents: 0, docIds: new Set(), linksTo: new Map() };
    states.set(sink, s);
    sink.write('annotations.jsonld', '[');
    sink.write('documents.json', '{');
  }
  return s;
}

/** created_at / updated_at of a document's spans (ExportSpan does not carry them). */
function spanTimes(db: Db, docId: number) {
  let q = timeQueries.get(db);
  if (!q) {
    const stmt = db.prepare('SELECT id, created_at, updated_at FROM annotations WHERE doc_id = ?');
    q = (id: number) =>
      new Map((stmt.all(id) as { id: number; created_at: string; updated_at: string }[]).map((r) => [r.id, { created: r.created_at, modified: r.updated_at }]));
    timeQueries.set(db, q);
  }
  return q(docId);
}

/** The W3C annotation of one span. `times` are used only when they are ISO date-times with a zone. */
export function spanAnnotation(d: Pick<ExportDoc, 'id' | 'text'>, s: ExportSpan, index: OffsetIndex = buildOffsetIndex(d.text), times?: { created: string; modified: string }): Json {
  const startU = cpToUtf16(index, s.start);
  const endU = cpToUtf16(index, s.end);
  const body: Json[] = [{ type: 'TextualBody', purpose: 'tagging', value: s.label }];
  if (s.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note });
  for (const [k, v] of Object.entries(s.attributes)) body.push({ type: 'TextualBody', purpose: 'describing', value: `${k}: ${v}` });
  const a: Json = { '@context': W3C_CONTEXT, id: annotationIri(s.id), type: 'Annotation', motivation: 'tagging' };
  if (times && ISO_DATE_TIME.test(times.created)) a.created = times.created;
  if (times && ISO_DATE_TIME.test(times.modified)) a.modified = times.modified;
  a.body = body;
  a.target = {
    type: 'SpecificResource',
    source: documentIri(d.id),
    selector: [
      {
        type: 'TextQuoteSelector',
        exact: d.text.slice(startU, endU),
        prefix: d.text.slice(cpToUtf16(index, Math.max(0, s.start - QUOTE_CONTEXT)), startU),
        suffix: d.text.slice(endU, cpToUtf16(index, Math.min(index.length, s.end + QUOTE_CONTEXT))),
      },
      { type: 'TextPositionSelector', start: s.start, end: s.end },
    ],
  };
  return a;
}

export function linkAnnotation(l: { id: number; from: number; to: number; type: string }): Json {
  return {
    '@context': W3C_CONTEXT,
    id: linkIri(l.id),
    type: 'Annotation',
    motivation: 'linking',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: l.type }],
    target: [annotationIri(l.from), annotationIri(l.to)],
  };
}

export const w3cExporter: Exporter = {
  format: 'w3c',
  begin: (_ctx, sink) => void stateOf(sink),
  doc(d, ctx, sink) {
    const st = stateOf(sink);
    const index = buildOffsetIndex(d.text);
    const times = d.spans.length ? spanTimes(ctx.db, d.id) : new Map();
    const put = (a: Json) => sink.write('annotations.jsonld', (st.annotations++ ? ',\n' : '\n') + JSON.stringify(a));
    for (const s of d.spans) put(spanAnnotation(d, s, index, times.get(s.id)));
    for (const l of d.links) {
      put(linkAnnotation(l));
      st.linksTo.set(l.toDocId, (st.linksTo.get(l.toDocId) ?? 0) + 1);
    }
    const file = `texts/${d.id}.txt`;
    sink.write(file, d.text);
    const meta = { title: d.title, date: d.date, source: d.source, path: d.path, file };
    sink.write('documents.json', `${st.documents++ ? ',' : ''}\n  ${JSON.stringify(documentIri(d.id))}: ${JSON.stringify(meta)}`);
    st.docIds.add(d.id);
  },
  end(_ctx, sink) {
    const st = stateOf(sink);
    sink.write('annotations.jsonld', '\n]\n');
    sink.write('documents.json', '\n}\n');
    states.delete(sink);
    let elsewhere = 0;
    for (const [docId, n] of st.linksTo) if (!st.docIds.has(docId)) elsewhere += n;
    const notes: string[] = [];
    if (elsewhere) {
      notes.push(
        `W3C: ${elsewhere} link${elsewhere === 1 ? '' : 's'} point${elsewhere === 1 ? 's' : ''} to spans in another split folder; import the whole export folder, not one split, to keep ${elsewhere === 1 ? 'it' : 'them'}.`,
      );
    }
    return { notes };
  },
};

// ---------------------------------------------------------------------------------------------------------
// Import

const fail = (at: string, reason: string): never => {
  throw new AppError('InvalidInput', `${at}: ${reason}`);
};

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown) => asArray(v).filter((x): x is string => typeof x === 'string');
const show = (s: string, max = 60) => JSON.stringify(s.length > max ? s.slice(0, max) + '…' : s);


function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineFinder(text)(Number(pos[1])) : /line (\d+)/.exec(msg)?.[1];
    throw new AppError('InvalidInput', `${file}${line ? `:${line}` : ''}: not JSON (${msg})`);
  }
}

interface Found {
  anno: Json;
  at: string;
  /** Key of the annotation: its id, or its place in the file. */
  id: string;
}

/** The annotations of a file: one, an array, an AnnotationPage with items, or a collection with embedded pages. */
function annotationsOf(json: unknown, file: string, text: string): Found[] {
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
    let at = `${file}: annotation ${i + 1}`;
    const id = typeof a.id === 'string' ? a.id : Array.isArray(a.id) && a.id.length === 1 && typeof a.id[0] === 'string' ? a.id[0] : null;
    if (id !== null) {
      const pos = text.indexOf(JSON.stringify(id), cursor);
      if (pos !== -1) {
        cursor = pos;
        at = `${file}:${lineAt(pos)}`;
      } else at = `${file}: annotation ${id}`;
    }
    if (!strings(a.type).includes('Annotation')) fail(at, `item ${i + 1} is not an Annotation (its type is ${JSON.stringify(a.type ?? null)})`);
    return { anno: a, at, id: id ?? `${file}#${i + 1}` };
  });
}

interface Bodies {
  label: string;
  note: string;
  attributes: Record<string, string>;
  /** The first TextualBody value (for link types when no tagging body). */
  firstValue: string | null;
}

const LABEL_PURPOSES = ['tagging', 'classifying'];

/** Label, note and attributes from the bodies of an annotation. */
function readBodies(a: Json): Bodies {
  const tags: string[] = [];
  const notes: string[] = [];
  const iris: string[] = [];
  const untagged: string[] = [];
  const attributes: Record<string, string> = {};
  let firstValue: string | null = null;
  const motivations = strings(a.motivation);
  if (typeof a.bodyValue === 'string') notes.push(a.bodyValue);
  const visit = (b: unknown) => {
    if (typeof b === 'string') return void iris.push(b);
    if (!isObj(b)) return;
    if (strings(b.type).includes('Choice') && Array.isArray(b.items)) return visit(b.items[0]); // the first is the default
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
  };
  asArray(a.body).forEach(visit);
  // A body without a purpose is the tag when the whole annotation is motivated by tagging or classifying.
  if (motivations.some((m) => LABEL_PURPOSES.includes(m))) tags.push(...untagged);
  else notes.push(...untagged);
  const label = tags[0] ?? iris[0] ?? motivations.find((m) => m !== 'linking') ?? 'annotation';
  if (tags.length > 1) attributes.tags = tags.slice(1).join(', ');
  return { label, note: notes.join('\n\n'), attributes, firstValue };
}

type Range = [number, number];

interface SourceText {
  text: string;
  title?: string;
  index: OffsetIndex;
}

/** Every place where `exact` occurs between `lo` and `hi` (code points) with the given prefix and suffix. */
function quoteMatches(src: SourceText, sel: Json, lo: number, hi: number): Range[] {
  const exact = sel.exact;
  if (typeof exact !== 'string' || !exact) return [];
  const prefix = typeof sel.prefix === 'string' ? sel.prefix : '';
  const suffix = typeof sel.suffix === 'string' ? sel.suffix : '';
  const { text, index } = src;
  const loU = cpToUtf16(index, lo);
  const hiU = cpToUtf16(index, hi);
  const all: number[] = [];
  for (let i = text.indexOf(exact, loU); i !== -1 && i + exact.length <= hiU; i = text.indexOf(exact, i + 1)) all.push(i);
  // The model: "If, after processing the prefix, exact, and suffix, the user agent discovers multiple
  // matching segments, then the selection MUST be assumed to be to all of the matching segments."
  const withContext = all.filter((i) => text.startsWith(prefix, i - prefix.length) && i - prefix.length >= 0 && text.startsWith(suffix, i + exact.length));
  // A quote whose context was cut at the document's edge (or normalised differently) still counts when unique.
  const chosen = withContext.length ? withContext : all.length === 1 ? all : [];
  // A match that starts or ends inside a surrogate pair is not a match of whole characters.
  return chosen
    .filter((i) => cpToUtf16(index, utf16ToCp(index, i)) === i && cpToUtf16(index, utf16ToCp(index, i + exact.length)) === i + exact.length)
    .map((i): Range => [utf16ToCp(index, i), utf16ToCp(index, i + exact.length)]);
}

/** Where one selector (with its refinements) points, in code points of the whole text. */
function resolveSelector(sel: unknown, src: SourceText, base: Range, at: string, source: string): Range[] {
  if (typeof sel === 'string') return fail(at, `the selector ${sel} is a link to another resource; Crosscheck reads selectors written in the annotation`);
  if (!isObj(sel)) return fail(at, 'a selector is not a JSON object');
  const type = strings(sel.type)[0] ?? '(no type)';
  const [lo, hi] = base;
  let found: Range[];
  switch (type) {
    case 'TextPositionSelector': {
      const { start, end } = sel;
      if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 || (end as number) <= (start as number)) {
        return fail(at, `TextPositionSelector ${String(start)}..${String(end)} is not a non-empty range of code points`);
      }
      if ((end as number) > hi - lo) return fail(at, `TextPositionSelector ${start}..${end} is outside the text of ${source} (${hi - lo} code points)`);
      found = [[lo + (start as number), lo + (end as number)]];
      break;
    }
    case 'TextQuoteSelector':
      found = quoteMatches(src, sel, lo, hi);
      if (!found.length) return fail(at, `the quoted text ${show(String(sel.exact ?? ''))} is not in the text of ${source}`);
      break;
    case 'FragmentSelector': {
      // RFC 5147 text fragments ("char=10,20") count characters (code points) of plain text.
      const m = typeof sel.value === 'string' ? /^char=(\d*),(\d*)$/.exec(sel.value) : null;
      if (m) {
        const s = m[1] ? Number(m[1]) : 0;
        const e = m[2] ? Number(m[2]) : hi - lo;
        if (e > hi - lo || e <= s) return fail(at, `FragmentSelector ${sel.value} is outside the text of ${source}`);
        found = [[lo + s, lo + e]];
      } else if (isObj(sel.refinedBy) && strings(sel.refinedBy.type).includes('TextQuoteSelector')) {
        // Plain text has no elements to find "para5" or an XPointer in; the quote is searched in the whole text.
        found = [base];
      } else {
        return fail(at, `FragmentSelector ${show(String(sel.value ?? ''))} selects part of an HTML, XML or media resource, which Crosscheck cannot place in plain text`);
      }
      break;
    }
    default:
      return fail(at, `${type} is not supported for plain text (Crosscheck reads TextPositionSelector, TextQuoteSelector and RFC 5147 "char=" fragments)`);
  }
  if (sel.refinedBy !== undefined) return found.flatMap((r) => resolveSelector(sel.refinedBy, src, r, at, source));
  return found;
}

/**
 * Where a target's selectors point. Several selectors are alternatives for the same text: a position is taken
 * when present and, if a quote comes with it, when the quote is what the text holds there; otherwise the quote
 * is searched for (the position may have been made against a slightly different copy of the text).
 */
function resolveSelectors(selectors: unknown[], src: SourceText, at: string, source: string): { ranges: Range[]; exact?: string } {
  const whole: Range = [0, src.index.length];
  if (!selectors.length) return { ranges: [whole] };
  const typed = (t: string) => selectors.find((s) => isObj(s) && strings(s.type).includes(t)) as Json | undefined;
  const position = typed('TextPositionSelector');
  const quote = typed('TextQuoteSelector');
  const exact = quote && typeof quote.exact === 'string' ? quote.exact : undefined;
  if (position) {
    const ranges = resolveSelector(position, src, whole, at, source);
    const slice = (r: Range) => src.text.slice(cpToUtf16(src.index, r[0]), cpToUtf16(src.index, r[1]));
    if (exact === undefined || ranges.every((r) => slice(r) === exact)) return { ranges, exact };
    const byQuote = quoteMatches(src, quote!, 0, src.index.length);
    if (byQuote.length) return { ranges: byQuote, exact };
    return fail(at, `the text at ${ranges[0][0]}..${ranges[0][1]} of ${source} is ${show(slice(ranges[0]))}, not the quoted ${show(exact)}, and the quote is nowhere in the text`);
  }
  if (quote) return { ranges: resolveSelector(quote, src, whole, at, source), exact };
  // Other selectors (fragments with refinements): the first that resolves; the last error otherwise.
  let last: unknown;
  for (const s of selectors) {
    try {
      const ranges = resolveSelector(s, src, whole, at, source);
      // The innermost refinement, when it is a quote, says what text the range holds.
      let inner: unknown = s;
      while (isObj(inner) && inner.refinedBy !== undefined) inner = inner.refinedBy;
      const quoted = isObj(inner) && strings(inner.type).includes('TextQuoteSelector') && typeof inner.exact === 'string' ? inner.exact : undefined;
      return { ranges, exact: quoted };
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

interface Input {
  jsonText: string;
  file: string;
  resolveSource: (source: string) => { text: string; title?: string } | null;
}

interface Collected {
  source: string;
  doc: ParsedDoc;
}

/** Parses one or more annotation files together: span keys are the annotations' IRIs, shared by all inputs. */
function collect(inputs: Input[]): Collected[] {
  const bySource = new Map<string, Collected & { src: SourceText }>();
  const spanDoc = new Map<string, ParsedDoc>();
  const pendingLinks: { at: string; refs: string[]; type: string }[] = [];

  for (const { jsonText, file, resolveSource } of inputs) {
    const json = parseJson(jsonText, file);
    const textOf = (source: string, at: string) => {
      let c = bySource.get(source);
      if (!c) {
        const got = resolveSource(source);
        if (!got) return fail(at, `cannot find the text of ${source}; import the export folder (annotations.jsonld with documents.json and texts/), or put the text beside the file`);
        const src: SourceText = { text: got.text, title: got.title, index: buildOffsetIndex(got.text) };
        c = { source, src, doc: { title: got.title ?? source, text: got.text, path: null, spans: [], links: [] } };
        bySource.set(source, c);
      }
      return c;
    };

    for (const { anno, at, id } of annotationsOf(json, file, jsonText)) {
      const targets = asArray(anno.target);
      if (!targets.length) fail(at, 'the annotation has no target');
      const motivations = strings(anno.motivation);
      const bodies = readBodies(anno);
      const hasSelector = targets.some((t) => isObj(t) && t.selector !== undefined);
      if (motivations.includes('linking') && targets.length >= 2 && !hasSelector) {
        const refs = targets.map((t) =>
          typeof t === 'string' ? t : isObj(t) && typeof t.source === 'string' ? t.source : isObj(t) && typeof t.id === 'string' ? t.id : fail(at, 'a target of the link is neither an IRI nor an object with an id'),
        );
        const type = bodies.label !== 'annotation' && bodies.label !== motivations[0] ? bodies.label : (bodies.firstValue ?? 'related');
        pendingLinks.push({ at, refs, type });
        continue;
      }
      let n = 0;
      for (let t of targets) {
        if (isObj(t) && strings(t.type).includes('Choice') && Array.isArray(t.items)) t = t.items[0];
        let source: string;
        let selectors: unknown[] = [];
        if (typeof t === 'string') source = t;
        else if (isObj(t) && (typeof t.source === 'string' || (isObj(t.source) && typeof t.source.id === 'string'))) {
          source = typeof t.source === 'string' ? t.source : ((t.source as Json).id as string);
          selectors = asArray(t.selector);
        } else if (isObj(t) && typeof t.id === 'string') source = t.id;
        else return fail(at, 'a target is neither an IRI nor a resource with a source');
        const c = textOf(source, at);
        const { ranges, exact } = resolveSelectors(selectors, c.src, at, source);
        for (const [start, end] of ranges) {
          const key = n++ === 0 ? id : `${id}#${n}`;
          const span: ParsedSpan = { key, start, end, label: bodies.label, at };
          if (bodies.note) span.note = bodies.note;
          if (Object.keys(bodies.attributes).length) span.attributes = { ...bodies.attributes };
          if (exact !== undefined) span.text = exact;
          c.doc.spans.push(span);
          spanDoc.set(key, c.doc);
        }
      }
    }
  }

  for (const l of pendingLinks) {
    for (const ref of l.refs) {
      if (!spanDoc.has(ref)) fail(l.at, `the ${l.type} link targets ${ref}, which is not an annotation of a text span in this import`);
    }
    const [from, ...to] = l.refs;
    for (const t of to) spanDoc.get(from)!.links.push({ from, to: t, type: l.type });
  }
  return [...bySource.values()].map(({ source, doc }) => ({ source, doc }));
}

/**
 * Reads W3C annotations (one, an array, an AnnotationPage with items, or an AnnotationCollection with its
 * pages embedded). `resolveSource` gives the text of each target's source. Spans come from
 * TextPositionSelector (code points) when present, else from TextQuoteSelector (prefix/suffix choose among
 * repeats; several equal matches all become spans, as the model says); a target without selector is the
 * whole document. The label is the first TextualBody with purpose tagging/classifying (else a plain IRI
 * body, else the motivation); commenting bodies are the note; "key: value" describing bodies are
 * attributes. "linking" annotations whose targets are other annotations become links [first → each other].
 */
export function parseW3c(jsonText: string, resolveSource: (source: string) => { text: string; title?: string } | null, file: string): ParsedDoc[] {
  return collect([{ jsonText, file, resolveSource }]).map((c) => c.doc);
}

interface DocMeta {
  title?: string;
  date?: string | null;
  source?: string | null;
  path?: string | null;
  file?: string;
}

/** Reads a file of the export folder, refusing paths that leave it. */
function readInside(dir: string, rel: string, at: string): string {
  const full = resolve(dir, rel);
  if (!full.startsWith(resolve(dir) + sep)) fail(at, `${rel} is outside the export folder`);
  try {
    return readFileSync(full, 'utf8');
  } catch (e) {
    return fail(at, `cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Reads Crosscheck's W3C export folder: annotations.jsonld, documents.json and texts/. A folder exported with
 * splits (train/, dev/, test/ each holding the three) is read whole, so links across splits are kept.
 * Documents without spans are imported too: the export holds their text.
 */
export function parseW3cFolder(dir: string): ParsedDoc[] {
  const has = (d: string) => existsSync(join(d, 'annotations.jsonld'));
  const folders = has(dir) ? [dir] : ['train', 'dev', 'test'].map((s) => join(dir, s)).filter((d) => existsSync(d) && statSync(d).isDirectory() && has(d));
  if (!folders.length) fail(dir, 'no annotations.jsonld here (nor in train/, dev/, test/); is this a Crosscheck W3C export folder?');

  const metas = new Map<string, { folder: string; meta: DocMeta }>();
  const inputs: Input[] = folders.map((folder) => {
    const file = join(folder, 'annotations.jsonld');
    const docsFile = join(folder, 'documents.json');
    const own = new Map<string, DocMeta>();
    if (existsSync(docsFile)) {
      const json = parseJson(readInside(folder, 'documents.json', docsFile), docsFile);
      if (!isObj(json)) fail(docsFile, 'not a JSON object of documents');
      for (const [iri, m] of Object.entries(json as Json)) {
        if (!isObj(m)) fail(docsFile, `the entry for ${iri} is not an object`);
        own.set(iri, m as DocMeta);
        metas.set(iri, { folder, meta: m as DocMeta });
      }
    }
    const resolveSource = (source: string) => {
      const meta = own.get(source);
      const m = /^urn:crosscheck:document:(\d+)$/.exec(source);
      const rel = typeof meta?.file === 'string' ? meta.file : m ? `texts/${m[1]}.txt` : null;
      if (rel === null || !existsSync(resolve(folder, rel))) return null;
      return { text: readInside(folder, rel, docsFile), title: typeof meta?.title === 'string' ? meta.title : undefined };
    };
    return { jsonText: readInside(folder, 'annotations.jsonld', file), file, resolveSource };
  });

  const collected = collect(inputs);
  const seen = new Set(collected.map((c) => c.source));
  // Documents the export holds without any annotation.
  for (const [iri, { folder, meta }] of metas) {
    if (seen.has(iri) || typeof meta.file !== 'string') continue;
    const text = readInside(folder, meta.file, join(folder, 'documents.json'));
    collected.push({ source: iri, doc: { title: meta.title ?? iri, text, path: null, spans: [], links: [] } });
  }
  return collected.map(({ source, doc }) => {
    const entry = metas.get(source);
    if (!entry) return doc;
    const { folder, meta } = entry;
    return {
      ...doc,
      title: typeof meta.title === 'string' && meta.title ? meta.title : doc.title,
      date: typeof meta.date === 'string' ? meta.date : null,
      source: typeof meta.source === 'string' ? meta.source : null,
      path: typeof meta.path === 'string' ? meta.path : typeof meta.file === 'string' ? join(folder, meta.file) : null,
    };
  });
}
