import type { Db } from './open.js';
import type { DoneBucket, LabelCount, SourceCount } from '../common/dashboard.js';
import { AUTO_ID_SQL, notAuto } from './auto-layer.js';

/**
 * The Project view's counts, each one aggregate query (no row per document leaves SQLite), so the view stays
 * quick on 100,000 documents. Cluster sizes and figure conflicts are not here: they follow the claims board's
 * rules (services/boards.ts over db/boards.ts). Annotations are counted in every layer but `auto`: proposals are
 * not annotations until accepted (db/auto-layer.ts).
 */
export function dashboardRepo(db: Db) {
  const byLabel = db.prepare(`
    SELECT l.id AS labelId, l.name, l.color, COUNT(a.id) AS annotations, COUNT(DISTINCT a.doc_id) AS documents
    FROM labels l LEFT JOIN annotations a ON a.label_id = l.id AND ${notAuto('a.annotator_id')}
    GROUP BY l.id ORDER BY l.position, l.id`);
  // Per document first, then per source: one row per source, unknown as null. A document's annotations are all its
  // spans (an index walk over annotations_by_doc) less its `auto` ones (one over annotations_by_annotator): neither
  // reads a span's row, where an annotator condition on the first would read them all.
  const bySource = db.prepare(`
    SELECT d.source AS source, COUNT(*) AS documents, COALESCE(SUM(n.c), 0) - COALESCE(SUM(m.c), 0) AS annotations
    FROM documents d LEFT JOIN (SELECT doc_id, COUNT(*) AS c FROM annotations GROUP BY doc_id) n ON n.doc_id = d.id
    LEFT JOIN (SELECT doc_id, COUNT(*) AS c FROM annotations WHERE annotator_id = ${AUTO_ID_SQL} GROUP BY doc_id) m ON m.doc_id = d.id
    GROUP BY d.source
    ORDER BY annotations DESC, documents DESC, d.source IS NULL, d.source`);
  // The annotation total is all spans less the `auto` ones: two counts over an index each (the second over
  // annotations_by_annotator), where one count with an annotator condition would read every span's row.
  const totals = db.prepare(`
    SELECT COUNT(*) AS total, COALESCE(SUM(done = 1), 0) AS done,
           COALESCE(SUM(done = 1 AND done_at IS NULL), 0) AS undated,
           (SELECT COUNT(*) FROM annotations) - (SELECT COUNT(*) FROM annotations WHERE annotator_id = ${AUTO_ID_SQL}) AS annotations,
           MIN(CASE WHEN done = 1 THEN date(done_at) END) AS first,
           MAX(CASE WHEN done = 1 THEN date(done_at) END) AS last
    FROM documents`);
  // Days and weeks are UTC calendar days of the stored timestamp. A week runs Monday to Sunday:
  // 'weekday 0' moves to the coming Sunday (or stays on one), six days back is that week's Monday.
  const doneByDay = db.prepare(`
    SELECT date(done_at) AS "from", date(done_at) AS "to", COUNT(*) AS documents
    FROM documents WHERE done = 1 AND done_at IS NOT NULL
    GROUP BY 1 ORDER BY 1`);
  const doneByWeek = db.prepare(`
    SELECT date(done_at, 'weekday 0', '-6 days') AS "from", date(done_at, 'weekday 0') AS "to", COUNT(*) AS documents
    FROM documents WHERE done = 1 AND done_at IS NOT NULL
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
