// Timing of server-side operations for `npm run bench -- scale`: wall time (performance.now) and CPU time
// (process.cpuUsage, user + system of every thread of this process, so the reader worker's share counts too).
// Bounded: each call has a timeout and each operation a time budget, so that a slow operation at 100,000
// documents shortens its own sample instead of the whole bench running for hours.
import { median, percentile } from './stats.js';

/** One operation's figures at one corpus size (ms; p95 only for query sets and repeated writes). */
export interface Measured {
  wallMs: number;
  cpuMs: number;
  p95WallMs?: number;
  p95CpuMs?: number;
  /** Timed calls the figures come from. */
  calls: number;
  /** Calls answered with a refusal (a search too broad): an answer the user sees, timed like the others. */
  refused?: number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time of `f()`; throws what `f` throws, or a timeout after `timeoutMs` (the call is abandoned). */
export async function sample(f: () => Promise<unknown>, timeoutMs: number): Promise<Sample> {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      f(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export interface Budget {
  /** Calls to time (at least `min` of them even past the budget). */
  calls: number;
  min: number;
  /** Wall time after which no new call starts once `min` are done. */
  budgetMs: number;
  /** Abandon one call after this long. */
  timeoutMs: number;
}

/**
 * Times a per-request operation: one untimed warm-up, then `calls` samples (median). An operation answering in
 * under a millisecond is run several times per sample (`f(i)` with successive i) and divided, so that the medians
 * are not the clock's resolution.
 */
export async function measureRequest(f: (i: number) => Promise<unknown>, b: Budget): Promise<Measured> {
  let i = 0;
  const warm = await sample(() => f(i++), b.timeoutMs);
  const batch = warm.wallMs >= 1 ? 1 : Math.min(50, Math.ceil(5 / Math.max(warm.wallMs, 0.05)));
  const samples: Sample[] = [];
  const t0 = performance.now();
  while (samples.length < b.calls && (samples.length < b.min || performance.now() - t0 < b.budgetMs)) {
    const s = await sample(async () => {
      for (let k = 0; k < batch; k++) await f(i++);
    }, b.timeoutMs * batch);
    samples.push({ wallMs: s.wallMs / batch, cpuMs: s.cpuMs / batch });
  }
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), calls: samples.length * batch };
}

/**
 * Times a set of calls one by one (`f(i)` for i = 0, 1, …: a query set cycles its queries; the first `warmup` calls
 * are untimed): median and p95 (nearest rank) of wall and CPU time. A call failing with an error `refused` accepts is
 * timed and counted as refused; any other error is thrown.
 */
export async function measureSet(f: (i: number) => Promise<unknown>, b: Budget & { warmup: number; refused?: (e: unknown) => boolean }): Promise<Measured> {
  const refusedBy = b.refused ?? (() => false);
  const once = async (i: number) => {
    let refused = false;
    const s = await sample(async () => {
      try {
        await f(i);
      } catch (e) {
        if (!refusedBy(e)) throw e;
        refused = true;
      }
    }, b.timeoutMs);
    return { ...s, refused };
  };
  for (let i = 0; i < b.warmup; i++) await once(i);
  const samples: (Sample & { refused: boolean })[] = [];
  const t0 = performance.now();
  while (samples.length < b.calls && (samples.length < b.min || performance.now() - t0 < b.budgetMs)) samples.push(await once(b.warmup + samples.length));
  const walls = samples.map((s) => s.wallMs);
  const cpus = samples.map((s) => s.cpuMs);
  const refused = samples.filter((s) => s.refused).length;
  return {
    wallMs: median(walls),
    cpuMs: median(cpus),
    p95WallMs: percentile(walls, 95),
    p95CpuMs: percentile(cpus, 95),
    calls: samples.length,
    ...(refused ? { refused } : {}),
  };
}

/**
 * Waits until `cpuMs` (a running total of CPU time, ms) grows by less than `share` of a core over a quarter second, or
 * `maxMs` has passed; resolves with the ms waited. What the benches wait on before they time something: this
 * process's background work (backgroundDone), Chromium's start-up (bench/scale/browser.ts settleChromium).
 */
export async function untilQuiet(cpuMs: () => number, share: number, maxMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    const c0 = cpuMs();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 250));
    const busy = (cpuMs() - c0) / (performance.now() - t0);
    if (busy < share || performance.now() - start >= maxMs) return performance.now() - start;
  }
}

/** This process's CPU time so far (ms), every thread. */
const ownCpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * Waits until this process (every thread: the backend's reader thread included) has used under 10 % of a core over
 * the last quarter second, or `maxMs` has passed; resolves with the ms waited. After a project opens, the reader
 * thread reads in the background what the boards and the suggestions will need; a request timed meanwhile would be
 * charged that CPU time too (a 100,000-document sort measured 31 ms of CPU against 24 ms of wall right after open).
 */
export const backgroundDone = (maxMs = 60_000): Promise<number> => untilQuiet(ownCpuMs, 0.1, maxMs);
