import type { Db } from './open.js';
import type { Attributes } from '../common/model.js';
import type { ProposalDecision } from '../common/proposals.js';
import type { AnnotationRow } from './annotations.js';

/**
 * What pre-annotation (common/proposals.ts) reads and writes: the `auto` layer's spans and links, and the
 * analysts' decisions about them (proposal_decisions, db/migrations/0007_proposals.ts). Every statement is
 * prepared once; the per-document reads go through indexes (annotations_by_annotator (annotator, doc, start),
 * the decisions' primary key (doc, …)), so a run over many documents costs the same per document however large
 * the project grows. Offsets are code points.
 */

/** A span's place: what a proposal and its decisions are keyed by. */
export interface SpanKey {
  labelId: number;
  start: number;
  end: number;
}

/** `label:start:end`, the key of a span within one document. */
export const spanKey = (s: SpanKey): string => `${s.labelId}:${s.start}:${s.end}`;

/** `doc:label:start:end`, the key of a span across documents (a run's batch). */
export const docSpanKey = (docId: number, s: SpanKey): string => `${docId}:${s.labelId}:${s.start}:${s.end}`;

/** Most rows one multi-row INSERT takes (statements are prepared once per row count up to this). */
const MAX_ROWS = 64;

/**
 * A writer of many rows per statement: `head` then `row` repeated, one prepared statement per row count.
 * Called with flat values (`width` per row), the values every row ends with (`tail`), and `done(n, last rowid)`
 * after each statement.
 */
function manyRows(db: Db, head: string, row: string) {
  const byCount = new Map<number, ReturnType<Db['prepare']>>();
  const statement = (n: number) => {
    let s = byCount.get(n);
    if (!s) byCount.set(n, (s = db.prepare(`${head} ${Array(n).fill(row).join(', ')}`)));
    return s;
  };
  return (values: readonly (string | number)[], width: number, tail: readonly (string | number)[], done: (n: number, last: number) => void) => {
    const rows = values.length / width;
    for (let first = 0; first < rows; first += MAX_ROWS) {
      const n = Math.min(MAX_ROWS, rows - first);
      const args: (string | number)[] = [];
      for (let r = first; r < first + n; r++) {
        for (let k = r * width; k < (r + 1) * width; k++) args.push(values[k]);
        for (const t of tail) args.push(t);
      }
      done(n, Number(statement(n).run(args).lastInsertRowid));
    }
  };
}

/** A span as a run or propagation writes it into the `auto` layer. */
export interface AutoSpan extends SpanKey {
  docId: number;
  /** text[start:end] of the document (code points), as checked by the caller. */
  text: string;
  attributes: Attributes;
}

/** An open proposal row: an `auto` span with its label's name. */
export interface ProposalRow extends AnnotationRow {
  label: string;
}

const COLUMNS = 'a.id, a.doc_id, a.label_id, a.start, a.end, a.text, a.note, a.attributes, a.cluster_id, a.created_at, a.updated_at, a.annotator_id, a.curated_by';

