/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/), serialised as JSON-LD: export. The
 * import is w3c-import.ts (one file or a collection) and w3c-folder.ts (this export folder, read back whole).
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
 *
 * A discontinuous span (attribute `fragments`, fragments.ts) is ONE annotation with one target per fragment,
 * each a SpecificResource with its own quote and position, in text order; the `fragments` attribute is then not
 * written as a body. The model offers nothing else for a union of ranges: several selectors of one target are
 * alternatives that "MUST describe the same segment" (§4.2, Selectors), a Choice is a choice between alternatives
 * (§3.2.7), and the Composite and List of the 2013 Open Annotation drafts are not in the W3C Recommendation (the
 * test suite's schemas know Choice only). Each target being "equally related" to the bodies (§3.2), every
 * fragment carries the label; the annotation's one id keeps them one span (w3c-import.ts reads them back as one).
 * The export notes count these spans.
 *
 * Layers (issue 13): every annotation, span or link, has a `creator`, the Agent of its layer (model §3.3.1
 * "creator: The agent responsible for creating the resource", an Agent with `type` Person, Organization or
 * Software and a `name`): `{"type": "Person", "name": "<annotator>"}`, `Software` for the proposals layer `auto`.
 * w3c-import.ts reads the name back as the layer.
 */
import { buildOffsetIndex, cpToUtf16, type OffsetIndex } from '../../common/offsets.js';
import { AUTO_LAYER } from '../../common/annotators.js';
import { exportsRepo } from '../../db/exports.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
import { keyedState } from './export-state.js';
import type { ExportDoc, ExportSpan, Exporter, Sink } from './types.js';

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
  /** Discontinuous spans written with one target per fragment, and how many targets that took. */
  discontinuous: number;
  fragmentTargets: number;
  docIds: Set<number>;
  /** Links written to this sink, by the document of their `to` span. */
  linksTo: Map<number, number>;
}

/** A sink's state, made with its two files' openings on first use. */
const stateOf = keyedState((sink: Sink): SinkState => {
  sink.write('annotations.jsonld', '[');
  sink.write('documents.json', '{');
  return { annotations: 0, documents: 0, discontinuous: 0, fragmentTargets: 0, docIds: new Set(), linksTo: new Map() };
});

/** The target of the code points [start, end) of document `d`: a SpecificResource with a quote and a position. */
function textTarget(d: Pick<ExportDoc, 'id' | 'text'>, start: number, end: number, index: OffsetIndex): Json {
  const startU = cpToUtf16(index, start);
  const endU = cpToUtf16(index, end);
  return {
    type: 'SpecificResource',
    source: documentIri(d.id),
    selector: [
      {
        type: 'TextQuoteSelector',
        exact: d.text.slice(startU, endU),
        prefix: d.text.slice(cpToUtf16(index, Math.max(0, start - QUOTE_CONTEXT)), startU),
        suffix: d.text.slice(endU, cpToUtf16(index, Math.min(index.length, end + QUOTE_CONTEXT))),
      },
      { type: 'TextPositionSelector', start, end },
    ],
  };
}

/**
 * The W3C annotation of one span: one target, or one per fragment of a discontinuous span (see the top of this
 * file). `times` are used only when they are ISO date-times with a zone.
 */
export function spanAnnotation(d: Pick<ExportDoc, 'id' | 'text'>, s: ExportSpan, index: OffsetIndex = buildOffsetIndex(d.text), times?: { created: string; modified: string }): Json {
  const { fragments } = spanFragments(s);
  const split = fragments.length > 1;
  const body: Json[] = [{ type: 'TextualBody', purpose: 'tagging', value: s.label }];
  if (s.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note });
  for (const [k, v] of Object.entries(s.attributes)) if (!(split && k === FRAGMENTS_ATTRIBUTE)) body.push({ type: 'TextualBody', purpose: 'describing', value: `${k}: ${v}` });
  const a: Json = { '@context': W3C_CONTEXT, id: annotationIri(s.id), type: 'Annotation', motivation: 'tagging', creator: creatorOf(s.annotator) };
  if (times && ISO_DATE_TIME.test(times.created)) a.created = times.created;
  if (times && ISO_DATE_TIME.test(times.modified)) a.modified = times.modified;
  a.body = body;
  a.target = split ? fragments.map(([x, y]) => textTarget(d, x, y, index)) : textTarget(d, s.start, s.end, index);
  return a;
}

/**
 * The `creator` of an annotation in the layer `annotator` (model §3.3.1 Agents: `type` Person or Software, with a
 * `name`): the proposals layer `auto` is Software, every other layer (`gold` included: a curator decided it) a Person.
 */
export function creatorOf(annotator: string): Json {
  return { type: annotator === AUTO_LAYER ? 'Software' : 'Person', name: annotator };
}

/** The W3C annotation of one link: motivation "linking", its type as the tag, the two span IRIs as targets [from, to]. */
export function linkAnnotation(l: { id: number; from: number; to: number; type: string; annotator: string }): Json {
  return {
    '@context': W3C_CONTEXT,
    id: linkIri(l.id),
    type: 'Annotation',
    motivation: 'linking',
    creator: creatorOf(l.annotator),
    body: [{ type: 'TextualBody', purpose: 'tagging', value: l.type }],
    target: [annotationIri(l.from), annotationIri(l.to)],
  };
}

/** Exporter of format 'w3c': annotations.jsonld, documents.json and texts/ per sink (see the top of this file). */
export const w3cExporter: Exporter = {
  format: 'w3c',
  begin: (_ctx, sink) => void stateOf(sink),
  doc(d, ctx, sink) {
    const st = stateOf(sink);
    const index = buildOffsetIndex(d.text);
    const times = d.spans.length ? exportsRepo(ctx.db).spanTimes(d.id) : new Map();
    const put = (a: Json) => sink.write('annotations.jsonld', (st.annotations++ ? ',\n' : '\n') + JSON.stringify(a));
    for (const s of d.spans) {
      const a = spanAnnotation(d, s, index, times.get(s.id));
      if (Array.isArray(a.target)) {
        st.discontinuous++;
        st.fragmentTargets += a.target.length;
      }
      put(a);
    }
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
    stateOf.forget(sink);
    let elsewhere = 0;
    for (const [docId, n] of st.linksTo) if (!st.docIds.has(docId)) elsewhere += n;
    const notes: string[] = [];
    if (st.discontinuous) {
      notes.push(
        `W3C: ${st.discontinuous} discontinuous span${st.discontinuous === 1 ? '' : 's'} written as one annotation with one target per fragment (${st.fragmentTargets} targets); Crosscheck reads ${st.discontinuous === 1 ? 'it' : 'them'} back as one span.`,
      );
    }
    if (elsewhere) {
      notes.push(
        `W3C: ${elsewhere} link${elsewhere === 1 ? '' : 's'} point${elsewhere === 1 ? 's' : ''} to spans in another split folder; import the whole export folder, not one split, to keep ${elsewhere === 1 ? 'it' : 'them'}.`,
      );
    }
    return { notes };
  },
};
