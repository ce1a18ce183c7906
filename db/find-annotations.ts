import type { Db } from './open.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface FindAnnotationsOptions {
  labelId?: number;
  /** An annotation to leave out (the one being linked from). */
  excludeId?: number;
  /** Only this annotator's layer (issue 13: one links within the layer being edited); absent: every layer. */
  annotatorId?: number;
  limit: number;
}

/** Words of a finder query that count (see findAnnotationIds). */
export const FIND_WORDS = 8;

/**
 * Ids of the annotations whose text, label name, document title or cluster name contain every word of `q`
 * (substring, any case for ASCII as LIKE does; the first FIND_WORDS different words count), most recently made
 * first. An empty `q` matches every annotation (of the layer `opts.annotatorId`, when given).
 *
 * What it reads is bounded by the project, not by the query: one pass over the annotations (stopping at `limit`
 * matches), at most FIND_WORDS substring tests per field of each; a word typed twice (in any ASCII case) is
 * tested once.
 */
export function findAnnotationIds(db: Db, q: string, opts: FindAnnotationsOptions): number[] {
  const words = [...new Map(q.trim().split(/\s+/).filter(Boolean).map((w) => [asciiLower(w), w])).values()].slice(0, FIND_WORDS);
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
  if (opts.annotatorId !== undefined) {
    where.push('a.annotator_id = ?');
    params.push(opts.annotatorId);
  }
  if (opts.excludeId !== undefined) {
    where.push('a.id <> ?');
    params.push(opts.excludeId);
  }
  return db
    .prepare(
      `SELECT a.id FROM annotations a JOIN documents d ON d.id = a.doc_id JOIN labels l ON l.id = a.label_id
       LEFT JOIN clusters c ON c.id = a.cluster_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`,
    )
    .pluck()
    .all(...params, opts.limit) as number[];
}

/** Lower case for ASCII letters only: what LIKE ignores. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
