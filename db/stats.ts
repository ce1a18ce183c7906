import type { Db } from './open.js';
import type { Stats } from '../common/model.js';
import { notAuto } from './auto-layer.js';

/**
 * What `stats.get` (and `crosscheck stats`) reports: documents, and the annotations per label name, links and
 * clusters of every layer but `auto`. Proposals are not annotations until accepted (db/auto-layer.ts), so a
 * pre-annotation run leaves these counts as they were; the layers bar (db/annotators.ts) shows `auto`'s own size.
 */
export function statsRepo(db: Db) {
  const documents = db.prepare('SELECT COUNT(*) FROM document_list').pluck();
  // Spans per label outside `auto` and links per layer, as migration 0008's triggers keep them (label_counts,
  // layer_counts): no span or link is counted per request.
  const byLabel = db.prepare(`
    SELECT l.name AS name, COALESCE(c.annotations, 0) AS n FROM labels l LEFT JOIN label_counts c ON c.label_id = l.id
    ORDER BY l.position, l.id`);
  const links = db.prepare(`SELECT COALESCE(SUM(links), 0) FROM layer_counts WHERE ${notAuto('annotator_id')}`).pluck();
  const clusters = db.prepare(`SELECT COUNT(*) FROM clusters WHERE ${notAuto('annotator_id')}`).pluck();

  return {
    /** The counts; `byLabel` holds every label (0 when unused) in the project's label order, `annotations` their sum. */
    get(): Stats {
      const counts: Record<string, number> = {};
      let annotations = 0;
      for (const r of byLabel.all() as { name: string; n: number }[]) {
        counts[r.name] = r.n;
        annotations += r.n;
      }
      return { documents: documents.get() as number, annotations, byLabel: counts, links: links.get() as number, clusters: clusters.get() as number };
    },
  };
}
