import type { Db } from './open.js';
import type { Stats } from '../common/model.js';
import { AUTO_ID_SQL, notAuto } from './auto-layer.js';

/**
 * What `stats.get` (and `crosscheck stats`) reports: documents, and the annotations per label name, links and
 * clusters of every layer but `auto`. Proposals are not annotations until accepted (db/auto-layer.ts), so a
 * pre-annotation run leaves these counts as they were; the layers bar (db/annotators.ts) shows `auto`'s own size.
 */
export function statsRepo(db: Db) {
  const documents = db.prepare('SELECT COUNT(*) FROM documents').pluck();
  // A label's spans (annotations_by_label, no row read) less its `auto` ones (the auto rows only, found through
  // annotations_by_annotator): an annotator condition on the first would read every span's row.
  const byLabel = db.prepare(`
    SELECT l.name AS name, (SELECT COUNT(*) FROM annotations WHERE label_id = l.id) - COALESCE(m.c, 0) AS n
    FROM labels l LEFT JOIN (SELECT label_id, COUNT(*) AS c FROM annotations WHERE annotator_id = ${AUTO_ID_SQL} GROUP BY label_id) m
      ON m.label_id = l.id
    ORDER BY l.position, l.id`);
  // All links less the `auto` ones: two index counts (links_by_annotator for the second).
  const links = db.prepare(`SELECT (SELECT COUNT(*) FROM links) - (SELECT COUNT(*) FROM links WHERE annotator_id = ${AUTO_ID_SQL})`).pluck();
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
