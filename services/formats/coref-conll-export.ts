/**
 * Cross-document coreference in the CoNLL-2012 format the reference scorer reads (format 'coref-conll';
 * conll/reference-coreference-scorers v8.01, lib/CorScorer.pm GetCoreference). Two files per export folder (per
 * split folder when splitting):
 *
 *   coref.conll      #begin document (crosscheck); part 000
 *                    doc-12<TAB>0<TAB>0<TAB>Gen<TAB>-               one token a line: document, part, word number
 *                    doc-12<TAB>0<TAB>1<TAB>Sergey<TAB>(7           (within the document), token, coreference
 *                    doc-12<TAB>0<TAB>2<TAB>Rudskoy<TAB>7)
 *                    <blank line after each document>
 *                    #end document
 *   documents.tsv    doc, tokens, sha256, title: one line per document (with a header), to check that two
 *                    analysts' files hold the same documents with the same tokens in the same order.
 *
 * What the scorer reads, and so what this writes: lines between `#begin document <name>` and `#end document`;
 * blank lines are skipped; every other line is split on TABs and its LAST column is the coreference cell: `(N` opens
 * a mention of entity N, `N)` closes the latest open mention of N, `(N)` is a one-token mention, anything without
 * digits (`-`) is none. Mentions are matched between key and response by token position within the document, so
 * ALL documents of the export are one document of the scorer (one part): an entity may have mentions in several
 * articles (cross-document coreference, as the CD²CR corpus lays it out), and both files must list the same
 * documents in the same order (documents.tsv says which).
 *
 * - Tokens: conll-tokens.ts (the CoNLL export's rule); a token partly inside a span is inside it (token-tags.ts
 *   tokenRange). Lines are written in chunks: a 6 MB article is a million of them.
 * - Mentions: every exported span. Entity: its same-as cluster's id when the cluster has two or more mentions in
 *   the export (documents and labels filtered), else the mention is a singleton: written only with the
 *   `singletons` option, numbered above every cluster id. A cell's items are joined by `|` (so `(1` and `2)` never
 *   read as `(12)`): openings (outermost first), one-token mentions, then closings (innermost first).
 * - Rules for what the format cannot bracket, each counted in the notes: a span covering no token is left out;
 *   spans covering the same tokens are one mention for the scorer (it refuses files with many repeats), so only
 *   one is written: a clustered one before an unclustered one, then the lowest id; two mentions of the same entity
 *   that cross (neither inside the other) cannot both be bracketed, so the later-starting one is left out; a
 *   discontinuous span is written over its whole extent (first fragment to last fragment), since v8.01 reads only
 *   contiguous mentions. A cluster that these rules leave with one mention becomes a singleton from the next
 *   document on.
 * - Clusters whose mentions fall in different splits: each split's file holds its part (the notes count them).
 * - Not carried: labels, links other than same-as, span notes and attributes (the notes count them).
 */
import { textHash } from '../import/hash.js';
import { exportsRepo } from '../../db/exports.js';
import { oneLayerOnly } from './layer-files.js';
import { tokenTable, type TokenTable } from './conll-tokens.js';
import { spanFragments } from './fragments.js';
import { countNotCarried, noneCarried, notCarriedNote, plural, type NotCarried } from './not-carried.js';
import { tokenRange } from './token-tags.js';
import type { ExportContext, ExportDoc, ExportSpan, Exporter, Sink } from './types.js';

/** The scorer's document name: the same in every file, so two analysts' files pair up. */
export const COREF_DOCUMENT = '(crosscheck); part 000';
export const DOCUMENTS_HEADER = 'doc\ttokens\tsha256\ttitle\n';

interface Mention {
  first: number;
  last: number;
  span: ExportSpan;
  /** Entity number; clusters keep their id. */
  entity: number;
  singleton: boolean;
}

/** Per export run: mentions per cluster in the export (live: drops lower them) and the singleton numbering. */
interface RunState {
  clusterSize: Map<number, number>;
  nextSingleton: number;
  /** Sinks each cluster was written to (cross-split note). */
  clusterSinks: Map<number, Set<Sink>>;
}

interface SinkState {
  /** The split of this sink's documents (null: no split, or no document yet). */
  split: string | null;
  docs: number;
  mentions: number;
  singletonsLeftOut: number;
  empty: number;
  repeated: number;
  crossing: number;
  discontinuous: number;
  otherLinks: number;
  lost: NotCarried;
}

