import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReadBackend } from '../../backend/types';
import type { Annotator } from '../../../common/annotators';
import { assignSourceColors, dateRange } from './timeline';
import { useBoardPages } from './useBoardPages';
import { onReveal, takeReveal } from './reveal';
import { ClaimCard } from './ClaimCard';
import { SpeakerCard } from './SpeakerCard';
import { plural, type BoardView, type OpenMention, type RenameCluster } from './types';
import { layerChoices } from '../layers/layerStyles';

interface Props {
  /** Read calls only: a rename goes through `onRename` (the workbench's undoable command). */
  reads: ReadBackend;
  view: BoardView;
  /** Bump to refetch (after links, clusters or annotations changed, here or elsewhere). */
  refreshKey: number;
  onOpenMention: OpenMention;
  onRename: RenameCluster;
  /** The project's annotators (issue 13): with more than one, the board has a layer select. */
  annotators?: Annotator[];
  /** The layer shown until another is picked: the current annotator's. */
  currentId?: number | null;
}

/** Which annotator's clusters the board shows; a board shows one layer, since clusters never mix layers. */
function LayerSelect({ annotators, value, onChange }: { annotators: Annotator[]; value: number; onChange(id: number): void }) {
  return (
    <label className="board-layer">
      Layer{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {annotators.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Pixels between two cards. */
const CARD_GAP = 14;
/** Cards drawn beyond the screen on each side. */
const OVERSCAN = 2;

/**
 * A card's height before it is drawn and measured: a typical card's, the same for every position, so that a page
 * coming in (placeholders turning into cards) moves nothing until the cards are measured, and the virtualiser then
 * keeps what is on screen in place.
 */
function estimate(view: BoardView): number {
  return (view === 'claims' ? 560 : 420) + CARD_GAP;
}

/**
 * Where a card goes while its page is on its way: the card's outline, nothing to read, as tall as a typical card
 * so that the cards below move little when it fills in.
 */
function PlaceholderCard({ view }: { view: BoardView }) {
  return (
    <div
      className={`board-card board-card-placeholder board-card-${view === 'claims' ? 'claim' : 'speaker'}`}
      style={{ height: estimate(view) - CARD_GAP }}
      aria-hidden
    >
      <span className="board-skeleton board-skeleton-name" />
      <span className="board-skeleton board-skeleton-meta" />
      <span className="board-skeleton board-skeleton-line" />
      <span className="board-skeleton board-skeleton-line" />
    </div>
  );
}

/**
 * The claims and speakers boards: one card per same-as cluster with its documents, sources and dates and, for
 * claims, a timeline and the figures its mentions cite, conflicts flagged. Clicking a mention opens it.
 *
 * Virtualised (issue 15: 10,000 clusters): the backend sends the board a page at a time (useBoardPages) with the
 * whole board's totals, time axis and sources; only the cards on screen are drawn, measured as they come, and a
 * card whose page is still on its way is a placeholder. `.board` is `aria-busy` until the cards on screen are real;
 * every card carries `data-cluster-id`.
 */
export function Boards({ reads, view, refreshKey, onOpenMention, onRename, annotators: all = [], currentId = null }: Props) {
  // Proposals (the `auto` layer) form no clusters an analyst curates here: they are accepted in the reader.
  const annotators = useMemo(() => layerChoices(all), [all]);
  const [attempt, setAttempt] = useState(0);
  // Picked in the layer select; back to the current annotator's whenever the analyst switches.
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => setPicked(null), [currentId]);
  const layer = picked ?? currentId;
  const layerSelect =
    annotators.length > 1 && layer !== null ? <LayerSelect annotators={annotators} value={layer} onChange={setPicked} /> : null;
  // Another view or layer is another board: drawn anew, from its top.
  return (
    <Board
      key={`${view}:${layer}`}
      reads={reads}
      view={view}
      layer={layer}
      layerSelect={layerSelect}
      refreshKey={refreshKey}
      attempt={attempt}
      onRetry={() => setAttempt((n) => n + 1)}
      onOpenMention={onOpenMention}
      onRename={onRename}
    />
  );
}

interface BoardProps extends Pick<Props, 'reads' | 'view' | 'refreshKey' | 'onOpenMention' | 'onRename'> {
  layer: number | null;
  layerSelect: ReactNode;
  attempt: number;
  onRetry(): void;
}

/** One board of one layer, virtualised (see Boards). */
function Board({ reads, view, layer, layerSelect, refreshKey, attempt, onRetry, onOpenMention, onRename }: BoardProps) {
  const scroller = useRef<HTMLDivElement | null>(null);
  const rows = useRef<HTMLDivElement | null>(null);
  const [revealId] = useState(() => (view === 'claims' ? takeReveal() : null));
  const [revealAt, setRevealAt] = useState<number | null>(null);
  const board = useBoardPages(reads, view, layer, refreshKey, attempt, revealId, setRevealAt);
  const { meta, clusterAt, need } = board;
  useEffect(() => (view === 'claims' ? onReveal(board.reveal) : undefined), [view, board.reveal]);

  // The cards start below the sticky header: the virtualiser counts from there.
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const top = rows.current && scroller.current ? rows.current.getBoundingClientRect().top - scroller.current.getBoundingClientRect().top + scroller.current.scrollTop : 0;
    if (Math.abs(top - margin) > 0.5) setMargin(top);
  });
  const virtual = useVirtualizer({
    count: meta?.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate(view),
    overscan: OVERSCAN,
    scrollMargin: margin,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => need(first, last), [need, first, last, meta]);
  useEffect(() => {
    if (revealAt === null) return;
    virtual.scrollToIndex(revealAt, { align: 'start' });
    setRevealAt(null);
  }, [revealAt, virtual]);

  const range = useMemo(() => (meta ? dateRange([meta.firstDate, meta.lastDate]) : null), [meta]);
  // One colour per source across the whole board, so that RT is the same dot on every card.
  const colorOf = useMemo(() => assignSourceColors(meta?.sources ?? []), [meta]);
  const conflicted = useConflictCount(reads, layer, view === 'claims' ? meta?.total : undefined, `${refreshKey}:${attempt}`);
  const noun = view === 'claims' ? 'claim' : 'speaker';
  const title = view === 'claims' ? 'Claims' : 'Speakers';

  if (board.error) {
    return (
      <div className="board board-state board-error" role="alert">
        <h2 className="board-state-title">Could not load the {noun}s board</h2>
        <p className="board-error-message">{board.error}</p>
        <button onClick={onRetry}>Try again</button>
      </div>
    );
  }
  if (!meta) {
    return (
      <div className="board board-state board-loading" role="status" aria-live="polite" aria-busy>
        <span className="board-spinner" aria-hidden />
        Loading {noun}s…
      </div>
    );
  }
  if (meta.total === 0) {
    return (
      <div className="board board-state board-empty" aria-busy={board.loading}>
        {layerSelect}
        <h2 className="board-state-title">No {noun} clusters yet</h2>
        <p>A cluster is the same {noun} found in several documents.</p>
        <p className="board-empty-hint">
          Link two {noun}s with same-as (select a {noun}, press <kbd>L</kbd>).
        </p>
      </div>
    );
  }

  const placeholders = items.some((it) => !clusterAt(it.index));
  return (
    <div className={`board board-${view}`} aria-busy={board.loading || placeholders} ref={scroller}>
      <header className="board-head">
        <h2 className="board-title">{title}</h2>
        <span className="board-head-meta">
          {plural(meta.total, 'cluster')} · {plural(meta.mentions, 'mention')}
          {range ? (
            <>
              {' '}
              · {range.start} → {range.end}
            </>
          ) : null}
        </span>
        {view === 'claims' && conflicted ? (
          <span className="board-badge board-badge-warn">
            {plural(conflicted, 'claim')} with disagreeing figures
          </span>
        ) : null}
        {layerSelect}
        <span className="board-refreshing" aria-live="polite">
          {board.loading ? 'Refreshing…' : ''}
        </span>
      </header>
      <div className="board-list">
        <div className="board-rows" ref={rows} style={{ height: virtual.getTotalSize() }}>
          {items.map((it) => {
            const c = clusterAt(it.index);
            return (
              // A position keeps its row (and its measured height) from placeholder to card; the card is its cluster's.
              <div key={it.key} className="board-row" data-index={it.index} ref={virtual.measureElement} style={{ transform: `translateY(${it.start - margin}px)` }}>
                {!c ? (
                  <PlaceholderCard view={view} />
                ) : view === 'claims' ? (
                  <ClaimCard key={c.id} cluster={c} range={range} colorOf={colorOf} onRename={onRename} onRenamed={board.renamed} onOpen={onOpenMention} />
                ) : (
                  <SpeakerCard key={c.id} cluster={c} colorOf={colorOf} onRename={onRename} onRenamed={board.renamed} onOpen={onOpenMention} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/**
 * Claim clusters whose figures one `boards.conflicts` call compares: about 25 ms of CPU at 100,000 documents (1,000
 * took 0.12–0.15 s, and 1.2 s on a loaded machine, which a switch to the speakers board waited behind).
 */
const CONFLICT_SLICE = 250;

/**
 * How many claim clusters of the layer have disagreeing figures (`boards.conflicts`, the dashboard's own rule),
 * asked after the board's first page (`total` undefined until then) a slice of the board at a time, so that the
 * pages asked for while scrolling never wait long behind it; read again whenever the board is (`refresh`).
 */
function useConflictCount(reads: ReadBackend, layer: number | null, total: number | undefined, refresh: string): number | null {
  // Kept through a refresh (the old count until the new one comes), dropped with another layer.
  const [count, setCount] = useState<{ layer: number | null; n: number } | null>(null);
  const key = `${layer}:${refresh}`;
  useEffect(() => {
    if (total === undefined) return;
    let live = true;
    (async () => {
      let n = 0;
      for (let offset = 0; offset < total && live; offset += CONFLICT_SLICE) {
        const args = { ...(layer === null ? {} : { annotatorId: layer }), limit: 0, offset, count: CONFLICT_SLICE };
        n += (await reads.call('boards.conflicts', args)).total;
      }
      if (live) setCount({ layer, n });
    })().catch(() => live && setCount(null)); // The badge is a hint: the cards still show every conflict.
    return () => {
      live = false;
    };
    // `total` matters only to start: a refresh (in `key`) reads again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reads, key, total === undefined]);
  return count && count.layer === layer ? count.n : null;
}
