// The chart of `npm run bench -- scale` (docs/bench/scale.svg, shown in the README): cost (CPU ms) against corpus
// size, both on log scales, one line per operation with its name at the line's end, and a dotted guide of slope 1
// (cost proportional to the corpus) for comparison. Plain SVG from a pure function: the axes are powers of ten, so
// a log scale is one Math.log10, and @visx/shape would add React rendering to the bench for no fewer lines.
// A white background keeps it readable in GitHub's dark theme.
import { FLOOR_MS } from './stats.js';

export interface ChartSeries {
  name: string;
  /** Gives the line's points their marker (e.g. per-request, query set, whole corpus); the legend names the groups. */
  group: string;
  /** Cost in ms at a corpus size; missing sizes are left out of the line. */
  points: { size: number; cost: number }[];
}

export interface ChartOptions {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  /** Legend wording of each group, in legend order. */
  groups: { key: string; label: string }[];
}

const W = 960;
const M = { top: 70, right: 330, bottom: 92, left: 78 };
const H = 640;
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
const LABEL_GAP = 12.5;
/** Ten hues dark enough to read as text on white (Tableau 10, the light ones darkened), then again dashed. */
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#d4489f', '#555555', '#8a8a00', '#0e8fa0', '#d46a00'];
const DASHES = ['', '7 3', '2 2.5'];
/** The point marker of each group (legend order): circle, square, diamond, triangle. */
const MARKERS = ['circle', 'square', 'diamond', 'triangle'] as const;

/** A marker of `kind` centred at (x, y). */
function marker(kind: (typeof MARKERS)[number], x: number, y: number, color: string): string {
  if (kind === 'circle') return `<circle cx="${f1(x)}" cy="${f1(y)}" r="3.2" fill="${color}"/>`;
  if (kind === 'square') return `<rect x="${f1(x - 3)}" y="${f1(y - 3)}" width="6" height="6" fill="${color}"/>`;
  const pts = kind === 'diamond' ? [[0, -4.2], [4.2, 0], [0, 4.2], [-4.2, 0]] : [[0, -4.2], [4, 3], [-4, 3]];
  return `<polygon points="${pts.map(([a, b]) => `${f1(x + a)},${f1(y + b)}`).join(' ')}" fill="${color}"/>`;
}

/** Escapes text for SVG content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Whole powers of ten covering [lo, hi] (at least one decade). */
export function decades(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  let b = Math.ceil(Math.log10(hi));
  if (b <= a) b = a + 1;
  return Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
}

/** A log axis mapping [domain lo, hi] to [range a, b]. */
export function logScale(lo: number, hi: number, a: number, b: number): (v: number) => number {
  const l0 = Math.log10(lo);
  const span = Math.log10(hi) - l0 || 1;
  return (v) => a + ((Math.log10(v) - l0) / span) * (b - a);
}

const fmtCost = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
const fmtSize = (n: number) => (n >= 1000 ? `${(n / 1000).toLocaleString('en')}k` : String(n));
const f1 = (x: number) => x.toFixed(1);

/** Spreads label positions (sorted by y) at least LABEL_GAP apart within [top, bottom], moving as little as it can. */
export function spreadLabels(ys: number[], top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = order.map((o) => o.y);
  for (let k = 1; k < out.length; k++) out[k] = Math.max(out[k], out[k - 1] + LABEL_GAP);
  if (out.length && out[out.length - 1] > bottom) {
    out[out.length - 1] = bottom;
    for (let k = out.length - 2; k >= 0; k--) out[k] = Math.min(out[k], out[k + 1] - LABEL_GAP);
  }
  for (let k = 0; k < out.length; k++) out[k] = Math.max(out[k], top + k * LABEL_GAP);
  const result = new Array<number>(ys.length);
  order.forEach((o, k) => (result[o.i] = out[k]));
  return result;
}

/**
 * The chart as an SVG document. Costs at or below zero are drawn at FLOOR_MS (never NaN); series without a point
 * are listed in the legend only.
 */
