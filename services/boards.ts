import type { Db } from '../db/open.js';
import { boardsRepo, type BoardTotalsRow, type FigureValueRow, type MentionRow } from '../db/boards.js';
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
 * The board is read by pages: its order (documents desc, then name ignoring case, then id) and each cluster's
 * major label, mentions and documents are kept per cluster by migration 0009's triggers, so a page is one index
 * walk plus the page's mentions and figures, whatever the corpus holds. The header's totals (mentions, first and
 * last date, sources) are added up again only when a cluster's mentions or documents changed (`changes`), never
 * after a rename or an edit elsewhere. Whole-board figures (the dashboard's conflicts) are `conflicts`.
 */
export function boards(db: Db) {
  const repo = boardsRepo(db);
  // The header's totals per board (layer and label), while `changes` holds.
  let totalsKept: { changes: number; byBoard: Map<string, BoardTotalsRow> } | null = null;
  // Whole boards as read (the dashboard's), by layer and label, while `version` holds.
  let wholeKept: { version: string; byBoard: Map<string, BoardEntry[]> } | null = null;
  // Figures and disagreeing pairs per claim cluster, as far as read, while `version` holds.
  let figuresKept: { version: string; byCluster: Map<Id, { figures: number; pairs: number }> } | null = null;

  /** The label's id; a project without the label (renamed away) has an empty board. */
  const labelOf = (label: BoardLabel): number => repo.labelId(label) ?? -1;

  /** One board's totals (label id, layer or null for every layer), added up again only after a change to them. */
  function totals(labelId: number, annotatorId: number | null): BoardTotalsRow {
    const changes = repo.changes();
    if (totalsKept?.changes !== changes) totalsKept = { changes, byBoard: new Map() };
    const key = `${annotatorId}:${labelId}`;
    let t = totalsKept.byBoard.get(key);
    if (!t) totalsKept.byBoard.set(key, (t = repo.totals(labelId, annotatorId)));
    return t;
  }

  /** Every cluster of one board in order (label id, layer or null for every layer), read again after any write. */
  function whole(labelId: number, annotatorId: number | null): BoardEntry[] {
    const version = repo.version();
    if (wholeKept?.version !== version) wholeKept = { version, byBoard: new Map() };
    const key = `${annotatorId}:${labelId}`;
    let all = wholeKept.byBoard.get(key);
    if (!all) wholeKept.byBoard.set(key, (all = repo.entries(labelId, annotatorId, 0, -1)));
    return all;
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
     * board. Costs an index walk to the page and the page's mentions and figures, plus the board's totals when a
     * cluster's mentions or documents changed since the last call.
     */
    page(label: BoardLabel, annotatorId: number | null, q: PageQuery): BoardPage {
      const labelId = labelOf(label);
      const t = totals(labelId, annotatorId);
      const at = q.at === undefined ? undefined : repo.positionOf(labelId, annotatorId, q.at);
      const offset = at === undefined ? q.offset : Math.floor(at / q.limit) * q.limit;
      return {
        total: t.clusters,
        offset,
        mentions: t.mentions,
        firstDate: t.first_date,
        lastDate: t.last_date,
        sources: (JSON.parse(t.sources) as string[]).sort(),
        clusters: cards(label, repo.entries(labelId, annotatorId, offset, q.limit)),
      };
    },

    /** The claim clusters of a board (or of every layer), in board order, with their sizes: what the dashboard counts. */
    claimClusters: (annotatorId: number | null): BoardEntry[] => whole(labelOf('claim'), annotatorId),

    /**
     * The claim clusters whose figures disagree (most disagreeing pairs first, then name), at most `limit` of them,
     * and how many there are, among the board's clusters `offset` to `offset + count` (default: all): the same
     * figures and pairs as the cards (`figuresAndConflicts`). Reads the figures of those clusters' mentions in one
     * query and keeps the counts until the project changes; the board asks a slice at a time so that its pages
     * are not kept waiting behind the whole pass.
     */
    conflicts(annotatorId: number | null, limit: number, offset = 0, count = Infinity): ClaimConflicts {
      const version = repo.version();
      if (figuresKept?.version !== version) figuresKept = { version, byCluster: new Map() };
      const known = figuresKept.byCluster;
      // A slice (the board's header) is one index walk; the whole board (the dashboard's) is kept with the figures.
      const slice = Number.isFinite(count) ? repo.entries(labelOf('claim'), annotatorId, offset, count) : whole(labelOf('claim'), annotatorId).slice(offset);
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
