/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), JSON-LD: import. The export and
 * the shape it writes are described at the top of w3c-export.ts.
 *
 * Offsets: TextPositionSelector start/end are taken as Unicode CODE POINTS, the unit Crosscheck stores, with
 * no conversion: the model requires it for text selections ("in terms of unicode code points (the
 * "character number"), not in terms of code units", §4.2.5 Text Position Selector). RFC 5147 "char="
 * fragments count characters of plain text, also code points. Quotes are searched in the text and their
 * matches kept only when they start and end on whole characters. Positions count the text as its file holds it
 * (a CRLF is two code points); ingest.ts stores it with LF and moves the spans accordingly.
 *
 * What is read (parseW3c): one annotation, an array, an AnnotationPage with items, or an AnnotationCollection
 * with its pages embedded. Spans come from TextPositionSelector when present, else from TextQuoteSelector
 * (prefix/suffix choose among repeats; several equal matches all become spans, as the model says); a target
 * without selector is the whole document. The label is the first TextualBody with purpose
 * tagging/classifying (else a plain IRI body, else the motivation); commenting bodies are the note;
 * "key: value" describing bodies are attributes; a motivation other than tagging, classifying or linking that
 * is not the label is the attribute `motivation`. "linking" annotations whose targets are other annotations
 * become links [first → each other]. Crosscheck's own export folder is read by w3c-folder.ts.
 *
 * Discontinuous spans: an annotation whose targets all select one range each of the same text, in order and
 * without overlapping, is ONE span from the first start to the last end with the attribute `fragments`
 * ("5-7;9-10", code points; fragments.ts): the way the export writes one (w3c-export.ts).
 *
 * What is left out (ctx.drop, "line N" of the annotation's id, the rest imports): targets whose selectors cannot
 * be placed in the text (w3c-selectors.ts CannotPlace), with the annotation when none is left; resource bodies
 * other than the label and the alternatives of a Choice body (w3c-annotations.ts readBodies); notes and
 * attributes of a linking annotation (links have none). Properties of the annotation, its targets and bodies
 * that describe rather than annotate (created, generator, rights, a target's state or styleClass, a
 * body's language or format…) are counted in one report note. A file whose JSON or annotation structure is broken,
 * a target naming a text the import does not have, or a link naming an annotation it does not have, is refused.
 *
 * Layers (issue 13): a span annotation's `creator` (its name, else nickname; w3c-export.ts writes one) is the
 * span's layer; without one, the import's default layer. A link's layer is its ends'.
 */
import { buildOffsetIndex } from '../../common/offsets.js';
import { FRAGMENTS_ATTRIBUTE } from './fragments.js';
import { collectingContext, type ImportContext, type ParsedDoc, type ParsedSpan } from './types.js';
import { annotationsOf, asArray, fail, isObj, parseJson, readBodies, strings, type Json } from './w3c-annotations.js';
import { CannotPlace, resolveSelectors, type Range, type SourceText } from './w3c-selectors.js';

/** One annotation file and where the texts its targets name come from. */
export interface W3cInput {
  jsonText: string;
  file: string;
  resolveSource: (source: string) => { text: string; title?: string } | null;
}

/** A document the annotations target, by the IRI they name it with. */
export interface W3cCollected {
  source: string;
  doc: ParsedDoc;
}

/** Keys Crosscheck reads, per kind of object; any other key is counted in the report's note. */
const READ_KEYS = {
  annotation: new Set(['@context', 'id', 'type', 'body', 'bodyValue', 'target', 'motivation', 'creator']),
  target: new Set(['id', 'type', 'source', 'selector', 'items']),
  body: new Set(['id', 'type', 'value', 'purpose', 'source', 'items']),
};

/** Counts the keys of `o` Crosscheck does not read ("created", "target state", "body language"). */
function countUnread(o: unknown, kind: keyof typeof READ_KEYS, into: Map<string, number>): void {
  if (!isObj(o)) return;
  for (const k of Object.keys(o)) {
    if (READ_KEYS[kind].has(k)) continue;
    const name = kind === 'annotation' ? k : `${kind} ${k}`;
    into.set(name, (into.get(name) ?? 0) + 1);
  }
  if (kind !== 'annotation' && Array.isArray(o.items)) for (const item of o.items) countUnread(item, kind, into);
}

/**
 * The layer an annotation's `creator` names (model §3.3.1: an Agent, or its IRI, or a list of them): the first
 * agent's `name`, else its `nickname`; undefined when there is none (the import's default layer).
 */
function creatorName(anno: Json): string | undefined {
  for (const agent of asArray(anno.creator)) {
    if (!isObj(agent)) continue;
    for (const k of ['name', 'nickname']) {
      const v = agent[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
    }
  }
  return undefined;
}

/** A document being collected, with its text ready for the selectors. */
type Collected = W3cCollected & { src: SourceText };
/** One target, placed: its document, its ranges and the quote that said what they hold. */
type Placed = { c: Collected; ranges: Range[]; exact?: string };

/** The document a target's source names, read once per import; a source with no text refuses the file. */
function textOfFactory(bySource: Map<string, Collected>, resolveSource: W3cInput['resolveSource']) {
  return (source: string, at: string): Collected => {
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
}

/** The targets' single ranges as fragments of one span, when they are that: one text, one range each, in order. */
function asFragments(placed: Placed[]): Range[] | null {
  if (placed.length < 2 || placed.some((p) => p.c !== placed[0].c || p.ranges.length !== 1)) return null;
  const ranges = placed.map((p) => p.ranges[0]);
  for (let i = 1; i < ranges.length; i++) if (ranges[i][0] < ranges[i - 1][1]) return null;
  return ranges;
}

/**
 * Parses one or more annotation files together: span keys are the annotations' IRIs, shared by all inputs. What
 * cannot be placed goes to `ctx` (see the top of this file).
 */
export function parseW3cFiles(inputs: W3cInput[], ctx: ImportContext = collectingContext(inputs[0]?.file ?? '')): W3cCollected[] {
  const bySource = new Map<string, Collected>();
  const spanDoc = new Map<string, ParsedDoc>();
  /** Annotations left out whole, by id, so that a link naming one is left out too rather than refused. */
  const unplaced = new Map<string, string>();
  const pendingLinks: { at: string; where: string; file: string; refs: string[]; type: string }[] = [];
  const unread = new Map<string, number>();

  for (const { jsonText, file, resolveSource } of inputs) {
    const json = parseJson(jsonText, file);
    const textOf = textOfFactory(bySource, resolveSource);

    for (const { anno, at, where, id } of annotationsOf(json, file, jsonText)) {
      const drop = (what: string, why: string) => ctx.drop(where, what, why, file);
      countUnread(anno, 'annotation', unread);
      for (const b of asArray(anno.body)) countUnread(b, 'body', unread);
      const targets = asArray(anno.target);
      if (!targets.length) fail(at, 'the annotation has no target');
      for (const t of targets) countUnread(t, 'target', unread);
      const motivations = strings(anno.motivation);
      const bodies = readBodies(anno);
      for (const l of bodies.left) drop(`${l.what} of ${id}`, l.why);
      const hasSelector = targets.some((t) => isObj(t) && t.selector !== undefined);
      if (motivations.includes('linking') && targets.length >= 2 && !hasSelector) {
        const refs = targets.map((t) =>
          typeof t === 'string' ? t : isObj(t) && typeof t.source === 'string' ? t.source : isObj(t) && typeof t.id === 'string' ? t.id : fail(at, 'a target of the link is neither an IRI nor an object with an id'),
        );
        const type = bodies.label !== 'annotation' && bodies.label !== motivations[0] ? bodies.label : (bodies.firstValue ?? 'related');
        if (bodies.note) drop(`the note of the link ${id}`, 'Crosscheck links have no notes');
        for (const k of Object.keys(bodies.attributes)) drop(`the attribute ${k} of the link ${id}`, 'Crosscheck links have no attributes');
        pendingLinks.push({ at, where, file, refs, type });
        continue;
      }
      const placed: Placed[] = [];
      targets.forEach((target, k) => {
        let t = target;
        // A Choice of targets: the first item is the default (model §3.2.7); the others describe the same thing.
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
        try {
          placed.push({ c, ...resolveSelectors(selectors, c.src, at, source) });
        } catch (e) {
          if (!(e instanceof CannotPlace)) throw e;
          drop(targets.length === 1 ? `the annotation ${id} (${bodies.label})` : `target ${k + 1} of ${id} (${bodies.label})`, e.message);
        }
      });
      if (!placed.length) unplaced.set(id, 'its text could not be placed');
      const span = (key: string, [start, end]: Range, extra: Partial<ParsedSpan>): ParsedSpan => {
        const s: ParsedSpan = { key, start, end, label: bodies.label, at, ...extra };
        const layer = creatorName(anno);
        if (layer) s.annotator = layer;
        if (bodies.note) s.note = bodies.note;
        if (Object.keys(bodies.attributes).length || s.attributes) s.attributes = { ...bodies.attributes, ...s.attributes };
        return s;
      };
      const fragments = asFragments(placed);
      if (fragments) {
        const attributes = { [FRAGMENTS_ATTRIBUTE]: fragments.map(([a, b]) => `${a}-${b}`).join(';') };
        placed[0].c.doc.spans.push(span(id, [fragments[0][0], fragments[fragments.length - 1][1]], { attributes }));
        spanDoc.set(id, placed[0].c.doc);
        continue;
      }
      let n = 0;
      for (const { c, ranges, exact } of placed) {
        for (const range of ranges) {
          const key = n++ === 0 ? id : `${id}#${n}`;
          c.doc.spans.push(span(key, range, exact === undefined ? {} : { text: exact }));
          spanDoc.set(key, c.doc);
        }
      }
    }
  }

  for (const l of pendingLinks) {
    for (const ref of l.refs) {
      if (!spanDoc.has(ref) && !unplaced.has(ref)) fail(l.at, `the ${l.type} link targets ${ref}, which is not an annotation of a text span in this import`);
    }
    const [from, ...to] = l.refs;
    for (const t of to) {
      const gone = [from, t].find((r) => unplaced.has(r));
      if (gone) ctx.drop(l.where, `a ${l.type} link ${from} → ${t}`, `it names ${gone}, which was not imported (${unplaced.get(gone)})`, l.file);
      else spanDoc.get(from)!.links.push({ from, to: t, type: l.type });
    }
  }
  if (unread.size) {
    const list = [...unread].map(([k, n]) => `${k} ×${n}`).join(', ');
    ctx.note(`W3C: kept nowhere (they describe the annotations rather than annotate the text; Crosscheck has no place for them): ${list}.`);
  }
  return [...bySource.values()].map(({ source, doc }) => ({ source, doc }));
}

/**
 * Reads W3C annotations (see the top of this file); `resolveSource` gives the text of each target's source.
 * Throws InvalidInput naming `file:line` when a file cannot be read as annotations on those texts; what it
 * cannot place goes to `ctx`.
 */
export function parseW3c(jsonText: string, resolveSource: (source: string) => { text: string; title?: string } | null, file: string, ctx?: ImportContext): ParsedDoc[] {
  return parseW3cFiles([{ jsonText, file, resolveSource }], ctx).map((c) => c.doc);
}
