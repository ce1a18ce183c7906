import type { Db } from './open.js';
import type { DoneBucket, LabelCount, SourceCount } from '../common/dashboard.js';

/**
 * The Project view's counts, each one aggregate query (no row per document leaves SQLite), so the view stays
 * quick on 100,000 documents. Cluster sizes and figure conflicts are not here: they follow the claims board's
 * rules (services/boards.ts over db/boards.ts). Annotations are counted in every layer but `auto`: proposals are
 * not annotations until accepted (db/auto-layer.ts).
 */
export function dashboardRepo(db: Db) {
  // Per label, its spans and documents outside `auto` as migration 0008's triggers keep them (label_counts).
  const byLabel = db.prepare(`
    SELECT l.id AS labelId, l.name, l.color, COALESCE(c.annotations, 0) AS annotations, COALESCE(c.documents, 0) AS documents
    FROM labels l LEFT JOIN label_counts c ON c.label_id = l.id
    ORDER BY l.position, l.id`);
  // One pass over document_list (migration 0008: a slim row per document with its count of spans outside `auto`),
  // one row per source, unknown as null.
  const bySource = db.prepare(`
    SELECT source, COUNT(*) AS documents, COALESCE(SUM(annotations), 0) AS annotations FROM document_list
    GROUP BY source
    ORDER BY annotations DESC, documents DESC, source IS NULL, source`);
  // Document counts from one pass over document_list; the annotation total from the per-label totals.
  const totals = db.prepare(`
    SELECT COUNT(*) AS total, COALESCE(SUM(done = 1), 0) AS done,
           COALESCE(SUM(done = 1 AND done_at IS NULL), 0) AS undated,
           (SELECT COALESCE(SUM(annotations), 0) FROM label_counts) AS annotations,
           MIN(CASE WHEN done = 1 THEN date(done_at) END) AS first,
           MAX(CASE WHEN done = 1 THEN date(done_at) END) AS last
    FROM document_list`);
  // Days and weeks are UTC calendar days of the stored timestamp. A week runs Monday to Sunday:
  // 'weekday 0' moves to the coming Sunday (or stays on one), six days back is that week's Monday.
  const doneByDay = db.prepare(`
    SELECT date(done_at) AS "from", date(done_at) AS "to", COUNT(*) AS documents
    FROM document_list WHERE done = 1 AND done_at IS NOT NULL
    GROUP BY 1 ORDER BY 1`);
  const doneByWeek = db.prepare(`
    SELECT date(done_at, 'weekday 0', '-6 days') AS "from", date(done_at, 'weekday 0') AS "to", COUNT(*) AS documents
    FROM document_list WHERE done = 1 AND done_at IS NOT NULL
    GROUP BY 1 ORDER BY 1`);

  return {
    /** Every label in the project's order with its annotation and document counts (0 when unused), `auto` left out. */
    byLabel: () => byLabel.all() as LabelCount[],
    /** Documents and annotations (not `auto`) per stored source, most annotated first; documents without a source: `null`. */
    bySource: () => bySource.all() as SourceCount[],
    /**
     * Document and annotation (not `auto`) totals; `done` documents, `undated` among them (marked done before the date was
     * kept); `first`/`last`: the earliest and latest done day, null when no done document has a date.
     */
    totals: () =>
      totals.get() as { total: number; done: number; undated: number; annotations: number; first: string | null; last: string | null },
    /** Done documents with a done date, counted per UTC day or per Monday-to-Sunday week, oldest first. */
    doneBuckets: (unit: 'day' | 'week') => (unit === 'day' ? doneByDay : doneByWeek).all() as DoneBucket[],
  };
}
