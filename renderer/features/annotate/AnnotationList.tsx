import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Annotation, Label } from '../../../common/model';
import { annotationName } from './annotationName';
import type { LayerLook } from '../layers/layerStyles';
import type { Proposal } from '../../../common/proposals';
import { provenance, proposalName } from '../proposals/summary';
import { useAfterPaint } from './afterPaint';
import './annotationList.css';

interface Props {
  annotations: Annotation[];
  labels: Label[];
  hidden: number[];
  selectedId: number | null;
  onToggleLabel(id: number): void;
  onSelect(id: number): void;
  /**
   * With several layers shown (issue 13): how each annotator's layer is drawn. Every row then names whose span it
   * is, and another layer's rows are outlined as its spans are in the reader.
   */
  layers?: ReadonlyMap<number, LayerLook>;
  /**
   * Pre-annotation (issue 14): the document's open proposals. A "proposed" chip then lists them instead of the
   * annotations (the label chips filter them alike); a click makes one current.
   */
  proposals?: readonly Proposal[];
  currentProposalId?: number | null;
  onSelectProposal?(id: number): void;
}

/**
 * Every annotation of the open document in reading order; a click jumps to the span. Virtualised: a
 * book-length report with ten thousand spans renders the few rows in view.
 */
export const AnnotationList = memo(function AnnotationList(props: Props) {
  const { labels, hidden, onToggleLabel, onSelect, layers, onSelectProposal } = props;
  // The list follows a tag in a render of its own, after the highlight and the editor have been drawn (useAfterPaint:
  // with ten thousand rows its render and the virtualiser's measuring are a few milliseconds, which a busy machine
  // would otherwise add to the frame that answers the key), and a next key press interrupts the list's render.
  const annotations = useDeferredValue(useAfterPaint(props.annotations));
  const selectedId = useDeferredValue(useAfterPaint(props.selectedId));
  const proposals = useDeferredValue(props.proposals);
  const currentProposalId = useDeferredValue(props.currentProposalId ?? null);
  const [proposedOnly, setProposedOnly] = useState(false);
  const listed: readonly (Annotation | Proposal)[] = proposedOnly ? proposals ?? [] : annotations;
  // Ten thousand spans in a long report: the filter, the counts and the virtualiser's row positions are worked out
  // again only when the list changes (a tag), not on every render of the workbench around it.
  const shown = useMemo(() => (hidden.length ? listed.filter((a) => !hidden.includes(a.labelId)) : listed), [listed, hidden]);
  const counts = useMemo(() => {
    const n = new Map<number, number>();
    for (const a of listed) n.set(a.labelId, (n.get(a.labelId) ?? 0) + 1);
    return n;
  }, [listed]);
  const activeId = proposedOnly ? currentProposalId : selectedId;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const scroller = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((i: number) => shown[i].id, [shown]);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 58,
    overscan: 8,
    getItemKey,
    // Scrolling to the selected row re-renders with the next frame, not inside the commit that selected it.
    useFlushSync: false,
  });
  // Keep the selected annotation's (or current proposal's) row in view when it is chosen in the text.
  useEffect(() => {
    const i = shown.findIndex((a) => a.id === activeId);
    if (i >= 0) virtual.scrollToIndex(i, { align: 'auto' });
  }, [activeId, proposedOnly]);
  return (
    <section className="annlist" aria-label="Annotations">
      <div className="annlist-head">
        <h2>
          {/* The header names what the list shows: with "proposed" pressed, the proposals and their count. */}
          {proposedOnly ? 'Proposals' : 'Annotations'} <span className="muted">{listed.length}</span>
        </h2>
        <div className="annlist-filter" role="group" aria-label="Show labels">
          {proposals ? (
            <button
              className={`chip chip-proposed ${proposedOnly ? 'chip-on' : ''}`}
              aria-pressed={proposedOnly}
              onClick={() => setProposedOnly((on) => !on)}
              title="List the proposals waiting for your decision instead of the annotations"
              data-testid="proposed-filter"
            >
              proposed {proposals.length}
            </button>
          ) : null}
          {labels.map((l) => {
            const n = counts.get(l.id) ?? 0;
            const on = !hidden.includes(l.id);
            return (
              <button
                key={l.id}
                className={`chip ${on ? 'chip-on' : ''}`}
                style={{ ['--c' as string]: l.color }}
                aria-pressed={on}
                onClick={() => onToggleLabel(l.id)}
              >
                <span className="swatch" /> {l.name} {n}
              </button>
            );
          })}
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="muted pad">
          {listed.length
            ? 'All labels are filtered out.'
            : proposedOnly
              ? 'No proposals wait in this document. Pre-annotate… proposes figures, speakers and claims.'
              : 'Select text in the document and press a label key.'}
        </p>
      ) : (
        <div className="annlist-scroll" ref={scroller}>
        <ul className="annlist-items" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((row) => {
            const item = shown[row.index];
            const l = byId.get(item.labelId);
            if (!('annotatorId' in item)) {
              return (
                <li key={item.id} data-index={row.index} ref={virtual.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                  <button
                    className={`annrow annrow-proposed ${item.id === currentProposalId ? 'annrow-on' : ''}`}
                    style={{ ['--c' as string]: l?.color ?? '#888' }}
                    onClick={() => onSelectProposal?.(item.id)}
                    data-proposal-id={item.id}
                    aria-label={proposalName(item)}
                    aria-current={item.id === currentProposalId ? 'true' : undefined}
                  >
                    <span className="annrow-label">proposed {item.label}</span>
                    <span className="annrow-text" dir="auto">{item.text}</span>
                    <span className="annrow-prov">{provenance(item)}</span>
                  </button>
                </li>
              );
            }
            const a = item;
            const look = layers?.get(a.annotatorId);
            return (
              <li key={a.id} data-index={row.index} ref={virtual.measureElement} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}>
                <button
                  className={`annrow ${a.id === selectedId ? 'annrow-on' : ''} ${look?.line ? 'annrow-other' : ''}`}
                  style={{ ['--c' as string]: l?.color ?? '#888' }}
                  onClick={() => onSelect(a.id)}
                  data-ann-id={a.id}
                  aria-label={annotationName(a, l?.name) + (look ? `, ${look.name}'s layer` : '')}
                  aria-current={a.id === selectedId ? 'true' : undefined}
                >
                  <span className="annrow-label">
                    {l?.name ?? '?'}
                    {look ? <span className="annrow-layer"> · {look.name}</span> : null}
                  </span>
                  <span className="annrow-text" dir="auto">{a.text}</span>
                  {a.note ? <span className="annrow-note" title={a.note} dir="auto">✎ {a.note}</span> : null}
                  {Object.keys(a.attributes).length ? (
                    <span className="annrow-attrs">
                      {Object.entries(a.attributes).map(([k, v]) => (
                        <span key={k} className="attr" dir="auto">
                          {k}: {v}
                        </span>
                      ))}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
        </div>
      )}
    </section>
  );
});
