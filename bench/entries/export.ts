import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawProjectRows } from '../../db/baselines.js';
import { buildProject } from '../project.js';
import { runExport } from '../../services/export/run.js';
import { jsonlExporter } from '../../services/formats/jsonl.js';
import { ratioRows, type BenchEntry } from '../types.js';

const DOCS = Number(process.env.BENCH_EXPORT_DOCS ?? 42_000);
const PER_DOC = 25;

/**
 * Export of a project with a million annotations (canonical JSONL, through the real runner) against the least
 * any exporter must do: scan the same rows with better-sqlite3 and JSON.stringify them into a file.
 */
export const exportEntry: BenchEntry = {
  name: 'export',
  description: `JSONL export of ${DOCS} documents / ~${DOCS * PER_DOC} annotations vs raw scan + JSON.stringify`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-export-'));
    try {
      const path = join(dir, 'p.crosscheck');
      const { project, annotationIds } = buildProject(path, DOCS, PER_DOC);
      project.close();
      const { openProject } = await import('../../services/project.js');
      const p = openProject(path);

      const raw = () => {
        const out = openSync(join(dir, `raw-${Date.now()}.jsonl`), 'w');
        const t0 = performance.now();
        let buffer = '';
        const flush = () => {
          writeSync(out, buffer);
          buffer = '';
        };
        for (const row of rawProjectRows(path)) {
          buffer += JSON.stringify(row) + '\n';
          if (buffer.length > 1 << 20) flush();
        }
        flush();
        closeSync(out);
        return performance.now() - t0;
      };
      const ours = async () => {
        const t0 = performance.now();
        const r = await runExport(p, { jsonl: jsonlExporter }, { format: 'jsonl', dest: join(dir, `ours-${Date.now()}`), docs: { kind: 'all' } });
        const ms = performance.now() - t0;
        if (r.spans !== annotationIds.length) throw new Error(`exported ${r.spans} of ${annotationIds.length} spans`);
        return ms;
      };
      raw();
      const rawMs = Math.min(raw(), raw());
      await ours();
      const heapBefore = process.memoryUsage().heapUsed;
      const oursMs = Math.min(await ours(), await ours());
      const heapDelta = Math.max(0, process.memoryUsage().heapUsed - heapBefore);
      p.close();
      return [
        ...ratioRows('export', { metric: `raw scan + JSON.stringify, ${annotationIds.length} annotations`, ms: rawMs }, { metric: `crosscheck JSONL export, ${DOCS} docs`, ms: oursMs }, 1.5),
        { entry: 'export', metric: 'heap growth across two exports (flat memory)', value: Math.round(heapDelta / 1e6), unit: 'MB' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
