/**
 * What the document list says while documents are deleted or put back (issue 15: deleting 1,000 documents took
 * 3–4 s with nothing to show for it): the workbench's `docsWork` for a change about to be applied.
 */
import type { Change } from '../../state/history';
import type { WorkbenchState } from '../workbench';

/** A delete of `ids` (from the list), or an undo/redo step of the history. */
type Work = { kind: 'deleteDocs'; ids: number[] } | Change;

/**
 * The list's busy note for `c`: deleting its documents (their rows dimmed) or restoring them (not listed yet, so no
 * row to dim); null for a change that is not about documents coming or going.
 */
export function docsWorkOf(c: Work): WorkbenchState['docsWork'] {
  if (c.kind === 'deleteDocs') {
    const ids = 'ids' in c ? c.ids : c.deleted.documents.map((x) => x.id);
    return { verb: 'Deleting', count: ids.length, ids };
  }
  if (c.kind === 'restoreDocs') return { verb: 'Restoring', count: c.deleted.documents.length, ids: [] };
  return null;
}
