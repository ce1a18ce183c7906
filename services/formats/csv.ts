/**
 * One row per annotation (format 'csv'), file `export.csv`, for spreadsheets and quick looks:
 *
 *   doc_id, title, date, source, label, start, end, text, note, attributes, cluster, cluster_id, context, span_id, fragment, annotator
 *
 * - start/end are code points, like every offset in Crosscheck (a 👍 before a span counts 1, not 2).
 * - span_id is the span's id in the project. A discontinuous span (attribute `fragments`, fragments.ts; brat's
 *   `T1 claim 0 12;35 55`) is written as one row per fragment, in text order: the rows share span_id and every
 *   other span column, start/end/text/context are the fragment's, and `fragment` says which ("1/2", "2/2"; empty
 *   for an ordinary span). The gap between fragments is in no row; the `fragments` attribute is then not repeated
 *   in `attributes`. The export notes count these spans and rows. The two columns come last, so readers that
 *   take the first thirteen by position see what they always did.
 * - annotator is the span's layer (its annotator's name, issue 13; `gold`: adjudicated, `auto`: proposals): the last
 *   column, for the same reason. With several layers, rows of the same text span differ by it.
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
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { sentenceAround } from '../suggest/sentences.js';
import { FRAGMENTS_ATTRIBUTE, spanFragments } from './fragments.js';
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
  'span_id',
  'fragment',
  'annotator',
] as const;

const headed = new WeakSet<Sink>();
/** Per sink: discontinuous spans written, and the rows they took. */
const split = new WeakMap<Sink, { spans: number; rows: number }>();

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
    // Without astral characters, code points are UTF-16 units and no index is needed.
    const index = /[\ud800-\udfff]/.test(d.text) ? buildOffsetIndex(d.text) : null;
    const rows = d.spans.flatMap((s) => {
      const { fragments } = spanFragments(s);
      const pieces = fragments.length > 1 ? fragments : [[s.start, s.end] as [number, number]];
      let attributes = s.attributes;
      if (pieces.length > 1) {
        const { [FRAGMENTS_ATTRIBUTE]: _written, ...rest } = s.attributes;
        attributes = rest;
        const st = split.get(sink) ?? { spans: 0, rows: 0 };
        st.spans++;
        st.rows += pieces.length;
        split.set(sink, st);
      }
      return pieces.map(([start, end], k) => [
        d.id,
        d.title,
        d.date ?? '',
        d.source ?? '',
        s.label,
        start,
        end,
        pieces.length === 1 ? s.text : index ? sliceCp(d.text, start, end, index) : d.text.slice(start, end),
        s.note,
        JSON.stringify(attributes),
        s.cluster?.name ?? '',
        s.cluster?.id ?? '',
        ctx.options.contextSentence ? sentenceAround(d.text, start, end, 320, index).text : '',
        s.id,
        pieces.length > 1 ? `${k + 1}/${pieces.length}` : '',
        s.annotator,
      ]);
    });
    sink.write('export.csv', stringify(rows));
  },
  end: (_ctx, sink) => {
    const st = split.get(sink);
    if (!st) return { notes: [] };
    return {
      notes: [
        `CSV: ${st.spans} discontinuous span${st.spans === 1 ? '' : 's'} written as ${st.rows} rows, one per fragment (same span_id, fragment "1/2", "2/2"…); the gaps between fragments are in no row.`,
      ],
    };
  },
};
