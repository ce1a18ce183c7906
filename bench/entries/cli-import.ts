import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../../services/paths.js';
import { writeCorpus } from '../corpus.js';
import { ratioRows, type BenchEntry, type BenchRow } from '../types.js';

const COUNT = Number(process.env.BENCH_IMPORT_DOCS ?? 10_000);
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);
/** GNU time: the child's own CPU time (user + system) beside its wall time. */
const TIME = '/usr/bin/time';

interface Run {
  wallMs: number;
  cpuMs: number | null;
}

/** Runs `node <args>` to completion; its wall time, and its CPU time where GNU time is there to tell it. */
function timed(args: string[]): Run {
  const withTime = existsSync(TIME);
  const t0 = performance.now();
  const r = withTime
    ? spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, ...args], { cwd: repoRoot, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const m = withTime ? /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr) : null;
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Import of 10,000 generated articles as a person runs it, a whole process each time (start-up, module load,
 * the import, exit): the documented command (`crosscheck import`, scripts/crosscheck.mjs running the bundled CLI)
 * against a raw better-sqlite3 program doing insert + FTS5 of the same files in a process of its own. Runs
 * interleaved after one warm-up of each; medians of wall time, CPU time beside them.
 */
export const cliImportEntry: BenchEntry = {
  name: 'cli-import',
  description: `whole-process import of ${COUNT} generated articles: the crosscheck command vs a raw Node + better-sqlite3 process`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-cli-import-'));
    try {
      const corpus = join(dir, 'corpus');
      const { bytes } = writeCorpus(corpus, COUNT);
      // Inside the repository (bench/out/ is not tracked), so that it finds better-sqlite3 as the CLI bundle does.
      const raw = join(repoRoot, 'bench', 'out', `raw-import-${process.pid}.mjs`);
      await build({
        entryPoints: [join(repoRoot, 'bench', 'raw-import-child.ts')],
        outfile: raw,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: ['better-sqlite3'],
        banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
        logLevel: 'warning',
      });
      const launcher = join(repoRoot, 'scripts', 'crosscheck.mjs');
      let n = 0;
      const ours = () => timed([launcher, 'import', corpus, '--db', join(dir, `ours-${++n}.crosscheck`), '--json']);
      const baseline = () => timed([raw, corpus, join(dir, `raw-${++n}.db`)]);
      // The warm-up also builds the CLI bundle if it is stale, outside the measured runs.
      ours();
      baseline();
      const oursRuns: Run[] = [];
      const rawRuns: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        oursRuns.push(ours());
        rawRuns.push(baseline());
      }
      const mb = (bytes / 1e6).toFixed(1);
      const rows: BenchRow[] = ratioRows(
        'cli-import',
        { metric: `raw Node process: insert + FTS5, ${COUNT} docs (${mb} MB), wall, median of ${RUNS}`, ms: median(rawRuns.map((r) => r.wallMs)) },
        { metric: `crosscheck import process, ${COUNT} docs, wall, median of ${RUNS}`, ms: median(oursRuns.map((r) => r.wallMs)) },
        1.4,
      );
      if (oursRuns.every((r) => r.cpuMs !== null) && rawRuns.every((r) => r.cpuMs !== null)) {
        const rawCpu = median(rawRuns.map((r) => r.cpuMs!));
        const oursCpu = median(oursRuns.map((r) => r.cpuMs!));
        rows.push(
          { entry: 'cli-import', metric: 'raw Node process, CPU (user + system), median', value: Math.round(rawCpu), unit: 'ms' },
          { entry: 'cli-import', metric: 'crosscheck import process, CPU (user + system), median', value: Math.round(oursCpu), unit: 'ms', baseline: Math.round(rawCpu), ratio: Number((oursCpu / rawCpu).toFixed(2)) },
        );
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(join(repoRoot, 'bench', 'out', `raw-import-${process.pid}.mjs`), { force: true });
    }
  },
};
