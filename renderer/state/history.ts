/**
 * Undo/redo as data. Each entry records a change with enough to invert it; applying an entry in either
 * direction is a contract call, so undo and redo are persisted like any edit.
 */
import type { Annotation, ClusterName, Link } from '../../common/model';
import type { Call } from '../../common/contract';

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
  | { type: 'undone' }
  | { type: 'redone' }
  | { type: 'clear' };

/** Pure reducer. `undone`/`redone` move the top entry once the backend has applied it. */
export function historyReducer(h: History, a: HistoryAction): History {
  switch (a.type) {
    case 'record':
      return { past: [...h.past, a.change].slice(-HISTORY_LIMIT), future: [] };
    case 'undone':
      return h.past.length ? { past: h.past.slice(0, -1), future: [...h.future, h.past[h.past.length - 1]] } : h;
    case 'redone':
      return h.future.length ? { past: [...h.past, h.future[h.future.length - 1]], future: h.future.slice(0, -1) } : h;
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
    case 'batch':
      return { kind: 'batch', changes: c.changes.map(inverse).reverse() };
  }
}

/** What applying a change did, for the workbench state; `relinked` asks it to reload spans and link views. */
export interface Applied {
  removed: number[];
  upserted: Annotation[];
  relinked: boolean;
}

/**
 * Makes the backend match the "after" side of a change. Creation goes through restore so that a redone
 * annotation keeps its id (and the links that refer to it stay valid).
 */
export async function applyChange(call: Call, c: Change, out: Applied = { removed: [], upserted: [], relinked: false }): Promise<Applied> {
  switch (c.kind) {
    case 'create': {
      const r = await call('annotations.restore', { annotation: c.annotation, links: c.links ?? [], clusterName: c.clusterName ?? null });
      out.upserted.push(r.annotation);
      if (c.links?.length) out.relinked = true;
      break;
    }
    case 'delete': {
      const r = await call('annotations.delete', { id: c.annotation.id });
      out.removed.push(c.annotation.id);
      if (r.links.length || r.effect.moved.length) out.relinked = true;
      break;
    }
    case 'update': {
      const { labelId, start, end, note, attributes } = c.after;
      out.upserted.push(await call('annotations.update', { id: c.after.id, labelId, start, end, note, attributes }));
      break;
    }
    case 'link':
      await call('links.restore', { links: c.links, clusterNames: c.clusterNames ?? [] });
      out.relinked = true;
      break;
    case 'unlink': {
      const names: ClusterName[] = [];
      for (const l of c.links) names.push(...(await call('links.delete', { id: l.id })).clusterNames);
      // Remember the names now held, for the redo that may follow this undo.
      c.clusterNames = c.clusterNames?.length ? c.clusterNames : names;
      out.relinked = true;
      break;
    }
    case 'rename':
      await call('clusters.rename', { id: c.clusterId, name: c.after });
      out.relinked = true;
      break;
    case 'dismiss':
      await call('suggest.dismiss', { id: c.annotationId, key: c.key });
      out.relinked = true;
      break;
    case 'undismiss':
      await call('suggest.undismiss', { id: c.annotationId, key: c.key });
      out.relinked = true;
      break;
    case 'batch':
      for (const x of c.changes) await applyChange(call, x, out);
      break;
  }
  return out;
}

/** The document a change touches, so undo can bring it into view (null: no document in particular). */
export function docOf(c: Change): number | null {
  switch (c.kind) {
    case 'create':
    case 'delete':
      return c.annotation.docId;
    case 'update':
      return c.after.docId;
    case 'batch':
      return c.changes.map(docOf).find((d) => d !== null) ?? null;
    default:
      return null;
  }
}
