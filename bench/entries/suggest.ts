import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProject } from '../project.js';
import { suggester } from '../../services/suggestions.js';
import { mulberry32 } from '../../common/random.js';
import type { BenchEntry } from '../types.js';
import { nameTokens } from '../../services/suggest/names.js';

const DOCS = Number(process.env.BENCH_SUGGEST_DOCS ?? 10_000);
const PER_DOC = 10;
const SAMPLES = 200;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Suggestions for random annotations of a 10k-document / 100k-annotation project: p50 and p95 latency. */
export const suggestEntry: BenchEntry = {
  name: 'suggest',
  description: `suggestions at ${DOCS} documents / ${DOCS * PER_DOC} annotations, ${SAMPLES} requests`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-suggest-'));
    try {
      const { project, annotationIds } = buildProject(join(dir, 'p.crosscheck'), DOCS, PER_DOC);
      const s = suggester(project);
      const r = mulberry32(3);
      // Warm-up: the vocabulary cache and SQLite's page cache, as after the first click of a session.
      for (let i = 0; i < 5; i++) s.forAnnotation(annotationIds[i], 10);
      const times: number[] = [];
      const byLabel = new Map<string, number[]>();
      const labelName = new Map(project.labels.list().map((l) => [l.id, l.name]));
      let found = 0;
      // Quality: of the speaker suggestions, those naming the same person (same folded surname); of the claim and
      // figure suggestions, those whose figures agree with the source's (the scorer's "figures agree" reason).
      let samePerson = 0;
      let speakerShown = 0;
      let agreeing = 0;
      let figureShown = 0;
      for (let i = 0; i < SAMPLES; i++) {
        // Spread over labels: every third sample is a speaker, a figure, a claim.
        const id = annotationIds[Math.floor(r() * (annotationIds.length / PER_DOC)) * PER_DOC + (i % 3)];
        const t0 = performance.now();
        const out = s.forAnnotation(id, 10);
        const ms = performance.now() - t0;
        if (out.length) found++;
        const source = project.annotations.get(id);
        const surname = (t: string) => nameTokens(t).at(-1);
        for (const o of out) {
          const text = o.kind === 'annotation' ? o.target.annotation.text : o.passage.context.slice(o.passage.contextStart, o.passage.contextEnd);
          if (labelName.get(source.labelId) === 'speaker') {
            speakerShown++;
            if (surname(text) === surname(source.text)) samePerson++;
          } else {
            figureShown++;
            if (o.reasons.some((r) => r.startsWith('figures agree'))) agreeing++;
          }
        }
        times.push(ms);
        const label = labelName.get(project.annotations.get(id).labelId)!;
        byLabel.set(label, [...(byLabel.get(label) ?? []), ms]);
      }
      project.close();
      const p95 = percentile(times, 95);
      return [
        { entry: 'suggest', metric: `p50, ${DOCS} docs / ${annotationIds.length} annotations`, value: Number(percentile(times, 50).toFixed(1)), unit: 'ms' },
        { entry: 'suggest', metric: `p95 (requests with results: ${found}/${SAMPLES})`, value: Number(p95.toFixed(1)), unit: 'ms', target: 'p95 < 100 ms', pass: p95 < 100 },
        { entry: 'suggest', metric: `speaker suggestions naming the same person (${samePerson}/${speakerShown})`, value: Number(((100 * samePerson) / Math.max(1, speakerShown)).toFixed(1)), unit: '%' },
        { entry: 'suggest', metric: `claim and figure suggestions with agreeing figures (${agreeing}/${figureShown})`, value: Number(((100 * agreeing) / Math.max(1, figureShown)).toFixed(1)), unit: '%' },
        ...[...byLabel].map(([label, xs]) => ({ entry: 'suggest', metric: `p95 ${label}`, value: Number(percentile(xs, 95).toFixed(1)), unit: 'ms' })),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
