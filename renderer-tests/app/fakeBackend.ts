/**
 * An in-memory stand-in for the backend, for driving the workbench's commands under Node: it keeps documents,
 * annotations, links and cluster names, answers the methods the commands use as the real handlers do (in shape),
 * and records every call in order. A method it does not know fails the test loudly.
 */
import type { ArgsIn, Call, Method, Result } from '../../common/contract';
import type { Annotation, ClusterName, Document, Link } from '../../common/model';
import { doc } from '../fixtures';
import { annotatorNameProblem, type CurrentAnnotator } from '../../common/annotators';
import { annotatorsFixture, reportFixture } from '../features/agreement/fixture';
import { createSerialQueue } from '../../common/serial';
import { packIds } from '../../common/packed-ids';
import { createCommands } from '../../renderer/app/commands';
import { initialState, reducer, type WorkbenchState } from '../../renderer/app/workbench';
import { emptyHistory, historyReducer, type History } from '../../renderer/state/history';

/** `documents.ids`'s answer for `ids`, packed as the backend packs it (common/packed-ids.ts). */
export const idsAnswer = (ids: number[]) => ({ count: ids.length, packed: packIds(ids) });

type Handler<M extends Method> = (args: ArgsIn<M>) => Result<M> | Promise<Result<M>>;
type Handlers = { [M in Method]?: Handler<M> };

