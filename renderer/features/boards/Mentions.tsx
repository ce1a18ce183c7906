import { useState } from 'react';
import { SourceDot } from './SourceDot';
import type { ColorOf, Mention, OpenMention } from './types';

/** Mentions shown before a card folds the rest behind "Show all". */
const MENTIONS_FOLDED = 8;

/** The mentions in date order (as the backend sends them); each opens its document at the span. */
export function Mentions({ mentions, colorOf, onOpen }: { mentions: Mention[]; colorOf: ColorOf; onOpen: OpenMention }) {
  const [all, setAll] = useState(false);
  // Folding away one or two rows saves nothing: fold only when it hides at least three.
  const foldable = mentions.length > MENTIONS_FOLDED + 2;
  const shown = foldable && !all ? mentions.slice(0, MENTIONS_FOLDED) : mentions;
  return (
    <div className="board-section board-mentions-section">
      <h4 className="board-section-title">Mentions · {mentions.length}</h4>
      <ul className="board-mentions">
        {shown.map((m) => (
          <li key={m.annotationId}>
            <button
              className="board-mention"
              data-annotation-id={m.annotationId}
              data-doc-id={m.docId}
              title="Open in the document"
              onClick={() => onOpen(m.docId, m.annotationId)}
            >
              <span className={`board-mention-date ${m.date ? '' : 'board-undated'}`}>{m.date ?? 'undated'}</span>
              <span className="board-mention-source" title={m.source ?? undefined}>
                <SourceDot color={colorOf(m.source)} />
                <span className="board-ellipsis" dir="auto">{m.source ?? 'unknown source'}</span>
              </span>
              <span className="board-mention-body">
                <span className="board-mention-title" dir="auto">{m.docTitle}</span>
                <span className="board-mention-text" dir="auto">{m.text}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {foldable ? (
        <button className="board-more" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer' : `Show all ${mentions.length} mentions`}
        </button>
      ) : null}
    </div>
  );
}