export function proposalsRepo(db: Db) {
  const docText = db.prepare('SELECT text FROM documents WHERE id = ?').pluck();
  const insertSpan = db.prepare(
    `INSERT INTO annotations (doc_id, label_id, start, end, text, note, attributes, created_at, updated_at, annotator_id)
     VALUES (@docId, @labelId, @start, @end, @text, '', @attributes, @at, @at, @annotatorId)`,
  );
  // UNIQUE (from_id, to_id, type_id): a link already there is left as it is (changes = 0).
  const insertLink = db.prepare('INSERT OR IGNORE INTO links (from_id, to_id, type_id, created_at, annotator_id) VALUES (?, ?, ?, ?, ?)');
  const open = db.prepare(`
    SELECT ${COLUMNS}, l.name AS label FROM annotations a JOIN labels l ON l.id = a.label_id
    WHERE a.annotator_id = @auto AND a.doc_id = @docId
      AND NOT EXISTS (SELECT 1 FROM proposal_decisions d WHERE d.doc_id = a.doc_id AND d.label_id = a.label_id
        AND d.start = a.start AND d.end = a.end AND d.annotator_id = @me)
      AND NOT EXISTS (SELECT 1 FROM annotations m WHERE m.annotator_id = @me AND m.doc_id = a.doc_id
        AND m.label_id = a.label_id AND m.start = a.start AND m.end = a.end)
    ORDER BY a.start, a.end DESC, a.id`);
  // Through the from/to indexes, one lookup per end: on `annotator_id` (`+`: not its index) the planner would walk
  // every link of the layer, all of a whole-corpus run's `auto` links for each accept.
  const autoLinksOf = db.prepare(`
    SELECT id, from_id AS fromId, to_id AS toId, type_id AS typeId FROM links
    WHERE from_id IN (SELECT value FROM json_each(@ids)) AND +annotator_id = @layer
    UNION
    SELECT id, from_id AS fromId, to_id AS toId, type_id AS typeId FROM links
    WHERE to_id IN (SELECT value FROM json_each(@ids)) AND +annotator_id = @layer
    ORDER BY id`);
  const recordDecision = db.prepare(
    `INSERT INTO proposal_decisions (doc_id, label_id, start, end, annotator_id, decision, decided_at)
     VALUES (@docId, @labelId, @start, @end, @annotatorId, @decision, @at)
     ON CONFLICT (doc_id, label_id, start, end, annotator_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
  );
  const forgetDecision = db.prepare(
    'DELETE FROM proposal_decisions WHERE doc_id = @docId AND label_id = @labelId AND start = @start AND end = @end AND annotator_id = @annotatorId AND decision = @decision',
  );
  const decisionOf = db.prepare(
    'SELECT decision FROM proposal_decisions WHERE doc_id = ? AND label_id = ? AND start = ? AND end = ? AND annotator_id = ?',
  ).pluck();
  const allDocs = db.prepare('SELECT id FROM documents ORDER BY id').pluck();
  const ftsDocs = db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid').pluck();
  const labelSpans = db.prepare('SELECT start, end FROM annotations WHERE annotator_id = ? AND doc_id = ? AND label_id = ?');
  const decidedOfLabel = db.prepare('SELECT DISTINCT start, end FROM proposal_decisions WHERE doc_id = ? AND label_id = ?');

  // A run's batch reads what its documents hold in one statement each, and writes its rows many to a statement:
  // per row, binding and stepping a statement costs more than SQLite's insert itself.
  const batchLayerKeys = db.prepare(
    'SELECT doc_id AS docId, id, label_id AS labelId, start, end FROM annotations WHERE annotator_id = ? AND doc_id IN (SELECT value FROM json_each(?))',
  );
  const batchDecidedKeys = db.prepare('SELECT DISTINCT doc_id AS docId, label_id AS labelId, start, end FROM proposal_decisions WHERE doc_id IN (SELECT value FROM json_each(?))');
  const spanRows = manyRows(db, `INSERT INTO annotations (doc_id, label_id, start, end, text, note, attributes, created_at, updated_at, annotator_id) VALUES`, "(?, ?, ?, ?, ?, '', ?, ?, ?, ?)");
  const linkRows = manyRows(db, 'INSERT INTO links (from_id, to_id, type_id, created_at, annotator_id) VALUES', '(?, ?, ?, ?, ?)');

  return {
    /**
     * Runs `fn` (synchronous) as one IMMEDIATE transaction: the write lock is taken before anything is read, so
     * a run's batch (which reads what is there, then writes) never fails with "database is locked" when another
     * process writes too; it waits its turn under the busy timeout (db/open.ts). A savepoint inside another
     * transaction. Returns what `fn` returns; rolled back and rethrown when it throws.
     */
    writeTransaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),

    /** A document's text, or undefined when there is no such document. */
    text: (docId: number) => docText.get(docId) as string | undefined,

    /** Inserts one span into the layer `annotatorId` (no checks: the caller read the text). Returns its id. */
    insertSpan(s: AutoSpan, annotatorId: number, at: string): number {
      return Number(insertSpan.run({ ...s, attributes: JSON.stringify(s.attributes), at, annotatorId }).lastInsertRowid);
    },

    /**
     * The spans of one layer in the documents `docIds`, by document-qualified key (docSpanKey → annotation id):
     * one statement for a whole batch of documents.
     */
    layerKeysOf(annotatorId: number, docIds: readonly number[]): Map<string, number> {
      const rows = batchLayerKeys.all(annotatorId, JSON.stringify(docIds)) as (SpanKey & { docId: number; id: number })[];
      return new Map(rows.map((r) => [docSpanKey(r.docId, r), r.id]));
    },

    /** The document-qualified keys (docSpanKey) of the spans anyone decided on in the documents `docIds`. */
    decidedKeysOf: (docIds: readonly number[]): Set<string> =>
      new Set((batchDecidedKeys.all(JSON.stringify(docIds)) as (SpanKey & { docId: number })[]).map((r) => docSpanKey(r.docId, r))),

    /**
     * Inserts spans into the layer `annotatorId`, given as one flat array of six values per span: doc id,
     * label id, start, end, text (the caller cut it from the document), attributes as JSON. Returns the new
     * ids in the order given: each statement inserts its rows one after the other, and an AUTOINCREMENT table
     * gives each the next id, so a statement's rows hold the ids up to its last one.
     */
    insertSpans(values: readonly (string | number)[], annotatorId: number, at: string): number[] {
      const ids: number[] = [];
      spanRows(values, 6, [at, at, annotatorId], (n, last) => {
        for (let i = n - 1; i >= 0; i--) ids.push(last - i);
      });
      return ids;
    },

    /**
     * Inserts links of the layer `annotatorId`, given as three values per link: from id, to id, type id. Only
     * links that cannot be there yet (one end new, each link once): the links table's unique key refuses any other.
     */
    insertNewLinks(values: readonly number[], annotatorId: number, at: string): void {
      linkRows(values, 3, [at, annotatorId], () => undefined);
    },

    /** Links two spans of the layer `annotatorId`; false when that link was there already. */
    insertLink: (fromId: number, toId: number, typeId: number, annotatorId: number, at: string): boolean =>
      insertLink.run(fromId, toId, typeId, at, annotatorId).changes > 0,

    /**
     * The `auto` spans of a document that the analyst `me` has neither decided on nor has an equal span of
     * (same label and offsets) in their layer, by start, then longest first.
     */
    open: (autoId: number, me: number, docId: number): ProposalRow[] => open.all({ auto: autoId, me, docId }) as ProposalRow[],

    /** The links of the layer `annotatorId` with an end among `ids`, by id. */
    linksTouching: (annotatorId: number, ids: readonly number[]) =>
      autoLinksOf.all({ layer: annotatorId, ids: JSON.stringify(ids) }) as { id: number; fromId: number; toId: number; typeId: number }[],

    /** Records (or changes) one analyst's decision about a span. */
    decide: (d: ProposalDecision, at: string) => void recordDecision.run({ ...d, at }),
    /** Forgets a decision recorded so (undo); nothing when it is not there or has changed since. */
    forget: (d: ProposalDecision) => void forgetDecision.run(d),
    /** One analyst's decision about a span, or undefined. */
    decisionOf: (docId: number, k: SpanKey, annotatorId: number) =>
      decisionOf.get(docId, k.labelId, k.start, k.end, annotatorId) as ProposalDecision['decision'] | undefined,

    /**
     * Ids of the documents whose index matches an FTS5 query (already in FTS5 syntax), ascending; every document
     * when `fts` is null. A malformed query throws SQLite's error.
     */
    candidateDocs: (fts: string | null): number[] => (fts === null ? allDocs.all() : ftsDocs.all(fts)) as number[],

    /** The offsets of one label's spans in a layer of a document. */
    labelSpans: (annotatorId: number, docId: number, labelId: number) =>
      labelSpans.all(annotatorId, docId, labelId) as { start: number; end: number }[],
    /** The offsets of one label's spans in a document that anyone decided on. */
    decidedOfLabel: (docId: number, labelId: number) => decidedOfLabel.all(docId, labelId) as { start: number; end: number }[],
  };
}

export type ProposalsRepo = ReturnType<typeof proposalsRepo>;
