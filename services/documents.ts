/**
 * Documents as an analyst manages them (issue 12): delete a set with everything on it and put it back (undo),
 * edit their metadata. The rows are in db/documents.ts and db/document-trash.ts; this layer checks what comes in
 * from outside (a restore carries whole rows from a client) and runs each change as one transaction.
 */
import type { DeletedDocuments, DocumentMeta, DocumentSummary } from '../common/model.js';
import { AppError } from '../common/errors.js';
import { buildOffsetIndex, sliceCp } from '../common/offsets.js';
import { dateProblem, sourceProblem, titleProblem, urlProblem } from '../common/document-meta.js';
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

/**
 * The rows of a restore, made consistent with themselves: each document's hash and length from its text, each
 * span's text from its document (a client could send anything). @throws AppError InvalidInput for a span that
 * names a document outside the restore or lies outside its text.
 */
function checkedRestore(b: DeletedDocuments): DeletedDocuments {
  const docs = new Map(b.documents.map((d) => [d.id, { text: d.text, index: buildOffsetIndex(d.text) }]));
  const documents = b.documents.map((d) => ({ ...d, hash: textHash(d.text), length: docs.get(d.id)!.index.length }));
  const annotations = b.annotations.map((a) => {
    const doc = docs.get(a.docId);
    if (!doc) throw new AppError('InvalidInput', `Annotation ${a.id} belongs to document ${a.docId}, which this restore does not hold.`);
    if (!(a.start < a.end) || a.end > doc.index.length) {
      throw new AppError('InvalidInput', `Annotation ${a.id}: span ${a.start}..${a.end} is not inside document ${a.docId}.`);
    }
    return { ...a, text: sliceCp(doc.text, a.start, a.end, doc.index) };
  });
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
