/**
 * One row per annotation (format 'csv'), file `export.csv`, for spreadsheets and quick looks:
 *
 *   doc_id, title, date, source, label, start, end, text, note, attributes, cluster, cluster_id, context
 *
 * - start/end are code points, like every offset in Crosscheck (a 👍 before a span counts 1, not 2).
 * - attributes is the attribute object as JSON ("{}" when none); cluster is the same-as cluster's name and
 *   cluster_id its id, both empty when the span is in no cluster; context is the sentence around the span
 *   (services/suggest/sentences.ts sentenceAround, at most 320 characters), empty when the export asks for no context.
 * - Written with csv-stringify: comma-separated, fields with a comma, quote or line break quoted ("" for a quote),
 *   LF between rows (line breaks inside notes stay inside their quoted field).
 * - UTF-8 WITH a byte order mark: Excel, the tool most analysts open a CSV with, reads a BOM-less file as the
 *   local code page and garbles every accent, Cyrillic letter and emoji; with it, Excel, LibreOffice, Numbers,
 *   Google Sheets and pandas (`encoding="utf-8-sig"`, or plain "utf-8" which keeps the BOM in the first header
 *   name) read it correctly. Data pipelines should prefer the JSONL export, which is lossless.
 * - Text is written exactly, without Excel formula escaping (a leading = + - @ is not prefixed with '), so that
 *   `text` always equals the document's text between start and end.
 */
import { stringify } from 'csv-stringify/sync';
import { buildOffsetIndex } from '../../common/offsets.js';
import { sentenceAround } from '../suggest/sentences.js';
import type { Exporter, Sink } from './types.js';

export const CSV_COLUMNS = [
  'doc_id',
  'title',
  'date',
  'source',
  'label',
  'start',
  'end',
  'text',
  'note',
  'attributes',
  'cluster',
  'cluster_id',
  'context',
] as const;

const headed = new WeakSet<Sink>();

function header(sink: Sink): void {
  if (headed.has(sink)) return;
  headed.add(sink);
  sink.write('export.csv', stringify([CSV_COLUMNS as unknown as string[]], { bom: true }));
}

export const csvExporter: Exporter = {
  format: 'csv',
  // Every split folder gets its header, even one without documents.
  begin: (_ctx, sink) => header(sink),
  doc: (d, ctx, sink) => {
    header(sink);
    if (d.spans.length === 0) return;
    const index = /[\ud800-\udfff]/.test(d.text) ? buildOffsetIndex(d.text) : null;
    const rows = d.spans.map((s) => [
      d.id,
      d.title,
      d.date ?? '',
      d.source ?? '',
      s.label,
      s.start,
      s.end,
      s.text,
      s.note,
      JSON.stringify(s.attributes),
      s.cluster?.name ?? '',
      s.cluster?.id ?? '',
      ctx.options.contextSentence ? sentenceAround(d.text, s.start, s.end, 320, index).text : '',
    ]);
    sink.write('export.csv', stringify(rows));
  },
};
