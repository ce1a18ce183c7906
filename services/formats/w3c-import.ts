/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), JSON-LD: import. The export and
 * the shape it writes are described at the top of w3c-export.ts.
 *
 * Offsets: TextPositionSelector start/end are taken as Unicode CODE POINTS, the unit Crosscheck stores, with
 * no conversion: the model requires it for text selections ("in terms of unicode code points (the
 * "character number"), not in terms of code units", §4.2.5 Text Position Selector). RFC 5147 "char="
 * fragments count characters of plain text, also code points. Quotes are searched in the text and their
 * matches kept only when they start and end on whole characters.
 *
 * What is read (parseW3c): one annotation, an array, an AnnotationPage with items, or an AnnotationCollection
 * with its pages embedded. Spans come from TextPositionSelector when present, else from TextQuoteSelector
 * (prefix/suffix choose among repeats; several equal matches all become spans, as the model says); a target
 * without selector is the whole document. The label is the first TextualBody with purpose
 * tagging/classifying (else a plain IRI body, else the motivation); commenting bodies are the note;
 * "key: value" describing bodies are attributes. "linking" annotations whose targets are other annotations
 * become links [first → each other]. Crosscheck's own export folder is read by w3c-folder.ts.
 */
import { buildOffsetIndex } from '../../common/offsets.js';
import type { ParsedDoc, ParsedSpan } from './types.js';
import { annotationsOf, asArray, fail, isObj, parseJson, readBodies, strings, type Json } from './w3c-annotations.js';
import { resolveSelectors, type SourceText } from './w3c-selectors.js';

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

/** Parses one or more annotation files together: span keys are the annotations' IRIs, shared by all inputs. */
export function parseW3cFiles(inputs: W3cInput[]): W3cCollected[] {
  const bySource = new Map<string, W3cCollected & { src: SourceText }>();
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
 * Reads W3C annotations (see the top of this file); `resolveSource` gives the text of each target's source.
 * Throws InvalidInput naming `file:line` when a file cannot be read as annotations on those texts.
 */
export function parseW3c(jsonText: string, resolveSource: (source: string) => { text: string; title?: string } | null, file: string): ParsedDoc[] {
  return parseW3cFiles([{ jsonText, file, resolveSource }]).map((c) => c.doc);
}
