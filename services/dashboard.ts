import type { Db } from '../db/open.js';
import { dashboardRepo } from '../db/dashboard.js';
import { CONFLICTS_SHOWN, DONE_DAYS_MAX, type ClusterSizeCount, type Dashboard } from '../common/dashboard.js';
import { boards } from './boards.js';

const DAY_MS = 86_400_000;

/**
 * The Project view's figures (`project.dashboard`). Label, source and done counts are SQL aggregates
 * (db/dashboard.ts); claim clusters and their figure conflicts are the claims board's own (services/boards.ts:
 * the board's order for the sizes, `conflicts` for the figures, the same rule the cards apply), so the dashboard
 * and the board never disagree on what a claim cluster or a conflict is. That part reads the clusters' index
 * entries and the figures of their mentions, never every document, and builds no card. Annotation counts leave the
 * `auto` layer out (proposals are no annotations until accepted, db/auto-layer.ts); pre-annotation makes no
 * clusters, so the claim charts hold the analysts' clusters only.
 */
export function dashboard(db: Db, board = boards(db)) {
  const repo = dashboardRepo(db);

  return {
    /** Everything the Project view shows, read in one go (the reader thread runs it in one snapshot). */
    get(): Dashboard {
      const t = repo.totals();
      const unit = t.first && t.last && (Date.parse(t.last) - Date.parse(t.first)) / DAY_MS > DONE_DAYS_MAX ? 'week' : 'day';

      const sizes = new Map<number, ClusterSizeCount>();
      for (const c of board.claimClusters(null)) {
        const row = sizes.get(c.mentions) ?? { size: c.mentions, clusters: 0, claims: 0 };
        row.clusters += 1;
        row.claims += c.mentions;
        sizes.set(c.mentions, row);
      }

      return {
        documents: { total: t.total, done: t.done },
        annotations: t.annotations,
        byLabel: repo.byLabel(),
        bySource: repo.bySource(),
        done: { unit, buckets: repo.doneBuckets(unit), undated: t.undated },
        clusterSizes: [...sizes.values()].sort((a, b) => a.size - b.size),
        conflicts: board.conflicts(null, CONFLICTS_SHOWN),
      };
    },
  };
}
