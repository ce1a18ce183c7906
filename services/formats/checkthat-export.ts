/**
 * Claim retrieval as the CLEF CheckThat! lab lays out its task 2 ("detecting previously fact-checked claims",
 * 2021/2022 editions; official measure MAP@5), format 'checkthat'. Per export folder (per split folder when
 * splitting):
 *
 *   queries.tsv             iclaim_id<TAB>iclaim          one line per claim mention (input claim), no header
 *   qrels.tsv               iclaim_id<TAB>0<TAB>vclaim_id<TAB>1     the mention's cluster, no header (TREC qrels)
 *   vclaims/<vclaim_id>.json  {"vclaim_id", "vclaim", "title"}   one per cluster (verified claim)
 *
 * What the lab's tools read, and so what this writes (the lab's task-2 README; its scorer `scorer/main.py`
 * and baselines, which read queries and qrels with pandas `read_csv(sep='\t', names=[…])` — no header line — and
 * the qrels again with trectools `TrecQrel`, which splits on any white space; its `format_checker/main.py`, which
 * checks a run file `iclaim_id<TAB>Q0<TAB>vclaim_id<TAB>rank<TAB>score<TAB>tag` for six TAB fields and no repeated
 * (iclaim, vclaim) pair; the vclaims loader, which reads every `vclaims/*.json` and keys it by its `vclaim_id`):
 * - Ids carry no white space: `iclaim-<span id>`, `vclaim-<cluster id>` (the lab's are strings too:
 *   "tweet-en-0008", "vclaim-sno-00092"); the vclaim file is named after its id.
 * - A claim mention is an exported span in a same-as cluster; the iclaim is its text. Spans in no cluster are not
 *   written (no verified claim to retrieve; the notes count them). Discontinuous spans: their fragments joined by
 *   one space. Tabs and line breaks inside a text become one space (one line per mention). A text containing `"`
 *   is quoted as CSV does (`"…"` with `""` inside), as the lab's own queries files are, so pandas reads it back
 *   exactly.
 * - vclaim: the cluster's name; title: the title of the cluster's first document in the export (earliest date,
 *   undated last, then lowest document id). Every split folder gets the vclaims of every cluster of the export:
 *   the collection to retrieve from is the same for train, dev and test, as in the lab.
 * - Not carried (the notes count them): links, span notes and attributes, labels, document texts.
 */
import { buildOffsetIndex, sliceCp } from '../../common/offsets.js';
import { spanFragments } from './fragments.js';
import { countNotCarried, noneCarried, notCarriedNote, plural, type NotCarried } from './not-carried.js';
import { keyedState } from './export-state.js';
import type { ExportContext, ExportDoc, ExportSpan, Exporter, Sink } from './types.js';

/** The lab's id of a claim mention (input claim). */
export const iclaimId = (spanId: number) => `iclaim-${spanId}`;
/** The lab's id of a cluster (verified claim). */
export const vclaimId = (clusterId: number) => `vclaim-${clusterId}`;

/** A TSV field as Python's csv writer and the lab's files quote it: only when it holds a `"`. */
export function quoteField(s: string): string {
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
}

const LINE_BREAKS = /[\t\n\r\v\f\u0085\u2028\u2029]+/g;

interface Cluster {
  name: string;
  /** The first document with a mention of it: (date, id) order, undated last. */
  first: { date: string | null; id: number; title: string };
  sinks: Set<Sink>;
}

interface SinkState {
  split: string | null;
  mentions: number;
  unclustered: number;
  blank: number;
  discontinuous: number;
  flattened: number;
  lost: NotCarried;
}

/** What one export run learns over all its sinks: the clusters written and the labels of their mentions. */
interface RunState {
  clusters: Map<number, Cluster>;
  labels: Set<string>;
}

const sinks = new WeakMap<Sink, SinkState>();
const runOf = keyedState((_: ExportContext): RunState => ({ clusters: new Map(), labels: new Set() }));

/** Whether document `a` comes before `b`: earlier date first, undated last, then the lower id. */
function earlier(a: Cluster['first'], b: Cluster['first']): boolean {
  if (a.date !== b.date) return b.date === null || (a.date !== null && a.date < b.date);
  return a.id < b.id;
}

