import { useMemo } from 'react';
import type { DateRange } from './timeline';
import { CardHead } from './CardHead';
import { Figures } from './Figures';
import { MentionTimeline } from './MentionTimeline';
import { Mentions } from './Mentions';
import { cardColors, type CardProps } from './types';

/** A claim cluster: its name, counts and dates, a timeline of its mentions, the mentions, and the figures they cite. */
export function ClaimCard({ cluster: c, range, colorOf: boardColors, onRename, onRenamed, onOpen }: CardProps & { range: DateRange | null }) {
  const colorOf = useMemo(() => cardColors(c, boardColors), [c, boardColors]);
  return (
    <section className="board-card board-card-claim" aria-label={`Claim cluster: ${c.name}`} data-cluster-id={c.id}>
      <CardHead cluster={c} onRename={onRename} onRenamed={onRenamed} />
      <MentionTimeline cluster={c} range={range} colorOf={colorOf} onOpen={onOpen} />
      <Mentions mentions={c.mentions} colorOf={colorOf} onOpen={onOpen} />
      <Figures cluster={c} onOpen={onOpen} />
    </section>
  );
}
