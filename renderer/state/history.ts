/**
 * Undo/redo as data. Each entry records an annotation change with enough to invert it; applying an entry
 * in either direction is a contract call, so undo and redo are persisted like any edit.
 */
import type { Annotation } from '../../common/model';
import type { Call } from '../../common/contract';

export type Change =
  | { kind: 'create'; annotation: Annotation }
  | { kind: 'delete'; annotation: Annotation }
  | { kind: 'update'; before: Annotation; after: Annotation };

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

export const inverse = (c: Change): Change =>
  c.kind === 'create'
    ? { kind: 'delete', annotation: c.annotation }
    : c.kind === 'delete'
      ? { kind: 'create', annotation: c.annotation }
      : { kind: 'update', before: c.after, after: c.before };

/**
 * Makes the backend match the "after" side of a change. Creation goes through restore so that a redone
 * annotation keeps its id (and anything that refers to it stays valid).
 */
export async function applyChange(call: Call, c: Change): Promise<{ removed?: number; upserted?: Annotation }> {
  switch (c.kind) {
    case 'create':
      return { upserted: await call('annotations.restore', { annotation: c.annotation }) };
    case 'delete':
      await call('annotations.delete', { id: c.annotation.id });
      return { removed: c.annotation.id };
    case 'update': {
      const { labelId, start, end, note, attributes } = c.after;
      return { upserted: await call('annotations.update', { id: c.after.id, labelId, start, end, note, attributes }) };
    }
  }
}

/** The document a change touches, so undo can bring it into view. */
export const docOf = (c: Change): number => (c.kind === 'update' ? c.after.docId : c.annotation.docId);
