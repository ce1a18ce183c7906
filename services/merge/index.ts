/**
 * `merge` (issue 13): another analyst's work brought in as their layer(s). One entry point for every source: a
 * `.crosscheck` project (project-source.ts) or a file or folder in an import format (file-source.ts).
 */
import { resolve } from 'node:path';
import type { MergeReport } from '../../common/merge.js';
import type { Project } from '../project.js';
import { mergeProject } from './project-source.js';
import { mergeImportFile } from './file-source.js';
import { isProjectSource } from './source-kind.js';
import { checkAsName } from './layer-plan.js';
import type { MergeOptions } from './options.js';

export type { MergeOptions } from './options.js';

/**
 * Merges `source` (a path, relative to `o.base` when given) into `p`; see MergeReport for what it says. A source
 * that is a Crosscheck project (by its `.crosscheck` name or SQLite's header) is merged as one; anything else
 * goes the import path.
 * @throws AppError naming the source (not found, not readable, refused by a check, `--as` a reserved or
 *   malformed name); nothing is written then.
 */
export async function merge(p: Project, source: string, o: MergeOptions = {}): Promise<MergeReport> {
  checkAsName(o.shownAs ?? source, o.as);
  const abs = o.base ? resolve(o.base, source) : source;
  return isProjectSource(abs) ? mergeProject(p, abs, o) : mergeImportFile(p, source, o);
}
