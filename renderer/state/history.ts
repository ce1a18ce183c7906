/**
 * Undo/redo as data. Each entry records a change with enough to invert it; applying an entry in either
 * direction is a contract call, so undo and redo are persisted like any edit.
 */
import type { Annotation, ClusterName, DeletedDocuments, DocumentMeta, DocumentSummary, Link } from '../../common/model';
import type { Call } from '../../common/contract';
import type { ProposalsDecided } from '../../common/proposals';

export type Change =
  /** `links`/`clusterName`: what a deleted annotation had, put back with it. */
  | { kind: 'create'; annotation: Annotation; links?: Link[]; clusterName?: string | null }
  /** Deleting an annotation takes its links with it; undo brings all of it back. */
  | { kind: 'delete'; annotation: Annotation; links: Link[]; clusterName: string | null }
  | { kind: 'update'; before: Annotation; after: Annotation }
  /** `clusterNames`: the names to re-form clusters under, had removing these links dissolved them. */
  | { kind: 'link'; links: Link[]; clusterNames?: ClusterName[] }
  | { kind: 'unlink'; links: Link[]; clusterNames?: ClusterName[] }
  | { kind: 'rename'; clusterId: number; before: string; after: string }
  | { kind: 'dismiss'; annotationId: number; key: string }
  | { kind: 'undismiss'; annotationId: number; key: string }
  /** Documents deleted with all that hung on them (documents.deleteMany); `deleted` is what undo puts back. */
  | { kind: 'deleteDocs'; deleted: DeletedDocuments }
  | { kind: 'restoreDocs'; deleted: DeletedDocuments }
  /** Documents' metadata edited (one in the reader, or a source for a selection); `after` is what applying writes. */
  | { kind: 'docMeta'; before: DocumentMeta[]; after: DocumentMeta[] }
  /**
   * Proposals decided (issue 14): `ids` the `auto` spans, `decided` what the backend did (the spans and links it made
   * in the analyst's layer, the decisions it recorded; empty until first applied); `undecide` takes exactly that back
   * (proposals.undo), and `decide` with it filled puts exactly that back (proposals.redo: same ids).
   */
  | { kind: 'decide'; ids: number[]; decision: 'accept' | 'reject'; decided: ProposalsDecided }
  | { kind: 'undecide'; ids: number[]; decision: 'accept' | 'reject'; decided: ProposalsDecided }
  /** Several changes made as one step (tag a passage and link it; take a mention out of a cluster). */
  | { kind: 'batch'; changes: Change[] };

export interface History {
  past: Change[];
  future: Change[];
}

export const emptyHistory: History = { past: [], future: [] };

/** Past entries kept; a day of tagging fits, a week-long session does not grow without bound. */
export const HISTORY_LIMIT = 500;

export type HistoryAction =
  | { type: 'record'; change: Change }
  /**
   * The top past entry was undone: it moves to the future as `redo` (the entry to apply on redo, which may hold
   * what the undo learned, e.g. the names of clusters it dissolved).
   */
  | { type: 'undone'; redo: Change }
  /** The top future entry was redone: it moves to the past as `undo`'s source (the entry as it was applied). */
  | { type: 'redone'; done: Change }
  | { type: 'clear' };

/**
 * Pure reducer. `undone`/`redone` move the top entry once the backend has applied it; a new record drops the
 * future (a redo after a new change would apply to a state the entry was not made from).
 */
export function historyReducer(h: History, a: HistoryAction): History {
  switch (a.type) {
    case 'record':
      return { past: [...h.past, a.change].slice(-HISTORY_LIMIT), future: [] };
    case 'undone':
      return h.past.length ? { past: h.past.slice(0, -1), future: [...h.future, a.redo] } : h;
    case 'redone':
      return h.future.length ? { past: [...h.past, a.done], future: h.future.slice(0, -1) } : h;
    case 'clear':
      return emptyHistory;
  }
}

export function inverse(c: Change): Change {
  switch (c.kind) {
    case 'create':
      return { kind: 'delete', annotation: c.annotation, links: c.links ?? [], clusterName: c.clusterName ?? null };
    case 'delete':
      return { kind: 'create', annotation: c.annotation, links: c.links, clusterName: c.clusterName };
    case 'update':
      return { kind: 'update', before: c.after, after: c.before };
    case 'link':
      return { kind: 'unlink', links: c.links, clusterNames: c.clusterNames };
    case 'unlink':
      return { kind: 'link', links: c.links, clusterNames: c.clusterNames };
    case 'rename':
      return { kind: 'rename', clusterId: c.clusterId, before: c.after, after: c.before };
    case 'dismiss':
      return { kind: 'undismiss', annotationId: c.annotationId, key: c.key };
    case 'undismiss':
      return { kind: 'dismiss', annotationId: c.annotationId, key: c.key };
    case 'deleteDocs':
      return { kind: 'restoreDocs', deleted: c.deleted };
    case 'restoreDocs':
      return { kind: 'deleteDocs', deleted: c.deleted };
    case 'docMeta':
      return { kind: 'docMeta', before: c.after, after: c.before };
    case 'decide':
      return { ...c, kind: 'undecide' };
    case 'undecide':
      return { ...c, kind: 'decide' };
    case 'batch':
      return { kind: 'batch', changes: c.changes.map(inverse).reverse() };
  }
}

