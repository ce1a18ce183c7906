import type { Db } from '../../db/open.js';
import { jsonlLine } from '../formats/jsonl.js';
import { openExportStream } from './stream.js';

export { type JsonlDocument } from './jsonl-types.js';

/** Every document of the project as canonical JSONL lines, one at a time (memory stays flat). */
export function* jsonlLines(db: Db): Generator<string> {
  const { docIds, read } = openExportStream(db, { docs: { kind: 'all' } });
  for (const id of docIds) yield jsonlLine(read(id));
}
