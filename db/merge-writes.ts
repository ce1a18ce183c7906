/**
 * The bulk writes of a project merge (issue 13, services/merge/project-source.ts): spans and links inserted many
 * rows per statement, with ids the merge gives them in order. Why: each INSERT statement into `annotations` or
 * `links` fires the annotator trigger (db/migrations/0006_annotators.ts), so SQLite journals every page the
 * statement touches in a statement journal; one statement per row made that journal the biggest cost of a merge
 * (about 25 µs a span). Many rows per statement share it.
 *
 * Use it inside the merge's one write transaction (nobody else inserts meanwhile, so the ids handed out stay
 * free): `flush()` before anything reads rows that may still be queued, and before the transaction ends.
 */
import type { Db } from './open.js';
import type { CheckedSpan } from './annotations.js';

type Statement = ReturnType<Db['prepare']>;

/** A span ready to insert, checked by the caller as a CheckedSpan is, with its id and its attributes as JSON. */
export type BulkSpan = Omit<CheckedSpan, 'attributes' | 'preferredId'> & { id: number; attributes: string };

/** A link ready to insert: both ends in layer `annotatorId`, not linked yet with this type (the caller knows). */
export interface BulkLink {
  id: number;
  fromId: number;
  toId: number;
  typeId: number;
  at: string;
  annotatorId: number;
}

/** Rows per INSERT statement: 256 × 11 parameters stays far below SQLite's limit of 32,766; more gained nothing measurable. */
const ROWS = 256;

/** Queues rows and writes them `ROWS` at a time through a multi-row INSERT prepared once per row count. */
function batcher<T>(db: Db, head: string, row: string, values: (r: T) => unknown[]) {
  const statements = new Map<number, Statement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) statements.set(n, (s = db.prepare(`${head} VALUES ${Array(n).fill(row).join(', ')}`)));
    return s;
  };
  let queued: T[] = [];
  const flush = () => {
    if (!queued.length) return;
    statement(queued.length).run(queued.flatMap(values));
    queued = [];
  };
  return {
    add(r: T) {
      queued.push(r);
      if (queued.length === ROWS) flush();
    },
    flush,
    queued: () => queued.length,
  };
}

/** The bulk statements of a merge into `db` (the target project, in its write transaction). */
export function mergeWrites(db: Db) {
  // AUTOINCREMENT never reuses an id: the next one is past both the highest row and the highest ever given.
  const nextId = (table: 'annotations' | 'links') =>
    db
      .prepare(`SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT MAX(id) FROM ${table}), 0)) + 1`)
      .pluck()
      .get(table) as number;
  const layerSpans = db.prepare('SELECT id, label_id, start, "end" FROM annotations WHERE doc_id = ? AND annotator_id = ?').raw();
  const spans = batcher<BulkSpan>(
    db,
    'INSERT INTO annotations (id, doc_id, label_id, start, "end", text, note, attributes, created_at, updated_at, annotator_id)',
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    (s) => [s.id, s.docId, s.labelId, s.start, s.end, s.text, s.note, s.attributes, s.at, s.at, s.annotatorId],
  );
  const links = batcher<BulkLink>(
    db,
    'INSERT INTO links (id, from_id, to_id, type_id, created_at, annotator_id)',
    '(?, ?, ?, ?, ?, ?)',
    (l) => [l.id, l.fromId, l.toId, l.typeId, l.at, l.annotatorId],
  );
  return {
    /** The id the next new span (link) gets; the caller counts up from it. */
    nextSpanId: () => nextId('annotations'),
    nextLinkId: () => nextId('links'),
    /**
     * The spans document `docId` holds in layer `annotatorId`, by `spanKey` (label, offsets): one index probe,
     * empty for a layer new to the document (a merge's common case), so no span needs a twin check of its own.
     */
    layerSpans(docId: number, annotatorId: number): Map<string, number> {
      const found = new Map<string, number>();
      for (const [id, label, start, end] of layerSpans.all(docId, annotatorId) as number[][]) found.set(spanKey(label, start, end), id);
      return found;
    },
    /** Queues a span (written 256 at a time, or at `flush`). */
    addSpan: spans.add,
    /** Queues a link (written 256 at a time, or at `flush`). */
    addLink: links.add,
    /** Writes whatever is queued, spans first (links name them). @throws SqliteError on a broken reference. */
    flush() {
      spans.flush();
      links.flush();
    },
  };
}

/** The key of a span within one document and layer: the twin rule's label and offsets (db/annotations.ts sameSpan). */
export const spanKey = (labelId: number, start: number, end: number) => `${labelId}:${start}:${end}`;

export type MergeWrites = ReturnType<typeof mergeWrites>;
