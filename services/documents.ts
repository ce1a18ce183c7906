/**
 * Documents as an analyst manages them (issue 12): delete a set with everything on it and put it back (undo),
 * edit their metadata. The rows are in db/documents.ts and db/document-trash.ts; this layer checks what comes in
 * from outside (a restore carries whole rows from a client) and runs each change as one transaction.
 */
import type { DeletedDocuments, DocumentMeta, DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../common/offsets.js';
import { dateProblem, sourceProblem, timestampProblem, titleProblem, urlProblem } from '../common/document-meta.js';
import { documentTrash } from '../db/document-trash.js';
import { textHash } from './import/hash.js';
import type { Project } from './project.js';

/** A change to one document's metadata: absent fields stay, null clears (a title cannot be cleared). */
export type MetaChange = { id: number } & Partial<Omit<DocumentMeta, 'id'>>;

/**
 * The metadata `c` leaves on `before`, checked by common/document-meta.ts's rules (the contract checks them too;
 * this is for callers that do not go through it). @throws AppError InvalidInput naming the document and field.
 */
export function applyMetaChange(before: DocumentMeta, c: MetaChange): DocumentMeta {
  const next: DocumentMeta = {
    id: before.id,
    title: c.title !== undefined ? (c.title ?? '').trim() : before.title,
    date: c.date !== undefined ? c.date : before.date,
    source: c.source !== undefined ? c.source?.trim() || null : before.source,
    url: c.url !== undefined ? c.url?.trim() || null : before.url,
  };
  const problems: [string, string | null][] = [
    ['title', titleProblem(next.title)],
    ['date', next.date === null ? null : dateProblem(next.date)],
    ['source', next.source === null ? null : sourceProblem(next.source)],
    ['url', next.url === null ? null : urlProblem(next.url)],
  ];
  const bad = problems.find(([, p]) => p);
  if (bad) throw new AppError('InvalidInput', `Document ${before.id}: ${bad[0]}: ${bad[1]}.`);
  return next;
}

/** Longest source a restore puts back: a file-name stub can be longer than what the metadata editor allows. */
const RESTORED_SOURCE_MAX = 1000;

/**
 * The rows of a restore, checked and made consistent with themselves (a client could send anything): each
 * document's metadata by the rules documents.update applies (common/document-meta.ts; a source up to
 * RESTORED_SOURCE_MAX, since import may name one after a long file), a non-blank text, hash and length from its
 * text; each span's text from its document; timestamps ISO; ids and texts distinct; every link touching a span of
 * the restore (a restore cannot link spans of other documents) and every dismissed suggestion naming one.
 * @throws AppError InvalidInput naming the first row that breaks a rule.
 */
function checkedRestore(b: DeletedDocuments): DeletedDocuments {
  const bad = (what: string, why: string): never => {
    throw new AppError('InvalidInput', `${what}: ${why}; nothing was restored.`);
  };
  const distinct = <T>(items: T[], key: (t: T) => unknown, what: (t: T) => string) => {
    const seen = new Set<unknown>();
    for (const t of items) {
      if (seen.has(key(t))) bad(what(t), 'it appears twice in the restore');
      seen.add(key(t));
    }
  };
  for (const d of b.documents) {
    const name = `Document ${d.id}`;
    if (!d.text.trim()) bad(name, 'its text is empty');
    const problems: [string, string | null][] = [
      ['title', titleProblem(d.title)],
      ['date', d.date === null ? null : dateProblem(d.date)],
      ['source', d.source !== null && d.source.length > RESTORED_SOURCE_MAX ? `a source is at most ${RESTORED_SOURCE_MAX} characters` : null],
      ['url', d.url === null ? null : urlProblem(d.url)],
      ['importedAt', timestampProblem(d.importedAt)],
      ['doneAt', d.doneAt === null ? null : timestampProblem(d.doneAt)],
    ];
    const problem = problems.find(([, p]) => p);
    if (problem) bad(`${name}, ${problem[0]}`, problem[1]!);
  }
  const docs = new Map(b.documents.map((d) => [d.id, { text: d.text, index: buildOffsetIndex(d.text) }]));
  const documents = b.documents.map((d) => ({ ...d, hash: textHash(d.text), length: docs.get(d.id)!.index.length }));
  distinct(documents, (d) => d.id, (d) => `Document ${d.id}`);
  distinct(documents, (d) => d.hash, (d) => `The text of document ${d.id}`);
  distinct(b.annotations, (a) => a.id, (a) => `Annotation ${a.id}`);
  distinct(b.links, (l) => l.id, (l) => `Link ${l.id}`);
  distinct(b.clusters, (c) => c.id, (c) => `Cluster ${c.id}`);
  const annotations = b.annotations.map((a) => {
    const doc = docs.get(a.docId);
    if (!doc) bad(`Annotation ${a.id}`, `it belongs to document ${a.docId}, which this restore does not hold`);
    if (!(a.start < a.end) || a.end > doc!.index.length) bad(`Annotation ${a.id}`, `span ${a.start}..${a.end} is not inside document ${a.docId}`);
    const stamp = timestampProblem(a.createdAt) ?? timestampProblem(a.updatedAt);
    if (stamp) bad(`Annotation ${a.id}`, stamp);
    return { ...a, text: sliceCp(doc!.text, a.start, a.end, doc!.index) };
  });
  const restored = new Set(annotations.map((a) => a.id));
  for (const l of b.links) {
    if (!restored.has(l.fromId) && !restored.has(l.toId)) bad(`Link ${l.id}`, 'it touches no annotation of the restored documents');
    const stamp = timestampProblem(l.createdAt);
    if (stamp) bad(`Link ${l.id}`, stamp);
  }
  for (const c of b.clusters) if (timestampProblem(c.createdAt)) bad(`Cluster ${c.id}`, timestampProblem(c.createdAt)!);
  for (const x of b.decisions ?? []) {
    const where = `A proposal decision at ${x.start}..${x.end} of document ${x.docId}`;
    if (!docs.has(x.docId)) bad(where, 'that document is not in the restore');
    if (!(x.start < x.end) || x.end > docs.get(x.docId)!.index.length) bad(where, 'the span is not inside the document');
    if (timestampProblem(x.decidedAt)) bad(where, timestampProblem(x.decidedAt)!);
  }
  for (const s of b.dismissed) if (!restored.has(s.annotationId)) bad(`A dismissed suggestion of annotation ${s.annotationId}`, 'that annotation is not in the restore');
  return { ...b, documents, annotations };
}

/** The document operations over one open project. */
export function documentService(p: Project) {
  const trash = documentTrash(p.db);
  const unique = (ids: number[]) => [...new Set(ids)];

  return {
    impact: (ids: number[]) => trash.impact(unique(ids)),

    /** Deletes the documents and all that hangs on them; returns it for `restore`. @throws AppError NotFound. */
    deleteMany: (ids: number[]): DeletedDocuments => trash.remove(unique(ids)),

    /** Puts back what deleteMany returned. @throws AppError InvalidInput (rows), Conflict (ids or texts taken since). */
    restore: (b: DeletedDocuments): number[] => trash.restore(checkedRestore(b)),

    /**
     * Applies metadata changes as one transaction. @returns the metadata as it was (for undo) and the list rows now.
     * @throws AppError NotFound (a document), InvalidInput (a value); nothing is changed then.
     */
    update(changes: MetaChange[]): { before: DocumentMeta[]; documents: DocumentSummary[] } {
      return p.transaction(() => {
        const before = new Map<number, DocumentMeta>();
        for (const c of changes) {
          const current = p.documents.meta(c.id);
          if (!before.has(c.id)) before.set(c.id, current);
          p.documents.setMeta(applyMetaChange(current, c));
        }
        return { before: [...before.values()], documents: [...before.keys()].map((id) => p.documents.summary(id)) };
      });
    },
  };
}
