import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { exportFormats, type ExportFormat } from '../../common/formats.js';
import { mulberry32 } from '../../common/random.js';
import { article } from '../corpus.js';
import { openProject, type Project } from '../../services/project.js';
import { runExport } from '../../services/export/run.js';
import { exporters } from '../../services/formats/index.js';
import type { BenchEntry, BenchRow } from '../types.js';

/** Characters of the one document (issue 11, item 16: 6 MB), runs per format, and the target ratio to JSONL. */
const CHARS = Number(process.env.BENCH_FORMATS_CHARS ?? 6_000_000);
const RUNS = Number(process.env.BENCH_FORMATS_RUNS ?? 5);
const MAX_RATIO = 3;
/** BENCH_FORMATS_ONLY=conll,hf measures only those (and JSONL, the baseline). */
const ONLY = process.env.BENCH_FORMATS_ONLY?.split(',').filter(Boolean);
const FORMATS = exportFormats.filter((f) => f === 'jsonl' || !ONLY || ONLY.includes(f));
const SAME_AS = 1;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One generated news text of CHARS characters with what real articles hold besides plain words: an emoji or a
 * combining accent every few kB (text the tokenizers must send through grapheme segmentation). Both are in the
 * BMP, so code-point offsets equal string indices here.
 */
function longText(): string {
  const r = mulberry32(16);
  const text = article(r, 0, CHARS);
  let i = 0;
  return text.replace(/ the /g, (m) => (++i % 40 === 0 ? ' the ✅ ' : i % 40 === 20 ? ' thé\u0301 ' : m));
}

/**
 * The project: one document, a claim over every third sentence, a figure nested in each claim that has a number,
 * a speaker at every "rudskoy", some discontinuous claims (two sentences, the one between left out), and same-as
 * clusters of three claims, so that every format has spans, nesting, fragments, links and clusters to write.
 */
function buildOneDocument(path: string): { project: Project; bytes: number; spans: number } {
  const project = openProject(path);
  const text = longText();
  const labels = new Map(project.labels.list().map((l) => [l.name, l.id]));
  let spans = 0;
  project.transaction(() => {
    const docId = project.documents.insert(
      { title: 'One long report', date: '2017-01-01', source: 'RT', path: null, hash: createHash('sha1').update(text).digest('hex'), text, length: text.length },
      'bench',
    );
    const add = (label: string, start: number, end: number, attributes: Record<string, string> = {}) => {
      spans++;
      return project.annotations.insertChecked({ docId, labelId: labels.get(label)!, start, end, text: text.slice(start, end), note: '', attributes, at: 'bench', annotatorId: 1 });
    };
    const sentences = [...text.matchAll(/[A-Z][^.\n]*\./g)].map((m) => [m.index!, m.index! + m[0].length] as const);
    const claims: number[] = [];
    sentences.forEach(([s, e], k) => {
      if (k % 3 === 0) {
        claims.push(add('claim', s, e));
        const n = /\b\d+\b/.exec(text.slice(s, e));
        if (n) add('figure', s + n.index, s + n.index + n[0].length);
      } else if (k % 97 === 1 && k + 2 < sentences.length) {
        const [s3, e3] = sentences[k + 2];
        add('claim', s, e3, { fragments: `${s}-${e};${s3}-${e3}` });
      }
    });
    for (const m of text.matchAll(/rudskoy/g)) add('speaker', m.index!, m.index! + m[0].length);
    for (let k = 0; k + 2 < claims.length && k < 3000; k += 30) {
      project.links.create(claims[k], claims[k + 1], SAME_AS);
      project.links.create(claims[k], claims[k + 2], SAME_AS);
    }
  });
  return { project, bytes: Buffer.byteLength(text), spans };
}

/**
 * Every export format of ONE document of about 6 MB, each against the JSONL export of the same document in the
 * same run (issue 11, item 16: each within 3× of it). Formats run in turn within each round, so that a busy
 * moment of the machine weighs on all of them; the figures are medians over RUNS rounds, wall time and the
 * process's CPU time.
 */
export const formatsEntry: BenchEntry = {
  name: 'formats',
  description: `every export format of one ${(CHARS / 1e6).toFixed(0)} MB document vs its JSONL export`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-formats-'));
    try {
      const { project, bytes, spans } = buildOneDocument(join(dir, 'p.crosscheck'));
      const wall = new Map<ExportFormat, number[]>(FORMATS.map((f) => [f, []]));
      const cpu = new Map<ExportFormat, number[]>(FORMATS.map((f) => [f, []]));
      let n = 0;
      const once = async (format: ExportFormat) => {
        const dest = join(dir, `out-${++n}`);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await runExport(project, exporters, { format, dest, docs: { kind: 'all' }, seed: 1 });
        const ms = performance.now() - t0;
        const c = process.cpuUsage(c0);
        if (r.documents !== 1) throw new Error(`${format}: exported ${r.documents} documents`);
        rmSync(dest, { recursive: true, force: true });
        return { ms, cpuMs: (c.user + c.system) / 1000 };
      };
      for (const f of FORMATS) await once(f); // warm-up: code compiled, pages cached
      for (let round = 0; round < RUNS; round++) {
        for (const f of FORMATS) {
          const m = await once(f);
          wall.get(f)!.push(m.ms);
          cpu.get(f)!.push(m.cpuMs);
        }
      }
      project.close();
      const base = median(wall.get('jsonl')!);
      const rows: BenchRow[] = [
        { entry: 'formats', metric: `JSONL export of one document (${(bytes / 1e6).toFixed(1)} MB, ${spans} spans), median of ${RUNS}`, value: Math.round(base), unit: 'ms' },
      ];
      for (const f of FORMATS) {
        const ms = median(wall.get(f)!);
        const ratio = ms / base;
        rows.push({
          entry: 'formats',
          metric: `${f} export, same document (CPU ${Math.round(median(cpu.get(f)!))} ms)`,
          value: Math.round(ms),
          unit: 'ms',
          baseline: Math.round(base),
          ratio: Number(ratio.toFixed(2)),
          target: `ratio ≤ ${MAX_RATIO}`,
          pass: ratio <= MAX_RATIO,
        });
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
