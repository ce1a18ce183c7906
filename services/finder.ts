import type { Db } from '../db/open.js';
import type { AnnotationInContext, Passage } from '../common/model.js';
import type { ContextReader } from './context.js';
import type { SearchRepo } from '../db/search.js';
import { findAnnotationIds, type FindAnnotationsOptions } from '../db/find-annotations.js';

/**
 * The link finder: annotations anywhere in the project whose text, label, document title or cluster name
 * contain every word typed, most recently made first; plus passages of the corpus not yet tagged.
 */
export function finder(db: Db, context: ContextReader, search: SearchRepo) {
  return {
    annotations(q: string, opts: FindAnnotationsOptions): AnnotationInContext[] {
      return context.annotations(findAnnotationIds(db, q, opts));
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
