import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSyncReducer } from './useSyncReducer';
import type { Backend } from '../backend/types';
import type { Annotation, Attributes, Range } from '../../common/model';
import { initialState, reducer, type WorkbenchState } from './workbench';
import { applyChange, docOf, emptyHistory, historyReducer, inverse, type Change } from '../state/history';
import { uploadFiles, type PickedFile } from '../features/import/upload';
import { createSerialQueue } from '../../common/serial';

export type Workbench = ReturnType<typeof useWorkbench>;

/** State plus the commands the UI calls; every command goes through the contract and records undo. */
export function useWorkbench(backend: Backend) {
  const [state, dispatch, stateRef] = useSyncReducer(reducer, initialState);
  const [history, setHistory, historyRef] = useSyncReducer(historyReducer, emptyHistory);
  const ref = {
    get current() {
      return { state: stateRef.current, history: historyRef.current };
    },
  };
  const { call } = backend;
  // Edits reach the backend in the order they were made, each computed from the state the previous one left.
  const [edits] = useState(createSerialQueue);

  const fail = useCallback((e: unknown) => dispatch({ type: 'error', message: (e as Error).message ?? String(e) }), []);

  const refreshDocs = useCallback(async () => {
    const { by, dir } = ref.current.state.sort;
    const first = await call('documents.list', { sort: by, dir, offset: 0, limit: 5000 });
    let items = first.items;
    // Pages of 5000 keep each answer small; the list itself is virtualised.
    while (items.length < first.total) {
      const next = await call('documents.list', { sort: by, dir, offset: items.length, limit: 5000 });
      if (next.items.length === 0) break;
      items = items.concat(next.items);
    }
    dispatch({ type: 'docs', docs: items, total: first.total });
  }, [call]);

  const openDoc = useCallback(
    async (id: number, opts: { q?: string; reveal?: number; select?: number } = {}) => {
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
    },
    [call, fail],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const [project, labels] = await Promise.all([call('project.info', {}), call('labels.list', {})]);
      if (!live) return;
      dispatch({ type: 'project', project, labels });
      await refreshDocs();
    })().catch(fail);
    const offs = [
      backend.on('import.progress', (p) => dispatch({ type: 'importing', progress: p })),
      backend.on('project.changed', () => void refreshDocs().catch(fail)),
    ];
    return () => {
      live = false;
      offs.forEach((o) => o());
    };
  }, [backend, call, refreshDocs, fail]);

  useEffect(() => {
    void refreshDocs().catch(fail);
  }, [state.sort, refreshDocs, fail]);

  /** Runs a change against the backend and records it for undo. */
  const commit = useCallback(
    async (change: Change, selectAfter = true) => {
      const r = await applyChange(call, change);
      if (r.upserted) dispatch({ type: 'upsert', annotation: r.upserted, select: selectAfter });
      if (r.removed !== undefined) dispatch({ type: 'removed', id: r.removed });
      setHistory({ type: 'record', change: r.upserted && change.kind === 'update' ? { ...change, after: r.upserted } : change });
    },
    [call],
  );

  const commands = useMemo(
    () => ({
      refreshDocs,
      openDoc,
      closeDoc: () => dispatch({ type: 'closed' }),
      sortBy: (by: WorkbenchState['sort']['by']) => dispatch({ type: 'sort', by }),
      select: (id: number | null, reveal = false) => dispatch({ type: 'select', id, reveal }),
      toggleLabel: (labelId: number) => dispatch({ type: 'toggleLabel', labelId }),
      dismissError: () => dispatch({ type: 'error', message: null }),
      dismissReport: () => dispatch({ type: 'report', report: null }),

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

      /** Tags a span of the open document. */
      tag: (labelId: number, range: Range) => edits(async () => {
        const doc = ref.current.state.doc;
        if (!doc) return;
        try {
          const annotation = await call('annotations.create', { docId: doc.id, labelId, start: range.start, end: range.end });
          dispatch({ type: 'upsert', annotation, select: true });
          setHistory({ type: 'record', change: { kind: 'create', annotation } });
        } catch (e) {
          fail(e);
        }
      }),

      update: (id: number, patch: { labelId?: number; note?: string; attributes?: Attributes }) => edits(async () => {
        const before = ref.current.state.annotations.find((a) => a.id === id);
        if (!before) return;
        const after: Annotation = { ...before, ...patch };
        if (JSON.stringify(after) === JSON.stringify(before)) return;
        await commit({ kind: 'update', before, after }).catch(fail);
      }),

      remove: (id: number) => edits(async () => {
        const annotation = ref.current.state.annotations.find((a) => a.id === id);
        if (annotation) await commit({ kind: 'delete', annotation }).catch(fail);
      }),

      undo: () => edits(async () => {
        const c = ref.current.history.past[ref.current.history.past.length - 1];
        if (!c) return;
        try {
          await bringIntoView(docOf(c));
          const r = await applyChange(call, inverse(c));
          if (r.upserted) dispatch({ type: 'upsert', annotation: r.upserted, select: true });
          if (r.removed !== undefined) dispatch({ type: 'removed', id: r.removed });
          setHistory({ type: 'undone' });
        } catch (e) {
          fail(e);
        }
      }),

      redo: () => edits(async () => {
        const h = ref.current.history;
        const c = h.future[h.future.length - 1];
        if (!c) return;
        try {
          await bringIntoView(docOf(c));
          const r = await applyChange(call, c);
          if (r.upserted) dispatch({ type: 'upsert', annotation: r.upserted, select: true });
          if (r.removed !== undefined) dispatch({ type: 'removed', id: r.removed });
          setHistory({ type: 'redone' });
        } catch (e) {
          fail(e);
        }
      }),

      async importFiles(files: PickedFile[]) {
        if (files.length === 0) return;
        dispatch({ type: 'importing', progress: { done: 0, total: files.length, current: '' } });
        try {
          const report = await uploadFiles(call, files, (p) => dispatch({ type: 'importing', progress: p }));
          dispatch({ type: 'report', report });
          await refreshDocs();
        } catch (e) {
          fail(e);
        } finally {
          dispatch({ type: 'importing', progress: null });
        }
      },

      async saveLabel(l: { id?: number; name: string; color: string; key: string | null }) {
        try {
          if (l.id) await call('labels.update', { id: l.id, name: l.name, color: l.color, key: l.key });
          else await call('labels.create', { name: l.name, color: l.color, key: l.key });
          dispatch({ type: 'labels', labels: await call('labels.list', {}) });
          return true;
        } catch (e) {
          fail(e);
          return false;
        }
      },

      async deleteLabel(id: number) {
        try {
          await call('labels.delete', { id });
          dispatch({ type: 'labels', labels: await call('labels.list', {}) });
        } catch (e) {
          fail(e);
        }
      },
    }),
    [call, commit, edits, fail, openDoc, refreshDocs],
  );

  async function bringIntoView(docId: number) {
    if (ref.current.state.doc?.id !== docId) await openDoc(docId);
  }

  return { state, history, dispatch, commands, backend };
}
