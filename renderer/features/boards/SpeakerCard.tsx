import { useMemo } from 'react';
import { CardHead } from './CardHead';
import { Mentions } from './Mentions';
import { SourceDot } from './SourceDot';
import { cardColors, type CardProps } from './types';

/** A speaker cluster: its name, counts and dates, the spellings it goes by (with how often), its sources and mentions. */
export function SpeakerCard({ cluster: c, colorOf: boardColors, onRename, onRenamed, onOpen }: CardProps) {
  const colorOf = useMemo(() => cardColors(c, boardColors), [c, boardColors]);
  const counts = new Map<string, number>();
  for (const m of c.mentions) counts.set(m.text.trim(), (counts.get(m.text.trim()) ?? 0) + 1);
  return (
    <section className="board-card board-card-speaker" aria-label={`Speaker cluster: ${c.name}`} data-cluster-id={c.id}>
      <CardHead cluster={c} onRename={onRename} onRenamed={onRenamed} />
      <div className="board-section">
        <h4 className="board-section-title">{c.spellings.length === 1 ? 'Spelling' : `Spellings · ${c.spellings.length}`}</h4>
        <ul className="board-chips board-spellings" aria-label="Spellings">
          {c.spellings.map((s) => (
            <li key={s} className="board-chip board-spelling">
              <span className="board-chip-text" dir="auto">{s}</span>
              {(counts.get(s) ?? 0) > 1 ? <span className="board-chip-count">×{counts.get(s)}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      {c.sources.length ? (
        <div className="board-section">
          <h4 className="board-section-title">Sources · {c.sources.length}</h4>
          <ul className="board-chips board-sources" aria-label="Sources">
            {c.sources.map((s) => (
              <li key={s} className="board-chip board-source">
                <SourceDot color={colorOf(s)} />
                <span className="board-chip-text" dir="auto">{s}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Mentions mentions={c.mentions} colorOf={colorOf} onOpen={onOpen} />
    </section>
  );
}
