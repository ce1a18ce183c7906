import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { AppError } from '../../common/errors.js';
import type { ImportFormat } from '../../common/formats.js';
import { detectFormat } from './detect.js';
import { ingest } from './ingest.js';
import { importJsonl } from './jsonl-import.js';
import { parseBratFolder } from './brat-folder.js';
import { parseBratPair } from './brat-import.js';
import { parseDoccano } from './doccano.js';
import { parseLabelStudio } from './labelstudio.js';
import { parseW3c } from './w3c-import.js';
import { parseW3cFolder } from './w3c-folder.js';
import { readWebAnnoTsv3 } from './webanno-import.js';

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError('InvalidInput', `${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
};

export const emptyReport = (): ImportReport => ({ imported: [], duplicates: [], skipped: [] });

/**
 * Adds one report to another. The counts of annotated imports appear only when such an import happened, so a
 * plain text import keeps the documented three-key report.
 */
export function mergeReport(into: ImportReport, r: ImportReport): ImportReport {
  into.imported.push(...r.imported);
  into.duplicates.push(...r.duplicates);
  into.skipped.push(...r.skipped);
  if (r.spans !== undefined) {
    into.spans = (into.spans ?? 0) + r.spans;
    into.links = (into.links ?? 0) + (r.links ?? 0);
    into.clusters = (into.clusters ?? 0) + (r.clusters ?? 0);
    into.labelsAdded = [...new Set([...(into.labelsAdded ?? []), ...(r.labelsAdded ?? [])])];
    into.linkTypesAdded = [...new Set([...(into.linkTypesAdded ?? []), ...(r.linkTypesAdded ?? [])])];
  }
  return into;
}

/** W3C targets name their documents; ours by urn, others may name a document already in the project by path. */
function w3cSources(p: Project, file: string) {
  return (source: string) => {
    const m = /^urn:crosscheck:document:(\d+)$/.exec(source);
    if (m) {
      try {
        const d = p.documents.get(Number(m[1]));
        return { text: d.text, title: d.title };
      } catch {
        return null;
      }
    }
    try {
      const sibling = join(dirname(file), basename(source));
      // As the file is: positions in the annotations count its characters, line ends included.
      return { text: read(sibling), title: basename(source) };
    } catch {
      return null;
    }
  };
}

/** Imports one annotated file or folder (not plain text) and says what it brought. Throws on a bad file. */
export function importAnnotated(p: Project, path: string, format: Exclude<ImportFormat, 'auto' | 'text'>): ImportReport {
  switch (format) {
    case 'jsonl':
      return importJsonl(p, path);
    case 'brat': {
      // What brat files hold that Crosscheck leaves out (notes on relations, a lone .txt) is reported, not lost silently.
      const issues: { path: string; reason: string }[] = [];
      const docs = statSync(path).isDirectory() ? parseBratFolder(path, issues) : [parseBratPair(path.replace(/\.ann$/i, '.txt'), path, undefined, { issues })];
      const r = ingest(p, docs, path);
      r.skipped.push(...issues);
      return r;
    }
    case 'doccano':
      return ingest(p, parseDoccano(read(path), path), path);
    case 'labelstudio':
      return ingest(p, parseLabelStudio(read(path), path), path);
    case 'w3c': {
      // annotations.jsonld beside documents.json is our own export: its texts are in that folder, not the project.
      const folder = statSync(path).isDirectory() ? path : existsSync(join(dirname(path), 'documents.json')) ? dirname(path) : null;
      return ingest(p, folder ? parseW3cFolder(folder) : parseW3c(read(path), w3cSources(p, path), path), path);
    }
    case 'webanno': {
      const { doc, notes } = readWebAnnoTsv3(read(path), path);
      const r = ingest(p, [doc], path);
      r.skipped.push(...notes.map((reason) => ({ path, reason })));
      return r;
    }
  }
}

/**
 * Splits the paths of an import into plain text (for the text importer) and annotated files, importing the
 * annotated ones in ONE transaction: one bad file leaves the project as it was.
 */
export function importAnnotatedPaths(p: Project, paths: string[], format: ImportFormat): { report: ImportReport; textPaths: string[] } {
  const report = emptyReport();
  const textPaths: string[] = [];
  const annotated: [string, Exclude<ImportFormat, 'auto' | 'text'>][] = [];
  for (const path of paths) {
    const f = format === 'auto' ? detectFormat(path) : format;
    if (f === 'text') textPaths.push(path);
    else annotated.push([path, f]);
  }
  if (annotated.length) p.transaction(() => annotated.forEach(([path, f]) => mergeReport(report, importAnnotated(p, path, f))));
  return { report, textPaths };
}