const runs = new WeakMap<ExportContext, RunState>();
const sinks = new WeakMap<Sink, SinkState>();

/** Counts every cluster's mentions among the export's documents and labels, in one pass over their spans. */
function runOf(ctx: ExportContext): RunState {
  let r = runs.get(ctx);
  if (r) return r;
  const reads = exportsRepo(ctx.db);
  const labelName = reads.labelNamesById();
  const clusterSize = new Map<number, number>();
  let maxCluster = 0;
  for (const [, labelId, cluster] of reads.spanLabelClusters(ctx.docIds, ctx.layerId ?? null, ctx.exceptLayerId ?? null)) {
    if (cluster === null || !ctx.labelNames.has(labelName.get(labelId)!)) continue;
    clusterSize.set(cluster, (clusterSize.get(cluster) ?? 0) + 1);
    maxCluster = Math.max(maxCluster, cluster);
  }
  runs.set(ctx, (r = { clusterSize, nextSingleton: maxCluster + 1, clusterSinks: new Map() }));
  return r;
}

const tsvField = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** Drops a clustered mention from the live cluster size, so that a cluster left with one mention is a singleton. */
function forget(run: RunState, s: ExportSpan): void {
  if (s.cluster) run.clusterSize.set(s.cluster.id, (run.clusterSize.get(s.cluster.id) ?? 1) - 1);
}

/** The mentions of one document after the rules above, with their entities. */
function documentMentions(d: ExportDoc, tokens: TokenTable, run: RunState, st: SinkState): Mention[] {
  const placed: { first: number; last: number; span: ExportSpan }[] = [];
  for (const s of d.spans) {
    const r = tokenRange(tokens, s.start, s.end);
    if (!r) {
      st.empty++;
      forget(run, s);
      continue;
    }
    if (spanFragments(s).fragments.length > 1) st.discontinuous++;
    placed.push({ first: r[0], last: r[1], span: s });
  }
  // Same tokens: one mention (a clustered span first, then the lowest id).
  placed.sort((a, b) => a.first - b.first || a.last - b.last || +!a.span.cluster - +!b.span.cluster || a.span.id - b.span.id);
  const unique = placed.filter((m, i) => {
    const prev = placed[i - 1];
    const repeat = !!prev && prev.first === m.first && prev.last === m.last;
    if (repeat) {
      st.repeated++;
      forget(run, m.span);
    }
    return !repeat;
  });
  const mentions: Mention[] = unique.map((m) => {
    const size = m.span.cluster ? (run.clusterSize.get(m.span.cluster.id) ?? 0) : 0;
    return size >= 2 ? { ...m, entity: m.span.cluster!.id, singleton: false } : { ...m, entity: -1, singleton: true };
  });
  // Mentions of one entity must nest: by start, the longer first; one crossing a kept one is left out.
  const open = new Map<number, Mention[]>();
  return mentions
    .sort((a, b) => a.first - b.first || b.last - a.last)
    .filter((m) => {
      if (m.singleton) return true;
      const stack = open.get(m.entity) ?? [];
      while (stack.length && stack[stack.length - 1].last < m.first) stack.pop();
      if (stack.length && stack[stack.length - 1].last < m.last) {
        st.crossing++;
        forget(run, m.span);
        return false;
      }
      stack.push(m);
      open.set(m.entity, stack);
      return true;
    });
}

/** The coreference cells of the tokens that have mentions: `|`-joined items (module comment); the others are `-`. */
function corefCells(mentions: readonly Mention[]): Map<number, string> {
  const opens = new Map<number, Mention[]>();
  const closes = new Map<number, Mention[]>();
  for (const m of mentions) {
    opens.set(m.first, [...(opens.get(m.first) ?? []), m]);
    if (m.last !== m.first) closes.set(m.last, [...(closes.get(m.last) ?? []), m]);
  }
  const cells = new Map<number, string>();
  for (const k of new Set([...opens.keys(), ...closes.keys()])) {
    const o = opens.get(k) ?? [];
    const items = [
      ...o.filter((m) => m.last > k).sort((a, b) => b.last - a.last).map((m) => `(${m.entity}`),
      ...o.filter((m) => m.last === k).map((m) => `(${m.entity})`),
      ...(closes.get(k) ?? []).sort((a, b) => b.first - a.first).map((m) => `${m.entity})`),
    ];
    cells.set(k, items.join('|'));
  }
  return cells;
}

