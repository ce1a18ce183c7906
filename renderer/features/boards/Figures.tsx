import type { ClusterSummary } from '../../../common/model';
import type { Figure, OpenMention } from './types';

/** Cited figures side by side; each pair that disagrees gets its own warning row. */
export function Figures({ cluster: c, onOpen }: { cluster: ClusterSummary; onOpen: OpenMention }) {
  if (!c.figures.length) return null;
  const byId = new Map(c.figures.map((f) => [f.annotationId, f]));
  const inConflict = new Set(c.conflicts.flatMap((k) => [k.a, k.b]));
  const chip = (f: Figure, warn: boolean, key?: string) => (
    <button
      key={key ?? f.annotationId}
      className={`board-figure ${warn ? 'board-figure-conflict' : ''}`}
      data-annotation-id={f.annotationId}
      title="Open in the document"
      onClick={() => onOpen(f.docId, f.annotationId)}
    >
      <span className="board-figure-text" dir="auto">{f.text}</span>
      <span className="board-figure-source"> — {f.source ?? 'unknown source'}</span>
    </button>
  );
  return (
    <div className="board-section board-figures">
      <h4 className="board-section-title">Figures · {c.figures.length}</h4>
      <div className="board-figure-chips">{c.figures.map((f) => chip(f, inConflict.has(f.annotationId)))}</div>
      {c.conflicts.length ? (
        <ul className="board-conflicts">
          {c.conflicts.map((k) => {
            const a = byId.get(k.a);
            const b = byId.get(k.b);
            return (
              <li key={`${k.a}-${k.b}`} className="board-conflict">
                <span className="board-conflict-icon" aria-hidden>
                  ⚠
                </span>
                <span className="board-conflict-why">Figures disagree: {k.why}</span>
                <span className="board-conflict-pair">
                  {a ? chip(a, true, 'a') : null}
                  <span className="board-conflict-vs" aria-hidden>
                    vs
                  </span>
                  {b ? chip(b, true, 'b') : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : c.figures.length > 1 ? (
        <p className="board-figures-agree">✓ figures agree</p>
      ) : (
        <p className="board-figures-agree">One figure cited: nothing to compare yet</p>
      )}
    </div>
  );
}
