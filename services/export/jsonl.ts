import type { Db } from '../../db/open.js';
import { jsonlLine, type JsonlLine } from '../formats/jsonl.js';
import { openExportStream } from './stream.js';
import { writeLinesAtomically } from './to-file.js';

/** One line of the canonical JSONL export (the schema is in formats/jsonl.ts). */
export type JsonlDocument = JsonlLine;

/** Every document of the project as canonical JSONL lines, one at a time (memory stays flat). */
export function* jsonlLines(db: Db): Generator<string> {
  const { docIds, read } = openExportStream(db, { docs: { kind: 'all' } });
  for (const id of docIds) yield jsonlLine(read(id));
}

/**
 * `export.toFile`: the whole project as canonical JSONL in one file at `path`, replaced only once complete
 * (see writeLinesAtomically). Counts spans from the documents as they are written, not by parsing lines back.
 */
export function writeJsonlFile(db: Db, path: string): { path: string; documents: number; spans: number } {
  let spans = 0;
  const { docIds, read } = openExportStream(db, { docs: { kind: 'all' } });
  const documents = writeLinesAtomically(
    path,
    (function* () {
      for (const id of docIds) {
        const d = read(id);
        spans += d.spans.length;
        yield jsonlLine(d);
      }
    })(),
  );
  return { path, documents, spans };
}
