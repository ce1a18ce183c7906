// Where the time of a UI answer goes on a busy machine (issue 15's contention run): for every thread of the processes
// an answer runs through (the page's renderer, the rest of Chromium, the host), the CPU time it ran and the time it
// sat runnable waiting for a core, from Linux's per-thread scheduler statistics. A figure that misses only while
// another process holds a core shows there as waiting, not as work: the one measurement that tells "we do too much"
// from "we did not get a core".
//
// Source: /proc/<pid>/task/<tid>/schedstat, three numbers: "time spent on the cpu (in nanoseconds), time spent
// waiting on a runqueue (in nanoseconds), # of timeslices run on this cpu" (the kernel's
// Documentation/scheduler/sched-stats.rst, "/proc/<pid>/schedstat"; per thread under task/).
import { readFileSync, readdirSync } from 'node:fs';

/** One thread's totals since it started (ns). */
export interface ThreadTimes {
  cpuNs: number;
  waitNs: number;
}

/**
 * Parses a schedstat line ("<cpu ns> <runqueue wait ns> <timeslices>").
 * @throws Error naming the text when it is not three whole numbers (a kernel without schedstats prints nothing).
 */
export function parseSchedstat(text: string): ThreadTimes {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 3 || !fields.every((f) => /^\d+$/.test(f))) throw new Error(`not a schedstat line: ${JSON.stringify(text.slice(0, 80))}`);
  return { cpuNs: Number(fields[0]), waitNs: Number(fields[1]) };
}

/** Every thread of the processes `pids` at one moment, keyed "pid/tid"; a process or thread gone meanwhile is left out. */
export type ThreadSample = Map<string, ThreadTimes & { pid: number; tid: number }>;

/** Reads the schedstat of every thread of `pids` (see ThreadSample). */
export function sampleThreads(pids: readonly number[]): ThreadSample {
  const out: ThreadSample = new Map();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // gone
    }
    for (const tid of tids) {
      try {
        out.set(`${pid}/${tid}`, { pid, tid: Number(tid), ...parseSchedstat(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')) });
      } catch {
        /* the thread ended between the listing and the read */
      }
    }
  }
  return out;
}

/** Who a thread works for, as the bench reports it; null: not counted (the busy loop, the bench itself). */
export type Party = 'pageMain' | 'pageOther' | 'chromium' | 'host';

/** CPU time and run-queue wait (ms) of each party over a stretch, summed over its threads. */
export type Shares = Record<Party, { cpuMs: number; waitMs: number }>;

/** Shares of zero, to add stretches to. */
export const noShares = (): Shares => ({ pageMain: { cpuMs: 0, waitMs: 0 }, pageOther: { cpuMs: 0, waitMs: 0 }, chromium: { cpuMs: 0, waitMs: 0 }, host: { cpuMs: 0, waitMs: 0 } });

/**
 * What each party's threads did between two samples, added into `into` (ms). A thread only in `after` started within
 * the stretch and counts from zero; `partyOf` says whose a thread is (the page's main thread is its renderer's thread
 * whose tid is its pid).
 */
export function addShares(into: Shares, before: ThreadSample, after: ThreadSample, partyOf: (pid: number, tid: number) => Party | null): Shares {
  for (const [key, t] of after) {
    const party = partyOf(t.pid, t.tid);
    if (!party) continue;
    const b = before.get(key);
    into[party].cpuMs += (t.cpuNs - (b?.cpuNs ?? 0)) / 1e6;
    into[party].waitMs += (t.waitNs - (b?.waitNs ?? 0)) / 1e6;
  }
  return into;
}

/** `s` with each figure divided by `n` (per answer), rounded to 0.1 ms. */
export function perAnswer(s: Shares, n: number): Shares {
  const out = noShares();
  for (const p of Object.keys(s) as Party[]) out[p] = { cpuMs: Math.round((s[p].cpuMs / n) * 10) / 10, waitMs: Math.round((s[p].waitMs / n) * 10) / 10 };
  return out;
}

/**
 * The parties of the browser host run: the page's renderer `pagePid` (main thread and the rest), the host `hostPid`,
 * and every other process in `chromiumPids` (browser, GPU, network service, spare renderers).
 */
export function hostAndChromium(pagePid: number, hostPid: number, chromiumPids: readonly number[]) {
  const chromium = new Set(chromiumPids);
  return {
    pids: [hostPid, ...chromiumPids.filter((p) => p !== hostPid)],
    partyOf: (pid: number, tid: number): Party | null =>
      pid === pagePid ? (tid === pid ? 'pageMain' : 'pageOther') : pid === hostPid ? 'host' : chromium.has(pid) ? 'chromium' : null,
  };
}

/**
 * The stretch's figures as a phrase for the bench table: the page's main thread (one thread: its wait is time the
 * answer could not go on), then the host and the rest of Chromium summed over their threads (threads wait side by
 * side, so their sum may exceed the wall time).
 */
export function sharesText(s: Shares): string {
  const f = (x: { cpuMs: number; waitMs: number }) => `${x.cpuMs.toFixed(1)} / ${x.waitMs.toFixed(1)}`;
  const rest = { cpuMs: s.pageOther.cpuMs + s.chromium.cpuMs, waitMs: s.pageOther.waitMs + s.chromium.waitMs };
  return `page main thread ran ${s.pageMain.cpuMs.toFixed(1)} ms and waited ${s.pageMain.waitMs.toFixed(1)} ms for a core; ran / waited summed over threads: host ${f(s.host)}, rest of Chromium ${f(rest)} ms`;
}
