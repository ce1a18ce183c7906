/**
 * What the Project view (the dashboard, issue 12) shows: the figures an editor reads on Monday, all computed by the
 * backend in one read (`project.dashboard`, services/dashboard.ts). Counts are whole numbers; dates are ISO
 * `yyyy-mm-dd`.
 */
import type { Id } from './model.js';

/** Annotations of one label, and how many documents carry at least one of them. */
export interface LabelCount {
  labelId: Id;
  name: string;
  /** The label's colour, `#rrggbb` (the reader's highlight colour). */
  color: string;
  annotations: number;
  documents: number;
}

/** Annotations in the documents of one source (the stored, possibly edited, `documents.source`). */
export interface SourceCount {
  /** null: documents without a source. */
  source: string | null;
  documents: number;
  annotations: number;
}

/** Documents marked done within one day or one week (Monday to Sunday), both ends inclusive. */
export interface DoneBucket {
  from: string;
  to: string;
  documents: number;
}

/** How many claim clusters have `size` mentions, and the claims (mentions) they hold together. */
export interface ClusterSizeCount {
  size: number;
  clusters: number;
  claims: number;
}

/** A claim cluster whose cited figures disagree (services/boards.ts defines disagreement). */
export interface ConflictCluster {
  clusterId: Id;
  name: string;
  /** Pairs of figures that disagree. */
  pairs: number;
  figures: number;
}

/** The claim clusters whose figures disagree (`boards.conflicts`, and the dashboard's chart). */
export interface ClaimConflicts {
  /** Claim clusters that cite at least one figure. */
  withFigures: number;
  /** Most disagreeing pairs first, then by name; at most the limit asked for. `total` counts them all. */
  clusters: ConflictCluster[];
  total: number;
}

export interface Dashboard {
  documents: { total: number; done: number };
  annotations: number;
  /** Every label in the project's order, used or not. */
  byLabel: LabelCount[];
  /** Most annotated first; documents without a source form one row (`source: null`). */
  bySource: SourceCount[];
  done: {
    /** 'day' when the dates span at most `DONE_DAYS_MAX` days, else 'week'. */
    unit: 'day' | 'week';
    /** Oldest first; only buckets that have documents. */
    buckets: DoneBucket[];
    /** Done before the done date was recorded: "done, date unknown". */
    undated: number;
  };
  /** Claim clusters (services/boards.ts: clusters whose mentions are mostly claims) by size, smallest first. */
  clusterSizes: ClusterSizeCount[];
  /** At most `CONFLICTS_SHOWN` clusters. */
  conflicts: ClaimConflicts;
}

/** Done dates spanning more days than this are counted by week. */
export const DONE_DAYS_MAX = 62;
/** The conflicts chart lists this many clusters at most (the claims board has them all). */
export const CONFLICTS_SHOWN = 20;
