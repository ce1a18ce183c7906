import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../../services/backend.js';
import { repoRoot } from '../../services/paths.js';
import { scaleCorpus, scaleProject, workingCopy, type ScaleProject } from '../scale/project.js';
import { callOf, serverOps, type OpContext, type ServerOp } from '../scale/server-ops.js';
import { judge, markdownTable, rowsOf, sizeLabel, type OpFigures, type OpVerdict, type SizeFigures } from '../scale/report.js';
import { CLI_IMPORT_MAX_RATIO, EXPORT_MAX_RATIO, cliImport, jsonlExport } from '../scale/whole-corpus.js';
import { scaleChart } from '../scale/chart.js';
import { measureUi } from '../scale/ui.js';
import { startBusyLoop } from '../scale/busy.js';
import { round } from '../scale/stats.js';
import { backgroundDone } from '../scale/timing.js';
import type { BenchEntry, BenchRow } from '../types.js';

const ALL_SIZES = [1000, 10_000, 100_000];
/** `BENCH_SCALE_SIZES=1000,10000` for a trial run; such a run leaves docs/bench/ (the committed chart) alone. */
const SIZES = process.env.BENCH_SCALE_SIZES ? process.env.BENCH_SCALE_SIZES.split(',').map(Number) : ALL_SIZES;
/** The UI part runs at this size only (`BENCH_SCALE_UI_SIZE=10000` for a trial run). */
const UI_SIZE = Number(process.env.BENCH_SCALE_UI_SIZE ?? 100_000);
/** `BENCH_SCALE_ONLY=search,suggest` times only the operations whose names contain one of these (trial runs). */
const ONLY = process.env.BENCH_SCALE_ONLY?.split(',').filter(Boolean) ?? [];
const chosen = (name: string) => !ONLY.length || ONLY.some((w) => name.includes(w));

const log = (s: string) => console.error(`[scale ${new Date().toISOString().slice(11, 19)}] ${s}`);
const load = () => loadavg().map((x) => round(x, 2));

