import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatScore } from './measures';
import type { DocumentRow } from './documentRows';

const ROW_HEIGHT = 40;

/** The figure columns after the disagreement, in order. */
const FIGURES = [
  { key: 'exactF1', head: 'Exact F1' },
  { key: 'overlapF1', head: 'Overlap F1' },
  { key: 'kappa', head: 'κ' },
  { key: 'alpha', head: 'α' },
] as const;

interface Props {
  rows: DocumentRow[];
  onOpen(row: DocumentRow): void;
}

/**
 * The documents, most disagreement first, virtualised (a corpus of thousands costs what twenty rows do). Each row
 * is a button that opens the document with the compared layers; its figures are written in columns, and its name
 * says them all for a screen reader.
 */
export function DocumentTable({ rows, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  if (rows.length === 0) return <p className="agr-empty">No document is annotated by both.</p>;
  return (
    <div className="agr-docs">
      {/* The column heads are for the eye; each row's button names its figures for a screen reader. */}
      <div className="agr-docrow-head" aria-hidden>
        <span>Document</span>
        <span className="agr-num">
          Disagreement
        </span>
        {FIGURES.map((f) => (
          <span key={f.key} className="agr-num">
            {f.head}
          </span>
        ))}
      </div>
      <div className="agr-docs-scroll" ref={scroller} style={{ height: Math.min(rows.length, 10) * ROW_HEIGHT + 2 }}>
        <ul className="agr-docs-list" aria-label="Documents by disagreement" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((v) => {
            const r = rows[v.index];
            const name = `${r.title}: disagreement ${formatScore(r.disagreement)}, exact F1 ${formatScore(r.exactF1)}, overlap F1 ${formatScore(r.overlapF1)}, κ ${formatScore(r.kappa)}, α ${formatScore(r.alpha)}. Open it to compare ${r.annotators.join(', ')}`;
            return (
              <li key={r.docId} aria-setsize={rows.length} aria-posinset={v.index + 1} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}>
                <button className="agr-docrow" data-doc-id={r.docId} aria-label={name} title={name} onClick={() => onOpen(r)}>
                  <span className="agr-doc-title" dir="auto">
                    {r.title}
                  </span>
                  <span className="agr-num agr-disagree">
                    <span className="agr-meter" aria-hidden>
                      <span style={{ width: `${Math.round(r.disagreement * 100)}%` }} />
                    </span>
                    {formatScore(r.disagreement)}
                  </span>
                  {FIGURES.map((f) => (
                    <span key={f.key} className="agr-num">
                      {formatScore(r[f.key])}
                    </span>
                  ))}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
