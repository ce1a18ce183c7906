import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { DocumentSort, Label } from '../../../common/model';
import type { RowCache } from '../../state/docRows';
import { movedFocus, nextSelection } from './selection';
import { DocRow } from './DocRow';
import { countOf } from '../../format/count';

/** A delete or restore in flight: what it does, to how many documents, and the listed rows it takes away. */
export interface DocsWork {
  verb: 'Deleting' | 'Restoring';
  count: number;
  ids: number[];
}

interface Props {
  /** Every document id the list shows, in order. */
  ids: number[];
  /** Rows fetched so far, by id (the others show as placeholders until `onShowRows` brings them). */
  rows: RowCache;
  /** True from a sort or filter change (or the first load) until `ids` is the new list. */
  loading: boolean;
  /** Documents being deleted or restored (the workbench's `docsWork`): a status line, the rows going dimmed. */
  work: DocsWork | null;
  labels: Label[];
  openId: number | null;
  sort: { by: DocumentSort; dir: 'asc' | 'desc' };
  /** Ticked rows (ids, list order). */
  selection: number[];
  /** Whether a filter narrows the list (the empty state then says so instead of "no documents yet"). */
  filtered: boolean;
  /** Changes with the sort or the filter: the list then goes back to its top. */
  listKey: string;
  onSort(by: DocumentSort): void;
  onOpen(id: number): void;
  onSelect(ids: number[]): void;
  /** The rows now on screen and around them (on-screen first): the workbench fetches those it lacks. */
  onShowRows(ids: readonly number[]): void;
}

const ROW_HEIGHT = 64;
/** Rows rendered beyond the screen on each side: few, since each costs style and layout in every fast-scroll frame. */
const OVERSCAN = 5;
/** Rows fetched beyond the screen on each side, so that a short scroll finds them there. */
const FETCH_AHEAD = 50;

const columns: { by: DocumentSort; label: string }[] = [
  { by: 'title', label: 'Title' },
  { by: 'date', label: 'Date' },
  { by: 'source', label: 'Source' },
  { by: 'annotations', label: 'Tags' },
];

/**
 * All documents of the project the filter keeps, virtualised and windowed (issue 15): the list holds their ids,
 * renders the rows on screen and asks for the summaries of those and a few screens around them, so 100,000
 * documents cost what a hundred do. A row not fetched yet is a placeholder (`.docrow-placeholder`); the scroller
 * is `aria-busy` from a sort or filter change until the rows on screen are real. Ticking works on ids, so a
 * Shift+click range or "All" covers rows never loaded.
 *
 * The list is one Tab stop (roving tabindex, kept rendered while scrolled away): ↑/↓, PgUp/PgDn, Home/End move,
 * Enter opens, Space ticks (Delete stays the reader's key for the selected annotation; the pane's Delete… button
 * deletes ticked documents). Mouse: a click opens, the box or Ctrl/Cmd+click ticks, Shift+click ticks a range.
 * Every row's text takes its direction from its content (`dir="auto"`).
 */
