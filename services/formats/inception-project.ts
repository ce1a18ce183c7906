/**
 * An INCEpTION (or WebAnno 3) project export, as a zip or unpacked into a folder: every annotator's work and the
 * curation of each document, imported as layers (issue 13).
 *
 * Layout (INCEpTION's AnnotationDocumentExporter and CuratedDocumentsExporter): `source/<document>` holds the
 * original file; `annotation/<document>/<user>.<ext>` each annotator's annotations in the format chosen at
 * export, plus the `INITIAL_CAS` pseudo-user (the document before anyone annotated it); `curation/<document>/
 * CURATION_USER.<ext>` the curated result; `annotation_ser/` and `curation_ser/` the same as serialised CASes.
 * WebAnno before 2.0.8 wrote the entry names with a leading "/". Only WebAnno TSV 3 (`.tsv`) files are read
 * here (webanno-import.ts): export the project with that format.
 *
 * Each document becomes ONE Crosscheck document: every annotator's TSV is that annotator's layer, named by the
 * file's base name; CURATION_USER is the reserved `gold` layer, and no other file reaches a reserved layer (an
 * annotator called gold, auto or all, any case, is dropped with the reason, as are a file with no user name and
 * a document folder "." or ".."). The TSVs of one document share its text; one
 * whose text differs (a different tokenisation of another source) is dropped with the reason. `INITIAL_CAS`
 * holds no one's work and is passed over; annotation files in another format are named in the notes.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { GOLD_LAYER } from '../../common/annotators.js';
import { AppError } from '../../common/errors.js';
import type { PathCheck } from '../path-policy.js';
import { entryAt } from '../import/files.js';
import { readAnnotatedText, readBytes } from './read-text.js';
import { personLayerProblem } from './person-layer.js';
import type { ImportContext, ParsedDoc } from './types.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';

/** The user INCEpTION writes the curated document as. */
export const CURATION_USER = 'CURATION_USER';
/** INCEpTION's pseudo-user for the document as first imported (no one's work). */
export const INITIAL_CAS = 'INITIAL_CAS';

/** `annotation/<document>/<user>.<ext>` or `curation/<document>/<user>.<ext>` (after any leading "/"). */
const ENTRY = /^\/?(annotation|curation)\/([^/]+)\/([^/]+)$/;

/** One annotation file of a project export: where it is, and its text when read. */
export interface ProjectFile {
  kind: 'annotation' | 'curation';
  document: string;
  /** The file name, e.g. "ana.tsv". */
  name: string;
  /** How messages name it: "<export>/annotation/<document>/<file>". */
  shown: string;
  read(): string;
}

/** Whether a list of entry names (a zip's, or a folder's relative paths) is an INCEpTION project export with TSVs. */
export function isInceptionProject(names: readonly string[]): boolean {
  return names.some((n) => ENTRY.test(n) && n.toLowerCase().endsWith('.tsv'));
}

/** The names of a zip's entries, reading none. @throws AppError('InvalidInput') when the file is not a zip. */
export function zipEntryNames(path: string): string[] {
  const names: string[] = [];
  unzipOr(path, readBytes(path), (f) => {
    names.push(f.name);
    return false;
  });
  return names;
}

/** The largest annotation file read from a zip, uncompressed: far above any real TSV, below a zip bomb's. */
export const MAX_ZIPPED_TSV_BYTES = 256 * 1024 * 1024;

/** The most all annotation files read from one zip may hold together, uncompressed (a zip bomb's entries add up). */
export const MAX_ZIPPED_TOTAL_BYTES = 512 * 1024 * 1024;

/** Bytes as whole megabytes (MiB), for messages. */
const mb = (n: number) => Math.round(n / 2 ** 20);

