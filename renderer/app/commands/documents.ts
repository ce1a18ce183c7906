/**
 * Commands that load what the workbench shows: the project, the document list (sorted, filtered, with its ticked
 * rows; windowed: every id, and rows only for what is on screen), an open document, search hits; and the undoable document edits: delete a selection (after a confirmation
 * that counts what goes with it) and metadata (one document, or one source for a selection). `setDone` is a flag on
 * a document, not undone by Ctrl+Z.
 */
import type { DocumentFilter, DocumentMeta, Range } from '../../../common/model';
import { unpackIds } from '../../../common/packed-ids';
import { tooManyDocs } from '../../../common/document-meta';
import { AppError } from '../../../common/errors';
import type { WorkbenchState } from '../workbench';
import type { DocsApplied } from '../../state/history';
import { attempt, messageOf, type Attempt } from '../../state/attempt';
import { failWith, succeededWith, type CommandDeps } from './context';
import { docsWorkOf } from './docsWork';
import { rowsToFetch } from '../../state/docRows';
import { nextUndone } from '../keyNavigation';
import { countOf } from '../../format/count';

/** The confirmation's question: "Delete 3 documents with 41 annotations and 7 links?" */
export function deleteQuestion(impact: { documents: number; annotations: number; links: number }): string {
  return `Delete ${countOf(impact.documents, 'document')} with ${countOf(impact.annotations, 'annotation')} and ${countOf(impact.links, 'link')}?`;
}

