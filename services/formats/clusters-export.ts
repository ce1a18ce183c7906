/**
 * Coreference mentions from same-as clusters (the claim-matching pairs are pairs-export.ts).
 *
 * `clusters` writes clusters.tsv (ECB+-style mention file, one line per exported span, with a header):
 *   doc_id, span_id, start, end, label, cluster_id, cluster_name, text, annotator
 *   Offsets are code points. Mentions of a same-as cluster have cluster_id "c<cluster id>"; every other span
 *   is a singleton with its own cluster_id "s<span id>" and an empty cluster_name (coreference scorers
 *   count singletons as clusters of their own; drop the "s" rows to score without them). Ids are strings so
 *   the two kinds cannot clash. Text and name escape backslash, tab, line feed and carriage return as
 *   \\ \t \n \r. Lines follow the export's documents, spans by start.
 *   annotator is the span's layer (issue 13), last so readers of the first eight columns are unchanged. A cluster
 *   is in one layer (its members'), so with several layers each annotator's clusters are apart: score one layer's
 *   rows against another's by this column, or export one with --layer.
 */
import type { Exporter } from './types.js';

const tsvField = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** The first line of clusters.tsv. */
export const CLUSTERS_HEADER = 'doc_id\tspan_id\tstart\tend\tlabel\tcluster_id\tcluster_name\ttext\tannotator\n';

/** Exporter of format 'clusters': one clusters.tsv line per exported span, as the document streams by. */
export const clustersExporter: Exporter = {
  format: 'clusters',
  begin: (_ctx, sink) => sink.write('clusters.tsv', CLUSTERS_HEADER),
  doc(d, _ctx, sink) {
    let out = '';
    for (const s of d.spans) {
      const cluster = s.cluster ? `c${s.cluster.id}` : `s${s.id}`;
      out += [d.id, s.id, s.start, s.end, tsvField(s.label), cluster, tsvField(s.cluster?.name ?? ''), tsvField(s.text), tsvField(s.annotator)].join('\t') + '\n';
    }
    if (out) sink.write('clusters.tsv', out);
  },
};
