// From the measured figures of `npm run bench -- scale` to what it prints and writes (issue 15): growth exponents,
// pass/fail against the exponent rule and the issue's targets, the bench table rows and the README table. Pure.
import type { BenchRow } from '../types.js';
import type { Target } from './server-ops.js';
import { growthExponent, round } from './stats.js';

/** A per-request operation growing faster than this with the corpus is a regression (issue 15). */
export const MAX_EXPONENT = 1.1;

/** One operation at one size: ms. `baseline` and `ratio` for whole-corpus work measured against a raw program. */
export interface SizeFigures {
  wallMs: number;
  cpuMs: number | null;
  p95WallMs?: number;
  p95CpuMs?: number;
  calls: number;
  refused?: number;
  baseline?: { wallMs: number; cpuMs: number | null };
  /** Ours over the baseline, on wall time (the issue compares whole processes as a person waits for them). */
  ratio?: number;
  /** An export's memory (bench/entries/export.ts): peak RSS, live-heap growth, RSS growth over the run (MB). */
  memory?: { peakRssMb: number; heapGrowthMb: number; rssGrowthMb: number };
}

export interface OpFigures {
  name: string;
  /** request and set: per-request (the exponent rule applies); corpus: whole-corpus work (≈ 1 expected). */
  kind: 'request' | 'set' | 'corpus';
  target?: Target;
  /** For corpus work: the largest ratio to the baseline the issue allows. */
  maxRatio?: number;
  /** By corpus size (generated articles). */
  bySize: Record<number, SizeFigures>;
  /** Why a size has no figure (an error, a missing part). */
  missing?: Record<number, string>;
}

export interface OpVerdict extends OpFigures {
  /** Slope of log CPU time against log size; null with fewer than two sizes measured. */
  exponent: number | null;
  wallExponent: number | null;
  exponentPass?: boolean;
  /**
   * The target checked at `targetSize` (the largest size measured; 100,000 in a full run): on CPU time for a
   * server-side operation (what the code costs, whatever else the machine runs; wall time is judged beside it in
   * `wallTargetPass`), on the wall-time ratio for whole-corpus work (ours and the raw baseline run interleaved).
   */
  targetSize?: number;
  targetValue?: number;
  targetPass?: boolean;
  wallTargetValue?: number;
  wallTargetPass?: boolean;
  pass?: boolean;
}

const sizesOf = (op: OpFigures) => Object.keys(op.bySize).map(Number).sort((a, b) => a - b);

/** The exponents and pass/fail of one operation. */
export function judge(op: OpFigures): OpVerdict {
  const sizes = sizesOf(op);
  const cpuKnown = sizes.every((s) => op.bySize[s].cpuMs !== null);
  const exponent = cpuKnown ? growthExponent(sizes.map((s) => ({ size: s, cost: op.bySize[s].cpuMs! }))) : null;
  const wallExponent = growthExponent(sizes.map((s) => ({ size: s, cost: op.bySize[s].wallMs })));
  const v: OpVerdict = { ...op, exponent, wallExponent };
  if (op.kind !== 'corpus' && exponent !== null) v.exponentPass = exponent <= MAX_EXPONENT;
  const top = sizes.at(-1);
  if (top !== undefined) {
    const f = op.bySize[top];
    if (op.target) {
      const [cpu, wall] = op.target.on === 'p95' ? [f.p95CpuMs, f.p95WallMs] : [f.cpuMs, f.wallMs];
      if (cpu !== undefined && cpu !== null && wall !== undefined) {
        const max = op.target.maxMs;
        Object.assign(v, { targetSize: top, targetValue: cpu, targetPass: cpu <= max, wallTargetValue: wall, wallTargetPass: wall <= max });
      }
    } else if (op.maxRatio !== undefined && f.ratio !== undefined) {
      Object.assign(v, { targetSize: top, targetValue: f.ratio, targetPass: f.ratio <= op.maxRatio });
    }
  }
  const verdicts = [v.exponentPass, v.targetPass].filter((x) => x !== undefined);
  if (verdicts.length) v.pass = verdicts.every(Boolean);
  return v;
}

/** "1k", "10k", "100k" (sizes in the table's headings). */
export const sizeLabel = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** A figure for the table: 3 significant figures at most, whole ms above 100. */
export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 100) return String(Math.round(ms));
  if (ms >= 10) return String(round(ms, 1));
  return String(round(ms, 2));
}

const memoryText = (m: NonNullable<SizeFigures['memory']>) => `peak RSS ${Math.round(m.peakRssMb)} MB, RSS growth ${Math.round(m.rssGrowthMb)} MB`;