export function scaleChart(series: ChartSeries[], o: ChartOptions): string {
  const pts = series.flatMap((s) => s.points);
  const sizes = pts.map((p) => p.size).filter((s) => s > 0);
  const costs = pts.map((p) => Math.max(FLOOR_MS, p.cost)).filter(Number.isFinite);
  const xTicks = decades(sizes.length ? Math.min(...sizes) : 1000, sizes.length ? Math.max(...sizes) : 100_000);
  const yTicks = decades(costs.length ? Math.min(...costs) : 1, costs.length ? Math.max(...costs) : 1000);
  const x = logScale(xTicks[0], xTicks.at(-1)!, M.left, M.left + PW);
  const y = logScale(yTicks[0], yTicks.at(-1)!, M.top + PH, M.top);
  const groupIndex = new Map(o.groups.map((g, i) => [g.key, i]));
  const style = series.map((s, k) => ({
    color: COLORS[k % COLORS.length],
    dash: DASHES[Math.floor(k / COLORS.length) % DASHES.length],
    marker: MARKERS[(groupIndex.get(s.group) ?? 0) % MARKERS.length],
  }));

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="28" font-size="18" font-weight="bold" fill="#111">${escapeXml(o.title)}</text>`);
  if (o.subtitle) out.push(`<text x="${M.left}" y="48" fill="#444">${escapeXml(o.subtitle)}</text>`);
  // Grid and axes.
  for (const t of xTicks) out.push(`<line x1="${f1(x(t))}" y1="${M.top}" x2="${f1(x(t))}" y2="${M.top + PH}" stroke="#e3e3e3"/><text x="${f1(x(t))}" y="${M.top + PH + 18}" text-anchor="middle" fill="#333">${fmtSize(t)}</text>`);
  for (const t of yTicks) out.push(`<line x1="${M.left}" y1="${f1(y(t))}" x2="${M.left + PW}" y2="${f1(y(t))}" stroke="#e3e3e3"/><text x="${M.left - 8}" y="${f1(y(t) + 4)}" text-anchor="end" fill="#333">${fmtCost(t)}</text>`);
  out.push(`<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#888"/>`);
  out.push(`<text x="${M.left + PW / 2}" y="${M.top + PH + 40}" text-anchor="middle" fill="#111">${escapeXml(o.xLabel)}</text>`);
  out.push(`<text transform="translate(20 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle" fill="#111">${escapeXml(o.yLabel)}</text>`);
  // Slope-1 guide from the bottom-left corner: cost proportional to the corpus.
  const [x0, x1] = [xTicks[0], xTicks.at(-1)!];
  const gy0 = yTicks[0];
  const gy1 = Math.min(yTicks.at(-1)!, gy0 * (x1 / x0));
  const gx1 = x0 * (gy1 / gy0);
  out.push(`<line x1="${f1(x(x0))}" y1="${f1(y(gy0))}" x2="${f1(x(gx1))}" y2="${f1(y(gy1))}" stroke="#999" stroke-width="1.5" stroke-dasharray="1 4" stroke-linecap="round"/>`);
  // Lines, points, end labels.
  const ends: { y: number; i: number }[] = [];
  series.forEach((s, i) => {
    const ps = s.points.filter((p) => p.size > 0 && Number.isFinite(p.cost)).sort((a, b) => a.size - b.size);
    if (!ps.length) return;
    const xy = ps.map((p) => [x(p.size), y(Math.max(FLOOR_MS, p.cost))]);
    const { color, dash } = style[i];
    out.push(`<polyline points="${xy.map(([a, b]) => `${f1(a)},${f1(b)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    for (const [a, b] of xy) out.push(marker(style[i].marker, a, b, color));
    ends.push({ y: xy.at(-1)![1], i });
  });
  const placed = spreadLabels(ends.map((e) => e.y), M.top + 4, M.top + PH);
  const lx = M.left + PW + 14;
  ends.forEach((e, k) => {
    const s = series[e.i];
    const last = s.points.filter((p) => p.size > 0 && Number.isFinite(p.cost)).reduce((a, b) => (b.size > a.size ? b : a));
    const { color } = style[e.i];
    out.push(`<line x1="${f1(x(last.size) + 4)}" y1="${f1(e.y)}" x2="${lx - 3}" y2="${f1(placed[k])}" stroke="${color}" stroke-width="0.8"/>`);
    out.push(`<text x="${lx}" y="${f1(placed[k] + 4)}" fill="${color}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  // Legend: the groups' markers and the guide.
  let lxPos = M.left;
  const ly = H - 22;
  o.groups.forEach((g, i) => {
    out.push(marker(MARKERS[i % MARKERS.length], lxPos + 6, ly - 4, '#333'));
    out.push(`<text x="${lxPos + 16}" y="${ly}" fill="#222">${escapeXml(g.label)}</text>`);
    lxPos += 16 + g.label.length * 6.4 + 28;
  });
  const guide = 'slope 1: cost grows with the corpus';
  out.push(`<line x1="${lxPos}" y1="${ly - 4}" x2="${lxPos + 26}" y2="${ly - 4}" stroke="#999" stroke-width="1.5" stroke-dasharray="1 4" stroke-linecap="round"/>`);
  out.push(`<text x="${lxPos + 32}" y="${ly}" fill="#222">${escapeXml(guide)}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
