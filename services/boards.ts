import type { Db } from '../db/open.js';
import { boardsRepo, type ClusterLabelRow, type FigureValueRow, type MentionRow } from '../db/boards.js';
import type { BoardPage, ClusterSummary, Id } from '../common/model.js';
import type { ClaimConflicts, ConflictCluster } from '../common/dashboard.js';
import { compareFigures, extractFigures, type Figure } from './suggest/numbers.js';

export type BoardLabel = 'claim' | 'speaker';

/** One cluster's place on a board: what orders it and what the board's header adds up. */
export interface BoardEntry {
  id: Id;
  name: string;
  /** Mentions of any label. */
  mentions: number;
  documents: number;
}

/** One board in order (documents desc, then name), with the header's totals. */
export interface BoardOrder {
  clusters: BoardEntry[];
  /** Where each cluster sits in `clusters`. */
  position: Map<Id, number>;
  mentions: number;
  firstDate: string | null;
  lastDate: string | null;
  sources: string[];
}

/** A page of a board: `offset` and `limit` as in any list; `at` asks for the page holding that cluster instead. */
export interface PageQuery {
  offset: number;
  limit: number;
  at?: Id;
}

const byName = new Intl.Collator().compare;

/** The word a figure counts ("60 civilians" → civilians), so that 60 killed is never weighed against 200 injured. */
function unitOf(text: string, attrs: Record<string, string>, f: Figure | undefined): string | null {
  if (attrs.unit?.trim()) return attrs.unit.trim().toLowerCase();
  if (!f) return null;
  const after = Array.from(text).slice(f.end).join('').trim();
  const word = /^[\p{L}-]+/u.exec(after)?.[0];
  return word ? word.toLowerCase() : null;
}

/**
 * One cluster's figures (each once, in the order given) and the pairs of them that disagree: figures from
 * different documents whose values conflict (services/suggest/numbers.ts), counting the same thing when both say
 * what they count. The board's cards and the dashboard's conflict count both come from here.
 */
export function figuresAndConflicts(rows: (FigureValueRow & { source?: string | null })[]): Pick<ClusterSummary, 'figures' | 'conflicts'> {
  const seen = new Set<number>();
  const figures: ClusterSummary['figures'] = [];
  const conflicts: ClusterSummary['conflicts'] = [];
  const parsed: { id: number; doc: number; fig: Figure | undefined; unit: string | null }[] = [];
  for (const f of rows) {
    if (seen.has(f.annotation_id)) continue;
    seen.add(f.annotation_id);
    const attrs = JSON.parse(f.attributes) as Record<string, string>;
    let fig = extractFigures(f.text)[0];
    const given = attrs.value !== undefined ? Number(attrs.value.replace(/[\s,]/g, '')) : NaN;
    if (Number.isFinite(given)) fig = { ...(fig ?? { approx: false, bound: 'exact', start: 0, end: 0, raw: attrs.value }), value: given };
    figures.push({ annotationId: f.annotation_id, docId: f.doc_id, text: f.text, value: fig?.value ?? null, source: f.source ?? null });
    parsed.push({ id: f.annotation_id, doc: f.doc_id, fig, unit: unitOf(f.text, attrs, fig) });
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i];
      const b = parsed[j];
      if (!a.fig || !b.fig || a.doc === b.doc) continue;
      // Only like with like: when both name what they count, it must be the same thing.
      if (a.unit && b.unit && a.unit !== b.unit) continue;
      if (compareFigures(a.fig, b.fig) === 'conflict') {
        conflicts.push({ a: a.id, b: b.id, why: `${a.fig.raw || a.fig.value} vs ${b.fig.raw || b.fig.value}` });
      }
    }
  }
  return { figures, conflicts };
}

/** Groups rows by a key, keeping their order within each group. */
function groupBy<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The claims and speakers boards: every cluster whose mentions mostly carry the label (a tie goes to the label of
 * the cluster's first mention in board order), with its documents, sources and dates, the figures its mentions
 * cite and which of them disagree. A board shows one annotator's layer (issue 13: clusters never mix layers), or
 * every layer where `annotatorId` is null (the dashboard).
 *
 * The board is read by pages: the order of its clusters (documents desc, then name) comes from one aggregate over
 * the clusters (db/boards.ts `byLabel`) and is kept until the project changes (`version`), so that scrolling
 * costs only the page's mentions and figures. Whole-board figures (the dashboard's conflicts) are `conflicts`.
 */
