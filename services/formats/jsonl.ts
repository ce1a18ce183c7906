import type { ExportDoc, Exporter } from './types.js';

/**
 * Crosscheck's own JSONL, the lossless format: one document per line with its spans (code points), notes,
 * attributes, clusters, and the links that start in it. Keys in a fixed order: the same project exports to
 * the same bytes, and an export → import → export round trip is byte-identical.
 */
export function jsonlLine(d: ExportDoc): string {
  return (
    JSON.stringify({
      id: d.id,
      title: d.title,
      date: d.date,
      source: d.source,
      path: d.path,
      text: d.text,
      spans: d.spans.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label,
        text: s.text,
        note: s.note,
        attributes: s.attributes,
        ...(s.cluster ? { cluster: { id: s.cluster.id, name: s.cluster.name } } : {}),
      })),
      links: d.links.map((l) => ({ from: l.from, to: l.to, type: l.type })),
    }) + '\n'
  );
}

export const jsonlExporter: Exporter = {
  format: 'jsonl',
  doc: (d, _ctx, sink) => sink.write('export.jsonl', jsonlLine(d)),
};