export function fakeBackend() {
  const calls: [Method, unknown][] = [];
  const docs = new Map<number, Document>([1, 2, 3].map((id) => [id, doc(id)]));
  const annotations = new Map<number, Annotation>();
  const links = new Map<number, Link>();
  /** Cluster names by cluster id (a cluster here is named by the smallest annotation id in it). */
  const names = new Map<number, string>();
  /** What the next `links.delete` says it dissolved (tests set it). */
  let dissolves: ClusterName[] = [];
  let nextId = 100;
  const stamp = () => String(nextId);
  /** The project's annotators (renderer-tests/features/agreement/fixture.ts) and who is annotating: ana, not yet confirmed. */
  const annotatorList = structuredClone(annotatorsFixture);
  let current: CurrentAnnotator = { id: 1, name: 'ana', chosen: false };

  const annotationOut = (a: Annotation) => ({ ...a });
  const handlers: Handlers = {
    'project.info': () => ({ name: 'p', path: '/tmp/p.crosscheck', readOnly: false, schemaVersion: 1 }) as never,
    'labels.list': () => [
      { id: 1, name: 'claim', color: '#e8a33d', key: '1' },
      { id: 2, name: 'speaker', color: '#3d8be8', key: '2' },
    ] as never,
    'linkTypes.list': () => [{ id: 1, name: 'same-as', color: '#888888', directed: false, transitive: true }] as never,
    'documents.list': () => ({ total: docs.size, items: [...docs.values()].map(({ text: _t, hash: _h, ...s }) => s) }),
    'documents.ids': () => idsAnswer([...docs.keys()]),
    'documents.summaries': ({ ids }) => ids.flatMap((id) => {
      const d = docs.get(id);
      if (!d) return [];
      const { text: _t, hash: _h, ...s } = d;
      const counts: Record<string, number> = {};
      for (const a of annotations.values()) if (a.docId === id) counts[a.labelId] = (counts[a.labelId] ?? 0) + 1;
      return [{ ...s, counts }];
    }),
    'documents.get': ({ id }) => {
      const d = docs.get(id);
      if (!d) throw new Error(`no document ${id}`);
      return d;
    },
    'annotations.listForDocument': ({ docId }) => [...annotations.values()].filter((a) => a.docId === docId).map(annotationOut),
    'search.locate': () => ({ ranges: [] }),
    'annotations.create': ({ docId, labelId, start, end }) => {
      const a: Annotation = { id: ++nextId, docId, labelId, start, end, text: 'x'.repeat(end - start), note: '', attributes: {}, clusterId: null, createdAt: stamp(), updatedAt: stamp(), annotatorId: current.id };
      annotations.set(a.id, a);
      return annotationOut(a);
    },
    'annotations.update': ({ id, ...patch }) => {
      const a = { ...annotations.get(id)!, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), updatedAt: `u${++nextId}` };
      annotations.set(id, a);
      return annotationOut(a);
    },
    'annotations.delete': ({ id }) => {
      const deleted = annotations.get(id);
      if (!deleted) throw new Error(`no annotation ${id}`);
      annotations.delete(id);
      const gone = [...links.values()].filter((l) => l.fromId === id || l.toId === id);
      for (const l of gone) links.delete(l.id);
      const clusterName = deleted.clusterId !== null ? names.get(deleted.clusterId) ?? null : null;
      return { deleted, links: gone, clusterName, effect: { moved: [] } };
    },
    'annotations.restore': ({ annotation, links: back = [], clusterName = null }) => {
      const a = { ...annotation, clusterId: annotation.clusterId ?? null };
      annotations.set(a.id, a);
      for (const l of back) links.set(l.id, l);
      if (clusterName && a.clusterId !== null) names.set(a.clusterId, clusterName);
      return { annotation: annotationOut(a), effect: { moved: [] } };
    },
    'links.forAnnotation': ({ id }) => ({
      links: [...links.values()].filter((l) => l.fromId === id || l.toId === id).map((link) => ({ link, other: {} as never })),
      cluster: null,
    }),
    'links.create': ({ fromId, toId, typeId }) => {
      const link: Link = { id: ++nextId, fromId, toId, typeId, createdAt: stamp(), annotatorId: annotations.get(fromId)?.annotatorId ?? current.id };
      links.set(link.id, link);
      return { link, effect: { moved: [] } };
    },
    'links.createWithSpan': ({ fromId, typeId, docId, labelId, start, end }) => {
      const annotation = (handlers['annotations.create'] as Handler<'annotations.create'>)({ docId, labelId, start, end }) as Annotation;
      const { link } = (handlers['links.create'] as Handler<'links.create'>)({ fromId, toId: annotation.id, typeId }) as Result<'links.create'>;
      return { annotation, link, effect: { moved: [] } };
    },
    'links.delete': ({ id }) => {
      const deleted = links.get(id);
      if (!deleted) throw new Error(`no link ${id}`);
      links.delete(id);
      const clusterNames = dissolves;
      dissolves = [];
      return { deleted, clusterNames, effect: { moved: [] } };
    },
    'links.restore': ({ links: back }) => {
      for (const l of back) links.set(l.id, l);
      return { links: back as Link[], effect: { moved: [] } };
    },
    'clusters.rename': ({ id, name }) => {
      names.set(id, name);
      return { id, name } as never;
    },
    'clusters.detach': ({ annotationId }) => {
      const removed = [...links.values()].filter((l) => l.fromId === annotationId || l.toId === annotationId);
      for (const l of removed) links.delete(l.id);
      return { removed, added: [], clusterNames: [], effect: { moved: [] } };
    },
    'suggest.dismiss': () => ({ ok: true }),
    'suggest.undismiss': () => ({ ok: true }),
    'search.query': ({ q }) => ({ hits: [], query: q }),
    'annotators.list': () => structuredClone(annotatorList),
    'annotators.current': () => ({ ...current }),
    // As db/annotators.ts: an existing name (any case) becomes current, a new one is added; reserved names refused.
    'annotators.choose': ({ name }) => {
      const problem = annotatorNameProblem(name);
      if (problem) throw Object.assign(new Error(`${problem}.`), { name: 'InvalidInput' });
      let a = annotatorList.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
      if (!a) annotatorList.push((a = { id: annotatorList.length + 10, name: name.trim(), reserved: false, spans: 0, links: 0, documents: 0 }));
      current = { id: a.id, name: a.name, chosen: true };
      return { ...current };
    },
    // The report of renderer-tests/features/agreement/fixture.ts, narrowed to the asked annotators as the handler does.
    'agreement.report': ({ annotators, perDocument }) => {
      const keep = (names: string[]) => !annotators || names.every((n) => annotators.includes(n));
      const r = structuredClone(reportFixture);
      const pairs = r.pairs.filter((p) => keep([p.a, p.b]));
      const perDoc = (r.perDocument ?? []).map((d) => ({ ...d, annotators: d.annotators.filter((n) => keep([n])), pairs: d.pairs.filter((p) => keep([p.a, p.b])) }));
      return { ...r, annotators: r.annotators.filter((n) => keep([n])), pairs, ...(perDocument ? { perDocument: perDoc.filter((d) => d.annotators.length >= 2) } : { perDocument: undefined }) };
    },
  };
  const overrides: Handlers = {};

  const call = (async (method: Method, args: never) => {
    calls.push([method, structuredClone(args)]);
    const h = (overrides[method] ?? handlers[method]) as ((a: unknown) => unknown) | undefined;
    if (!h) throw new Error(`fake backend: ${method} is not faked`);
    return h(args);
  }) as Call;

  return {
    call,
    calls,
    annotations,
    links,
    names,
    /** Replaces how one method answers (to fail it, delay it, or check its arguments). */
    answer<M extends Method>(method: M, h: Handler<M>) {
      (overrides as Record<string, unknown>)[method] = h;
    },
    /** What the next `links.delete` reports as dissolved clusters' names. */
    dissolveNext(n: ClusterName[]) {
      dissolves = n;
    },
    /** Calls made since `from`, as `[method, args]`. */
    since: (from: number) => calls.slice(from),
  };
}

export type FakeBackend = ReturnType<typeof fakeBackend>;

/** The workbench's commands over plain reducers (what useWorkbench does with React state), on a fake backend. */
export function workbenchOn(backend: FakeBackend) {
  let state: WorkbenchState = initialState;
  let history: History = emptyHistory;
  const commands = createCommands({
    call: backend.call,
    state: () => state,
    dispatch: (a) => (state = reducer(state, a)),
    history: () => history,
    setHistory: (a) => (history = historyReducer(history, a)),
    edits: createSerialQueue(),
  });
  return {
    commands,
    get state() {
      return state;
    },
    get history() {
      return history;
    },
  };
}
