import type { FocusEvent, KeyboardEvent, MouseEvent } from 'react';
import type { DocumentSummary, Label } from '../../../common/model';

interface Props {
  id: number;
  /** Place in the list (0-based), for keyboard focus. */
  index: number;
  /** Offset from the list's top and height, in CSS pixels. */
  top: number;
  height: number;
  /** The row's summary, or null while it loads (drawn as a placeholder that still ticks and opens). */
  doc: DocumentSummary | null;
  labels: Label[];
  open: boolean;
  ticked: boolean;
  /** Being deleted right now (the list says so above): drawn dimmed and busy until it leaves the list. */
  going: boolean;
  /** The list's one Tab stop (roving tabindex). */
  tabStop: boolean;
  onClick(e: MouseEvent): void;
  onKeyDown(e: KeyboardEvent): void;
  onFocus(e: FocusEvent): void;
  /** The tick box was clicked; `range`: with Shift. */
  onTick(range: boolean): void;
}

/**
 * One row of the document list: a tick box, the title, then date, source, done and the per-label counts. A row
 * whose summary has not arrived is `.docrow-placeholder` (grey bars, `aria-busy`) with the same id, place and
 * tick box, so ticking and opening never wait for it.
 */
export function DocRow({ id, index, top, height, doc, labels, open, ticked, going, tabStop, onClick, onKeyDown, onFocus, onTick }: Props) {
  return (
    <div
      role="option"
      aria-selected={ticked}
      aria-current={open ? 'true' : undefined}
      aria-busy={doc && !going ? undefined : true}
      aria-label={doc ? undefined : 'Loading document'}
      tabIndex={tabStop ? 0 : -1}
      data-index={index}
      data-id={id}
      className={`docrow ${doc ? '' : 'docrow-placeholder'} ${open ? 'docrow-open' : ''} ${ticked ? 'docrow-ticked' : ''} ${going ? 'docrow-going' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      // Shift+click ticks a range: without this the browser also extends a text selection over the rows' titles.
      onMouseDown={(e) => e.shiftKey && e.preventDefault()}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      title={doc ? (doc.path ? `${doc.title}\n${doc.path}` : doc.title) : undefined}
    >
      {/* A drawn box, not an <input>: a control inside an option is nested-interactive (axe); the row's
          aria-selected already says it is ticked, and Space on the row ticks it. */}
      <span
        className={`docrow-tick ${ticked ? 'docrow-tick-on' : ''}`}
        aria-hidden="true"
        data-testid="docrow-tick"
        onClick={(e) => {
          e.stopPropagation();
          onTick(e.shiftKey);
        }}
      />
      {doc ? (
        <div className="docrow-body">
          <div className="docrow-title" dir="auto">
            {doc.title}
          </div>
          <div className="docrow-meta">
            {doc.done ? (
              <span className="docrow-done" title="Marked done">
                ✓
              </span>
            ) : null}
            <span>{doc.date ?? 'no date'}</span>
            {doc.source ? (
              <span className="docrow-source" dir="auto">
                {doc.source}
              </span>
            ) : null}
            <span className="docrow-counts">
              {labels.map((l) =>
                doc.counts[l.id] ? (
                  <span key={l.id} className="count" style={{ ['--c' as string]: l.color }} title={`${doc.counts[l.id]} ${l.name}`}>
                    {doc.counts[l.id]}
                  </span>
                ) : null,
              )}
            </span>
          </div>
        </div>
      ) : (
        <div className="docrow-body" aria-hidden="true">
          <div className="docrow-bar docrow-bar-title" />
          <div className="docrow-bar docrow-bar-meta" />
        </div>
      )}
    </div>
  );
}