/** The document and search commands over `d`; `refreshDocs` and `openDoc` are also used by the other groups. */
export function documentCommands(d: CommandDeps) {
  const { call, dispatch } = d;
  const fail = failWith(d);
  // Errors of the list's loads and of opening a document go from the toast when the next one works.
  const listFailed = failWith(d, 'list');
  const listWorked = succeededWith(d, 'list');
  const openFailed = failWith(d, 'open');
  const openWorked = succeededWith(d, 'open');
  const doneFailed = failWith(d, 'done');
  const doneWorked = succeededWith(d, 'done');

  /** Counts list loads, so that an answer to an older sort or filter never replaces a newer one. */
  let listSeq = 0;
  /** Counts document opens, so that an older open's answer never replaces a newer one's. */
  let openSeq = 0;

  /**
   * Reloads the list's ids in the current sort and filter (`documents.ids`); rows follow as they show
   * (`showRows`). `rowsChanged`: rows cached so far may be stale and are refetched when shown; `docsChanged`
   * (implied by `rowsChanged`): documents came, went or changed, not only the sort or filter (see `docsSeq`). An
   * answer that arrives after a newer load started is dropped. Rejects when the backend fails (the list stops being
   * busy).
   */
  async function relist(rowsChanged: boolean, started = askIds(), docsChanged = rowsChanged) {
    const { mine, answer } = started;
    try {
      const { packed } = await answer;
      if (mine !== listSeq) return;
      const ids = unpackIds(packed);
      gone.clear();
      dispatch({ type: 'docIds', ids, rowsChanged, docsChanged });
      listWorked();
    } catch (e) {
      if (mine === listSeq) dispatch({ type: 'docsFailed' });
      throw e;
    }
  }

  /** Asks for the list's ids in the current sort and filter; `relist` takes the answer in. */
  function askIds() {
    const { sort, docFilter: filter } = d.state();
    return { mine: ++listSeq, answer: call('documents.ids', { sort: sort.by, dir: sort.dir, filter }) };
  }

  /** Reloads the document list after a change from outside it (import, merge, another window): rows refetched too. */
  const refreshDocs = () => relist(true);

  /** The rows the list wants now, on-screen ones first; `pump` fetches them one batch at a time. */
  let wanted: readonly number[] = [];
  let pumping: Promise<void> | null = null;
  /** Ids asked for that the backend no longer has: not asked again until the list reloads without them. */
  const gone = new Set<number>();

  /**
   * Fetches what `wanted` lacks, one `documents.summaries` batch at a time, until nothing is missing. One request
   * at most is in flight: while the list scrolls fast, rows passed over before their turn are never asked for.
   * Ids the backend no longer has (deleted elsewhere) reload the list instead of being asked again.
   */
  function pump(): Promise<void> {
    return (pumping ??= fetchWanted().finally(() => (pumping = null)));
  }

  async function fetchWanted() {
    try {
      for (;;) {
        const s = d.state();
        const ids = rowsToFetch(s.docRows, gone.size ? wanted.filter((id) => !gone.has(id)) : wanted, s.docRowsGen);
        if (!ids.length) break;
        const rows = await call('documents.summaries', { ids });
        dispatch({ type: 'docRows', rows, gen: s.docRowsGen, edits: s.docRowEdits });
        listWorked();
        if (rows.length < ids.length) {
          const got = new Set(rows.map((r) => r.id));
          for (const id of ids) if (!got.has(id)) gone.add(id);
          void relist(false, askIds(), true).catch(listFailed);
        }
      }
    } catch (e) {
      listFailed(e);
    }
  }

  /**
   * Opens a document: `q` marks a search's matches in it and scrolls to the first, `reveal` scrolls to a code
   * point, `select` selects one of its annotations and scrolls to it. Failures go to the error toast. Of opens
   * asked in quick succession (] held down) the last one asked is the one shown, whatever order the answers come in.
   */
  async function openDoc(id: number, opts: { q?: string; reveal?: number; select?: number } = {}) {
    const mine = ++openSeq;
    try {
      const [doc, annotations, located] = await Promise.all([
        call('documents.get', { id }),
        call('annotations.listForDocument', { docId: id }),
        opts.q ? call('search.locate', { docId: id, q: opts.q }) : Promise.resolve({ ranges: [] as Range[] }),
      ]);
      if (mine !== openSeq) return;
      const reveal = opts.reveal ?? located.ranges[0]?.start;
      dispatch({ type: 'opened', doc, annotations, matches: located.ranges, reveal });
      openWorked();
      if (opts.select !== undefined) dispatch({ type: 'select', id: opts.select, reveal: true });
    } catch (e) {
      openFailed(e);
    }
  }

  const guarded = (f: () => Promise<void>) => d.edits(() => f().catch(fail));

  /** Brings the list and the open document in line with what a change did to documents (also on undo and redo). */
  async function absorbDocs(r: DocsApplied) {
    if (r.removed.length) dispatch({ type: 'docsRemoved', ids: r.removed });
    if (r.updated.length) dispatch({ type: 'docsUpdated', docs: r.updated });
    // Put back or edited: where they sit in the sorted, filtered list is the backend's to say.
    if (r.restored.length || r.updated.length) await relist(false, askIds(), true);
  }

  async function deleteNow(ids: number[]) {
    // A thousand documents take seconds: the list says what is going on and dims the rows going until it is done.
    dispatch({ type: 'docsWork', work: docsWorkOf({ kind: 'deleteDocs', ids }) });
    try {
      const { deleted } = await call('documents.deleteMany', { ids });
      await absorbDocs({ removed: deleted.documents.map((x) => x.id), restored: [], updated: [] });
      dispatch({ type: 'relinked' });
      d.setHistory({ type: 'record', change: { kind: 'deleteDocs', deleted } });
    } finally {
      dispatch({ type: 'docsWork', work: null });
    }
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
     * The list shows (or is about to show) the rows of `ids`, on-screen ones first: fetches those not cached, in
     * batches of at most 1000, replacing what an earlier call wanted. Resolves when nothing wanted is missing
     * (failures go to the error toast).
     */
    showRows(ids: readonly number[]): Promise<void> {
      wanted = ids;
      return pump();
    },

    /**
     * The next document not done after `openId` in the list as shown, then from the top (keyNavigation.nextUndone),
     * with its title; null when there is none. Asks the backend which are not done (rows are not all loaded).
     * A failure shows in the error toast, then rejects.
     */
    async nextUndone(openId: number): Promise<{ id: number; title: string } | null> {
      const { sort, docFilter, docIds } = d.state();
      if (docFilter.done === true) return null;
      try {
        const { packed } = await call('documents.ids', { sort: sort.by, dir: sort.dir, filter: { ...docFilter, done: false } });
        const id = nextUndone(docIds, openId, new Set(unpackIds(packed)));
        if (id === null) return null;
        const title = d.state().docRows.get(id)?.row.title ?? (await call('documents.summaries', { ids: [id] }))[0]?.title;
        return title === undefined ? null : { id, title };
      } catch (e) {
        fail(e);
        throw e;
      }
    },

    /**
     * Shows the documents the filter keeps (server-side) in the documents view: the filter bar, and the dashboard's
     * charts (a click on a bar lists its documents). Replaces the whole filter.
     */
    async filterDocs(filter: DocumentFilter) {
      dispatch({ type: 'docFilter', filter });
      dispatch({ type: 'view', view: 'documents' });
      try {
        await relist(false);
      } catch (e) {
        listFailed(e);
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
        const tooMany = tooManyDocs(ids.length, 'delete');
        if (tooMany) throw new AppError('InvalidInput', tooMany);
        const impact = await call('documents.deleteImpact', { ids });
        dispatch({
          type: 'confirm',
          confirm: {
            message: `${deleteQuestion(impact)} Undo (Ctrl+Z) brings ${impact.documents === 1 ? 'it' : 'them'} back.`,
            yes: impact.documents === 1 ? 'Delete document' : `Delete ${countOf(impact.documents, 'document')}`,
            onYes: () => void guarded(() => deleteNow(ids)),
          },
        });
      }),

    /** Edits one document's title, date, source or URL (the reader header); resolves with what went wrong, if anything. */
    editDocMeta: (id: number, patch: Partial<Omit<DocumentMeta, 'id'>>) => editMeta([{ id, ...patch }]),

    /** Gives every document in `ids` the same source (empty: none), as one undoable step. */
    setSourceOf: (ids: number[], source: string): Promise<Attempt> => {
      const tooMany = tooManyDocs(ids.length, 'give a source to');
      return tooMany ? Promise.resolve({ ok: false, error: tooMany }) : editMeta(ids.map((id) => ({ id, source })));
    },

    /** The project, its labels and link types, and the document list (asked at the same time): what the window shows first. */
    async load() {
      try {
        const ids = askIds();
        ids.answer.catch(() => undefined); // a failure is reported once, by relist below
        const [project, labels, linkTypes] = await Promise.all([call('project.info', {}), call('labels.list', {}), call('linkTypes.list', {})]);
        dispatch({ type: 'project', project, labels, linkTypes });
        await relist(false, ids);
      } catch (e) {
        listFailed(e);
      }
    },

    closeDoc: () => dispatch({ type: 'closed' }),
    /** Sorts the list by `by` (again: the other way round) and reloads its ids. */
    sortBy(by: WorkbenchState['sort']['by']) {
      dispatch({ type: 'sort', by });
      void relist(false).catch(listFailed);
    },
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

    /**
     * Searches the corpus; an answer that arrives after the query changed is dropped by the reducer. A failure (a
     * refusal such as "Query too broad …", or the backend gone) is the results' own message, shown where the hits
     * would be, not a toast: it goes with the next query, answered or cleared.
     */
    async search(q: string) {
      dispatch({ type: 'searchQuery', q });
      if (!q.trim()) return;
      try {
        const r = await call('search.query', { q, limit: 100 });
        dispatch({ type: 'searchHits', q, hits: r.hits });
      } catch (e) {
        dispatch({ type: 'searchHits', q, hits: [], error: messageOf(e) });
      }
    },

    async setDone(id: number, done: boolean) {
      try {
        await call('documents.setDone', { id, done });
        dispatch({ type: 'docDone', id, done });
        doneWorked();
      } catch (e) {
        doneFailed(e);
      }
    },
  };
}
