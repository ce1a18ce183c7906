import type { ClusterSummary } from '../../../common/model';
import { datePosition, dotLanes, rangeDays, type DateRange } from './timeline';
import { SourceDot } from './SourceDot';
import { plural, type ColorOf, type Mention, type OpenMention } from './types';

/** Closest two timeline dots may sit (fraction of the strip) before the later one moves to a lane below. */
const DOT_GAP = 0.016;
/** Pixels between two lanes of dots. */
const LANE_PX = 10;

interface Props {
  cluster: ClusterSummary;
  /** The board's own time axis, shared by every card so that dates line up. */
  range: DateRange | null;
  colorOf: ColorOf;
  onOpen: OpenMention;
}

/** One dot per dated mention on the board's own time axis, coloured by source; undated mentions are counted below. */
export function MentionTimeline({ cluster: c, range, colorOf, onOpen }: Props) {
  const placed = c.mentions
    .map((m) => ({ m, x: datePosition(m.date, range) }))
    .filter((p): p is { m: Mention; x: number } => p.x !== null);
  const undated = c.mentions.filter((m) => datePosition(m.date, range) === null);
  const lanes = dotLanes(
    placed.map((p) => p.x),
    DOT_GAP,
  );
  const laneCount = placed.length ? Math.max(...lanes) + 1 : 1;
  const height = 20 + (laneCount - 1) * LANE_PX;
  const first = datePosition(c.firstDate, range);
  const last = datePosition(c.lastDate, range);
  const sources = [...new Set(c.mentions.map((m) => m.source ?? ''))];
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

  return (
    <div className="board-timeline">
      <h4 className="board-section-title">Timeline</h4>
      {range && placed.length ? (
        <>
          <div className="board-timeline-strip">
            <svg
              className="board-timeline-svg"
              width="100%"
              height={height}
              role="img"
              aria-label={`Timeline: ${plural(placed.length, 'dated mention')} between ${c.firstDate} and ${c.lastDate}`}
            >
              <line className="board-timeline-track" x1="0%" x2="100%" y1={10} y2={10} />
              {first !== null && last !== null ? (
                <line className="board-timeline-span" x1={pct(first)} x2={pct(last)} y1={10} y2={10} />
              ) : null}
              {placed.map(({ m, x }, i) => (
                <circle
                  key={m.annotationId}
                  className="board-dot"
                  data-annotation-id={m.annotationId}
                  cx={pct(x)}
                  cy={10 + lanes[i] * LANE_PX}
                  r={4.5}
                  fill={colorOf(m.source)}
                  onClick={() => onOpen(m.docId, m.annotationId)}
                >
                  <title>{`${m.source ?? 'unknown source'} · ${m.date} · ${m.text}`}</title>
                </circle>
              ))}
            </svg>
          </div>
          <div className="board-timeline-axis" aria-hidden>
            <span>{range.start}</span>
            {range.startDay !== range.endDay ? <span className="board-timeline-days">{plural(rangeDays(range), 'day')}</span> : null}
            <span>{range.end}</span>
          </div>
        </>
      ) : (
        <p className="board-timeline-none">No dated mentions to place on the timeline.</p>
      )}
      <div className="board-legend">
        {sources.map((s) => (
          <span key={s} className="board-legend-item">
            <SourceDot color={colorOf(s || null)} />
            {s || 'unknown source'}
          </span>
        ))}
        {undated.length && placed.length ? (
          <span className="board-legend-undated" title={undated.map((m) => `${m.source ?? 'unknown source'} · ${m.docTitle}`).join('\n')}>
            + {undated.length} undated, not on the timeline
          </span>
        ) : null}
      </div>
    </div>
  );
}
