/**
 * Commands that load what the workbench shows: the project, the document list (sorted, filtered, with its ticked
 * rows), an open document, search hits; and the undoable document edits: delete a selection (after a confirmation
 * that counts what goes with it) and metadata (one document, or one source for a selection). `setDone` is a flag on
 * a document, not undone by Ctrl+Z.
 */
import type { DocumentFilter, DocumentMeta, Range } from '../../../common/model';
import type { WorkbenchState } from '../workbench';
import type { DocsApplied } from '../../state/history';
import { attempt, type Attempt } from '../../state/attempt';
import { failWith, type CommandDeps } from './context';

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The confirmation's question: "Delete 3 documents with 41 annotations and 7 links?" */
export function deleteQuestion(impact: { documents: number; annotations: number; links: number }): string {
  return `Delete ${count(impact.documents, 'document')} with ${count(impact.annotations, 'annotation')} and ${count(impact.links, 'link')}?`;
}

/** Documents per page of `documents.list`: each answer stays small; the list itself is virtualised. */
const PAGE = 5000;

/** The document and search commands over `d`; `refreshDocs` and `openDoc` are also used by the other groups. */
export function documentCommands(d: CommandDeps) {
  const { call, dispatch } = d;
  const fail = failWith(d);

  /** Reloads the whole document list in the current sort order and filter, page by page. */
  async function refreshDocs() {
    const { by, dir } = d.state().sort;
    const filter = d.state().docFilter;
    const first = await call('documents.list', { sort: by, dir, offset: 0, limit: PAGE, filter });
    let items = first.items;
    while (items.length < first.total) {
      const next = await call('documents.list', { sort: by, dir, offset: items.length, limit: PAGE, filter });
      if (next.items.length === 0) break;
      items = items.concat(next.items);
    }
    dispatch({ type: 'docs', docs: items, total: first.total });
  }

  /**
   * Opens a document: `q` marks a search's matches in it and scrolls to the first, `reveal` scrolls to a code
   * point, `select` selects one of its annotations and scrolls to it. Failures go to the error toast.
   */
  async function openDoc(id: number, opts: { q?: string; reveal?: number; select?: number } = {}) {
    try {
      const [doc, annotations, located] = await Promise.all([
        call('documents.get', { id }),
        call('annotations.listForDocument', { docId: id }),
        opts.q ? call('search.locate', { docId: id, q: opts.q }) : Promise.resolve({ ranges: [] as Range[] }),
      ]);
      const reveal = opts.reveal ?? located.ranges[0]?.start;
      dispatch({ type: 'opened', doc, annotations, matches: located.ranges, reveal });
      if (opts.select !== undefined) dispatch({ type: 'select', id: opts.select, reveal: true });
    } catch (e) {
      fail(e);
    }
  }

  const guarded = (f: () => Promise<void>) => d.edits(() => f().catch(fail));

  /** Brings the list and the open document in line with what a change did to documents (also on undo and redo). */
  async function absorbDocs(r: DocsApplied) {
    if (r.removed.length) dispatch({ type: 'docsRemoved', ids: r.removed });
    if (r.updated.length) dispatch({ type: 'docsUpdated', docs: r.updated });
    // Put back or edited: where they sit in the sorted, filtered list is the backend's to say.
    if (r.restored.length || r.updated.length) await refreshDocs();
  }

  async function deleteNow(ids: number[]) {
    const { deleted } = await call('documents.deleteMany', { ids });
    await absorbDocs({ removed: deleted.documents.map((x) => x.id), restored: [], updated: [] });
    dispatch({ type: 'relinked' });
    d.setHistory({ type: 'record', change: { kind: 'deleteDocs', deleted } });
  }

  /** Applies metadata changes as one undoable step; resolves with the failure for the field to show. */
  const editMeta = (changes: ({ id: number } & Partial<Omit<DocumentMeta, 'id'>>)[]): Promise<Attempt> =>
    d.edits(() =>
      attempt(async () => {
        const r = await call('documents.update', { changes });
        const after = r.documents.map(({ id, title, date, source, url }) => ({ id, title, date, source, url }));
        if (JSON.stringify(after) === JSON.stringify(r.before)) return;
        await absorbDocs({ removed: [], restored: [], updated: r.documents });
        dispatch({ type: 'relinked' });
        d.setHistory({ type: 'record', change: { kind: 'docMeta', before: r.before, after } });
      }),
    );

  return {
    refreshDocs,
    openDoc,
    absorbDocs,

    /**
     * Shows the documents the filter keeps (server-side) in the documents view: the filter bar, and the dashboard's
     * charts (a click on a bar lists its documents). Replaces the whole filter.
     */
    async filterDocs(filter: DocumentFilter) {
      dispatch({ type: 'docFilter', filter });
      dispatch({ type: 'view', view: 'documents' });
      try {
        await refreshDocs();
      } catch (e) {
        fail(e);
      }
    },

    /** Ticks exactly `ids` in the list (empty: none). */
    selectDocs: (ids: number[]) => dispatch({ type: 'docSelection', ids }),

    /**
     * Deletes documents after the analyst confirms a question that counts the annotations and links going with them;
     * one undoable step (Ctrl+Z puts all of it back).
     */
    deleteDocs: (ids: number[]) =>
      guarded(async () => {
        if (!ids.length) return;
        const impact = await call('documents.deleteImpact', { ids });
        dispatch({
          type: 'confirm',
          confirm: {
            message: `${deleteQuestion(impact)} Undo (Ctrl+Z) brings them back.`,
            yes: impact.documents === 1 ? 'Delete document' : `Delete ${impact.documents} documents`,
            onYes: () => void guarded(() => deleteNow(ids)),
          },
        });
      }),

    /** Edits one document's title, date, source or URL (the reader header); resolves with what went wrong, if anything. */
    editDocMeta: (id: number, patch: Partial<Omit<DocumentMeta, 'id'>>) => editMeta([{ id, ...patch }]),

    /** Gives every document in `ids` the same source (empty: none), as one undoable step. */
    setSourceOf: (ids: number[], source: string) => editMeta(ids.map((id) => ({ id, source }))),

    /** The project, its labels and link types, then the document list: what the window shows first. */
    async load() {
      try {
        const [project, labels, linkTypes] = await Promise.all([call('project.info', {}), call('labels.list', {}), call('linkTypes.list', {})]);
        dispatch({ type: 'project', project, labels, linkTypes });
        await refreshDocs();
      } catch (e) {
        fail(e);
      }
    },

    closeDoc: () => dispatch({ type: 'closed' }),
    sortBy: (by: WorkbenchState['sort']['by']) => dispatch({ type: 'sort', by }),
    select: (id: number | null, reveal = false) => dispatch({ type: 'select', id, reveal }),
    toggleLabel: (labelId: number) => dispatch({ type: 'toggleLabel', labelId }),
    setView: (view: WorkbenchState['view']) => dispatch({ type: 'view', view }),
    dismissError: () => dispatch({ type: 'error', message: null }),
    dismissReport: () => dispatch({ type: 'report', report: null }),
    /** Shows a failure in the error toast. */
    showError: fail,
    /** Shows a command's returned failure in the error toast (for callers with nowhere else to show it). */
    showFailure: (r: { ok: true } | { ok: false; error: string }) => {
      if (!r.ok) dispatch({ type: 'error', message: r.error });
    },
    answerConfirm: (yes: boolean) => {
      const c = d.state().confirm;
      dispatch({ type: 'confirm', confirm: null });
      if (yes) c?.onYes();
    },

    /** Opens a document with one of its annotations selected and in view (link panels, boards). */
    openAnnotation: (docId: number, annotationId: number) => openDoc(docId, { select: annotationId }),

    /** Searches the corpus; an answer that arrives after the query changed is dropped by the reducer. */
    async search(q: string) {
      dispatch({ type: 'searchQuery', q });
      if (!q.trim()) return;
      try {
        const r = await call('search.query', { q, limit: 100 });
        dispatch({ type: 'searchHits', q, hits: r.hits });
      } catch (e) {
        dispatch({ type: 'searchHits', q, hits: [] });
        fail(e);
      }
    },

    async setDone(id: number, done: boolean) {
      try {
        await call('documents.setDone', { id, done });
        dispatch({ type: 'docDone', id, done });
      } catch (e) {
        fail(e);
      }
    },
  };
}
