/**
 * The claim-matching dataset, built from same-as clusters (its coreference twin, clusters.tsv, is clusters-export.ts).
 *
 * `pairs` writes pairs.jsonl (one JSON object a line):
 *   {"a", "b", "label", "a_text", "b_text", "a_doc", "b_doc", "a_context", "b_context", "cluster", "label_name"}
 *   plus "hard" on negatives.
 * - Positives (label 1): every unordered pair of mentions of one same-as cluster, both in this split's
 *   documents and with an exported label. Clusters in id order; members by document id, start, end, span id;
 *   pairs (i < j) in that order, `a` the earlier mention. `label_name` is the mentions' label ("a/b" when a
 *   cluster mixes labels). `cluster` is the cluster's name. Contexts are the sentence around the mention (the
 *   same rule as the app's finder), or null when the export asks for no context.
 * - Splits: one sink per split, and a pair belongs to a split only when both of its documents are in it. Pairs
 *   whose documents fall in different splits, and pairs with a mention outside the export (document or label
 *   filtered out), are in no file; the notes count them.
 * - Negatives (label 0), when `options.negatives` = k > 0: k per positive pair, written right after it. The
 *   first ⌈k/2⌉ are anchored on `a`, the rest on `b`. A negative pairs the anchor with a mention of the SAME
 *   label, in this split, that is not in the anchor's cluster (another cluster, or none) — so it can never be a
 *   positive — and that no earlier negative of this split already paired with it (no duplicates). Sampling: a
 *   PRNG (mulberry32) seeded from (options.seed, a, b, anchor) draws up to 4× the wanted number of distinct
 *   candidates uniformly from the label's mentions in this split; candidates sharing key words with the anchor
 *   (lower-cased words of 3+ letters that are not stop words, and any number: "60", "2016") are HARD
 *   negatives: up to half of the anchor's negatives (rounded up) are the candidates sharing the most key
 *   words (ties: drawing order); the rest are the other candidates in drawing order. `hard` says which.
 *   The same seed and project give the same file; the seed per pair keeps a pair's negatives independent
 *   of the order the file is written in. When a label has too few candidates a pair gets fewer negatives,
 *   and the notes count such pairs.
 * - Memory: one cluster's members at a time for positives. For negatives, an index of the split's spans per
 *   label: two Int32Arrays (span id, cluster id) — 8 bytes a span, no texts; texts and contexts are read only
 *   for the drawn candidates. Plus the keys of the negatives written so far (to refuse duplicates).
 * - Layers (issue 13): the pairs are one annotator's clusters. A cluster is in one layer (its members'), and
 *   negatives are drawn from the exported layer's spans only (db/exports.ts filters by layer in SQL); an export of
 *   several layers is refused, asking for `--layer` (layer-files.ts oneLayerOnly), since a negative drawn from
 *   another annotator's copy of the same mention would be a false negative.
 */
import { AppError } from '../../common/errors.js';
import { mulberry32 } from '../../common/random.js';
import { exportsRepo, type ClusterMemberRow, type ExportReads } from '../../db/exports.js';
import { keyedState } from './export-state.js';
import { oneLayerOnly } from './layer-files.js';
import type { Db } from '../../db/open.js';
import { documentContextReader } from '../context.js';
import { hash32, negativeSampler } from './pairs-negatives.js';
import type { ExportContext, ExportNotes, Exporter, Sink, Split } from './types.js';

interface SinkState {
  docs: Set<number>;
  split: Split | null;
}

interface RunState {
  sinks: Map<Sink, SinkState>;
  /** Notes about the whole export (cross-split pairs), computed at the first end() when all documents are known. */
  global: string[] | null;
}

/** Exporters are shared objects; what one export learns lives here, keyed by its context (one per export run). */
const runOf = keyedState((_: ExportContext): RunState => ({ sinks: new Map(), global: null }));

function sinkOf(ctx: ExportContext, sink: Sink): SinkState {
  const run = runOf(ctx);
  let s = run.sinks.get(sink);
  if (!s) {
    s = { docs: new Set(), split: null };
    run.sinks.set(sink, s);
  }
  return s;
}

type Member = ClusterMemberRow;

interface Mention {
  id: number;
  doc: number;
  text: string;
  context: string | null;
}

/** Reads mentions with their sentence context, a batch at a time (contexts read a window of the document only). */
function mentionReader(db: Db, reads: ExportReads, withContext: boolean) {
  const reader = documentContextReader(db);
  return (list: number[]): Map<number, Mention> => {
    if (!list.length) return new Map();
    if (!withContext) return new Map(reads.spanTextsWithDoc(list).map((m) => [m.id, { ...m, context: null }]));
    return new Map(
      reader.annotations(list).map((a) => [a.annotation.id, { id: a.annotation.id, doc: a.annotation.docId, text: a.annotation.text, context: a.context }]),
    );
  };
}

function negativesWanted(ctx: ExportContext): number {
  const k = ctx.options.negatives ?? 0;
  if (!Number.isInteger(k) || k < 0) throw new AppError('InvalidInput', `Negatives per positive pair must be a whole number of 0 or more, not ${k}.`);
  return k;
}

const order = (split: string) => ['train', 'dev', 'test', ''].indexOf(split);

