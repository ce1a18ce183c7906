import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRawFts } from '../../db/baselines.js';
import { openProject } from '../../services/project.js';
import { importSources, sourcesFromPaths } from '../../services/import/importer.js';
import { walkPaths } from '../../services/import/walk.js';
import { writeCorpus } from '../corpus.js';
import { ratioRows, type BenchEntry } from '../types.js';

const COUNT = Number(process.env.BENCH_IMPORT_DOCS ?? 10_000);

/**
 * Import of 10,000 generated articles against the least a raw better-sqlite3 program must do for the same
 * texts: read each file, insert it, index it in FTS5, in one transaction, with the same pragmas.
 */
export const importEntry: BenchEntry = {
  name: 'import',
  description: `import ${COUNT} generated articles vs raw better-sqlite3 insert + FTS5`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-import-'));
    try {
      const corpus = join(dir, 'corpus');
      const { bytes } = writeCorpus(corpus, COUNT);

      const raw = () => {
        const db = openRawFts(join(dir, `raw-${Date.now()}.db`));
        const t0 = performance.now();
        const files = walkPaths([corpus]).files;
        db.fill((insert) => {
          for (const f of files) {
            const text = readFileSync(f.absPath, 'utf8');
            insert(text.slice(0, text.indexOf('\n')), text);
          }
        });
        const ms = performance.now() - t0;
        db.close();
        return ms;
      };

      const ours = async () => {
        const p = openProject(join(dir, `ours-${Date.now()}.crosscheck`));
        const t0 = performance.now();
        const { sources, report } = sourcesFromPaths([corpus]);
        const r = await importSources(p.db, p.documents, sources, report);
        const ms = performance.now() - t0;
        p.close();
        if (r.imported.length !== COUNT) throw new Error(`imported ${r.imported.length} of ${COUNT}: ${JSON.stringify(r.skipped.slice(0, 3))}`);
        return ms;
      };

      // Warm the file cache and JIT once, then take the better of two runs of each, interleaved.
      raw();
      const rawMs = Math.min(raw(), raw());
      await ours();
      const oursMs = Math.min(await ours(), await ours());
      const raws = { metric: `raw insert + FTS5, ${COUNT} docs (${(bytes / 1e6).toFixed(1)} MB)`, ms: rawMs };
      return ratioRows('import', raws, { metric: `crosscheck import, ${COUNT} docs`, ms: oursMs }, 1.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