/** The mention's text: its fragments joined by one space; tabs and line breaks as one space. */
function mentionText(d: ExportDoc, s: ExportSpan, index: () => ReturnType<typeof buildOffsetIndex>, st: SinkState): string {
  const { fragments } = spanFragments(s);
  let text = s.text;
  if (fragments.length > 1) {
    st.discontinuous++;
    text = fragments.map(([a, b]) => sliceCp(d.text, a, b, index())).join(' ');
  }
  const flat = text.replace(LINE_BREAKS, ' ');
  if (flat !== text) st.flattened++;
  return flat;
}

export const checkthatExporter: Exporter = {
  format: 'checkthat',
  begin(ctx, sink) {
    runOf(ctx);
    sinks.set(sink, { split: null, mentions: 0, unclustered: 0, blank: 0, discontinuous: 0, flattened: 0, lost: noneCarried() });
    sink.write('queries.tsv', '');
    sink.write('qrels.tsv', '');
  },
  doc(d, ctx, sink) {
    const run = runOf(ctx);
    const st = sinks.get(sink)!;
    st.split = d.split;
    let index: ReturnType<typeof buildOffsetIndex> | null = null;
    const lazyIndex = () => (index ??= buildOffsetIndex(d.text));
    let queries = '';
    let qrels = '';
    for (const s of d.spans) {
      if (!s.cluster) {
        st.unclustered++;
        continue;
      }
      const text = mentionText(d, s, lazyIndex, st);
      if (!text.trim()) {
        st.blank++;
        continue;
      }
      queries += `${iclaimId(s.id)}\t${quoteField(text)}\n`;
      qrels += `${iclaimId(s.id)}\t0\t${vclaimId(s.cluster.id)}\t1\n`;
      st.mentions++;
      run.labels.add(s.label);
      const here = { date: d.date, id: d.id, title: d.title };
      const c = run.clusters.get(s.cluster.id);
      if (!c) run.clusters.set(s.cluster.id, { name: s.cluster.name, first: here, sinks: new Set([sink]) });
      else {
        c.sinks.add(sink);
        if (earlier(here, c.first)) c.first = here;
      }
    }
    if (queries) {
      sink.write('queries.tsv', queries);
      sink.write('qrels.tsv', qrels);
    }
    countNotCarried(st.lost, d);
  },
  end(ctx, sink) {
    const { clusters, labels } = runOf(ctx);
    for (const [id, c] of [...clusters.entries()].sort((a, b) => a[0] - b[0])) {
      sink.write(`vclaims/${vclaimId(id)}.json`, JSON.stringify({ vclaim_id: vclaimId(id), vclaim: c.name, title: c.first.title }, null, 2) + '\n');
    }
    const st = sinks.get(sink)!;
    const here = [...clusters.values()].filter((c) => c.sinks.has(sink)).length;
    const folder = st.split ? `${st.split}/` : '';
    const notes: string[] = [];
    if (st.mentions) notes.push(`${folder}queries.tsv holds ${plural(st.mentions, 'claim mention')} of ${plural(here, 'cluster')}; vclaims/ holds all ${plural(clusters.size, 'cluster')} of the export.`);
    if (st.unclustered) notes.push(`${plural(st.unclustered, 'span')} in no cluster ${st.unclustered === 1 ? 'is' : 'are'} not written (no verified claim to retrieve).`);
    if (st.blank) notes.push(`${plural(st.blank, 'mention')} of white space only left out.`);
    if (st.discontinuous) notes.push(`${plural(st.discontinuous, 'discontinuous mention')} written as ${st.discontinuous === 1 ? 'its' : 'their'} fragments joined by one space.`);
    if (st.flattened) notes.push(`${plural(st.flattened, 'mention text')} with tabs or line breaks written with single spaces instead (one line per mention).`);
    if (labels.size > 1) notes.push(`Mentions of ${labels.size} labels (${[...labels].join(', ')}) are in queries.tsv: export with --labels claim for claims only.`);
    const split = [...clusters.values()].filter((c) => c.sinks.size > 1).length;
    if (split) notes.push(`${plural(split, 'cluster')} ${split === 1 ? 'has' : 'have'} mentions in more than one split.`);
    const unnamed = [...clusters.values()].filter((c) => !c.name.trim()).length;
    if (unnamed) notes.push(`${plural(unnamed, 'cluster')} without a name: ${unnamed === 1 ? 'its' : 'their'} vclaim is empty.`);
    const lost = notCarriedNote('checkthat', st.lost, ['links', 'notes', 'attributes']);
    if (lost) notes.push(lost);
    return { notes };
  },
};
