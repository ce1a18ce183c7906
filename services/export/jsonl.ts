import type { Db } from '../../db/open.js';
import { AppError } from '../../common/errors.js';
import { jsonlLine, type JsonlLine } from '../formats/jsonl.js';
import { jsonlIds } from '../formats/jsonl-ids.js';
import { openExportStream } from './stream.js';
import { writeLinesAtomically } from './to-file.js';

/** One line of the canonical JSONL export (the schema is in formats/jsonl.ts). */
export type JsonlDocument = JsonlLine;

/**
 * Every document of the project as canonical JSONL lines, one at a time (memory stays flat), with the ids files
 * gave at import written back (formats/jsonl-ids.ts); the `auto` layer's proposals only with `includeProposals`.
 */
export function* jsonlLines(db: Db, includeProposals = false): Generator<string> {
  const { docs } = openExportStream(db, { docs: { kind: 'all' }, includeProposals });
  const ids = jsonlIds(db);
  // A document at a time, no cursors: a caller may write through `db` between two lines.
  for (const d of docs(false)) yield jsonlLine(d, ids.forDoc(d.id));
}

/**
 * `export.toFile`: the whole project as canonical JSONL in one new file at `path`, moved into place only once
 * complete (see writeLinesAtomically); an existing file is replaced only with `replace` and only when it is an
 * earlier Crosscheck JSONL export; documents' paths relative to the folder imported from unless `absolutePaths`
 * (services/export/stream.ts publishedPath); only the layer `layer` names when given (stream.ts layerIdOf); the `auto` layer's proposals only with
 * `includeProposals` (stream.ts ExportOptions). Counts spans from the documents as they are written, not by parsing lines back.
 * @throws AppError('InvalidInput') unless `path` ends in .jsonl (a JSONL export is never named like a script or a
 * start-up file), for a bad name, an unknown layer (naming the known ones), or "… already exists".
 */
export function writeJsonlFile(
  db: Db,
  path: string,
  replace = false,
  absolutePaths = false,
  layer?: string,
  includeProposals = false,
): { path: string; documents: number; spans: number } {
  if (!/\.jsonl$/i.test(path)) throw new AppError('InvalidInput', `path: ${path} does not end in .jsonl; the one-file export writes JSONL and is named so.`);
  let spans = 0;
  // Opened before the file is: an unknown layer is refused with nothing written.
  const { docs } = openExportStream(db, { docs: { kind: 'all' }, absolutePaths, layer, includeProposals });
  const ids = jsonlIds(db);
  const documents = writeLinesAtomically(
    path,
    (function* () {
      // Cursors (one scan, not three queries per document): the whole export is synchronous, nothing writes meanwhile.
      for (const d of docs(true)) {
        spans += d.spans.length;
        yield jsonlLine(d, ids.forDoc(d.id));
      }
    })(),
    replace,
  );
  return { path, documents, spans };
}
