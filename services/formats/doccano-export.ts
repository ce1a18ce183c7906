/**
 * doccano export: `export.jsonl`, one line per document in doccano's relation-extraction shape, offsets in
 * UTF-16 code units (what doccano's editor counts; `--offsets` chooses another unit). See doccano.ts.
 *
 * Layers (issue 13): doccano keeps one label list per record, and its own export (1.5 on, `label_per_user`) writes
 * each annotator's records to a file of their own, `<username>.jsonl` (doccano-shapes.ts). So: every line names its
 * layer in `"user"` (the key doccano's records carry, which doccano-import.ts reads as the layer), and an export of
 * several layers writes one file per layer, `<layer>.jsonl` (layer-files.ts: every document in each) instead of
 * `export.jsonl`. With one layer, `export.jsonl` as before.
 */
import { fromCodePoints } from './offset-units.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
import { DOCCANO_OFFSETS } from './doccano-import.js';
import { keyedState } from './export-state.js';
import { layerFilesNote, layerParts } from './layer-files.js';
import type { ExportContext, ExportDoc, Exporter, Sink } from './types.js';

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
 * type}], "title", "date", "source", "user"}` per document and layer. doccano has no discontinuous spans: each fragment of one is
 * its own entity (the first keeps the span's id, so relations name it; the others take ids after the document's
 * largest span id). What doccano cannot hold (cross-document links, span notes and attributes) is counted in the
 * export's notes, as are the fragments.
 */
export const doccanoExporter: Exporter = {
  format: 'doccano',
  begin: (_ctx, sink) => void countOf(sink),
  doc(whole, ctx, sink) {
    for (const { layer, folder, doc } of layerParts(whole, ctx)) writeLine(doc, layer, folder ? `${folder}.jsonl` : 'export.jsonl', ctx, sink);
  },
  end(ctx, sink) {
    const c = countOf(sink);
    countOf.forget(sink);
    const notes: string[] = [];
    const layers = layerFilesNote('doccano', ctx, (f) => `${f}.jsonl`);
    if (layers) notes.push(layers);
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

/** One document's line of `layer` (null: an export without spans) into `file`. */
function writeLine(d: ExportDoc, layer: string | null, file: string, ctx: ExportContext, sink: Sink): void {
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
  const line = { id: d.id, text: d.text, entities, relations, title: d.title, date: d.date, source: d.source, user: layer };
  sink.write(file, JSON.stringify(line) + '\n');
}
