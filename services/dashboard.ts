import type { Db } from '../db/open.js';
import { dashboardRepo } from '../db/dashboard.js';
import { CONFLICTS_SHOWN, DONE_DAYS_MAX, type ClusterSizeCount, type ConflictCluster, type Dashboard } from '../common/dashboard.js';
import { boards } from './boards.js';

const DAY_MS = 86_400_000;

/**
 * The Project view's figures (`project.dashboard`). Label, source and done counts are SQL aggregates
 * (db/dashboard.ts); claim clusters and their figure conflicts are the claims board's own (services/boards.ts),
 * so the dashboard and the board never disagree on what a claim cluster or a conflict is. That part costs what
 * opening the claims board costs: it reads cluster mentions, never every document. Annotation counts leave the
 * `auto` layer out (proposals are no annotations until accepted, db/auto-layer.ts); pre-annotation makes no
 * clusters, so the claim charts hold the analysts' clusters only.
 */
export function dashboard(db: Db) {
  const repo = dashboardRepo(db);
  const board = boards(db);

  return {
    /** Everything the Project view shows, read in one go (the reader thread runs it in one snapshot). */
    get(): Dashboard {
      const t = repo.totals();
      const unit = t.first && t.last && (Date.parse(t.last) - Date.parse(t.first)) / DAY_MS > DONE_DAYS_MAX ? 'week' : 'day';
      const claims = board.clusters('claim');

      const sizes = new Map<number, ClusterSizeCount>();
      for (const c of claims) {
        const size = c.mentions.length;
        const row = sizes.get(size) ?? { size, clusters: 0, claims: 0 };
        row.clusters += 1;
        row.claims += size;
        sizes.set(size, row);
      }
      const conflicting: ConflictCluster[] = claims
        .filter((c) => c.conflicts.length > 0)
        .map((c) => ({ clusterId: c.id, name: c.name, pairs: c.conflicts.length, figures: c.figures.length }))
        .sort((a, b) => b.pairs - a.pairs || a.name.localeCompare(b.name) || a.clusterId - b.clusterId);

      return {
        documents: { total: t.total, done: t.done },
        annotations: t.annotations,
        byLabel: repo.byLabel(),
        bySource: repo.bySource(),
        done: { unit, buckets: repo.doneBuckets(unit), undated: t.undated },
        clusterSizes: [...sizes.values()].sort((a, b) => a.size - b.size),
        conflicts: {
          withFigures: claims.filter((c) => c.figures.length > 0).length,
          clusters: conflicting.slice(0, CONFLICTS_SHOWN),
          total: conflicting.length,
        },
      };
    },
  };
}
