import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DocumentSort, DocumentSummary, Label } from '../../../common/model';

interface Props {
  docs: DocumentSummary[];
  labels: Label[];
  openId: number | null;
  sort: { by: DocumentSort; dir: 'asc' | 'desc' };
  onSort(by: DocumentSort): void;
  onOpen(id: number): void;
}

const ROW_HEIGHT = 64;

const columns: { by: DocumentSort; label: string }[] = [
  { by: 'title', label: 'Title' },
  { by: 'date', label: 'Date' },
  { by: 'source', label: 'Source' },
  { by: 'annotations', label: 'Tags' },
];

/** All documents of the project, virtualised: ten thousand rows cost what twenty do. */
export function DocumentList({ docs, labels, openId, sort, onSort, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: docs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

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
          <p>No documents yet.</p>
          <p className="muted">Import .txt or .md files, or drop a folder anywhere on this window.</p>
        </div>
      ) : (
        <div className="doclist-scroll" ref={scroller} role="listbox" aria-label="Documents">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((row) => {
              const d = docs[row.index];
              return (
                <div
                  key={d.id}
                  role="option"
                  aria-selected={d.id === openId}
                  data-doc-id={d.id}
                  className={`docrow ${d.id === openId ? 'docrow-open' : ''}`}
                  style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => onOpen(d.id)}
                  title={d.path ?? d.title}
                >
                  <div className="docrow-title">{d.title}</div>
                  <div className="docrow-meta">
                    {d.done ? (
                      <span className="docrow-done" title="Marked done">
                        ✓
                      </span>
                    ) : null}
                    <span>{d.date ?? 'no date'}</span>
                    {d.source ? <span className="docrow-source">{d.source}</span> : null}
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
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
