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
