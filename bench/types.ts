/** One measured row of the bench table. */
export interface BenchRow {
  entry: string;
  metric: string;
  value: number;
  unit: string;
  /** What the value is compared with, when there is a baseline or target. */
  baseline?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
}

export interface BenchEntry {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}

/**
 * The two rows of a "Crosscheck against a raw baseline in the same run" figure: the baseline's time, then ours
 * with the ratio and whether it meets `maxRatio`.
 */
export function ratioRows(entry: string, raw: { metric: string; ms: number }, ours: { metric: string; ms: number }, maxRatio: number): BenchRow[] {
  const ratio = ours.ms / raw.ms;
  return [
    { entry, metric: raw.metric, value: Math.round(raw.ms), unit: 'ms' },
    {
      entry,
      metric: ours.metric,
      value: Math.round(ours.ms),
      unit: 'ms',
      baseline: Math.round(raw.ms),
      ratio: Number(ratio.toFixed(2)),
      target: `ratio ≤ ${maxRatio}`,
      pass: ratio <= maxRatio,
    },
  ];
}