export function boards(db: Db) {
  const repo = boardsRepo(db);
  // What the last aggregate read, and the boards built from it so far (by layer and label), while `version` holds.
  let kept: { version: string; rows: Map<number, ClusterLabelRow[]>; boards: Map<string, BoardOrder> } | null = null;
  // Figures and disagreeing pairs per claim cluster, as far as read, while `version` holds.
  let figuresKept: { version: string; byCluster: Map<Id, { figures: number; pairs: number }> } | null = null;

  /** The board of one label and layer (null: every layer), in order; read again only when the project changed. */
  function order(label: BoardLabel, annotatorId: number | null): BoardOrder {
    const version = repo.version();
    if (kept?.version !== version) kept = { version, rows: groupBy(repo.byLabel(), (r) => r.cluster_id), boards: new Map() };
    const key = `${annotatorId}:${label}`;
    let board = kept.boards.get(key);
    if (!board) kept.boards.set(key, (board = buildOrder(kept.rows, label, annotatorId)));
    return board;
  }

  /** One board from the clusters' label rows: the clusters of the layer whose major label is `label`. */
  function buildOrder(clusters: Map<number, ClusterLabelRow[]>, label: BoardLabel, annotatorId: number | null): BoardOrder {
    const board: BoardOrder = { clusters: [], position: new Map(), mentions: 0, firstDate: null, lastDate: null, sources: [] };
    const sources = new Set<string>();
    for (const labels of clusters.values()) {
      if (annotatorId !== null && labels[0].annotator_id !== annotatorId) continue;
      // Most mentions wins; a tie goes to the label met first in board order (as the cards list mentions).
      const major = labels.reduce((a, b) => (b.mentions > a.mentions || (b.mentions === a.mentions && b.first < a.first) ? b : a));
      if (major.label !== label) continue;
      const mentions = labels.reduce((n, r) => n + r.mentions, 0);
      const documents = labels.length === 1 ? major.documents : repo.documentsOf(major.cluster_id);
      board.clusters.push({ id: major.cluster_id, name: major.name, mentions, documents });
      board.mentions += mentions;
      for (const r of labels) {
        if (r.first_date && (!board.firstDate || r.first_date < board.firstDate)) board.firstDate = r.first_date;
        if (r.last_date && (!board.lastDate || r.last_date > board.lastDate)) board.lastDate = r.last_date;
        for (const s of JSON.parse(r.sources) as string[]) sources.add(s);
      }
    }
    board.clusters.sort((a, b) => b.documents - a.documents || byName(a.name, b.name));
    board.clusters.forEach((c, i) => board.position.set(c.id, i));
    board.sources = [...sources].sort();
    return board;
  }

  /** The cards of some clusters of a board, in the order given. */
  function cards(label: BoardLabel, entries: BoardEntry[]): ClusterSummary[] {
    const rowsOf = groupBy(repo.mentionsOf(entries.map((e) => e.id)), (r) => r.cluster_id);
    const out = entries.map((e) => summary(e, rowsOf.get(e.id) ?? [], label));
    if (label === 'claim' && out.length) {
      const clusterOf = new Map(out.flatMap((c) => c.mentions.map((m) => [m.annotationId, c.id] as const)));
      const figuresOf = groupBy(repo.figuresOf([...clusterOf.keys()]), (f) => clusterOf.get(f.mention_id)!);
      for (const c of out) Object.assign(c, figuresAndConflicts(figuresOf.get(c.id) ?? []));
    }
    return out;
  }

  function summary(e: BoardEntry, rows: MentionRow[], label: BoardLabel): ClusterSummary {
    const dates = rows.map((r) => r.date).filter((d): d is string => !!d).sort();
    return {
      id: e.id,
      name: e.name,
      label,
      mentions: rows.map((r) => ({ annotationId: r.annotation_id, text: r.text, docId: r.doc_id, docTitle: r.title, date: r.date, source: r.source })),
      documents: e.documents,
      sources: [...new Set(rows.map((r) => r.source).filter((s): s is string => !!s))],
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
      figures: [],
      conflicts: [],
      spellings: [...new Set(rows.map((r) => r.text.trim()))],
    };
  }

  return {
    /**
     * One page of a board: `limit` cards from `offset` (or from the start of the page holding cluster `at`, when
     * it is on the board), with the whole board's totals. Pages of one unchanged project concatenate to the whole
     * board. Costs the page's mentions and figures, plus the board's order when the project changed since the
     * last call.
     */
    page(label: BoardLabel, annotatorId: number | null, q: PageQuery): BoardPage {
      const board = order(label, annotatorId);
      const at = q.at === undefined ? undefined : board.position.get(q.at);
      const offset = at === undefined ? q.offset : Math.floor(at / q.limit) * q.limit;
      return {
        total: board.clusters.length,
        offset,
        mentions: board.mentions,
        firstDate: board.firstDate,
        lastDate: board.lastDate,
        sources: board.sources,
        clusters: cards(label, board.clusters.slice(offset, offset + q.limit)),
      };
    },

    /** The claim clusters of a board (or of every layer), in board order, with their sizes: what the dashboard counts. */
    claimClusters: (annotatorId: number | null): BoardEntry[] => order('claim', annotatorId).clusters,

    /**
     * The claim clusters whose figures disagree (most disagreeing pairs first, then name), at most `limit` of them,
     * and how many there are, among the board's clusters `offset` to `offset + count` (default: all): the same
     * figures and pairs as the cards (`figuresAndConflicts`). Reads the figures of those clusters' mentions in one
     * query and keeps the counts until the project changes; the board asks a slice at a time so that its pages
     * are not kept waiting behind the whole pass.
     */
    conflicts(annotatorId: number | null, limit: number, offset = 0, count = Infinity): ClaimConflicts {
      const board = order('claim', annotatorId);
      const version = repo.version();
      if (figuresKept?.version !== version) figuresKept = { version, byCluster: new Map() };
      const known = figuresKept.byCluster;
      const slice = board.clusters.slice(offset, offset + count);
      const unread = slice.filter((c) => !known.has(c.id)).map((c) => c.id);
      if (unread.length) {
        const clusterOf = new Map(repo.memberIds(unread).map(([cluster, id]) => [id, cluster]));
        const figuresOf = groupBy(repo.figureValuesOf([...clusterOf.keys()]), (f) => clusterOf.get(f.mention_id)!);
        for (const id of unread) {
          const { figures, conflicts } = figuresAndConflicts(figuresOf.get(id) ?? []);
          known.set(id, { figures: figures.length, pairs: conflicts.length });
        }
      }
      let withFigures = 0;
      const all: ConflictCluster[] = [];
      for (const c of slice) {
        const { figures, pairs } = known.get(c.id)!;
        if (figures) withFigures++;
        if (pairs) all.push({ clusterId: c.id, name: c.name, pairs, figures });
      }
      all.sort((a, b) => b.pairs - a.pairs || byName(a.name, b.name) || a.clusterId - b.clusterId);
      return { withFigures, total: all.length, clusters: all.slice(0, limit) };
    },
  };
}
