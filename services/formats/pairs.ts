/**
 * Datasets for claim matching and coreference, built from same-as clusters.
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
 *
 * `clusters` writes clusters.tsv (ECB+-style mention file, one line per exported span, with a header):
 *   doc_id, span_id, start, end, label, cluster_id, cluster_name, text
 *   Offsets are code points. Mentions of a same-as cluster have cluster_id "c<cluster id>"; every other span
 *   is a singleton with its own cluster_id "s<span id>" and an empty cluster_name (coreference scorers
 *   count singletons as clusters of their own; drop the "s" rows to score without them). Ids are strings so
 *   the two kinds cannot clash. Text and name escape backslash, tab, line feed and carriage return as
 *   \\ \t \n \r. Lines follow the export's documents, spans by start.
 */
import { AppError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { contextReader } from '../context.js';
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
const runs = new WeakMap<ExportContext, RunState>();

function runOf(ctx: ExportContext): RunState {
  let r = runs.get(ctx);
  if (!r) {
    r = { sinks: new Map(), global: null };
    runs.set(ctx, r);
  }
  return r;
}

function sinkOf(ctx: ExportContext, sink: Sink): SinkState {
  const run = runOf(ctx);
  let s = run.sinks.get(sink);
  if (!s) {
    s = { docs: new Set(), split: null };
    run.sinks.set(sink, s);
  }
  return s;
}

interface Member {
  id: number;
  doc: number;
  label: string;
  cluster: number;
  clusterName: string;
}

interface Mention {
  id: number;
  doc: number;
  text: string;
  context: string | null;
}

const ids = (xs: Iterable<number>) => JSON.stringify([...xs]);

/** Reads mentions with their sentence context, a batch at a time (contexts read a window of the document only). */
function mentionReader(db: Db, withContext: boolean) {
  const reader = contextReader(db);
  const plain = db.prepare('SELECT id, doc_id AS doc, text FROM annotations WHERE id IN (SELECT value FROM json_each(?))');
  return (list: number[]): Map<number, Mention> => {
    if (!list.length) return new Map();
    if (!withContext) {
      return new Map((plain.all(ids(list)) as { id: number; doc: number; text: string }[]).map((m) => [m.id, { ...m, context: null }]));
    }
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

// ---- deterministic randomness --------------------------------------------------------------------------

function hash32(parts: (number | string)[]): number {
  // FNV-1a over the decimal parts, then a murmur3 finaliser.
  let h = 0x811c9dc5;
  for (const p of parts) {
    const s = String(p) + '\u0000';
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- key words for hard negatives -----------------------------------------------------------------------

const STOP = new Set(
  (
    'the and for with from that this these those are was were been being has have had its his her hers their ' +
    'our your you she they them him who whom which what when where why how not but than then there here into ' +
    'onto over under about after before also more most some any all each other such only own same very can ' +
    'will would could should may might must shall did does doing done said says say told according per via ' +
    'one out off yet just still ever even upon'
  ).split(' '),
);

/** Lower-cased words of 3+ letters that are not stop words, and numbers of any length. */
export function keyWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').toLowerCase().matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{N}/u.test(w) || (w.length >= 3 && !STOP.has(w))) out.add(w);
  }
  return out;
}

// ---- pairs ------------------------------------------------------------------------------------------------

interface LabelPool {
  ids: Int32Array;
  clusters: Int32Array;
  length: number;
}

function push(pool: LabelPool, id: number, cluster: number) {
  if (pool.length === pool.ids.length) {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(Math.max(16, a.length * 2));
      b.set(a);
      return b;
    };
    pool.ids = grow(pool.ids);
    pool.clusters = grow(pool.clusters);
  }
  pool.ids[pool.length] = id;
  pool.clusters[pool.length] = cluster;
  pool.length++;
}

/** Cross-split and outside-the-export pairs of the whole export, as notes (the same text from every sink). */
function globalNotes(ctx: ExportContext, run: RunState): string[] {
  const splitOfDoc = new Map<number, string>();
  for (const s of run.sinks.values()) for (const d of s.docs) splitOfDoc.set(d, s.split ?? '');
  const clusterIds = ctx.db
    .prepare('SELECT DISTINCT cluster_id FROM annotations WHERE cluster_id IS NOT NULL AND doc_id IN (SELECT value FROM json_each(?)) ORDER BY cluster_id')
    .pluck()
    .all(ids(ctx.docIds)) as number[];
  const members = ctx.db.prepare('SELECT a.doc_id AS doc, l.name AS label FROM annotations a JOIN labels l ON l.id = a.label_id WHERE a.cluster_id = ?');
  const cross = new Map<string, number>();
  let outside = 0;
  for (const c of clusterIds) {
    const per = new Map<string, number>();
    let out = 0;
    for (const m of members.all(c) as { doc: number; label: string }[]) {
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

const order = (split: string) => ['train', 'dev', 'test', ''].indexOf(split);

function writePairs(ctx: ExportContext, sink: Sink): ExportNotes {
  const run = runOf(ctx);
  const own = sinkOf(ctx, sink);
  const k = negativesWanted(ctx);
  run.global ??= globalNotes(ctx, run);
  sink.write('pairs.jsonl', '');
  const notes = [...run.global];
  const where = own.split ? `pairs (${own.split})` : 'pairs';
  if (!own.docs.size) return { notes };

  const db = ctx.db;
  const docList = ids(own.docs);
  const read = mentionReader(db, ctx.options.contextSentence);
  const clusterIds = db
    .prepare('SELECT DISTINCT cluster_id FROM annotations WHERE cluster_id IS NOT NULL AND doc_id IN (SELECT value FROM json_each(?)) ORDER BY cluster_id')
    .pluck()
    .all(docList) as number[];
  const membersOf = db.prepare(`SELECT a.id, a.doc_id AS doc, l.name AS label, a.cluster_id AS cluster, c.name AS clusterName
    FROM annotations a JOIN labels l ON l.id = a.label_id JOIN clusters c ON c.id = a.cluster_id
    WHERE a.cluster_id = ? ORDER BY a.doc_id, a.start, a.end, a.id`);

  // The candidate index for negatives: span ids and cluster ids per label, nothing else.
  const pools = new Map<string, LabelPool>();
  if (k > 0) {
    const labelName = new Map((db.prepare('SELECT id, name FROM labels').all() as { id: number; name: string }[]).map((l) => [l.id, l.name]));
    const rows = db
      .prepare('SELECT id, label_id, cluster_id FROM annotations WHERE doc_id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .raw()
      .iterate(docList) as IterableIterator<[number, number, number | null]>;
    for (const [id, labelId, cluster] of rows) {
      const name = labelName.get(labelId)!;
      if (!ctx.labelNames.has(name)) continue;
      let pool = pools.get(name);
      if (!pool) pools.set(name, (pool = { ids: new Int32Array(16), clusters: new Int32Array(16), length: 0 }));
      push(pool, id, cluster ?? 0);
    }
  }
  const textOf = db.prepare('SELECT id, text FROM annotations WHERE id IN (SELECT value FROM json_each(?))');
  const seenNegative = new Set<string>();
  const pairKey = (x: number, y: number) => (x < y ? `${x}:${y}` : `${y}:${x}`);

  /** Up to `count` negatives for `anchor`: [candidate id, hard] in output order. */
  function sample(anchor: Member, count: number, rng: () => number): [number, boolean][] {
    const pool = pools.get(anchor.label);
    if (!pool || count <= 0) return [];
    const want = count * 4;
    const drawn: number[] = [];
    const taken = new Set<number>();
    for (let tries = 0, limit = want * 8 + 32; drawn.length < want && tries < limit; tries++) {
      const i = Math.floor(rng() * pool.length);
      const id = pool.ids[i];
      if (pool.clusters[i] === anchor.cluster || taken.has(id) || seenNegative.has(pairKey(anchor.id, id))) continue;
      taken.add(id);
      drawn.push(id);
    }
    if (!drawn.length) return [];
    const texts = new Map((textOf.all(ids([anchor.id, ...drawn])) as { id: number; text: string }[]).map((r) => [r.id, r.text]));
    const mine = keyWords(texts.get(anchor.id) ?? '');
    const shared = drawn.map((id, i) => {
      let n = 0;
      for (const w of keyWords(texts.get(id) ?? '')) if (mine.has(w)) n++;
      return { id, i, n };
    });
    const hard = shared
      .filter((s) => s.n > 0)
      .sort((x, y) => y.n - x.n || x.i - y.i)
      .slice(0, Math.ceil(count / 2));
    const hardIds = new Set(hard.map((h) => h.id));
    const rest = drawn.filter((id) => !hardIds.has(id)).slice(0, count - hard.length);
    return [...hard.map((h): [number, boolean] => [h.id, true]), ...rest.map((id): [number, boolean] => [id, false])];
  }

  let positives = 0;
  let negatives = 0;
  let hardCount = 0;
  let short = 0;
  const line = (o: object) => JSON.stringify(o) + '\n';

  for (const c of clusterIds) {
    const members = (membersOf.all(c) as Member[]).filter((m) => own.docs.has(m.doc) && ctx.labelNames.has(m.label));
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
        if (k === 0) continue;
        const chosen: { anchor: Member; anchorMention: Mention; id: number; hard: boolean }[] = [];
        const perAnchor: [Member, Mention, number][] = [
          [a, ma, Math.ceil(k / 2)],
          [b, mb, Math.floor(k / 2)],
        ];
        for (const [slot, [anchor, anchorMention, count]] of perAnchor.entries()) {
          const rng = mulberry32(hash32([ctx.options.seed, a.id, b.id, slot]));
          for (const [id, hard] of sample(anchor, count, rng)) {
            seenNegative.add(pairKey(anchor.id, id));
            chosen.push({ anchor, anchorMention, id, hard });
          }
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

export const pairsExporter: Exporter = {
  format: 'pairs',
  begin(ctx, sink) {
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

// ---- clusters -----------------------------------------------------------------------------------------------

const tsvField = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

export const CLUSTERS_HEADER = 'doc_id\tspan_id\tstart\tend\tlabel\tcluster_id\tcluster_name\ttext\n';

export const clustersExporter: Exporter = {
  format: 'clusters',
  begin: (_ctx, sink) => sink.write('clusters.tsv', CLUSTERS_HEADER),
  doc(d, _ctx, sink) {
    let out = '';
    for (const s of d.spans) {
      const cluster = s.cluster ? `c${s.cluster.id}` : `s${s.id}`;
      out += [d.id, s.id, s.start, s.end, tsvField(s.label), cluster, tsvField(s.cluster?.name ?? ''), tsvField(s.text)].join('\t') + '\n';
    }
    if (out) sink.write('clusters.tsv', out);
  },
};
