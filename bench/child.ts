// Whole processes for the bench's like-for-like figures (cli-import, export): a child program bundled like the CLI
// (so neither side compiles anything when it starts) and a timed run of `node …` with its own CPU time.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../services/paths.js';
import { median } from './scale/stats.js';

/** Wall time and CPU time (user + system) of one run, ms; cpuMs null where the machine cannot tell. */
export interface Run {
  wallMs: number;
  cpuMs: number | null;
}

/** GNU time: the child's own CPU time (user + system) beside its wall time. */
const TIME = '/usr/bin/time';

/**
 * Bundles `entry` (a .ts file under bench/) into bench/out/<name>-<pid>.mjs, inside the repository so that it finds
 * better-sqlite3 as the CLI bundle does; the path, and a function that removes the bundle.
 */
export async function bundleChild(entry: string, name: string): Promise<{ path: string; remove: () => void }> {
  const path = join(repoRoot, 'bench', 'out', `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(repoRoot, 'bench', entry)],
    outfile: path,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __ccRequire } from 'node:module'; const require = __ccRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return { path, remove: () => rmSync(path, { force: true }) };
}

/**
 * Runs `node <args>` to completion from the repository root; its wall time, its CPU time where GNU time is there,
 * and what it printed. `stdoutFile` takes stdout instead (an import report of 100,000 files is 18 MB).
 * @throws Error naming the command and its stderr when it exits with a failure.
 */
export function timedNode(args: string[], opts: { stdoutFile?: string; nodeFlags?: string[] } = {}): Run & { stdout: string } {
  const withTime = existsSync(TIME);
  const argv = [...(opts.nodeFlags ?? []), ...args];
  const out = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : 'pipe';
  try {
    const t0 = performance.now();
    const r = withTime
      ? spawnSync(TIME, ['-f', 'cpu %U %S', process.execPath, ...argv], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 })
      : spawnSync(process.execPath, argv, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
    const wallMs = performance.now() - t0;
    if (r.status !== 0) throw new Error(`node ${argv.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
    const m = withTime ? /cpu (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr) : null;
    return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null, stdout: r.stdout ?? '' };
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

/** The median of each of wall and CPU time over `runs` (CPU null when any run lacks it). */
export function medianRun(runs: readonly Run[]): Run {
  const cpus = runs.map((r) => r.cpuMs);
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: cpus.every((c) => c !== null) ? median(cpus as number[]) : null };
}
