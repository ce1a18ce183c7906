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

    /**
     * The first match of `q` in each of the best-ranked documents, as a sentence with offsets. The query is
     * bounded once (db/fts-bounds.ts: a too broad one is refused) and each document is then read on its own,
     * until the documents read hold `search.limits.text` code points (fewer passages then, the best first).
     */
    passages(q: string, limit: number, excludeDocId?: number): Passage[] {
      const { docIds, query } = search.rank(q, limit + 1);
      const out: Passage[] = [];
      let textRead = 0;
      for (const docId of docIds) {
        if (docId === excludeDocId) continue;
        if (textRead > search.limits.text) break;
        const { text, ranges } = search.matches(docId, query);
        textRead += text.length;
        if (!ranges.length) continue;
        // The whole matched phrase: "60 civilians killed" is three ranges a space apart.
        let end = ranges[0].end;
        for (const r of ranges.slice(1)) {
          if (r.start - end > 3) break;
          end = r.end;
        }
        const p = context.passage(docId, ranges[0].start, end);
        if (p) out.push(p);
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
