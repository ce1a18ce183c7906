import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latestVersion } from '../../db/migrate.js';
import { mulberry32 } from '../../common/random.js';
import { cpLength } from '../../common/offsets.js';
import { openProject, type Project } from '../../services/project.js';
import { textHash } from '../../services/import/hash.js';
import { merge } from '../../services/merge/index.js';
import { article } from '../corpus.js';
import type { BenchEntry } from '../types.js';

const DOCS = Number(process.env.BENCH_MERGE_DOCS ?? 10_000);
const PER_DOC = 30;
const RUNS = Number(process.env.BENCH_MERGE_RUNS ?? 3);
const TARGET_DOCS_PER_S = 2000;
const LABELS = ['claim', 'speaker', 'figure'];

/**
 * A project of generated articles `from`..`to` (the same text for the same index in every project) in the layer
 * `who`, `PER_DOC` spans each (one word every slice of the text); claims are said-by the document's first span, and
 * each document's first span is same-as the one of the document ten before (cross-document clusters).
 */
export function buildLayerProject(path: string, who: string, docs: number[], spans: boolean): void {
  const p = openProject(path);
  const labelId = p.labels.list().map((l) => l.id);
  const type = new Map(p.links.types().map((t) => [t.name, t.id]));
  const layer = p.annotators.ensure(who);
  p.transaction(() => {
    const first = new Map<number, number>();
    for (const i of docs) {
      const text = article(mulberry32(1000 + i), i, 2400);
      const docId = p.documents.insert({ title: `Article ${i} (${who})`, date: null, source: null, path: `${who}/${i}.txt`, hash: textHash(text), text, length: cpLength(text) }, 'bench');
      if (!spans) continue;
      const words = [...text.matchAll(/\p{L}+/gu)];
      const step = Math.floor(words.length / PER_DOC);
      const ids: number[] = [];
      for (let k = 0; k < PER_DOC; k++) {
        const w = words[k * step];
        const start = w.index!;
        ids.push(p.annotations.insertChecked({ docId, labelId: labelId[k % LABELS.length], start, end: start + w[0].length, text: w[0], note: '', attributes: {}, at: 'bench', annotatorId: layer }));
      }
      for (let k = 3; k < PER_DOC; k += 3) p.links.create(ids[k], ids[0], type.get('said-by')!);
      const previous = first.get(i - 10);
      if (previous !== undefined) p.links.create(ids[0], previous, type.get('same-as')!);
      first.set(i, ids[0]);
    }
  });
  p.close();
}

/**
 * Bumped whenever buildLayerProject writes something else: the built projects are cached in bench/out/ under this
 * key (with the document count and schema version), as building them takes minutes and merging only seconds.
 */
const BUILD_VERSION = 1;
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', `merge-v${BUILD_VERSION}-s${latestVersion}-${DOCS}`);

/** The project at `path` in the cache, built first (into a temporary name, then renamed) when missing. */
function cached(name: string, build: (path: string) => void): string {
  const path = join(cacheDir, name);
  if (existsSync(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${path}.building-${process.pid}`;
  build(tmp);
  // One file to rename: closing a project folds its WAL back into the file (db/open.ts closeDatabase).
  openProject(tmp).close();
  renameSync(tmp, path);
  return path;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** Issue 13: merge of a 10,000-document project into another holding half of its documents (and others) at ≥ 2,000 documents/s. */
export const mergeEntry: BenchEntry = {
  name: 'merge',
  description: `merge of a ${DOCS}-document project (${PER_DOC} spans each, links, clusters) into one holding half of its documents and as many others`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-merge-'));
    try {
      const source = cached('bob.crosscheck', (path) => buildLayerProject(path, 'bob', range(0, DOCS), true));
      const target = cached('ana.crosscheck', (path) => buildLayerProject(path, 'ana', [...range(0, DOCS / 2), ...range(DOCS, DOCS + DOCS / 2)], true));
      const wall: number[] = [];
      const cpu: number[] = [];
      let check = '';
      for (let run = 0; run < RUNS; run++) {
        const copy = join(dir, `run${run}.crosscheck`);
        copyFileSync(target, copy);
        const p: Project = openProject(copy);
        try {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const r = await merge(p, source);
          wall.push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          cpu.push((c.user + c.system) / 1000);
          const bob = r.layers.find((l) => l.name === 'bob');
          if (r.documents.matched !== DOCS / 2 || r.documents.added !== DOCS / 2 || bob?.spans !== DOCS * PER_DOC) {
            throw new Error(`merge brought ${JSON.stringify(r.documents)} and ${bob?.spans} spans`);
          }
          check = `${bob.spans} spans, ${bob.links} links, ${bob.clusters} clusters`;
        } finally {
          p.close();
        }
      }
      const ms = median(wall);
      const rate = DOCS / (ms / 1000);
      // The machine's load says how far wall time is from CPU time (a busy machine stretches the first only).
      const load = loadavg()[0];
      console.error(`merge: ${check} per run; wall ${wall.map(Math.round).join(', ')} ms; CPU ${cpu.map(Math.round).join(', ')} ms; load average ${load.toFixed(1)}`);
      return [
        {
          entry: 'merge',
          metric: `merge of ${DOCS} documents × ${PER_DOC} spans (half already present), documents/s, median of ${RUNS}`,
          value: Math.round(rate),
          unit: 'docs/s',
          target: `≥ ${TARGET_DOCS_PER_S} docs/s`,
          pass: rate >= TARGET_DOCS_PER_S,
        },
        { entry: 'merge', metric: 'merge, wall time, median', value: Math.round(ms), unit: 'ms' },
        { entry: 'merge', metric: 'merge, CPU time (user + system), median', value: Math.round(median(cpu)), unit: 'ms' },
        { entry: 'merge', metric: 'merge, documents per CPU second (user + system), median', value: Math.round(DOCS / (median(cpu) / 1000)), unit: 'docs/s' },
        { entry: 'merge', metric: 'load average (1 minute) after the runs', value: Math.round(load * 10) / 10, unit: '' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