/** Cross-split and outside-the-export pairs of the whole export, as notes (the same text from every sink). */
function globalNotes(ctx: ExportContext, run: RunState): string[] {
  const splitOfDoc = new Map<number, string>();
  for (const s of run.sinks.values()) for (const d of s.docs) splitOfDoc.set(d, s.split ?? '');
  const reads = exportsRepo(ctx.db);
  const cross = new Map<string, number>();
  let outside = 0;
  for (const c of reads.clusterIdsInDocs(ctx.docIds, ctx.layerId ?? null, ctx.exceptLayerId ?? null)) {
    const per = new Map<string, number>();
    let out = 0;
    for (const m of reads.clusterMemberPlaces(c)) {
      const split = ctx.labelNames.has(m.label) ? splitOfDoc.get(m.doc) : undefined;
      if (split === undefined) out++;
      else per.set(split, (per.get(split) ?? 0) + 1);
    }
    const splits = [...per.entries()].sort((a, b) => order(a[0]) - order(b[0]));
    let inside = 0;
    for (let i = 0; i < splits.length; i++) {
      inside += splits[i][1];
      for (let j = i + 1; j < splits.length; j++) {
        const key = `${splits[i][0]}–${splits[j][0]}`;
        cross.set(key, (cross.get(key) ?? 0) + splits[i][1] * splits[j][1]);
      }
    }
    outside += out * inside;
  }
  const notes: string[] = [];
  const total = [...cross.values()].reduce((a, b) => a + b, 0);
  if (total) {
    const parts = [...cross.entries()].map(([k, v]) => `${k}: ${v}`).join(', ');
    notes.push(`pairs: ${total} same-as pair(s) join mentions in different splits (${parts}); they are in no split's pairs.jsonl.`);
  }
  if (outside) notes.push(`pairs: ${outside} same-as pair(s) have one mention in a document or with a label outside this export; they are left out.`);
  return notes;
}

function writePairs(ctx: ExportContext, sink: Sink): ExportNotes {
  const run = runOf(ctx);
  const own = sinkOf(ctx, sink);
  const k = negativesWanted(ctx);
  run.global ??= globalNotes(ctx, run);
  sink.write('pairs.jsonl', '');
  const notes = [...run.global];
  const where = own.split ? `pairs (${own.split})` : 'pairs';
  if (!own.docs.size) return { notes };

  const reads = exportsRepo(ctx.db);
  const read = mentionReader(ctx.db, reads, ctx.options.contextSentence);
  const clusterIds = reads.clusterIdsInDocs(own.docs, ctx.layerId ?? null, ctx.exceptLayerId ?? null);
  // The candidate index for negatives: span ids and cluster ids per label, nothing else.
  const sample = k > 0 ? negativeSampler(reads.spanLabelClusters(own.docs, ctx.layerId ?? null, ctx.exceptLayerId ?? null), reads.labelNamesById(), ctx.labelNames, (list) => reads.spanTexts(list)) : null;

  let positives = 0;
  let negatives = 0;
  let hardCount = 0;
  let short = 0;
  const line = (o: object) => JSON.stringify(o) + '\n';

  for (const c of clusterIds) {
    const members = reads.clusterMembers(c).filter((m) => own.docs.has(m.doc) && ctx.labelNames.has(m.label));
    if (members.length < 2) continue;
    const mentions = read(members.map((m) => m.id));
    let out = '';
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i];
        const b = members[j];
        const ma = mentions.get(a.id)!;
        const mb = mentions.get(b.id)!;
        out += line({
          a: a.id,
          b: b.id,
          label: 1,
          a_text: ma.text,
          b_text: mb.text,
          a_doc: a.doc,
          b_doc: b.doc,
          a_context: ma.context,
          b_context: mb.context,
          cluster: a.clusterName,
          label_name: a.label === b.label ? a.label : `${a.label}/${b.label}`,
        });
        positives++;
        if (!sample) continue;
        const chosen: { anchor: Member; anchorMention: Mention; id: number; hard: boolean }[] = [];
        const perAnchor: [Member, Mention, number][] = [
          [a, ma, Math.ceil(k / 2)],
          [b, mb, Math.floor(k / 2)],
        ];
        for (const [slot, [anchor, anchorMention, count]] of perAnchor.entries()) {
          const rng = mulberry32(hash32([ctx.options.seed, a.id, b.id, slot]));
          for (const [id, hard] of sample(anchor, count, rng)) chosen.push({ anchor, anchorMention, id, hard });
        }
        if (chosen.length < k) short++;
        const negMentions = read(chosen.map((x) => x.id));
        for (const x of chosen) {
          const m = negMentions.get(x.id)!;
          out += line({
            a: x.anchor.id,
            b: x.id,
            label: 0,
            a_text: x.anchorMention.text,
            b_text: m.text,
            a_doc: x.anchor.doc,
            b_doc: m.doc,
            a_context: x.anchorMention.context,
            b_context: m.context,
            cluster: null,
            label_name: x.anchor.label,
            hard: x.hard,
          });
          negatives++;
          if (x.hard) hardCount++;
        }
      }
    }
    sink.write('pairs.jsonl', out);
  }

  notes.push(`${where}: ${positives} positive pair(s)${k > 0 ? `, ${negatives} negative pair(s) (${hardCount} hard)` : ''}.`);
  if (short) {
    notes.push(`${where}: ${short} positive pair(s) got fewer than ${k} negatives: too few mentions with the same label outside their cluster in this split.`);
  }
  return { notes };
}

/** Exporter of format 'pairs': collects each sink's documents, then writes pairs.jsonl at the sink's end. */
export const pairsExporter: Exporter = {
  format: 'pairs',
  begin(ctx, sink) {
    oneLayerOnly('pairs', ctx);
    negativesWanted(ctx);
    sinkOf(ctx, sink);
  },
  doc(d, ctx, sink) {
    const s = sinkOf(ctx, sink);
    s.docs.add(d.id);
    s.split = d.split;
  },
  end: writePairs,
};
