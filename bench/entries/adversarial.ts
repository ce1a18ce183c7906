import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject } from '../project.js';
import { openBackend, type Backend } from '../../services/backend.js';
import { QUERY_LIMITS } from '../../db/fts-bounds.js';
import type { BenchEntry, BenchRow } from '../types.js';

const DOCS = Number(process.env.BENCH_ADVERSARIAL_DOCS ?? 20_000);
const PER_DOC = 10;
/** Requests of each kind per run, and runs (the figures are the median over runs). */
const SAMPLES = Number(process.env.BENCH_ADVERSARIAL_SAMPLES ?? 8);
const RUNS = Number(process.env.BENCH_ADVERSARIAL_RUNS ?? 3);
/** How often the concurrent `project.info` asks, as a window polling its state would. */
const INFO_EVERY_MS = 20;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs: number[]) => percentile(xs, 50);

/** Words of the generated corpus, several in every document: together they read the whole index. */
const common = 'the russian military is accusing us-led coalition of striking civilians in mosul and other residential areas nearby at least were killed another injured during three days airstrikes on iraqi city according to ministry defense general staff'.split(' ');
const oneThousand = (s: string) => s.repeat(Math.ceil(1000 / s.length)).slice(0, 1000);

/** The most of the common words (each in about every document) a query may hold and still be answered. */
const broadest = common
  .filter((w) => /^\p{L}+$/u.test(w))
  .slice(0, Math.max(1, Math.floor(QUERY_LIMITS.entries / DOCS)))
  .join(' OR ');

/**
 * The queries that stalled the browser host (issue 10: on 20,000 documents, 100 × "a* " took 12 s, a
 * 1000-character query 35 s, search.passages 34 s, and every other request waited), each as the worst a
 * request may send: the contract's largest limits and query lengths; and the broadest queries still answered.
 */
const kinds: { name: string; method: string; args: (docId: number) => Record<string, unknown> }[] = [
  { name: 'search.query 100 × "a* "', method: 'search.query', args: () => ({ q: 'a* '.repeat(100), limit: 500 }) },
  { name: 'search.query 1000 characters of "a* "', method: 'search.query', args: () => ({ q: oneThousand('a* '), limit: 500 }) },
  { name: 'search.query 1000 characters of common words', method: 'search.query', args: () => ({ q: oneThousand(`${common.join(' ')} `), limit: 500 }) },
  { name: 'search.query 26 one-letter prefixes', method: 'search.query', args: () => ({ q: 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}*`).join(' '), limit: 500 }) },
  { name: 'search.query "mo*"', method: 'search.query', args: () => ({ q: 'mo*', limit: 500 }) },
  { name: `search.query the broadest answered (${broadest.split(' OR ').length} common words ORed)`, method: 'search.query', args: () => ({ q: broadest, limit: 500 }) },
  { name: 'search.passages 100 × "a* "', method: 'search.passages', args: () => ({ q: 'a* '.repeat(100), limit: 100 }) },
  { name: 'search.passages the broadest answered', method: 'search.passages', args: () => ({ q: broadest, limit: 100 }) },
  { name: 'search.locate 100 × "mo* "', method: 'search.locate', args: (docId) => ({ docId, q: 'mo* '.repeat(100) }) },
  { name: 'annotations.find 8 words matching nothing', method: 'annotations.find', args: () => ({ q: 'zq xj vk wq qz jx kv qw', limit: 200 }) },
  { name: 'annotations.find 500 characters', method: 'annotations.find', args: () => ({ q: 'x'.repeat(500), limit: 200 }) },
];

/** Calls `project.info` every INFO_EVERY_MS until stopped; the latency of each answer, in ms. */
function pollInfo(b: Backend) {
  const latencies: number[] = [];
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const ask = () => {
    const t0 = performance.now();
    void b.call('project.info', {}).then(() => {
      latencies.push(performance.now() - t0);
      if (!stopped) timer = setTimeout(ask, INFO_EVERY_MS);
    });
  };
  ask();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return latencies;
    },
  };
}

/**
 * Adversarial reads on a 20k-document project through a real backend (the reader thread included), while a
 * second client asks project.info throughout: p99 latency of each kind (answered or refused as too broad),
 * the CPU time each request costs (both threads), and the latency of project.info.
 */
export const adversarialEntry: BenchEntry = {
  name: 'adversarial',
  description: `broad queries on ${DOCS} documents / ${DOCS * PER_DOC} annotations, ${SAMPLES} of each kind × ${RUNS} runs, project.info asked every ${INFO_EVERY_MS} ms`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-adversarial-'));
    const path = join(dir, 'p.crosscheck');
    try {
      const { project } = buildProject(path, DOCS, PER_DOC);
      project.close();
      const b = openBackend(path);
      try {
        // Warm-up: the reader thread started, SQLite's page cache as after the first searches of a session.
        for (const k of kinds) await b.call(k.method, k.args(1)).catch(() => undefined);

        const byKind = new Map(kinds.map((k) => [k.name, { p99: [] as number[], cpu: [] as number[], refused: 0 }]));
        const info: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const poll = pollInfo(b);
          for (const k of kinds) {
            const wall: number[] = [];
            const cpu: number[] = [];
            for (let i = 0; i < SAMPLES; i++) {
              const c0 = process.cpuUsage();
              const t0 = performance.now();
              try {
                await b.call(k.method, k.args(1 + ((run * SAMPLES + i) * 97) % DOCS));
              } catch (e) {
                if (!/^Query too broad/.test((e as Error).message)) throw e;
                if (run === 0) byKind.get(k.name)!.refused++;
              }
              wall.push(performance.now() - t0);
              const c = process.cpuUsage(c0);
              cpu.push((c.user + c.system) / 1000);
            }
            byKind.get(k.name)!.p99.push(percentile(wall, 99));
            byKind.get(k.name)!.cpu.push(median(cpu));
          }
          info.push(...poll.stop());
        }

        const rows: BenchRow[] = [];
        for (const [name, r] of byKind) {
          const p99 = median(r.p99);
          const outcome = r.refused === 0 ? 'answered' : r.refused === SAMPLES ? 'refused as too broad' : `refused ${r.refused}/${SAMPLES}`;
          rows.push({ entry: 'adversarial', metric: `${name}: p99 (${outcome})`, value: round(p99), unit: 'ms', target: 'p99 ≤ 1 s', pass: p99 <= 1000 });
          rows.push({ entry: 'adversarial', metric: `${name}: CPU per request (median)`, value: round(median(r.cpu)), unit: 'ms' });
        }
        const infoMax = Math.max(...info);
        rows.push({ entry: 'adversarial', metric: `concurrent project.info: p99 of ${info.length} answers`, value: round(percentile(info, 99)), unit: 'ms' });
        rows.push({ entry: 'adversarial', metric: 'concurrent project.info: slowest answer', value: round(infoMax), unit: 'ms', target: '≤ 100 ms throughout', pass: infoMax <= 100 });
        return rows;
      } finally {
        b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const round = (ms: number) => Number(ms.toFixed(1));
