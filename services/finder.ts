import type { Db } from '../db/open.js';
import type { AnnotationInContext, Passage } from '../common/model.js';
import type { ContextReader } from './context.js';
import type { SearchRepo } from '../db/search.js';
import { findAnnotationIds, type FindAnnotationsOptions } from '../db/find-annotations.js';

/**
 * Code points of document text one passages request reads per passage asked for: about three ordinary articles,
 * so the Finder's ten passages read at most what one suggestion request reads (services/suggestions.ts
 * PASSAGE_TEXT, 120,000). Before it, the 1 MB report among the hits was tokenized whole: ~110 ms per request.
 */
const TEXT_PER_PASSAGE = 12_000;

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
     * until the documents read hold `limit` × TEXT_PER_PASSAGE code points (or `search.limits.text` if lower):
     * fewer passages then, the best first. A long document is read only up to its first match (search.firstMatch), so the
     * 1 MB report among the hits costs a piece of it, not all of it.
     */
    passages(q: string, limit: number, excludeDocId?: number): Passage[] {
      const { docIds, query, phrases } = search.rank(q, limit + 1);
      const out: Passage[] = [];
      let left = Math.min(limit * TEXT_PER_PASSAGE, search.limits.text);
      for (const docId of docIds) {
        if (docId === excludeDocId) continue;
        if (left < 0) break;
        const { ranges, read } = search.firstMatch(docId, query, phrases, left);
        left -= read;
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
