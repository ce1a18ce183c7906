// The whole-corpus work of `npm run bench -- scale`: the CLI import of the scale corpus against a raw better-sqlite3
// + FTS5 process, and the JSONL export of the scale project against a raw scan + JSON.stringify, each through the
// function its own bench entry exports (bench/entries/cli-import.ts, bench/entries/export.ts), so that both benches
// measure the same way.
import { CLI_IMPORT_MAX_RATIO, measureCliImport } from '../entries/cli-import.js';
import { EXPORT_MAX_RATIO, measureJsonlExport, type ExportRun } from '../entries/export.js';
import type { Run } from '../child.js';
import type { SizeFigures } from './report.js';

export { CLI_IMPORT_MAX_RATIO, EXPORT_MAX_RATIO };

/** The figures of ours against the raw baseline (medians of `runs`), ratio on wall time as the targets are. */
export function corpusFigures(ours: Run, raw: Run, runs: number): SizeFigures {
  return { wallMs: ours.wallMs, cpuMs: ours.cpuMs, calls: runs, baseline: { wallMs: raw.wallMs, cpuMs: raw.cpuMs }, ratio: ours.wallMs / raw.wallMs };
}

const withMemory = (f: SizeFigures, r: ExportRun): SizeFigures => ({ ...f, memory: { peakRssMb: r.peakRssMb, heapGrowthMb: r.heapGrowthMb, rssGrowthMb: r.rssGrowthMb } });

/** Whole-process CLI import of the article files under `corpusDir`, medians of `runs`. */
export async function cliImport(corpusDir: string, runs: number, log: (s: string) => void): Promise<SizeFigures> {
  const m = await measureCliImport(corpusDir, { runs, log });
  return corpusFigures(m.ours, m.raw, m.runs);
}

/**
 * JSONL export of the project at `projectPath` (a working copy), medians of `runs`: through the runner (the Export
 * dialog, `--out <folder>`) and to one file (`--out x.jsonl`), each against the same raw scan, with memory.
 */
export async function jsonlExport(projectPath: string, runs: number, log: (s: string) => void): Promise<{ run: SizeFigures; toFile: SizeFigures }> {
  const m = await measureJsonlExport(projectPath, { runs, log });
  return { run: withMemory(corpusFigures(m.ours, m.raw, m.runs), m.ours), toFile: withMemory(corpusFigures(m.toFile, m.raw, m.runs), m.toFile) };
}
