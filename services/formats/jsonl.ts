import { z } from 'zod';
import type { ExportDoc, Exporter } from './types.js';

/**
 * Crosscheck's own JSONL, the lossless format: one document per line with its spans (code points), notes,
 * attributes, clusters, and the links that start in it. This schema is the one declaration of a line: the
 * reader validates with it (jsonl-import.ts), the writer below builds its type, and `export.toFile` writes it.
 * Key order is the schema's: the same project exports to the same bytes, and an export → import → export
 * round trip is byte-identical. Fields the writer always writes may be absent on reading (defaults below).
 */
export const jsonlSpanSchema = z.object({
  id: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1).max(60),
  text: z.string(),
  note: z.string().default(''),
  attributes: z.record(z.string(), z.string()).default({}),
  cluster: z.object({ id: z.number().int().positive(), name: z.string() }).optional(),
});

export const jsonlLineSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  date: z.string().nullable().default(null),
  source: z.string().nullable().default(null),
  path: z.string().nullable().default(null),
  text: z.string().min(1),
  spans: z.array(jsonlSpanSchema).default([]),
  /** Links whose `from` span is in this document; `to` may be a span of any document. */
  links: z.array(z.object({ from: z.number().int().positive(), to: z.number().int().positive(), type: z.string().min(1) })).default([]),
});

/** One line of the JSONL export, as written and as read back (defaults filled in). */
export type JsonlLine = z.infer<typeof jsonlLineSchema>;

/** The line of one exported document, with its newline. */
export function jsonlLine(d: ExportDoc): string {
  const line: JsonlLine = {
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
  };
  return JSON.stringify(line) + '\n';
}

export const jsonlExporter: Exporter = {
  format: 'jsonl',
  doc: (d, _ctx, sink) => sink.write('export.jsonl', jsonlLine(d)),
};