/** What applying a change did, for the workbench state; `relinked` asks it to reload spans and link views. */
export interface Applied {
  removed: number[];
  upserted: Annotation[];
  relinked: boolean;
  /** What happened to documents themselves (absent: nothing): the list and the open document follow. */
  docs?: DocsApplied;
}

/** Documents a change removed, put back or edited (their rows as they are now). */
export interface DocsApplied {
  removed: number[];
  restored: number[];
  updated: DocumentSummary[];
}

const docsOf = (out: Applied): DocsApplied => (out.docs ??= { removed: [], restored: [], updated: [] });

/** What applying a change did: `applied` for the workbench state, `done` for the history. */
export interface Outcome {
  applied: Applied;
  /**
   * The change as it was applied, with what the backend told on the way (an update's stored annotation, the
   * cluster names an unlink dissolved): the entry to keep, so that its inverse puts back exactly this. The
   * change passed in is never modified.
   */
  done: Change;
}

/**
 * Makes the backend match the "after" side of a change, one contract call after another in the change's order.
 * Creation goes through restore so that a redone annotation keeps its id (and the links that refer to it stay
 * valid). Throws what the call threw; the calls before it stay applied.
 */
export async function applyChange(call: Call, c: Change): Promise<Outcome> {
  const applied: Applied = { removed: [], upserted: [], relinked: false };
  const done = await applyInto(call, c, applied);
  return { applied, done };
}

async function applyInto(call: Call, c: Change, out: Applied): Promise<Change> {
  switch (c.kind) {
    case 'create': {
      const r = await call('annotations.restore', { annotation: c.annotation, links: c.links ?? [], clusterName: c.clusterName ?? null });
      out.upserted.push(r.annotation);
      if (c.links?.length) out.relinked = true;
      return c;
    }
    case 'delete': {
      const r = await call('annotations.delete', { id: c.annotation.id });
      out.removed.push(c.annotation.id);
      if (r.links.length || r.effect.moved.length) out.relinked = true;
      return c;
    }
    case 'update': {
      const { labelId, start, end, note, attributes } = c.after;
      const stored = await call('annotations.update', { id: c.after.id, labelId, start, end, note, attributes });
      out.upserted.push(stored);
      return { ...c, after: stored };
    }
    case 'link':
      await call('links.restore', { links: c.links, clusterNames: c.clusterNames ?? [] });
      out.relinked = true;
      return c;
    case 'unlink': {
      const names: ClusterName[] = [];
      for (const l of c.links) names.push(...(await call('links.delete', { id: l.id })).clusterNames);
      out.relinked = true;
      // Keep the names the links held, for the link that undoes (or redoes) this: it re-forms the clusters under them.
      return c.clusterNames?.length ? c : { ...c, clusterNames: names };
    }
    case 'rename':
      await call('clusters.rename', { id: c.clusterId, name: c.after });
      out.relinked = true;
      return c;
    case 'dismiss':
      await call('suggest.dismiss', { id: c.annotationId, key: c.key });
      out.relinked = true;
      return c;
    case 'undismiss':
      await call('suggest.undismiss', { id: c.annotationId, key: c.key });
      out.relinked = true;
      return c;
    case 'deleteDocs': {
      // Deleted afresh: what comes back is what is there now, which undo then restores.
      const r = await call('documents.deleteMany', { ids: c.deleted.documents.map((d) => d.id) });
      docsOf(out).removed.push(...r.deleted.documents.map((d) => d.id));
      out.relinked = true;
      return { kind: 'deleteDocs', deleted: r.deleted };
    }
    case 'restoreDocs': {
      const r = await call('documents.restore', { deleted: c.deleted });
      docsOf(out).restored.push(...r.ids);
      out.relinked = true;
      return c;
    }
    case 'docMeta': {
      const r = await call('documents.update', { changes: c.after });
      docsOf(out).updated.push(...r.documents);
      out.relinked = true;
      return c;
    }
    case 'decide': {
      // Redo of a decision made before: put back exactly what it did, under the same ids, so that later entries
      // naming an accepted span (an edit of its note) still apply. Empty `decided`: the first time, decided afresh.
      const decided = c.decided.decisions.length
        ? await call('proposals.redo', c.decided)
        : await call('proposals.decide', { ids: c.ids, decision: c.decision });
      out.upserted.push(...decided.created);
      if (decided.links.length) out.relinked = true;
      return { ...c, decided };
    }
    case 'undecide':
      await call('proposals.undo', { created: c.decided.created.map((a) => a.id), decisions: c.decided.decisions });
      out.removed.push(...c.decided.created.map((a) => a.id));
      if (c.decided.links.length) out.relinked = true;
      return c;
    case 'batch': {
      const changes: Change[] = [];
      for (const x of c.changes) changes.push(await applyInto(call, x, out));
      return { kind: 'batch', changes };
    }
  }
}

/** The document a change touches, so undo can bring it into view (null: no document in particular). */
export function docOf(c: Change): number | null {
  switch (c.kind) {
    case 'create':
    case 'delete':
      return c.annotation.docId;
    case 'update':
      return c.after.docId;
    case 'decide':
    case 'undecide':
      return c.decided.created[0]?.docId ?? c.decided.decisions[0]?.docId ?? null;
    case 'batch':
      return c.changes.map(docOf).find((d) => d !== null) ?? null;
    case 'docMeta':
      // One document edited in the reader: show it; a bulk edit of the list touches no one document in particular.
      return c.after.length === 1 ? c.after[0].id : null;
    default:
      return null;
  }
}
