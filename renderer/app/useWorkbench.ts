import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Backend } from '../backend/types';
import type { Annotation, Attributes, Link, Passage, Range } from '../../common/model';
import { initialState, reducer, type WorkbenchState } from './workbench';
import { useSyncReducer } from './useSyncReducer';
import { applyChange, docOf, emptyHistory, historyReducer, inverse, type Applied, type Change } from '../state/history';
import { uploadFiles, type PickedFile } from '../features/import/upload';
import { createSerialQueue } from '../../common/serial';

export type Workbench = ReturnType<typeof useWorkbench>;

/** State plus the commands the UI calls; every command goes through the contract and records undo. */
export function useWorkbench(backend: Backend) {
  const [state, dispatch, stateRef] = useSyncReducer(reducer, initialState);
  const [history, setHistory, historyRef] = useSyncReducer(historyReducer, emptyHistory);
  const { call } = backend;
  // Edits reach the backend in the order they were made, each computed from the state the previous one left.
  const [edits] = useState(createSerialQueue);

  const fail = useCallback((e: unknown) => dispatch({ type: 'error', message: (e as Error).message ?? String(e) }), [dispatch]);

  const refreshDocs = useCallback(async () => {
    const { by, dir } = stateRef.current.sort;
    const first = await call('documents.list', { sort: by, dir, offset: 0, limit: 5000 });
    let items = first.items;
    // Pages of 5000 keep each answer small; the list itself is virtualised.
    while (items.length < first.total) {
      const next = await call('documents.list', { sort: by, dir, offset: items.length, limit: 5000 });
      if (next.items.length === 0) break;
      items = items.concat(next.items);
    }
    dispatch({ type: 'docs', docs: items, total: first.total });
  }, [call, dispatch, stateRef]);

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
    [call, dispatch, fail],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const [project, labels, linkTypes] = await Promise.all([
        call('project.info', {}),
        call('labels.list', {}),
        call('linkTypes.list', {}),
      ]);
      if (!live) return;
      dispatch({ type: 'project', project, labels, linkTypes });
      await refreshDocs();
    })().catch(fail);
    const offs = [
      backend.on('import.progress', (p) => dispatch({ type: 'importing', progress: p })),
      backend.on('project.changed', ({ reason }) => {
        // A restore replaced everything under us: start afresh from the restored project.
        if (reason === 'restored') return window.location.reload();
        void refreshDocs().catch(fail);
        // Another window or host committed: the open document's spans and links may have changed too.
        if (reason === 'changed elsewhere') void absorbRef.current({ removed: [], upserted: [], relinked: true }, false);
      }),
    ];
    return () => {
      live = false;
      offs.forEach((o) => o());
    };
  }, [backend, call, dispatch, refreshDocs, fail]);

  useEffect(() => {
    void refreshDocs().catch(fail);
  }, [state.sort, refreshDocs, fail]);

  /** Brings the workbench state in line with what a change did on the backend. */
  const absorb = useCallback(
    async (r: Applied, select: boolean) => {
      for (const id of r.removed) dispatch({ type: 'removed', id });
      for (const a of r.upserted) dispatch({ type: 'upsert', annotation: a, select });
      if (r.relinked) {
        // Cluster membership of spans in the open document may have changed anywhere in it.
        const doc = stateRef.current.doc;
        const annotations = doc ? await call('annotations.listForDocument', { docId: doc.id }) : undefined;
        dispatch({ type: 'relinked', annotations });
      }
    },
    [call, dispatch, stateRef],
  );

  const absorbRef = useRef(absorb);
  absorbRef.current = absorb;

  /** Records a change that has already been applied (by a call that returned what it did). */
  const record = useCallback((change: Change) => setHistory({ type: 'record', change }), [setHistory]);

  /** Applies a change through the contract and records it for undo. */
  const commit = useCallback(
    async (change: Change, select = true) => {
      const r = await applyChange(call, change);
      await absorb(r, select);
      record(change.kind === 'update' && r.upserted[0] ? { ...change, after: r.upserted[0] } : change);
    },
    [call, absorb, record],
  );

  const bringIntoView = useCallback(
    async (docId: number | null) => {
      if (docId !== null && stateRef.current.doc?.id !== docId) await openDoc(docId);
    },
    [openDoc, stateRef],
  );

  const commands = useMemo(() => {
    const guarded = (f: () => Promise<void>) => edits(() => f().catch(fail));
    const annotationById = (id: number) => stateRef.current.annotations.find((a) => a.id === id);

    async function deleteNow(id: number) {
      const r = await call('annotations.delete', { id });
      dispatch({ type: 'removed', id });
      if (r.links.length || r.effect.moved.length) await absorb({ removed: [], upserted: [], relinked: true }, false);
      record({ kind: 'delete', annotation: r.deleted, links: r.links, clusterName: r.clusterName });
    }

    return {
      refreshDocs,
      openDoc,
      closeDoc: () => dispatch({ type: 'closed' }),
      sortBy: (by: WorkbenchState['sort']['by']) => dispatch({ type: 'sort', by }),
      select: (id: number | null, reveal = false) => dispatch({ type: 'select', id, reveal }),
      toggleLabel: (labelId: number) => dispatch({ type: 'toggleLabel', labelId }),
      setView: (view: WorkbenchState['view']) => dispatch({ type: 'view', view }),
      dismissError: () => dispatch({ type: 'error', message: null }),
      dismissReport: () => dispatch({ type: 'report', report: null }),
      answerConfirm: (yes: boolean) => {
        const c = stateRef.current.confirm;
        dispatch({ type: 'confirm', confirm: null });
        if (yes) c?.onYes();
      },

      /** Opens a document with one of its annotations selected and in view (link panels, boards). */
      async openAnnotation(docId: number, annotationId: number) {
        await openDoc(docId, { select: annotationId });
      },

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
      tag: (labelId: number, range: Range) =>
        guarded(async () => {
          const doc = stateRef.current.doc;
          if (!doc) return;
          const annotation = await call('annotations.create', { docId: doc.id, labelId, start: range.start, end: range.end });
          dispatch({ type: 'upsert', annotation, select: true });
          record({ kind: 'create', annotation });
        }),

      update: (id: number, patch: { labelId?: number; note?: string; attributes?: Attributes }) =>
        guarded(async () => {
          const before = annotationById(id);
          if (!before) return;
          const after: Annotation = { ...before, ...patch };
          if (JSON.stringify(after) === JSON.stringify(before)) return;
          await commit({ kind: 'update', before, after });
        }),

      /** Deletes an annotation; one that has links is deleted only once the analyst confirms. */
      remove: (id: number) =>
        guarded(async () => {
          const { links } = await call('links.forAnnotation', { id });
          if (!links.length) return deleteNow(id);
          dispatch({
            type: 'confirm',
            confirm: {
              message: `This annotation has ${links.length} link${links.length === 1 ? '' : 's'}. Delete it and its links? (Undo brings them back.)`,
              yes: 'Delete with links',
              onYes: () => void guarded(() => deleteNow(id)),
            },
          });
        }),

      link: (fromId: number, toId: number, typeId: number) =>
        guarded(async () => {
          const r = await call('links.create', { fromId, toId, typeId });
          await absorb({ removed: [], upserted: [], relinked: true }, false);
          record({ kind: 'link', links: [r.link] });
        }),

      /** Tags a passage of another document and links it, as one undoable step. */
      linkToPassage: (fromId: number, typeId: number, labelId: number, p: Pick<Passage, 'docId' | 'start' | 'end'>) =>
        guarded(async () => {
          const r = await call('links.createWithSpan', { fromId, typeId, docId: p.docId, labelId, start: p.start, end: p.end });
          await absorb({ removed: [], upserted: [r.annotation], relinked: true }, false);
          record({ kind: 'batch', changes: [{ kind: 'create', annotation: { ...r.annotation, clusterId: null } }, { kind: 'link', links: [r.link] }] });
        }),

      unlink: (link: Link) =>
        guarded(async () => {
          const r = await call('links.delete', { id: link.id });
          await absorb({ removed: [], upserted: [], relinked: true }, false);
          record({ kind: 'unlink', links: [r.deleted], clusterNames: r.clusterNames });
        }),

      renameCluster: (clusterId: number, before: string, after: string) =>
        guarded(async () => {
          if (before === after) return;
          await commit({ kind: 'rename', clusterId, before, after });
        }),

      /** Takes a mention out of its cluster; the others stay together. */
      detach: (annotationId: number) =>
        guarded(async () => {
          const r = await call('clusters.detach', { annotationId });
          await absorb({ removed: [], upserted: [], relinked: true }, false);
          // Chain first, then cut: in this order (and its inverse) the rest of the cluster never falls apart.
          record({
            kind: 'batch',
            changes: [...(r.added.length ? [{ kind: 'link' as const, links: r.added }] : []), { kind: 'unlink', links: r.removed, clusterNames: r.clusterNames }],
          });
        }),

      dismissSuggestion: (annotationId: number, key: string) => guarded(() => commit({ kind: 'dismiss', annotationId, key }, false)),

      undo: () =>
        guarded(async () => {
          const c = historyRef.current.past[historyRef.current.past.length - 1];
          if (!c) return;
          await bringIntoView(docOf(c));
          await absorb(await applyChange(call, inverse(c)), true);
          setHistory({ type: 'undone' });
        }),

      redo: () =>
        guarded(async () => {
          const h = historyRef.current;
          const c = h.future[h.future.length - 1];
          if (!c) return;
          await bringIntoView(docOf(c));
          await absorb(await applyChange(call, c), true);
          setHistory({ type: 'redone' });
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

      async setDone(id: number, done: boolean) {
        try {
          await call('documents.setDone', { id, done });
          dispatch({ type: 'docDone', id, done });
        } catch (e) {
          fail(e);
        }
      },

      async saveLinkType(t: { id?: number; name: string; color: string; directed: boolean }) {
        try {
          if (t.id) await call('linkTypes.update', { id: t.id, name: t.name, color: t.color, directed: t.directed });
          else await call('linkTypes.create', { name: t.name, color: t.color, directed: t.directed });
          dispatch({ type: 'linkTypes', linkTypes: await call('linkTypes.list', {}) });
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
    };
  }, [call, commit, absorb, record, edits, fail, openDoc, refreshDocs, bringIntoView, dispatch, setHistory, stateRef, historyRef]);

  return { state, history, dispatch, commands, backend };
}
