import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReadBackend } from '../../backend/types';
import type { BoardPage, ClusterSummary } from '../../../common/model';
import { messageOf } from '../../state/attempt';
import type { BoardView } from './types';

/** Cards per request: a screen or two of claim cards, a few screens of speaker cards. */
export const PAGE_SIZE = 24;

/** What the board's header shows of the whole board (every page carries it). */
export type BoardMeta = Omit<BoardPage, 'clusters' | 'offset'>;

interface Loaded {
  /** `view:layer` the pages belong to. */
  key: string;
  meta: BoardMeta;
  /** Cards by page number (`offset / PAGE_SIZE`). */
  pages: Map<number, ClusterSummary[]>;
}

export interface BoardPages {
  /** Null until the first page of this view and layer came. */
  meta: BoardMeta | null;
  /** The card at a board position, or undefined while its page is loading. */
  clusterAt(index: number): ClusterSummary | undefined;
  /** True from a new view, layer or refresh until its pages came (placeholders on screen are the caller's to see). */
  loading: boolean;
  error: string | null;
  /** Asks for the pages holding board positions `first..last` (those not held or on their way). */
  need(first: number, last: number): void;
  /** Shows a new name on a card at once. */
  renamed(id: number, name: string): void;
  /** Reads the page holding a cluster, then tells `onRevealed` its board position (nothing if it is not on the board). */
  reveal(id: number): void;
}

/**
 * The pages of one board (issue 15: 10,000 clusters are read a page at a time, `boards.claims` / `boards.speakers`
 * with offset and limit). A new view or layer starts empty (or at the page holding `revealId`, reported through
 * `onRevealed` with the cluster's board position); a refresh (`refreshKey`, `attempt`) reads the pages on screen
 * again and keeps showing the old cards until the new ones come, then drops every other page.
 */
export function useBoardPages(
  reads: ReadBackend,
  view: BoardView,
  layer: number | null,
  refreshKey: number,
  attempt: number,
  revealId: number | null,
  onRevealed: (index: number) => void,
): BoardPages {
  const key = `${view}:${layer}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  // Requests of the current generation; a new view, layer or refresh starts another and ignores late answers.
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const shown = useRef({ first: 0, last: 0 });
  const current = loaded && loaded.key === key ? loaded : null;
  const currentRef = useRef(current);
  currentRef.current = current;

  const fetchPage = useCallback(
    (page: number | null, at?: number) => {
      const gen = generation.current;
      const args = { offset: (page ?? 0) * PAGE_SIZE, limit: PAGE_SIZE, ...(layer === null ? {} : { annotatorId: layer }), ...(at ? { at } : {}) };
      return reads.call(view === 'claims' ? 'boards.claims' : 'boards.speakers', args).then((r) => (gen === generation.current ? r : null));
    },
    [reads, view, layer],
  );

  /** Stores answers of this generation: `fresh` replaces what was held (a new board or a refresh). */
  const store = useCallback(
    (answers: BoardPage[], fresh: boolean) => {
      setLoaded((old) => {
        const pages = fresh || !old || old.key !== key ? new Map<number, ClusterSummary[]>() : new Map(old.pages);
        for (const a of answers) pages.set(Math.floor(a.offset / PAGE_SIZE), a.clusters);
        const { clusters: _c, offset: _o, ...meta } = answers[answers.length - 1];
        return { key, meta, pages };
      });
    },
    [key],
  );

  const failed = useCallback((e: unknown) => {
    setError(messageOf(e));
    setRefreshing(false);
  }, []);

  // A new view or layer, a change elsewhere, or "Try again": read the pages on screen (or the first, or the one
  // holding the cluster to reveal) again.
  useEffect(() => {
    const gen = ++generation.current;
    inFlight.current.clear();
    setRefreshing(true);
    setError(null);
    const held = currentRef.current;
    const wanted = held ? pagesOf(shown.current.first, shown.current.last) : [0];
    const reveal = !held && revealId !== null ? revealId : null;
    const asks = reveal !== null ? [fetchPage(null, reveal)] : wanted.map((p) => fetchPage(p));
    Promise.all(asks).then((answers) => {
      if (gen !== generation.current || answers.some((a) => a === null)) return;
      store(answers as BoardPage[], true);
      setRefreshing(false);
      if (reveal !== null) {
        const a = answers[0]!;
        const at = a.clusters.findIndex((c) => c.id === reveal);
        if (at >= 0) onRevealed(a.offset + at);
      }
    }, (e: unknown) => gen === generation.current && failed(e));
    // onRevealed and revealId are read once per board: a new reveal comes with a new view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, refreshKey, attempt, fetchPage, store, failed]);

  const need = useCallback(
    (first: number, last: number) => {
      shown.current = { first, last };
      const held = currentRef.current;
      if (!held) return;
      for (const p of pagesOf(first, Math.min(last, held.meta.total - 1))) {
        if (held.pages.has(p) || inFlight.current.has(p)) continue;
        inFlight.current.add(p);
        fetchPage(p).then(
          (a) => {
            inFlight.current.delete(p);
            if (a) store([a], false);
          },
          (e: unknown) => {
            inFlight.current.delete(p);
            failed(e);
          },
        );
      }
    },
    [fetchPage, store, failed],
  );

  const renamed = useCallback((id: number, name: string) => {
    setLoaded((d) => {
      if (!d) return d;
      const pages = new Map([...d.pages].map(([p, cs]) => [p, cs.map((c) => (c.id === id ? { ...c, name } : c))]));
      return { ...d, pages };
    });
  }, []);

  const reveal = useCallback(
    (id: number) => {
      fetchPage(null, id).then((a) => {
        if (!a) return;
        store([a], false);
        const at = a.clusters.findIndex((c) => c.id === id);
        if (at >= 0) onRevealed(a.offset + at);
      }, failed);
    },
    [fetchPage, store, failed, onRevealed],
  );

  const clusterAt = (index: number) => current?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  return { meta: current?.meta ?? null, clusterAt, loading: refreshing, error, need, renamed, reveal };
}

/** Page numbers holding board positions `first..last`. */
function pagesOf(first: number, last: number): number[] {
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) out.push(p);
  return out.length ? out : [0];
}
