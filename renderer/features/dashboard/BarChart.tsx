import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Bar } from '@visx/shape';
import { scaleBand, scaleLinear } from '@visx/scale';
import { fit, type Chart, type ChartBar } from './shape';

const ROW = 28;
const VERTICAL_HEIGHT = 190;
const MAX_COLUMN = 56;

/** The width of the element behind `ref`, following resizes (the chart draws to it). */
export function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.floor(e.contentRect.width)));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}

interface Props {
  chart: Chart;
  onActivate(bar: ChartBar): void;
}

/**
 * One chart as SVG (visx scales and bars): every bar with a target is a focusable button (Tab reaches it, Enter or
 * Space opens it) named with its figures; values are written beside the bars, and a table under the chart gives
 * the same numbers. Colours come from the theme (`currentColor`, CSS variables) or the label's own colour.
 */
export function BarChart({ chart, onActivate }: Props) {
  const [ref, width] = useWidth();
  const bars = chart.bars;
  return (
    <div className="dash-chart" ref={ref}>
      {bars.length === 0 ? (
        <p className="dash-empty">{chart.empty}</p>
      ) : width > 0 ? (
        chart.orientation === 'horizontal' ? (
          <Horizontal chart={chart} width={width} onActivate={onActivate} />
        ) : (
          <Vertical chart={chart} width={width} onActivate={onActivate} />
        )
      ) : null}
    </div>
  );
}

/** The props every bar's group gets: a button where the bar leads somewhere, an image with a name otherwise. */
function barProps(bar: ChartBar, onActivate: (bar: ChartBar) => void) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onActivate(bar);
  };
  return bar.target
    ? { role: 'button', tabIndex: 0, 'aria-label': bar.name, className: 'dash-bar dash-bar-link', onClick: () => onActivate(bar), onKeyDown, 'data-key': bar.key }
    : { role: 'img', 'aria-label': bar.name, className: 'dash-bar', 'data-key': bar.key };
}

const fillOf = (bar: ChartBar) => bar.color ?? 'var(--dash-bar)';

function Horizontal({ chart, width, onActivate }: { chart: Chart; width: number; onActivate(bar: ChartBar): void }) {
  const bars = chart.bars;
  const labelWidth = Math.min(170, Math.max(80, Math.round(width * 0.32)));
  const valueRoom = 56;
  const height = bars.length * ROW;
  const x = scaleLinear<number>({ domain: [0, Math.max(1, ...bars.map((b) => b.value))], range: [0, Math.max(20, width - labelWidth - valueRoom)] });
  const y = scaleBand<string>({ domain: bars.map((b) => b.key), range: [0, height], padding: 0.22 });
  return (
    <svg width={width} height={height} role="group" aria-label={chart.title} className="dash-svg">
      {bars.map((b) => {
        const top = y(b.key) ?? 0;
        const w = Math.max(b.value > 0 ? 2 : 0, x(b.value));
        return (
          <g key={b.key} {...barProps(b, onActivate)}>
            <title>{b.name}</title>
            {/* The whole row takes the click, so a short bar is as easy to hit as a long one. */}
            <rect className="dash-hit" x={0} y={top - 3} width={width} height={y.bandwidth() + 6} />
            <text className="dash-axis-label" x={labelWidth - 8} y={top + y.bandwidth() / 2} textAnchor="end" dominantBaseline="central">
              {fit(b.label, labelWidth - 12)}
            </text>
            <Bar className="dash-rect" x={labelWidth} y={top} width={w} height={y.bandwidth()} rx={3} fill={fillOf(b)} />
            <text className="dash-value" x={labelWidth + w + 6} y={top + y.bandwidth() / 2} dominantBaseline="central">
              {b.value.toLocaleString('en')}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function Vertical({ chart, width, onActivate }: { chart: Chart; width: number; onActivate(bar: ChartBar): void }) {
  const bars = chart.bars;
  const bottom = 26;
  const top = 18;
  // Few bars stay slim (at most MAX_COLUMN wide) and start at the left, like a timeline's first days.
  const room = Math.min(width - 8, bars.length * MAX_COLUMN * 1.25);
  const x = scaleBand<string>({ domain: bars.map((b) => b.key), range: [4, 4 + room], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, Math.max(1, ...bars.map((b) => b.value))], range: [VERTICAL_HEIGHT - bottom, top] });
  // Axis labels only where they fit: every n-th bar when the bars are narrow.
  const every = Math.max(1, Math.ceil(60 / Math.max(1, x.step())));
  return (
    <svg width={width} height={VERTICAL_HEIGHT} role="group" aria-label={chart.title} className="dash-svg">
      <line className="dash-baseline" x1={0} x2={width} y1={VERTICAL_HEIGHT - bottom + 0.5} y2={VERTICAL_HEIGHT - bottom + 0.5} />
      {bars.map((b, i) => {
        const left = x(b.key) ?? 0;
        const barTop = Math.min(y(b.value), VERTICAL_HEIGHT - bottom - (b.value > 0 ? 2 : 0));
        const mid = left + x.bandwidth() / 2;
        return (
          <g key={b.key} {...barProps(b, onActivate)}>
            <title>{b.name}</title>
            <rect className="dash-hit" x={left - 2} y={0} width={x.bandwidth() + 4} height={VERTICAL_HEIGHT} />
            <Bar className="dash-rect" x={left} y={barTop} width={x.bandwidth()} height={VERTICAL_HEIGHT - bottom - barTop} rx={3} fill={fillOf(b)} />
            <text className="dash-value" x={mid} y={barTop - 5} textAnchor="middle">
              {b.value.toLocaleString('en')}
            </text>
            {i % every === 0 ? (
              <text className="dash-axis-label" x={mid} y={VERTICAL_HEIGHT - 8} textAnchor="middle">
                {fit(b.label, Math.max(x.step() * every - 4, 24))}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
