/**
 * The fast path of a project merge (issue 13): the common case — a sound source whose layers hold no spans yet in
 * the documents it shares with this project — copied by SQL from the attached source file (db/merge-fast.ts), so
 * its spans and links never become JavaScript objects. Documents are still placed one by one (matched by the hash
 * of their text, which SQLite cannot compute). The row-by-row path (project-source.ts) stays the reference: the
 * fast one writes the same rows with the same ids, and whenever it cannot tell that it would (a file breaking a
 * rule, a span already in its layer, a twin span or repeated link in the file, a label the project cannot take)
 * it rolls back to its savepoint and says so, and the caller takes the row path, which names the rule broken.
 */
import type { Id } from '../../common/model.js';
import { cpLength } from '../../common/offsets.js';
import { mergeFast } from '../../db/merge-fast.js';
import type { mergeSourceReader, mergeTargetWrites } from '../../db/merge-source.js';
import { mergeWrites } from '../../db/merge-writes.js';
import type { ingestWriter } from '../../db/ingest.js';
import type { Project } from '../project.js';
import { parseAttributes, placeDocument } from './place-document.js';
import type { MergeOptions } from './options.js';

/** What the fast path needs from the merge in hand (project-source.ts mergeOpen): its maps and counters. */
export interface FastMergeInput {
  r: ReturnType<typeof mergeSourceReader>;
  ids: Id[];
  /** Source label id → its name here, or why it cannot be merged (then the fast path declines). */
  labelIds: Map<Id, string | { why: string }>;
  typeNames: Map<Id, string>;
  layerIds: Map<Id, Id>;
  w: ReturnType<typeof ingestWriter>;
  target: ReturnType<typeof mergeTargetWrites>;
  refuse: (what: string, why: string) => never;
  counts: { matched: number; added: number };
  now: string;
  chunk: number;
  onProgress: MergeOptions['onProgress'];
}

/** Thrown inside the savepoint to decline the fast path. */
class Declined extends Error {}

/**
 * Merges the source attached to `p.db` (db/merge-fast.ts attachMergeSource) in SQL, inside the caller's write
 * transaction. @returns the span ids the recluster must walk and the source's cluster names by span id here, or
 * undefined when it declined (nothing it wrote is left; `counts` are back to zero).
 */
export async function mergeFastPath(p: Project, x: FastMergeInput): Promise<{ touched: Id[]; hints: Map<Id, string> } | undefined> {
  const f = mergeFast(p.db);
  f.begin();
  try {
    const linkTypes = p.links.types();
    const directed = new Set(linkTypes.filter((t) => t.directed).map((t) => t.id));
    for (const [src, name] of x.labelIds) {
      if (typeof name !== 'string') throw new Declined(); // the row path reports the spans it leaves out
      f.label(src, x.w.labelId(name));
    }
    for (const [src, name] of x.typeNames) {
      const id = x.w.linkTypeId(name);
      f.type(src, id, directed.has(id) ? 1 : 0);
    }
    for (const [src, dst] of x.layerIds) f.layer(src, dst);
    for (const [id, raw] of f.oddAttributes()) {
      const attributes = parseAttributes(raw);
      if (!attributes) throw new Declined();
      f.attributes(id, JSON.stringify(attributes));
    }
    for (let i = 0; i < x.ids.length; i++) {
      const d = x.r.document(x.ids[i]);
      f.doc(d.id, placeDocument(p, x.target, d, x.refuse, x.counts, x.now), cpLength(d.text));
      if ((i + 1) % x.chunk === 0) {
        x.onProgress?.({ done: i + 1, total: x.ids.length, current: d.title });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (!f.eligible()) throw new Declined();
    const bulk = mergeWrites(p.db);
    const firstLink = bulk.nextLinkId();
    if (!f.copy(bulk.nextSpanId(), firstLink, x.now, new Date().toISOString())) throw new Declined();
    // Only transitive (same-as) links make clusters: the recluster walks only what they touched.
    const touched = f.linkEnds(firstLink, linkTypes.filter((t) => t.transitive).map((t) => t.id));
    const hints = f.clusterHints();
    f.end();
    f.release();
    return { touched, hints };
  } catch {
    // Declined, or a refusal (a broken document): the row path decides, and names the first rule broken.
    f.rollback();
    x.counts.matched = 0;
    x.counts.added = 0;
    return undefined;
  }
}
