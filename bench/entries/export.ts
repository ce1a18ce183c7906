import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaleProject, workingCopy } from '../scale/project.js';
import { bundleChild, medianRun, timedNode, type Run } from '../child.js';
import { median } from '../scale/stats.js';
import { ratioRows, type BenchEntry, type BenchRow } from '../types.js';

const DOCS = Number(process.env.BENCH_EXPORT_DOCS ?? 100_000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
/** Issue 15: the JSONL export within 1.2 × a raw scan + JSON.stringify of the same rows. */
export const EXPORT_MAX_RATIO = 1.2;

/** Memory of one export process (bench/export-child.ts): peak RSS, and what the run kept or grew by. */
export interface ExportMemory {
  /** The process's peak resident set, MB (start-up and the project's open included). */
  peakRssMb: number;
  /** Live heap after the export less live heap before it (both after a full collection), MB. */
  heapGrowthMb: number;
  /** Resident set over the last tenth of the run less over its first tenth, MB: flat memory keeps it near 0. */
  rssGrowthMb: number;
}

export type ExportRun = Run & ExportMemory;

/** What measureJsonlExport gives: medians of the export's own wall and CPU time (the process start and the project's open not counted), and memory. */
export interface JsonlExportMeasure {
  /** `export.run` (the Export dialog, `crosscheck export --format jsonl --out <folder>`) through services/export/run.ts. */
  ours: ExportRun;
  /** `export.toFile` (`crosscheck export --format jsonl --out x.jsonl`). */
  toFile: ExportRun;
  /** better-sqlite3 scan of the documents and annotations + JSON.stringify of each row into a file. */
  raw: ExportRun;
  runs: number;
  annotations: number;
  documents: number;
}

interface ChildResult extends ExportRun {
  annotations: number;
  documents: number;
}

const medianMemory = (runs: readonly ExportMemory[]): ExportMemory => ({
  peakRssMb: median(runs.map((r) => r.peakRssMb)),
  heapGrowthMb: median(runs.map((r) => r.heapGrowthMb)),
  rssGrowthMb: median(runs.map((r) => r.rssGrowthMb)),
});

/**
 * The canonical JSONL export of the project at `projectPath` (a working copy: the first run opens it read-write,
 * which migrates an older schema) in processes of their own (bench/export-child.ts, run with --expose-gc): ours
 * through the runner and through the one-file export, against the raw scan. One untimed warm-up of each first (it
 * migrates the copy and warms the file cache), then `runs` rounds interleaved. Each process reports its export's
 * own wall and CPU time, peak RSS, live-heap growth and RSS growth over the run; medians of each.
 * @throws Error when a process fails, or when ours wrote another number of annotations than the raw scan read.
 */
export async function measureJsonlExport(projectPath: string, opts: { runs: number; log?: (s: string) => void }): Promise<JsonlExportMeasure> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-export-'));
  const child = await bundleChild('export-child.ts', 'export-child');
  try {
    let n = 0;
    const once = (mode: 'run' | 'file' | 'raw'): ChildResult => {
      const out = join(dir, `${mode}-${++n}${mode === 'run' ? '' : '.jsonl'}`);
      try {
        const r = timedNode([child.path, mode, projectPath, out], { nodeFlags: ['--expose-gc'] });
        return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    };
    const modes = ['run', 'file', 'raw'] as const;
    for (const m of modes) once(m);
    const results: Record<(typeof modes)[number], ChildResult[]> = { run: [], file: [], raw: [] };
    for (let i = 0; i < opts.runs; i++) {
      for (const m of modes) results[m].push(once(m));
      const [o, f, r] = modes.map((m) => results[m][i]);
      log(`export run ${i + 1}/${opts.runs}: ours ${o.wallMs} ms (CPU ${o.cpuMs}, peak RSS ${o.peakRssMb} MB), toFile ${f.wallMs} ms (CPU ${f.cpuMs}), raw ${r.wallMs} ms (CPU ${r.cpuMs})`);
    }
    const annotations = results.raw[0].annotations;
    for (const m of ['run', 'file'] as const) {
      const bad = results[m].find((r) => r.annotations !== annotations);
      if (bad) throw new Error(`the ${m} export wrote ${bad.annotations} annotations; the project has ${annotations}`);
    }
    const of = (rs: ChildResult[]): ExportRun => ({ ...medianRun(rs), ...medianMemory(rs) });
    return { ours: of(results.run), toFile: of(results.file), raw: of(results.raw), runs: opts.runs, annotations, documents: results.raw[0].documents };
  } finally {
    child.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bench rows of one measurement: ratios on wall time (the target's), CPU time and memory beside them. */
export function jsonlExportRows(m: JsonlExportMeasure): BenchRow[] {
  const what = `${m.annotations} annotations, ${m.documents} documents, median of ${m.runs}`;
  const cpuRatio = (r: ExportRun) => (r.cpuMs !== null && m.raw.cpuMs ? Number((r.cpuMs / m.raw.cpuMs).toFixed(2)) : undefined);
  const row = (metric: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({ entry: 'export', metric, value, unit, ...extra });
  return [
    ...ratioRows('export', { metric: `raw scan + JSON.stringify, ${what}`, ms: m.raw.wallMs }, { metric: 'crosscheck JSONL export (export.run), wall', ms: m.ours.wallMs }, EXPORT_MAX_RATIO),
    // The same raw figure is the baseline of the one-file export (its second row: ratio and target).
    ratioRows('export', { metric: '', ms: m.raw.wallMs }, { metric: 'crosscheck JSONL export to one file (export.toFile), wall', ms: m.toFile.wallMs }, EXPORT_MAX_RATIO)[1],
    row('raw scan, CPU', Math.round(m.raw.cpuMs ?? NaN), 'ms'),
    row('export.run, CPU', Math.round(m.ours.cpuMs ?? NaN), 'ms', { baseline: Math.round(m.raw.cpuMs ?? NaN), ratio: cpuRatio(m.ours) }),
    row('export.toFile, CPU', Math.round(m.toFile.cpuMs ?? NaN), 'ms', { baseline: Math.round(m.raw.cpuMs ?? NaN), ratio: cpuRatio(m.toFile) }),
    row('export.run: peak RSS of the process / raw scan', m.ours.peakRssMb, 'MB', { baseline: m.raw.peakRssMb }),
    row('export.run: RSS growth over the run, last tenth less first (flat memory)', m.ours.rssGrowthMb, 'MB', { baseline: m.raw.rssGrowthMb }),
    row('export.run: live heap after less before (flat memory)', m.ours.heapGrowthMb, 'MB', { baseline: m.raw.heapGrowthMb }),
  ];
}

/**
 * `npm run bench -- export`: a working copy of the scale project of BENCH_EXPORT_DOCS articles (default 100,000:
 * 1,010,000 annotations; bench/scale/project.ts, built once and cached), BENCH_EXPORT_RUNS rounds (default 3).
 */
export const exportEntry: BenchEntry = {
  name: 'export',
  description: `JSONL export of the ${DOCS}-article scale project vs raw scan + JSON.stringify, with memory`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-export-project-'));
    try {
      const path = workingCopy(scaleProject(DOCS, (s) => console.error(s)), dir);
      return jsonlExportRows(await measureJsonlExport(path, { runs: RUNS, log: (s) => console.error(s) }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
