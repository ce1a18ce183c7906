// One measured JSONL export in a process of its own (`npm run bench -- export`, and the scale bench through
// measureJsonlExport): ours through the real runner, or the raw baseline (better-sqlite3 scan + JSON.stringify of
// the same rows into a file). Bundled like the CLI, run with --expose-gc so that heap figures are live data, not
// garbage waiting for a collection.
// Usage: node --expose-gc export-child.mjs run|file|raw <project file> <output path>
// Prints one JSON line: { wallMs, cpuMs, peakRssMb, heapGrowthMb, rssGrowthMb, annotations, documents }.
import { closeSync, openSync, writeSync } from 'node:fs';
import { rawProjectRows } from '../db/baselines.js';
import { openProject } from '../services/project.js';
import { runExport } from '../services/export/run.js';
import { writeJsonlFile } from '../services/export/jsonl.js';
import { jsonlExporter } from '../services/formats/jsonl.js';

const [mode, projectPath, out] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

/** RSS seen at each sample, so that growth over the run shows (flat memory: the last ≈ the first after warm-up). */
const rss: number[] = [];
/** Samples are at least this far apart (ms), whichever path asks: a read of the RSS costs about a millisecond here. */
const SAMPLE_EVERY_MS = 50;
let sampledAt = Number.NEGATIVE_INFINITY;
/**
 * Reads the RSS when SAMPLE_EVERY_MS have passed since the last read. Time-based, so both sides of the comparison
 * pay the same: sampled per progress event and per 10,000 rows, ours read it ~6 times as often as the raw scan and
 * was charged ~0.5 s of 9 at 100,000 documents for it (CPU profile: `rss` 85 ms of 2.1 s at 10,000).
 */
const sample = () => {
  const now = performance.now();
  if (now - sampledAt < SAMPLE_EVERY_MS) return;
  sampledAt = now;
  rss.push(process.memoryUsage.rss());
};

/** The export to time, with the project already open (opening, and any migration of the copy, is not timed). */
function prepare(): { run: () => Promise<{ annotations: number; documents: number }>; close: () => void } {
  if (mode === 'raw') {
    return {
      close: () => {},
      run: async () => {
        const fd = openSync(out, 'w');
        let buffer = '';
        let rows = 0;
        let annotations = 0;
        for (const row of rawProjectRows(projectPath)) {
          buffer += JSON.stringify(row) + '\n';
          if ('doc_id' in row) annotations++;
          if (++rows % 1_000 === 0) sample();
          if (buffer.length > 1 << 20) {
            writeSync(fd, buffer);
            buffer = '';
          }
        }
        writeSync(fd, buffer);
        closeSync(fd);
        return { annotations, documents: rows - annotations };
      },
    };
  }
  const p = openProject(projectPath);
  return {
    close: () => p.close(),
    run: async () => {
      if (mode === 'file') {
        const r = writeJsonlFile(p.db, out, true);
        return { annotations: r.spans, documents: r.documents };
      }
      const r = await runExport(p, { jsonl: jsonlExporter }, { format: 'jsonl', dest: out, docs: { kind: 'all' } }, { replace: true, onProgress: sample });
      return { annotations: r.spans, documents: r.documents };
    },
  };
}

const job = prepare();
gc();
const heap0 = process.memoryUsage().heapUsed;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// The sync paths (file, raw) sample from inside their loops or not at all; a timer catches the async one's gaps.
const timer = setInterval(sample, 100);
const counts = await job.run();
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(timer);
job.close();
gc();
const heap1 = process.memoryUsage().heapUsed;
// Growth over the run: the last tenth of the samples against the first tenth (start-up and warm-up excluded).
const tenth = Math.max(1, Math.floor(rss.length / 10));
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const rssGrowth = rss.length >= 4 ? avg(rss.slice(-tenth)) - avg(rss.slice(0, tenth)) : 0;
console.log(
  JSON.stringify({
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    heapGrowthMb: mb(heap1 - heap0),
    rssGrowthMb: mb(rssGrowth),
    samples: rss.length,
    ...counts,
  }),
);
