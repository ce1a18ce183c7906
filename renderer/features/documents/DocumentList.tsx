import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import type { DocumentSort, DocumentSummary, Label } from '../../../common/model';
import { movedFocus, nextSelection } from './selection';

interface Props {
  docs: DocumentSummary[];
  labels: Label[];
  openId: number | null;
  sort: { by: DocumentSort; dir: 'asc' | 'desc' };
  /** Ticked rows (ids, list order). */
  selection: number[];
  /** Whether a filter narrows the list (the empty state then says so instead of "no documents yet"). */
  filtered: boolean;
  onSort(by: DocumentSort): void;
  onOpen(id: number): void;
  onSelect(ids: number[]): void;
}

const ROW_HEIGHT = 64;

const columns: { by: DocumentSort; label: string }[] = [
  { by: 'title', label: 'Title' },
  { by: 'date', label: 'Date' },
  { by: 'source', label: 'Source' },
  { by: 'annotations', label: 'Tags' },
];

/**
 * All documents of the project the filter keeps, virtualised: ten thousand rows cost what twenty do. The list is
 * one Tab stop (roving tabindex, kept rendered while scrolled away): ↑/↓, PgUp/PgDn, Home/End move, Enter opens,
 * Space ticks (Delete stays the reader's key for the selected annotation; the pane's Delete… button deletes ticked
 * documents). Mouse: a click opens, the box or Ctrl/Cmd+click ticks,
 * Shift+click ticks a range. Every row's text takes its direction from its content (`dir="auto"`).
 */
export function DocumentList({ docs, labels, openId, sort, selection, filtered, onSort, onOpen, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const focusPending = useRef(false);
  const at = Math.min(active, Math.max(0, docs.length - 1));
  const ticked = new Set(selection);
  const virtual = useVirtualizer({
    count: docs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The focusable row stays in the DOM however far the list scrolls, so Tab always reaches the list.
    rangeExtractor: (range: Range) => [...new Set([...defaultRangeExtractor(range), at])].sort((a, b) => a - b),
  });

  // The open document becomes the row the list's Tab stop is on.
  useEffect(() => {
    const i = docs.findIndex((d) => d.id === openId);
    if (i !== -1) setActive(i);
  }, [openId, docs]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${at}"]`)?.focus();
  }, [at]);

  const tick = (id: number, range: boolean) => {
    onSelect(nextSelection(docs.map((d) => d.id), selection, anchor.current, { id, range }));
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
    const next = movedFocus(e.key, i, docs.length, page);
    if (next !== null && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey && next !== i) onSelect(nextSelection(docs.map((d) => d.id), selection, id, { id: docs[next].id, range: true }));
      focusPending.current = true;
      setActive(next);
      virtual.scrollToIndex(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      onOpen(id);
    } else if (e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      tick(id, e.shiftKey);
    }
  };

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
      {docs.length === 0 ? (
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
        <div className="doclist-scroll" ref={scroller} role="listbox" aria-label="Documents" aria-multiselectable="true">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((row) => {
              const d = docs[row.index];
              const isTicked = ticked.has(d.id);
              return (
                <div
                  key={d.id}
                  role="option"
                  aria-selected={isTicked}
                  aria-current={d.id === openId ? 'true' : undefined}
                  tabIndex={row.index === at ? 0 : -1}
                  data-index={row.index}
                  data-doc-id={d.id}
                  className={`docrow ${d.id === openId ? 'docrow-open' : ''} ${isTicked ? 'docrow-ticked' : ''}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  onClick={(e) => onRowClick(e, row.index, d.id)}
                  onKeyDown={(e) => onKeyDown(e, row.index, d.id)}
                  onFocus={() => setActive(row.index)}
                  title={d.path ? `${d.title}\n${d.path}` : d.title}
                >
                  {/* A drawn box, not an <input>: a control inside an option is nested-interactive (axe); the row's
                      aria-selected already says it is ticked, and Space on the row ticks it. */}
                  <span
                    className={`docrow-tick ${isTicked ? 'docrow-tick-on' : ''}`}
                    aria-hidden="true"
                    data-testid="docrow-tick"
                    onClick={(e) => {
                      e.stopPropagation();
                      setActive(row.index);
                      tick(d.id, e.shiftKey);
                    }}
                  />
                  <div className="docrow-body">
                    <div className="docrow-title" dir="auto">
                      {d.title}
                    </div>
                    <div className="docrow-meta">
                      {d.done ? (
                        <span className="docrow-done" title="Marked done">
                          ✓
                        </span>
                      ) : null}
                      <span>{d.date ?? 'no date'}</span>
                      {d.source ? (
                        <span className="docrow-source" dir="auto">
                          {d.source}
                        </span>
                      ) : null}
                      <span className="docrow-counts">
                        {labels.map((l) =>
                          d.counts[l.id] ? (
                            <span key={l.id} className="count" style={{ ['--c' as string]: l.color }} title={`${d.counts[l.id]} ${l.name}`}>
                              {d.counts[l.id]}
                            </span>
                          ) : null,
                        )}
                      </span>
                    </div>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
