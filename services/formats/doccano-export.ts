/**
 * doccano export: `export.jsonl`, one line per document in doccano's relation-extraction shape, offsets in
 * UTF-16 code units (what doccano's editor counts; `--offsets` chooses another unit). See doccano.ts.
 */
import { fromCodePoints } from './offset-units.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
import { DOCCANO_OFFSETS } from './doccano-import.js';
import { keyedState } from './export-state.js';
import type { Exporter, Sink } from './types.js';

interface SinkCount {
  crossDoc: number;
  notes: number;
  attributes: number;
  /** Discontinuous spans, and the entities their fragments became. */
  discontinuous: number;
  fragments: number;
}

const countOf = keyedState((_: Sink): SinkCount => ({ crossDoc: 0, notes: 0, attributes: 0, discontinuous: 0, fragments: 0 }));

/**
 * Writes `{"id", "text", "entities": [{id, label, start_offset, end_offset}], "relations": [{id, from_id, to_id,
 * type}], "title", "date", "source"}` per document. doccano has no discontinuous spans: each fragment of one is
 * its own entity (the first keeps the span's id, so relations name it; the others take ids after the document's
 * largest span id). What doccano cannot hold (cross-document links, span notes and attributes) is counted in the
 * export's notes, as are the fragments.
 */
export const doccanoExporter: Exporter = {
  format: 'doccano',
  begin: (_ctx, sink) => void countOf(sink),
  doc(d, ctx, sink) {
    const c = countOf(sink);
    const at = fromCodePoints(d.text, ctx.options?.offsets ?? DOCCANO_OFFSETS);
    const ids = new Set(d.spans.map((s) => s.id));
    let nextId = Math.max(0, ...ids) + 1;
    const entities: { id: number; label: string; start_offset: number; end_offset: number }[] = [];
    for (const s of d.spans) {
      const { fragments, fromAttribute } = spanFragments(s);
      if (fragments.length > 1) {
        c.discontinuous++;
        c.fragments += fragments.length;
      }
      fragments.forEach(([start, end], k) => entities.push({ id: k === 0 ? s.id : nextId++, label: s.label, start_offset: at(start), end_offset: at(end) }));
      if (s.note) c.notes++;
      if (Object.keys(s.attributes).some((k) => !(fromAttribute && k === FRAGMENTS_ATTRIBUTE))) c.attributes++;
    }
    const relations = [];
    for (const l of d.links) {
      if (l.toDocId !== d.id || !ids.has(l.to)) c.crossDoc++;
      else relations.push({ id: l.id, from_id: l.from, to_id: l.to, type: l.type });
    }
    const line = { id: d.id, text: d.text, entities, relations, title: d.title, date: d.date, source: d.source };
    sink.write('export.jsonl', JSON.stringify(line) + '\n');
  },
  end(_ctx, sink) {
    const c = countOf(sink);
    countOf.forget(sink);
    const notes: string[] = [];
    const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
    if (c.crossDoc) notes.push(`doccano: ${n(c.crossDoc, 'link joins spans of two documents and was left out', 'links join spans of two documents and were left out')} (a doccano relation stays inside one document).`);
    if (c.notes) notes.push(`doccano: ${n(c.notes, 'span note was', 'span notes were')} left out (doccano spans have no notes).`);
    if (c.attributes) notes.push(`doccano: the attributes of ${n(c.attributes, 'span were', 'spans were')} left out (doccano spans have no attributes).`);
    if (c.discontinuous) {
      notes.push(
        `doccano: ${n(c.discontinuous, 'discontinuous span was', 'discontinuous spans were')} written as ${c.fragments} entities, one per fragment (doccano spans are continuous; relations name the first fragment).`,
      );
    }
    return { notes };
  },
};