/** fflate's unzipSync with its errors as InvalidInput naming the zip (an AppError thrown by `filter` passes). */
function unzipOr(path: string, bytes: Uint8Array, filter: (f: { name: string; originalSize: number }) => boolean) {
  try {
    return unzipSync(bytes, { filter });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', `${path}: not a readable zip (${(e as Error).message})`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The annotation and curation files of an export zip (TSV ones decompressed; others only named).
 * @param maxTotalBytes the most all TSVs may hold together uncompressed (MAX_ZIPPED_TOTAL_BYTES; lower in tests).
 * @throws AppError('InvalidInput') when the zip cannot be read, its TSVs' declared uncompressed sizes add up to
 *   over `maxTotalBytes`, one is over MAX_ZIPPED_TSV_BYTES, or one is not UTF-8.
 */
export function zipProjectFiles(path: string, shown: string, maxTotalBytes = MAX_ZIPPED_TOTAL_BYTES): ProjectFile[] {
  const files: ProjectFile[] = [];
  const names: string[] = [];
  const bytes = readBytes(path);
  // The sizes the central directory declares, summed before anything is decompressed: unzipSync inflates every
  // entry the filter takes at once, so twelve entries each under the per-file cap still add up to gigabytes.
  let total = 0;
  unzipOr(path, bytes, (f) => {
    if (ENTRY.test(f.name) && f.name.toLowerCase().endsWith('.tsv')) total += f.originalSize;
    return false;
  });
  if (total > maxTotalBytes) {
    throw new AppError('InvalidInput', `${shown}: its annotation files are ${mb(total)} MB uncompressed in all, over the ${mb(maxTotalBytes)} MB an INCEpTION export may unpack to; export fewer documents at a time`);
  }
  const data = unzipOr(path, bytes, (f) => {
    if (!ENTRY.test(f.name)) return false;
    names.push(f.name);
    if (!f.name.toLowerCase().endsWith('.tsv')) return false;
    if (f.originalSize > MAX_ZIPPED_TSV_BYTES) {
      throw new AppError('InvalidInput', `${shown}/${f.name.replace(/^\//, '')}: ${mb(f.originalSize)} MB uncompressed, over the ${mb(MAX_ZIPPED_TSV_BYTES)} MB an annotation file may have`);
    }
    return true;
  });
  for (const name of names) {
    const [, kind, document, file] = ENTRY.exec(name)!;
    const bytes = data[name];
    files.push({
      kind: kind as ProjectFile['kind'],
      document,
      name: file,
      shown: `${shown}/${name.replace(/^\//, '')}`,
      read: () => {
        try {
          return utf8.decode(bytes);
        } catch {
          throw new AppError('InvalidInput', `${shown}/${name.replace(/^\//, '')}: not UTF-8 (INCEpTION writes TSV in UTF-8)`);
        }
      },
    });
  }
  return files;
}

/**
 * The annotation and curation files of an unpacked export folder; entries that are not regular files (or links
 * the host does not allow) are passed over.
 */
export function folderProjectFiles(dir: string, shown: string, check?: PathCheck): ProjectFile[] {
  const files: ProjectFile[] = [];
  for (const kind of ['annotation', 'curation'] as const) {
    const top = join(dir, kind);
    if (entryAt(top, check).kind !== 'dir') continue;
    for (const document of readdirSync(top).sort()) {
      const docDir = join(top, document);
      if (entryAt(docDir, check).kind !== 'dir') continue;
      for (const name of readdirSync(docDir).sort()) {
        const path = join(docDir, name);
        if (entryAt(path, check).kind !== 'file') continue;
        files.push({ kind, document, name, shown: `${shown}/${kind}/${document}/${name}`, read: () => readAnnotatedText(path) });
      }
    }
  }
  return files;
}

/** Whether an unpacked folder is an INCEpTION project export with TSVs (nothing is opened). */
export function isInceptionFolder(dir: string): boolean {
  const list = (d: string) => {
    try {
      return readdirSync(d, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const names: string[] = [];
  for (const kind of ['annotation', 'curation']) {
    for (const d of list(join(dir, kind))) if (d.isDirectory()) for (const f of list(join(dir, kind, d.name))) names.push(`${kind}/${d.name}/${f.name}`);
  }
  return isInceptionProject(names);
}

/**
 * Why an annotation or curation file of an export is not read, or null: a document folder "." or ".." (a crafted
 * zip's; it would name the folder above as the document), a file with no user name (".tsv"), or an annotator's
 * (or a curation file other than CURATION_USER's) whose name is a reserved layer name (person-layer.ts): only
 * CURATION_USER fills `gold`.
 */
function fileProblem(f: ProjectFile, user: string): string | null {
  if (f.document === '.' || f.document === '..') return `"${f.document}" is not a document name; INCEpTION names each document's folder after the document`;
  if (!user.trim()) return 'the file names no user (INCEpTION names each annotator\'s file <user>.tsv); Crosscheck cannot tell whose layer it is';
  if (f.kind === 'curation' && user === CURATION_USER) return null;
  return personLayerProblem(user);
}

/**
 * An export's files as documents, one per document name, each annotator's TSV a layer and the curation `gold`
 * (see the top of this module). What is left out goes to `ctx.drop` / `ctx.note`.
 * @throws AppError('InvalidInput') for a TSV that breaks the format (webanno-import.ts), naming it and the line.
 */
export function parseInceptionProject(files: ProjectFile[], shown: string, ctx: ImportContext): ParsedDoc[] {
  const byDoc = new Map<string, ProjectFile[]>();
  const otherFormat: string[] = [];
  for (const f of files) {
    const user = f.name.replace(/\.[^.]*$/, '');
    if (user === INITIAL_CAS) continue;
    if (!f.name.toLowerCase().endsWith('.tsv')) {
      otherFormat.push(f.shown);
      continue;
    }
    const why = fileProblem(f, user);
    if (why !== null) {
      ctx.drop('whole file', `the annotation file "${f.name}" of "${f.document}"`, why, f.shown);
      continue;
    }
    byDoc.set(f.document, [...(byDoc.get(f.document) ?? []), f]);
  }
  if (otherFormat.length) {
    const n = otherFormat.length;
    ctx.note(
      `${shown}: ${n} annotation file${n === 1 ? ' is' : 's are'} not WebAnno TSV and ${n === 1 ? 'was' : 'were'} not read (${otherFormat.slice(0, 3).join(', ')}${n > 3 ? ', …' : ''}); export the project from INCEpTION in the WebAnno TSV 3 format to import ${n === 1 ? 'it' : 'them'}`,
    );
  }
  if (!byDoc.size) throw new AppError('InvalidInput', `${shown}: no WebAnno TSV annotation or curation files (annotation/<document>/<user>.tsv) in this INCEpTION export`);
  const docs: ParsedDoc[] = [];
  for (const [document, list] of byDoc) {
    // Annotators in name order, the curation last: the first TSV's text is the document's.
    list.sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : 1) : a.kind === 'annotation' ? -1 : 1));
    let doc: ParsedDoc | null = null;
    for (const f of list) {
      const user = f.name.replace(/\.[^.]*$/, '');
      const layer = f.kind === 'curation' && user === CURATION_USER ? GOLD_LAYER : user;
      const parsed = parseWebAnnoTsv3(f.read(), f.shown, ctx);
      const spans = parsed.spans.map((s) => ({ ...s, annotator: layer }));
      if (doc === null) {
        doc = { ...parsed, title: document, path: `${shown}/${document}`, spans, links: [...parsed.links] };
        continue;
      }
      if (parsed.text !== doc.text) {
        ctx.drop('whole file', `the ${layer} layer of "${document}" (${spans.length} span${spans.length === 1 ? '' : 's'})`, `its text differs from the other files of "${document}"; the layers of one document share one text`, f.shown);
        continue;
      }
      doc.spans.push(...spans);
      doc.links.push(...parsed.links);
    }
    if (doc) docs.push(doc);
  }
  return docs;
}
