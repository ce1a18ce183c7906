import { readSnapshot } from '../../db/snapshot.js';
import { AppError } from '../../common/errors.js';
import type { Project } from '../project.js';
import type { Exporter, Split } from '../formats/types.js';
import { ExportFolder } from './sink.js';
import { openExportStream, type ExportOptions } from './stream.js';
import { emptySplitNote, emptySplits } from './split.js';

export type { ExportOptions, DocumentSet } from './stream.js';

export interface ExportResult {
  dest: string;
  files: string[];
  documents: number;
  spans: number;
  links: number;
  notes: string[];
  /** Splits asked for (a non-zero share) that no document went to; their folders are there, empty. */
  emptySplits: Split[];
}

export interface ExportHooks {
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: { aborted: boolean };
  /** Replace an earlier Crosscheck export at `dest` (services/export/overwrite.ts); never anything else. */
  replace?: boolean;
}

/**
 * Runs one export. Reads through a second, read-only connection inside one transaction: the export sees one
 * consistent snapshot while the analyst keeps working, and its progress never holds the project's writer.
 * Documents are read and written one at a time (memory stays flat: the file is written in megabyte steps as the
 * documents come); the loop yields between chunks for progress and cancel.
 */
export async function runExport(p: Project, exporters: Record<string, Exporter>, o: ExportOptions, hooks: ExportHooks = {}): Promise<ExportResult> {
  const exporter = exporters[o.format];
  if (!exporter) throw new AppError('InvalidInput', `Unknown export format "${o.format}"; known: ${Object.keys(exporters).join(', ')}.`);
  const folder = new ExportFolder(o.dest, hooks.replace);
  try {
    return await readSnapshot(p.db, p.path, async (db) => {
      const { ctx, docIds, docs, splits } = openExportStream(db, o);
      const sinks = new Map<string, ReturnType<ExportFolder['sink']>>();
      const sinkFor = (split: Split | null) => {
        const key = split ?? '';
        let s = sinks.get(key);
        if (!s) {
          s = folder.sink(key);
          sinks.set(key, s);
          exporter.begin?.(ctx, s);
        }
        return s;
      };
      // Every split gets its folder, even one that ends up empty, so training code finds all three.
      if (o.split) for (const s of ['train', 'dev', 'test'] as const) sinkFor(s);
      else sinkFor(null);

      let spans = 0;
      let links = 0;
      let i = 0;
      // Cursors only on the export's own connection: an in-memory project's is the writer's, which works on while
      // the loop yields. A cancel (the throw) returns the generator, which closes its cursors before the rollback.
      for (const doc of docs(db !== p.db)) {
        exporter.doc(doc, ctx, sinkFor(doc.split));
        spans += doc.spans.length;
        links += doc.links.length;
        if (++i % 200 === 0) {
          hooks.onProgress?.({ done: i, total: docIds.length });
          await new Promise((r) => setImmediate(r));
          if (hooks.signal?.aborted) throw new AppError('Cancelled', 'Export cancelled; nothing was written.');
        }
      }
      const empty = splits && o.split ? emptySplits(splits, o.split) : [];
      const notes: string[] = empty.length && o.split ? [emptySplitNote(empty, docIds.length, o.split)] : [];
      for (const s of sinks.values()) {
        const n = exporter.end?.(ctx, s);
        if (n) notes.push(...n.notes);
      }
      hooks.onProgress?.({ done: docIds.length, total: docIds.length });
      const files = folder.commit();
      return { dest: o.dest, files, documents: docIds.length, spans, links, notes: [...new Set(notes)], emptySplits: empty };
    });
  } catch (e) {
    folder.abandon();
    throw e;
  }
}
