/**
 * Commands that load what the workbench shows: the project, the document list, an open document, search hits.
 * All of them read, except `setDone` (a flag on a document, not undone by Ctrl+Z).
 */
import type { Range } from '../../../common/model';
import type { WorkbenchState } from '../workbench';
import { failWith, type CommandDeps } from './context';

/** Documents per page of `documents.list`: each answer stays small; the list itself is virtualised. */
const PAGE = 5000;

/** The document and search commands over `d`; `refreshDocs` and `openDoc` are also used by the other groups. */
export function documentCommands(d: CommandDeps) {
  const { call, dispatch } = d;
  const fail = failWith(d);

  /** Reloads the whole document list in the current sort order, page by page. */
  async function refreshDocs() {
    const { by, dir } = d.state().sort;
    const first = await call('documents.list', { sort: by, dir, offset: 0, limit: PAGE });
    let items = first.items;
    while (items.length < first.total) {
      const next = await call('documents.list', { sort: by, dir, offset: items.length, limit: PAGE });
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

  return {
    refreshDocs,
    openDoc,

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
