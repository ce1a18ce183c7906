import { Bar } from '@visx/shape';
import { scaleLinear } from '@visx/scale';
import { useWidth } from '../dashboard/BarChart';
import { formatScore } from './measures';
import { LABEL_FIGURES, type LabelFigures } from './labelFigures';

const ROW = 20;
const HEAD = 22;
const GAP = 10;

/**
 * Per-label bars (visx scale and bars): for each label, exact and overlap F1 and κ (of the chosen pair, or the
 * mean over pairs) and α, each written beside its bar ("—" where 0/0). A bar reaches from 0, leftwards for a
 * negative κ or α.
 */
export function LabelBars({ rows, title }: { rows: LabelFigures[]; title: string }) {
  const [ref, width] = useWidth();
  const nameWidth = 84;
  const valueRoom = 44;
  const values = rows.flatMap((r) => LABEL_FIGURES.map((f) => r[f.key] ?? 0));
  const lo = Math.min(0, ...values);
  const x = scaleLinear<number>({ domain: [lo, 1], range: [nameWidth, Math.max(nameWidth + 40, width - valueRoom)] });
  const blockHeight = HEAD + LABEL_FIGURES.length * ROW + GAP;
  return (
    <div className="agr-bars" ref={ref}>
      {rows.length === 0 ? (
        <p className="agr-empty">No label has spans in the compared documents.</p>
      ) : width > 0 ? (
        <svg width={width} height={rows.length * blockHeight} role="group" aria-label={title} className="agr-svg">
          {rows.map((r, i) => {
            const top = i * blockHeight;
            return (
              <g key={r.label} data-label={r.label}>
                <text className="agr-bar-label" x={0} y={top + HEAD / 2 + 2} dominantBaseline="central">
                  {r.label}
                </text>
                {LABEL_FIGURES.map((f, j) => {
                  const v = r[f.key];
                  const y = top + HEAD + j * ROW;
                  const from = x(Math.min(0, v ?? 0));
                  const to = x(Math.max(0, v ?? 0));
                  const name = `${r.label}, ${f.name}: ${v === null ? '— (0/0: no spans of this label on either side, or every word coded alike)' : formatScore(v)}`;
                  return (
                    <g key={f.key} role="img" aria-label={name} className="agr-bar" data-figure={f.key}>
                      <title>{name}</title>
                      <text className="agr-bar-name" x={nameWidth - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="central">
                        {f.name}
                      </text>
                      <Bar className={`agr-rect agr-rect-${f.key}`} x={from} y={y + 3} width={Math.max(v ? 2 : 0, to - from)} height={ROW - 6} rx={2} />
                      <text className="agr-bar-value" x={to + 6} y={y + ROW / 2} dominantBaseline="central">
                        {formatScore(v)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      ) : null}
    </div>
  );
}
