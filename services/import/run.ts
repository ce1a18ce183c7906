/**
 * One import of files and folders on disk, whatever brought them: paths the person named (`import.paths`: the
 * desktop dialog, the CLI) or bytes the browser uploaded and services/import/uploads.ts wrote into a private folder
 * (`import.files`). Both go through the same format detection: annotated formats (ours, brat, doccano, Label
 * Studio, W3C, WebAnno) to their importers (services/formats/importers.ts), the rest to the text importer.
 */
import type { ImportProgress, ImportReport } from '../../common/model.js';
import type { ImportFormat } from '../../common/formats.js';
import type { Project } from '../project.js';
import type { PathCheck } from '../path-policy.js';
import type { ImportOptions } from '../../common/contract.js';
import { importAnnotatedPaths, mergeReport } from '../formats/importers.js';
import { importSources, sourcesFromPaths } from './importer.js';
import { encodingName } from './encoding-name.js';

export interface RunImportOptions {
  /** strict, offsets, encoding, labelNames (common/contract.ts importOptions). */
  options?: ImportOptions;
  /** The host's path check, for symbolic links met inside folders (none: any, as in the CLI). */
  check?: PathCheck;
  /** Folder relative `paths` start from; paths are then reported (and stored) relative to it. */
  base?: string;
  onProgress?: (p: ImportProgress) => void;
}

/**
 * Imports `paths` (files and folders) into the project: annotated files in one transaction, then plain text in
 * another (see importSources). Every file left out is in the report's `skipped` with its reason.
 * @throws AppError naming the file (and line) when an annotated file is malformed; nothing of that part is kept.
 */
export async function importPaths(p: Project, paths: string[], format: ImportFormat, o: RunImportOptions = {}): Promise<ImportReport> {
  // An unknown encoding name fails the import before anything of it is stored.
  encodingName(o.options?.encoding);
  const { report, textPaths } = importAnnotatedPaths(p, paths, format, { check: o.check, base: o.base, options: o.options });
  if (textPaths.length) {
    const { sources, report: walked } = sourcesFromPaths(textPaths, { check: o.check, base: o.base });
    mergeReport(report, await importSources(p.db, p.documents, sources, walked, { onProgress: o.onProgress, encoding: o.options?.encoding }));
  }
  return nameDuplicates(p, report);
}

/**
 * Names the document each duplicate repeats (its title and stored path), so that "same text as document 3" can be
 * followed by a person who never sees ids.
 */
export function nameDuplicates(p: Project, report: ImportReport): ImportReport {
  for (const d of report.duplicates) {
    const doc = p.documents.nameOf(d.of);
    if (doc) Object.assign(d, { ofTitle: doc.title, ofPath: doc.path });
  }
  return report;
}
