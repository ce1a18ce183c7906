import type { Db } from '../db/open.js';
import type { AnnotationInContext, Passage } from '../common/model.js';
import type { ContextReader } from './context.js';
import type { SearchRepo } from '../db/search.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The link finder: annotations anywhere in the project whose text, label, document title or cluster name
 * contain every word typed, most recently made first; plus passages of the corpus not yet tagged.
 */
export function finder(db: Db, context: ContextReader, search: SearchRepo) {
  return {
    annotations(q: string, opts: { labelId?: number; excludeId?: number; limit: number }): AnnotationInContext[] {
      const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
      const where: string[] = [];
      const params: unknown[] = [];
      for (const w of words) {
        const like = `%${escapeLike(w)}%`;
        where.push(
          `(a.text LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\' OR IFNULL(c.name, '') LIKE ? ESCAPE '\\' OR l.name LIKE ? ESCAPE '\\')`,
        );
        params.push(like, like, like, like);
      }
      if (opts.labelId !== undefined) {
        where.push('a.label_id = ?');
        params.push(opts.labelId);
      }
      if (opts.excludeId !== undefined) {
        where.push('a.id <> ?');
        params.push(opts.excludeId);
      }
      const ids = db
        .prepare(
          `SELECT a.id FROM annotations a JOIN documents d ON d.id = a.doc_id JOIN labels l ON l.id = a.label_id
           LEFT JOIN clusters c ON c.id = a.cluster_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`,
        )
        .pluck()
        .all(...params, opts.limit) as number[];
      return context.annotations(ids);
    },

    /** The first match of `q` in each of the best-ranked documents, as a sentence with offsets. */
    passages(q: string, limit: number, excludeDocId?: number): Passage[] {
      const { hits } = search.search(q, limit + 1);
      const out: Passage[] = [];
      for (const h of hits) {
        if (h.docId === excludeDocId) continue;
        const ranges = search.locate(h.docId, q);
        if (!ranges.length) continue;
        // The whole matched phrase: "60 civilians killed" is three ranges a space apart.
        let end = ranges[0].end;
        for (const r of ranges.slice(1)) {
          if (r.start - end > 3) break;
          end = r.end;
        }
        const p = context.passage(h.docId, ranges[0].start, end);
        if (p) out.push(p);
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