export function DocumentList(p: Props) {
  const { ids, rows, loading, work, labels, openId, sort, selection, filtered, listKey, onSort, onOpen, onSelect, onShowRows } = p;
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const focusPending = useRef(false);
  const at = Math.min(active, Math.max(0, ids.length - 1));
  // Built when the selection changes, not on every scroll frame (a select-all holds every id).
  const ticked = useMemo(() => new Set(selection), [selection]);
  const going = useMemo(() => new Set(work?.ids ?? []), [work]);
  const virtual = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The focusable row stays in the DOM however far the list scrolls, so Tab always reaches the list.
    rangeExtractor: (range: Range) => [...new Set([...defaultRangeExtractor(range), at])].sort((a, b) => a - b),
  });
  const items = virtual.getVirtualItems(); // first: it works out `range`, the rows on screen
  const shown = virtual.range;
  const first = shown?.startIndex ?? 0;
  const last = shown ? Math.min(shown.endIndex, ids.length - 1) : -1;

  // The rows on screen first, then those around them: what the workbench should have. Asked before the frame is
  // painted (a layout effect), so the request leaves one frame sooner.
  useLayoutEffect(() => {
    if (last < first) return;
    const wanted = ids.slice(first, last + 1);
    const below = ids.slice(last + 1, last + 1 + FETCH_AHEAD);
    const above = ids.slice(Math.max(0, first - FETCH_AHEAD), first).reverse();
    // The Tab stop's row stays rendered wherever the list is scrolled: it must be a real row too.
    const tabStop = at < first || at > last + FETCH_AHEAD ? [ids[at]] : [];
    onShowRows([...wanted, ...below, ...above, ...tabStop]);
  }, [ids, rows, first, last, at, onShowRows]);

  // A new sort or filter starts at the top of the new order.
  const lastKey = useRef(listKey);
  useEffect(() => {
    if (lastKey.current === listKey) return;
    lastKey.current = listKey;
    virtual.scrollToOffset(0);
  }, [listKey, virtual]);

  // The open document becomes the row the list's Tab stop is on.
  useEffect(() => {
    const i = openId === null ? -1 : ids.indexOf(openId);
    if (i !== -1) setActive(i);
  }, [openId, ids]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${at}"]`)?.focus();
  }, [at]);

  const tick = (id: number, range: boolean) => {
    onSelect(nextSelection(ids, selection, anchor.current, { id, range }));
    if (!range) anchor.current = id;
  };

  const onRowClick = (e: MouseEvent, i: number, id: number) => {
    setActive(i);
    if (e.shiftKey) tick(id, true);
    else if (e.ctrlKey || e.metaKey) tick(id, false);
    else onOpen(id);
  };

  const onKeyDown = (e: KeyboardEvent, i: number, id: number) => {
    if (e.target !== e.currentTarget) return; // the row's checkbox handles its own keys
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1);
    const next = movedFocus(e.key, i, ids.length, page);
    if (next !== null && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey && next !== i) onSelect(nextSelection(ids, selection, id, { id: ids[next], range: true }));
      focusPending.current = true;
      setActive(next);
      virtual.scrollToIndex(next);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      // (Ctrl+Enter is the window's: mark done and open the next one not done.)
      e.preventDefault();
      e.stopPropagation();
      onOpen(id);
    } else if (e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      tick(id, e.shiftKey);
    }
  };

  // Busy until the rows on screen are the new list's real documents, and while documents are deleted or restored.
  let busy = loading || !!work || (ids.length > 0 && !shown);
  for (let i = first; !busy && i <= last; i++) busy = !rows.has(ids[i]);
  const empty = !loading && ids.length === 0;

  return (
    <div className="doclist">
      <div className="doclist-sort" role="toolbar" aria-label="Sort documents">
        <span className="muted">Sort</span>
        {columns.map((c) => (
          <button
            key={c.by}
            className={`chip ${sort.by === c.by ? 'chip-on' : ''}`}
            onClick={() => onSort(c.by)}
            aria-pressed={sort.by === c.by}
          >
            {c.label}
            {sort.by === c.by ? (sort.dir === 'asc' ? ' ↑' : ' ↓') : ''}
          </button>
        ))}
      </div>
      {work ? (
        <p className="doclist-work" role="status">
          {work.verb} {countOf(work.count, 'document')}…
        </p>
      ) : null}
      {empty ? (
        <div className="empty">
          {filtered ? (
            <p>No document matches these filters.</p>
          ) : (
            <>
              <p>No documents yet.</p>
              <p className="muted">Import .txt or .md files, or drop a folder anywhere on this window.</p>
            </>
          )}
        </div>
      ) : (
        <div className="doclist-scroll" ref={scroller} role="listbox" aria-label="Documents" aria-multiselectable="true" aria-busy={busy}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const id = ids[v.index];
              return (
                <DocRow
                  key={id}
                  id={id}
                  index={v.index}
                  top={v.start}
                  height={ROW_HEIGHT}
                  doc={rows.get(id)?.row ?? null}
                  labels={labels}
                  open={id === openId}
                  ticked={ticked.has(id)}
                  going={going.has(id)}
                  tabStop={v.index === at}
                  onClick={(e) => onRowClick(e, v.index, id)}
                  onKeyDown={(e) => onKeyDown(e, v.index, id)}
                  onFocus={() => setActive(v.index)}
                  onTick={(range) => {
                    setActive(v.index);
                    tick(id, range);
                  }}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