export const corefConllExporter: Exporter = {
  format: 'coref-conll',
  begin(ctx, sink) {
    oneLayerOnly('coref-conll', ctx);
    runOf(ctx);
    sinks.set(sink, { split: null, docs: 0, mentions: 0, singletonsLeftOut: 0, empty: 0, repeated: 0, crossing: 0, discontinuous: 0, otherLinks: 0, lost: noneCarried() });
    sink.write('coref.conll', `#begin document ${COREF_DOCUMENT}\n`);
    sink.write('documents.tsv', DOCUMENTS_HEADER);
  },
  doc(d, ctx, sink) {
    const run = runOf(ctx);
    const st = sinks.get(sink)!;
    st.split = d.split;
    st.docs++;
    const tokens = tokenTable(d.text);
    const mentions = documentMentions(d, tokens, run, st);
    const written = mentions.filter((m) => !m.singleton || ctx.options.singletons);
    st.singletonsLeftOut += mentions.length - written.length;
    st.mentions += written.length;
    for (const m of written) {
      if (m.singleton) m.entity = run.nextSingleton++;
      else run.clusterSinks.set(m.entity, (run.clusterSinks.get(m.entity) ?? new Set()).add(sink));
    }
    const name = `doc-${d.id}`;
    const prefix = `${name}\t0\t`;
    const cells = corefCells(written);
    let out = '';
    for (let k = 0; k < tokens.count; k++) {
      out += `${prefix}${k}\t${d.text.slice(tokens.from[k], tokens.to[k])}\t${cells.get(k) ?? '-'}\n`;
      if (out.length > 1 << 16) {
        sink.write('coref.conll', out);
        out = '';
      }
    }
    if (tokens.count) sink.write('coref.conll', out + '\n');
    sink.write('documents.tsv', `${name}\t${tokens.count}\t${textHash(d.text)}\t${tsvField(d.title)}\n`);
    const transitive = new Set(ctx.linkTypes.filter((t) => t.transitive).map((t) => t.name));
    st.otherLinks += d.links.filter((l) => !transitive.has(l.type)).length;
    countNotCarried(st.lost, d);
  },
  end(ctx, sink) {
    sink.write('coref.conll', '#end document\n');
    const run = runOf(ctx);
    const st = sinks.get(sink)!;
    const clusters = [...run.clusterSinks.values()].filter((s) => s.has(sink)).length;
    const file = `${st.split ? `${st.split}/` : ''}coref.conll`;
    const notes: string[] = [];
    if (st.docs)
      notes.push(
        `${file} holds ${plural(clusters, 'cluster')} and ${plural(st.mentions, 'mention')}` +
          (ctx.options.singletons ? ', singletons included.' : `; ${plural(st.singletonsLeftOut, 'singleton')} left out (export with singletons to include them).`),
      );
    if (st.empty) notes.push(`${plural(st.empty, 'span')} covering only white space had no token to mark.`);
    if (st.repeated) notes.push(`${plural(st.repeated, 'span')} covering the same tokens as another mention left out (the scorer reads one mention per token range; a clustered span is kept first, then the lowest id).`);
    if (st.crossing) notes.push(`${plural(st.crossing, 'mention')} crossing another mention of the same cluster left out (CoNLL brackets must nest).`);
    if (st.discontinuous) notes.push(`${plural(st.discontinuous, 'discontinuous span')} written over ${st.discontinuous === 1 ? 'its' : 'their'} whole extent (the scorer reads contiguous mentions only).`);
    const split = [...run.clusterSinks.values()].filter((s) => s.size > 1).length;
    if (split) notes.push(`${plural(split, 'cluster')} ${split === 1 ? 'has' : 'have'} mentions in more than one split: each split's coref.conll holds its part.`);
    if (st.mentions) notes.push('coref-conll holds no labels: the coreference column has entity numbers only.');
    const lost = notCarriedNote('coref-conll', { ...st.lost, links: st.otherLinks }, ['links', 'notes', 'attributes']);
    if (lost) notes.push(lost);
    return { notes };
  },
};
