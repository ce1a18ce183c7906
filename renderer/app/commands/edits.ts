/**
 * The undoable edits: tag, relabel, note, delete, link, unlink, rename a cluster, take a mention out, dismiss a
 * suggestion, and undo/redo themselves. Each runs in the edit queue, goes through the contract, brings the
 * workbench state in line with what the backend did, and records one entry in the undo history (never changed
 * after it is recorded: undo and redo record the entry as they applied it).
 */
import type { Annotation, Attributes, Link, Passage, Range } from '../../../common/model';
import { applyChange, docOf, inverse, type Applied, type Change, type DocsApplied } from '../../state/history';
import { attempt, type Attempt } from '../../state/attempt';
import { failWith, type CommandDeps } from './context';
import { docsWorkOf } from './docsWork';

const relinked: Applied = { removed: [], upserted: [], relinked: true };

/**
 * The undoable edits over `d`. `openDoc` (from the document commands) lets undo and redo bring the document a
 * change touches into view first. Edits resolve once applied; a failure shows in the toast (except the rename's).
 */
export function editCommands(d: CommandDeps, openDoc: (id: number) => Promise<void>, absorbDocs: (r: DocsApplied) => Promise<void> = async () => {}) {
  const { call, dispatch } = d;
  const fail = failWith(d);
  const guarded = (f: () => Promise<void>) => d.edits(() => f().catch(fail));
  const annotationById = (id: number) => d.state().annotations.find((a) => a.id === id);
  const record = (change: Change) => d.setHistory({ type: 'record', change });

  /** Brings the workbench state in line with what a change did on the backend. */
  async function absorb(r: Applied, select: boolean) {
    for (const id of r.removed) dispatch({ type: 'removed', id });
    for (const a of r.upserted) dispatch({ type: 'upsert', annotation: a, select });
    if (r.docs) await absorbDocs(r.docs);
    if (r.relinked) {
      // Cluster membership of spans in the open document may have changed anywhere in it.
      const doc = d.state().doc;
      const annotations = doc ? await call('annotations.listForDocument', { docId: doc.id }) : undefined;
      dispatch({ type: 'relinked', annotations });
    }
  }

  /** Applies a change through the contract and records it, as applied, for undo. */
  async function commit(change: Change, select = true) {
    const { applied, done } = await applyChange(call, change);
    await absorb(applied, select);
    record(done);
  }

  /**
   * Applies an undo or redo step and brings the state in line; a step that deletes or restores documents has the
   * document list say so meanwhile (it can take seconds: issue 15).
   */
  async function applied(c: Change) {
    const work = docsWorkOf(c);
    if (work) dispatch({ type: 'docsWork', work });
    try {
      const r = await applyChange(call, c);
      await absorb(r.applied, true);
      return r;
    } finally {
      if (work) dispatch({ type: 'docsWork', work: null });
    }
  }

  async function bringIntoView(docId: number | null) {
    if (docId !== null && d.state().doc?.id !== docId) await openDoc(docId);
  }

  async function deleteNow(id: number) {
    const r = await call('annotations.delete', { id });
    dispatch({ type: 'removed', id });
    if (r.links.length || r.effect.moved.length) await absorb(relinked, false);
    record({ kind: 'delete', annotation: r.deleted, links: r.links, clusterName: r.clusterName });
  }

  return {
    absorb,

    /**
     * Tags a span of the open document (`range` in code points). Resolves with the stored annotation once the state
     * holds it (before React has drawn it), or null when no document is open or the backend refused it (the toast
     * says why).
     */
    tag: (labelId: number, range: Range): Promise<Annotation | null> => {
      let made: Annotation | null = null;
      return guarded(async () => {
        const doc = d.state().doc;
        if (!doc) return;
        const annotation = await call('annotations.create', { docId: doc.id, labelId, start: range.start, end: range.end });
        dispatch({ type: 'upsert', annotation, select: true });
        record({ kind: 'create', annotation });
        made = annotation;
      }).then(() => made);
    },

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
        await absorb(relinked, false);
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
        await absorb(relinked, false);
        record({ kind: 'unlink', links: [r.deleted], clusterNames: r.clusterNames });
      }),

    /**
     * Renames a cluster (link panel, boards) as one undoable step; link panels, suggestions and boards reload.
     * Resolves with the failure instead of showing it, so that the field the name was typed in can say why.
     */
    renameCluster: (clusterId: number, before: string, after: string): Promise<Attempt> =>
      d.edits(() =>
        attempt(async () => {
          if (before !== after) await commit({ kind: 'rename', clusterId, before, after });
        }),
      ),

    /** Takes a mention out of its cluster; the others stay together. */
    detach: (annotationId: number) =>
      guarded(async () => {
        const r = await call('clusters.detach', { annotationId });
        await absorb(relinked, false);
        // Chain first, then cut: in this order (and its inverse) the rest of the cluster never falls apart.
        record({
          kind: 'batch',
          changes: [...(r.added.length ? [{ kind: 'link' as const, links: r.added }] : []), { kind: 'unlink', links: r.removed, clusterNames: r.clusterNames }],
        });
      }),

    dismissSuggestion: (annotationId: number, key: string) => guarded(() => commit({ kind: 'dismiss', annotationId, key }, false)),

    /** Applies the inverse of the last change; the history then offers the change, as it was undone, to redo. */
    undo: () =>
      guarded(async () => {
        const c = d.history().past.at(-1);
        if (!c) return;
        await bringIntoView(docOf(c));
        const { done } = await applied(inverse(c));
        d.setHistory({ type: 'undone', redo: inverse(done) });
      }),

    redo: () =>
      guarded(async () => {
        const c = d.history().future.at(-1);
        if (!c) return;
        await bringIntoView(docOf(c));
        const { done } = await applied(c);
        d.setHistory({ type: 'redone', done });
      }),
  };
}
