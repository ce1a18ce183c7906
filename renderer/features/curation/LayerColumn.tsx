import { useEffect, useMemo, useRef } from 'react';
import type { CurationDiff } from '../../../common/curation';
import type { Document, Label } from '../../../common/model';
import { kindWords, layerSpans, runsOf, type Drawn } from './segments';

/**
 * One layer's text in the curation view: its spans highlighted by kind, each span tagged in words at its start
 * (label, and the kind where the layers differ), the current item outlined and scrolled into view.
 * `name` 'gold' draws the gold layer.
 */
export function LayerColumn({ name, doc, diff, labels, currentKey }: { name: string; doc: Document; diff: CurationDiff; labels: Map<number, Label>; currentKey: string | null }) {
  const cps = useMemo(() => Array.from(doc.text), [doc.text]);
  const spans: Drawn[] = useMemo(
    () =>
      name === 'gold'
        ? [
            ...diff.items.flatMap((i) => i.gold.map((g) => ({ start: g.start, end: g.end, itemKey: i.key, kind: 'gold' as const, labelId: g.labelId }))),
            ...diff.goldOnly.map((g) => ({ start: g.start, end: g.end, itemKey: null, kind: 'gold' as const, labelId: g.labelId })),
          ]
        : layerSpans(diff.items, name),
    [diff, name],
  );
  const runs = useMemo(() => runsOf(cps, spans), [cps, spans]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current?.querySelector('.cur-current');
    if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'nearest' });
  }, [currentKey, runs]);

  return (
    <div className="curation-column" data-testid={`curation-column-${name}`}>
      <h3>
        {name === 'gold' ? <span title="the adjudicated layer">gold</span> : name} <span className="muted">{spans.length} {spans.length === 1 ? 'span' : 'spans'}</span>
      </h3>
      <div className="curation-text" ref={box} tabIndex={0} aria-label={`${name}: text with spans`}>
        {runs.map((r, i) => {
          if (!r.span) return <span key={i}>{r.text}</span>;
          const label = labels.get(r.span.labelId);
          const words = `${label?.name ?? 'label'}${r.span.kind === 'agree' || r.span.kind === 'gold' ? '' : ` · ${kindWords[r.span.kind].name}`}`;
          return (
            <mark
              key={i}
              className={`cur-span cur-${r.span.kind} ${r.span.itemKey !== null && r.span.itemKey === currentKey ? 'cur-current' : ''}`}
              style={{ ['--c' as string]: label?.color ?? '#888888' }}
              title={words}
            >
              {r.opens ? <span className="cur-tag">{words}</span> : null}
              {r.text}
            </mark>
          );
        })}
      </div>
    </div>
  );
}
