import { z } from 'zod';
import { keyedState } from './export-state.js';
import type { ExportContext, ExportDoc, Exporter } from './types.js';
import { crosscheckIds, jsonId, jsonlIds, type LineIds } from './jsonl-ids.js';

/**
 * Crosscheck's own JSONL, the lossless format: one document per line with its spans (code points), notes,
 * attributes, clusters, and the links that start in it. This schema is the one declaration of a line: the
 * reader validates with it (jsonl-import.ts), the writer below builds its type, and `export.toFile` writes it.
 * Key order is the schema's: the same project exports to the same bytes, and an export → import → export
 * round trip is byte-identical.
 *
 * Typed readers (Hugging Face `datasets`, pyarrow) infer one schema for the whole file, so the writer gives every
 * document, span and link object the same keys in every line, `null` where there is nothing (a span in no
 * cluster has `"cluster": null`), and each key one JSON type across the file: ids are all numbers or all strings
 * (jsonl-ids.ts), dates are strings. Only `attributes` has free keys (its values are strings).
 *
 * On reading, every key but a document's id, title and text may be absent or null (an older export, another
 * pipeline's file): the defaults below fill them in. Ids may be any JSON string or integer (jsonl-ids.ts).
 */
/** A span's cluster as the file names it: Crosscheck's cluster id (a number where it can be kept) and its name. */
export const jsonlClusterSchema = z.object({ id: jsonId.nullable().default(null), name: z.string() });

export const jsonlSpanSchema = z.object({
  /** Absent or null: the span cannot be named by a link (and is written back with its Crosscheck id). */
  id: jsonId.nullable().default(null),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  label: z.string().min(1).max(60),
  /** What the file says the span covers; checked against the text where given. */
  text: z.string().nullable().default(null),
  note: z.string().nullable().default(''),
  /** Values must be strings; the importer drops (and reports) others. */
  attributes: z.record(z.string(), z.unknown()).nullable().default({}),
  cluster: jsonlClusterSchema.nullable().default(null),
  /**
   * Whose layer the span is in (issue 13); absent or null (files written before layers, other pipelines): the
   * import's default layer (`--annotator`, else the current annotator).
   */
  annotator: z.string().nullable().default(null),
});

/** `annotator` on a link is written for readers; on import a link's layer is always its ends' layer. */
export const jsonlLinkSchema = z.object({
  id: jsonId.nullable().default(null),
  from: jsonId,
  to: jsonId,
  type: z.string().min(1),
  annotator: z.string().nullable().default(null),
});

export const jsonlLineSchema = z.object({
  id: jsonId,
  title: z.string(),
  date: z.string().nullable().default(null),
  source: z.string().nullable().default(null),
  path: z.string().nullable().default(null),
  text: z.string(),
  spans: z.array(jsonlSpanSchema).default([]),
  /** Links whose `from` span is in this document; `to` may be a span of any document. */
  links: z.array(jsonlLinkSchema).default([]),
});

/** One line of the JSONL export, as written and as read back (defaults filled in). */
export type JsonlLine = z.infer<typeof jsonlLineSchema>;

/**
 * The keys each object of a line may have, in the order written: what the importer reads. Any other key is
 * dropped on import with a `dropped` entry naming it.
 */
export const JSONL_KEYS = {
  line: Object.keys(jsonlLineSchema.shape),
  span: Object.keys(jsonlSpanSchema.shape),
  cluster: Object.keys(jsonlClusterSchema.shape),
  link: Object.keys(jsonlLinkSchema.shape),
} as const;

/**
 * The line of one exported document, with its newline. `ids` writes the ids (jsonlIds: the file's own ids kept
 * at import, one JSON type across the export); by default, Crosscheck's own ids as numbers.
 */
export function jsonlLine(d: ExportDoc, ids: LineIds = crosscheckIds): string {
  const line: JsonlLine = {
    id: ids.doc(d.id),
    title: d.title,
    date: d.date,
    source: d.source,
    path: d.path,
    text: d.text,
    spans: d.spans.map((s) => ({
      id: ids.span(s.id),
      start: s.start,
      end: s.end,
      label: s.label,
      text: s.text,
      note: s.note,
      attributes: s.attributes,
      cluster: s.cluster ? { id: s.cluster.id, name: s.cluster.name } : null,
      annotator: s.annotator,
    })),
    links: d.links.map((l) => ({ id: ids.link(l.id), from: ids.span(l.from), to: ids.span(l.to), type: l.type, annotator: l.annotator })),
  };
  return JSON.stringify(line) + '\n';
}

/** One id plan per export run (its context), whatever the number of splits. */
const plans = keyedState((ctx: ExportContext) => jsonlIds(ctx.db));
const planOf = (ctx: ExportContext) => {
  const plan = plans(ctx);
  return plan;
};

export const jsonlExporter: Exporter = {
  format: 'jsonl',
  doc: (d, ctx, sink) => sink.write('export.jsonl', jsonlLine(d, planOf(ctx).forDoc(d.id))),
  end(ctx) {
    const n = planOf(ctx).shadowed;
    if (n) return { notes: [`${n} document, span or link id${n === 1 ? '' : 's'} written as Crosscheck's own: the id a file gave ${n === 1 ? 'it' : 'each'} is another's too`] };
  },
};