/** Chromium's version, for the JSON (the UI part runs in it). */
function chromiumVersion(): string | null {
  const r = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

const fmt = (f: SizeFigures) =>
  `CPU ${round(f.cpuMs ?? NaN, 2)} ms, wall ${round(f.wallMs, 2)} ms${f.p95WallMs !== undefined ? `, p95 wall ${round(f.p95WallMs, 1)} ms / CPU ${round(f.p95CpuMs!, 1)} ms` : ''}${f.ratio !== undefined ? `, ${f.ratio.toFixed(2)} × raw` : ''} (${f.calls} calls${f.refused ? `, ${f.refused} refused` : ''})`;

/** Records a size's figure or why it is missing. */
function record(op: OpFigures, size: number, r: SizeFigures | string) {
  if (typeof r === 'string') {
    (op.missing ??= {})[size] = r;
    log(`${sizeLabel(size)}: ${op.name}: not measured: ${r}`);
  } else {
    op.bySize[size] = r;
    log(`${sizeLabel(size)}: ${op.name}: ${fmt(r)}`);
  }
}

/** Runs `op` at `size` and records its figure (or the failure) under its name. */
async function runOp(op: ServerOp, ctx: OpContext, size: number, figures: Map<string, OpFigures>) {
  const figs = figures.get(op.name) ?? { name: op.name, kind: op.kind, target: op.target, bySize: {} };
  figures.set(op.name, figs);
  try {
    record(figs, size, await op.run(ctx));
  } catch (e) {
    record(figs, size, `failed: ${(e as Error).message.slice(0, 200)}`);
  }
}

/**
 * The server-side operations at one size, on a working copy of its project (opened once first, unmeasured: that
 * migrates it). "Open project" runs with no other backend on the file, as a window opens it; the rest share one.
 */
async function measureServer(info: ScaleProject, size: number, path: string, figures: Map<string, OpFigures>) {
  const t0 = performance.now();
  openBackend(path).close();
  log(`${sizeLabel(size)}: working copy opened (and migrated) in ${Math.round(performance.now() - t0)} ms, not measured`);
  const [open, ...rest] = serverOps();
  const ctxOf = (call: OpContext['call'], labels: Map<string, number>): OpContext => ({ call, info, path, docs: size, labels });
  if (chosen(open.name))
    await runOp(open, ctxOf(() => Promise.reject(new Error('open project has no shared backend')), new Map()), size, figures);
  const b = openBackend(path);
  try {
    const call = callOf(b);
    const ctx = ctxOf(call, new Map((await call('labels.list', {})).map((l) => [l.name, l.id])));
    log(`${sizeLabel(size)}: the backend's background reading after open done in ${Math.round(await backgroundDone())} ms, not measured`);
    for (const op of rest) if (chosen(op.name)) await runOp(op, ctx, size, figures);
  } finally {
    b.close();
  }
}

/** A whole-corpus operation's figures by name, created on first use. */
function corpusOp(figures: Map<string, OpFigures>, name: string, maxRatio: number): OpFigures {
  const op = figures.get(name) ?? { name, kind: 'corpus', maxRatio, bySize: {} };
  figures.set(name, op);
  return op;
}

/** `f()`, or why it failed. */
async function guarded<T>(f: () => Promise<T>): Promise<T | string> {
  try {
    return await f();
  } catch (e) {
    return `failed: ${(e as Error).message.slice(0, 300)}`;
  }
}

/**
 * Whole-corpus work at one size: the JSONL export of the working copy (through the runner and to one file), then the
 * whole-process CLI import of the size's article files, each against its raw baseline, in three interleaved rounds
 * (medians) at every size: at 100,000 a single round's ratio moved between 1.04 and 1.22 (export) and 1.14 and 1.43
 * (import) over the runs of one day, more than the margin each is judged by.
 */
async function measureCorpus(size: number, path: string, figures: Map<string, OpFigures>) {
  const runs = 3;
  if (chosen('JSONL export')) {
    log(`${sizeLabel(size)}: JSONL export vs raw scan, ${runs} rounds after a warm-up…`);
    const r = await guarded(() => jsonlExport(path, runs, log));
    record(corpusOp(figures, 'JSONL export', EXPORT_MAX_RATIO), size, typeof r === 'string' ? r : r.run);
    record(corpusOp(figures, 'JSONL export to one file', EXPORT_MAX_RATIO), size, typeof r === 'string' ? r : r.toFile);
  }
  if (chosen('CLI import')) {
    const corpus = scaleCorpus(size);
    log(`${sizeLabel(size)}: CLI import of ${corpus.dir} (${(corpus.bytes / 1e6).toFixed(0)} MB) vs raw, ${runs} run(s) each…`);
    record(corpusOp(figures, 'CLI import (whole process)', CLI_IMPORT_MAX_RATIO), size, await guarded(() => cliImport(corpus.dir, runs, log)));
  }
}

/** The operations of the JSON: figures by size, exponents, the target and whether it holds. */
export function operationsJson(verdicts: OpVerdict[]) {
  return verdicts.map((v) => ({
    name: v.name,
    kind: v.kind,
    bySize: v.bySize,
    ...(v.missing ? { missing: v.missing } : {}),
    exponent: v.exponent === null ? null : round(v.exponent, 3),
    wallExponent: v.wallExponent === null ? null : round(v.wallExponent, 3),
    target: v.target?.text ?? (v.maxRatio !== undefined ? `≤ ${v.maxRatio} × raw` : null),
    targetAt: v.targetSize ?? null,
    targetValue: v.targetValue ?? null,
    ...(v.wallTargetValue !== undefined ? { wallTargetValue: v.wallTargetValue, wallTargetPass: v.wallTargetPass } : {}),
    pass: v.pass ?? null,
  }));
}

/** The chart of a run's JSON (bench/out/scale.json): CPU median per operation against corpus size. */
export function chartOf(json: { date: string; cpus: number; sizes: { loadavgStart: number[] }[]; operations: { name: string; kind: string; bySize: Record<number, SizeFigures> }[] }): string {
  return scaleChart(
    json.operations.map((v) => ({ name: v.name, group: v.kind, points: Object.entries(v.bySize).map(([s, f]) => ({ size: Number(s), cost: f.cpuMs ?? NaN })) })),
    {
      title: 'Crosscheck at 1k, 10k and 100k documents: cost per operation',
      subtitle: `CPU time, median (query sets: median per call); ${json.cpus} cores, load average ${json.sizes.map((r) => r.loadavgStart[0]).join(' / ')} at the start of each size; npm run bench -- scale, ${json.date.slice(0, 10)}`,
      xLabel: 'documents in the project (log scale)',
      yLabel: 'CPU time per operation (log scale)',
      groups: [
        { key: 'request', label: 'per request' },
        { key: 'set', label: 'query set (per call)' },
        { key: 'corpus', label: 'whole corpus (import, export)' },
      ],
    },
  );
}

interface UiRun {
  contention: boolean;
  loadavgStart: number[];
  loadavgEnd: number[];
  rows: BenchRow[];
}

/** The UI measures (bench/scale/ui.ts) at 100,000 documents in Chromium, quiet and under contention, each on a fresh copy. */
async function measureUiRuns(info: ScaleProject, dir: string): Promise<UiRun[]> {
  const out: UiRun[] = [];
  for (const contention of [false, true]) {
    const path = workingCopy(info, dir);
    const loadavgStart = load();
    log(`${sizeLabel(info.documents - 1)}: UI measures${contention ? ' under contention' : ''}, 3 runs…`);
    // The contention run: a second process keeps one core busy for exactly the span of these measures.
    const busy = contention ? startBusyLoop() : null;
    let rows: BenchRow[];
    try {
      rows = await measureUi(path, info, { runs: 3, contention, log });
    } finally {
      await busy?.stop();
    }
    out.push({ contention, loadavgStart, loadavgEnd: load(), rows });
    rmSync(path, { force: true });
  }
  return out;
}

/**
 * `npm run bench -- scale` (issue 15): server-side operations at 1,000, 10,000 and 100,000 generated articles
 * (bench/scale/project.ts, cached), CPU and wall medians and the growth exponent of each; whole-corpus import and
 * export against raw baselines; the UI measures at 100,000 quiet and under contention. Writes bench/out/scale.json
 * and .md, and for a run of all three sizes docs/bench/scale.json and the chart docs/bench/scale.svg.
 */
export const scaleEntry: BenchEntry = {
  name: 'scale',
  description: `server-side operations at ${SIZES.map(sizeLabel).join(', ')} documents: CPU and wall medians, growth exponents, import/export vs raw, UI at 100k`,
  async run() {
    const started = performance.now();
    const figures = new Map<string, OpFigures>();
    const sizeRuns: { size: number; documents: number; annotations: number; loadavgStart: number[]; loadavgEnd: number[]; seconds: number }[] = [];
    let ui: UiRun[] | string = `UI part runs at ${sizeLabel(UI_SIZE)} only`;
    for (const size of SIZES) {
      const t0 = performance.now();
      const loadavgStart = load();
      log(`${sizeLabel(size)}: project (cached under bench/out/)…`);
      const info = scaleProject(size, log);
      const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-scale-'));
      try {
        const path = workingCopy(info, dir);
        await measureServer(info, size, path, figures);
        await measureCorpus(size, path, figures);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        if (size === UI_SIZE && chosen('UI')) {
          try {
            ui = await measureUiRuns(info, dir);
          } catch (e) {
            ui = `UI part failed: ${(e as Error).message.slice(0, 300)}`;
          }
          if (typeof ui === 'string') log(ui);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      sizeRuns.push({ size, documents: info.documents, annotations: info.annotations, loadavgStart, loadavgEnd: load(), seconds: Math.round((performance.now() - t0) / 1000) });
      log(`${sizeLabel(size)}: done in ${sizeRuns.at(-1)!.seconds} s`);
    }

    const verdicts = [...figures.values()].map(judge);
    const rows = verdicts.flatMap(rowsOf);
    if (typeof ui === 'string') rows.push({ entry: 'scale', metric: ui, value: NaN, unit: '' });
    else rows.push(...ui.flatMap((r) => r.rows));

    const json = {
      date: new Date().toISOString(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      node: process.versions.node,
      chromium: chromiumVersion(),
      sizes: sizeRuns,
      seconds: Math.round((performance.now() - started) / 1000),
      operations: operationsJson(verdicts),
      ui: typeof ui === 'string' ? { skipped: ui } : ui,
    };
    const table = markdownTable(verdicts, SIZES);
    const svg = chartOf(json);
    const out = join(repoRoot, 'bench', 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'scale.json'), JSON.stringify(json, null, 2));
    writeFileSync(join(out, 'scale.md'), table + '\n');
    writeFileSync(join(out, 'scale.svg'), svg);
    // Only a run of everything at every size is the committed figure; a run narrowed by ONLY is a trial.
    if (SIZES.join() === ALL_SIZES.join() && !ONLY.length) {
      const docs = join(repoRoot, 'docs', 'bench');
      mkdirSync(docs, { recursive: true });
      writeFileSync(join(docs, 'scale.json'), JSON.stringify(json, null, 2));
      writeFileSync(join(docs, 'scale.svg'), svg);
      log('wrote docs/bench/scale.json and docs/bench/scale.svg');
    } else log('a trial run (BENCH_SCALE_SIZES or BENCH_SCALE_ONLY): docs/bench/ left as it was; see bench/out/scale.{json,md,svg}');
    console.error(`\n${table}\n`);
    log(`finished in ${json.seconds} s`);
    return rows;
  },
};