const fmtExp = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/** What the target cell says: the issue's words, or the allowed ratio. */
function targetText(v: OpVerdict): string {
  if (v.target) return v.target.text;
  if (v.maxRatio !== undefined) return `≤ ${v.maxRatio} × raw`;
  return '';
}

/**
 * The bench table rows of one operation: its growth exponent (per-request work: ≤ 1.1, or it fails) with the CPU
 * and wall series in the metric, then its target at the largest size when it has one.
 */
export function rowsOf(v: OpVerdict): BenchRow[] {
  const sizes = sizesOf(v);
  const series = (pick: (f: SizeFigures) => number | null | undefined) => sizes.map((s) => fmtMs(pick(v.bySize[s]))).join(' · ');
  const at = sizes.map(sizeLabel).join(' · ');
  const p95 = v.kind === 'set' ? `, p95 ${series((f) => f.p95CpuMs)}` : '';
  const rows: BenchRow[] = [
    {
      entry: 'scale',
      metric: `${v.name}: CPU ms at ${at}: ${series((f) => f.cpuMs)}${p95} (wall ${series((f) => f.wallMs)}); growth exponent (wall ${fmtExp(v.wallExponent)})`,
      value: v.exponent === null ? NaN : round(v.exponent, 2),
      unit: '',
      ...(v.kind === 'corpus' ? { target: '≈ 1 (whole corpus)' } : { target: `≤ ${MAX_EXPONENT}`, pass: v.exponentPass }),
    },
  ];
  if (v.targetSize !== undefined && v.targetValue !== undefined) {
    const f = v.bySize[v.targetSize];
    if (v.kind === 'corpus' && f.baseline) {
      rows.push({
        entry: 'scale',
        metric: `${v.name} at ${sizeLabel(v.targetSize)}, wall (CPU ${fmtMs(f.cpuMs)} vs raw ${fmtMs(f.baseline.cpuMs)}${f.memory ? `; ${memoryText(f.memory)}` : ''})`,
        value: Math.round(f.wallMs),
        unit: 'ms',
        baseline: Math.round(f.baseline.wallMs),
        ratio: round(v.targetValue, 2),
        target: targetText(v),
        pass: v.targetPass,
      });
    } else {
      rows.push({
        entry: 'scale',
        metric: `${v.name} at ${sizeLabel(v.targetSize)}, ${v.target?.on === 'p95' ? 'p95' : 'median'} CPU (wall ${fmtMs(v.wallTargetValue)}: ${v.wallTargetPass ? 'within' : 'over'} the target)`,
        value: round(v.targetValue, 1),
        unit: 'ms',
        target: targetText(v),
        pass: v.targetPass,
      });
    }
  }
  for (const [size, why] of Object.entries(v.missing ?? {})) rows.push({ entry: 'scale', metric: `${v.name} at ${sizeLabel(Number(size))}: not measured (${why})`, value: NaN, unit: '' });
  return rows;
}

/**
 * The README table: one line per operation, CPU ms (wall in brackets; p95 for sets) at each size, the exponent, the
 * target and whether it holds.
 */
export function markdownTable(verdicts: OpVerdict[], sizes: number[]): string {
  const head = ['operation', ...sizes.map((s) => `${sizeLabel(s)} docs`), 'exponent', 'target', 'ok'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 || i === head.length - 2 ? '---' : '--:')).join('|')}|`];
  for (const v of verdicts) {
    const cells = sizes.map((s) => {
      const f = v.bySize[s];
      if (!f) return v.missing?.[s] ? 'not measured' : '–';
      const main = `${fmtMs(f.cpuMs)} (${fmtMs(f.wallMs)})`;
      if (v.kind === 'set') return `${main}, p95 ${fmtMs(f.p95CpuMs)} (${fmtMs(f.p95WallMs)})`;
      if (v.kind === 'corpus' && f.ratio !== undefined) {
        const cpuRatio = f.cpuMs !== null && f.baseline?.cpuMs ? ` (CPU ${(f.cpuMs / f.baseline.cpuMs).toFixed(2)} ×)` : '';
        return `${main}, ${f.ratio.toFixed(2)} × raw${cpuRatio}${f.memory ? `, ${memoryText(f.memory)}` : ''}`;
      }
      return main;
    });
    const ok = (v.pass === undefined ? '' : v.pass ? 'yes' : '**no**') + (v.pass && v.wallTargetPass === false ? ' (wall: no)' : '');
    lines.push(`| ${v.name.replace(/\|/g, '\\|')} | ${cells.join(' | ')} | ${fmtExp(v.exponent)} | ${targetText(v)} | ${ok} |`);
  }
  return lines.join('\n');
}
