import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
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
import { parseConll } from './conll-import.js';
import { parseLabelStudio } from './labelstudio.js';
import { parseW3c } from './w3c-import.js';
import { parseW3cFolder } from './w3c-folder.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';
import { folderProjectFiles, parseInceptionProject, zipProjectFiles } from './inception-project.js';
import type { BratIssue } from './brat-import.js';
import { collectingContext, type ParsedDoc } from './types.js';
import type { ImportOptions } from '../../common/contract.js';
import { readAnnotatedText } from './read-text.js';
import { assertRegularFile, entryAt, RefusedFile } from '../import/files.js';
import type { PathCheck } from '../path-policy.js';

/** A whole annotated file as text (read-text.ts: UTF-8, never with bad bytes replaced), opened only as a regular file. */
const read = (path: string, encoding?: string) => readAnnotatedText(path, encoding);

/** How an annotated import reaches files: the host's path check, and where relative paths start. */
export interface AnnotatedOptions {
  /** The host's path check (services/path-policy.ts) for links met inside folders; none: any (the CLI). */
  check?: PathCheck;
  /**
   * Folder the given paths are relative to (uploads staged in a private folder, services/import/uploads.ts). Paths
   * in the report, in error messages and stored with the documents are then shown relative to it, never with it.
   */
  base?: string;
  /** The person's options (common/contract.ts importOptions): strict, offsets, encoding, labelNames, annotator. */
  options?: ImportOptions;
}

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
  if (r.layers) into.layers = [...new Set([...(into.layers ?? []), ...r.layers])];
  if (r.dropped?.length) (into.dropped ??= []).push(...r.dropped);
  if (r.notes?.length) (into.notes ??= []).push(...r.notes);
  return into;
}

/** W3C targets name their documents; ours by urn, others may name a document already in the project by path. */
function w3cSources(p: Project, file: string, check?: PathCheck) {
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
      assertRegularFile(sibling, check);
      // As the file is: positions in the annotations count its characters, line ends included.
      return { text: read(sibling), title: basename(source) };
    } catch {
      return null;
    }
  };
}

/**
 * Every entry under a W3C export folder is a regular file or a folder (links only where the host allows), before
 * parseW3cFolder opens the files its documents.json names. @throws RefusedFile naming the first entry that is not.
 */
function assertPlainTree(dir: string, check: PathCheck | undefined, seen = new Set<string>()): void {
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of readdirSync(dir)) {
    const entry = entryAt(join(dir, name), check);
    if (entry.kind === 'skip') throw new RefusedFile(join(dir, name), `${entry.reason}; a W3C export folder holds only files and folders`);
    if (entry.kind === 'dir') assertPlainTree(join(dir, name), check, seen);
  }
}

/**
 * Imports one annotated file or folder (not plain text) and says what it brought. Throws on a bad file; nothing is
 * opened that is not a regular file, and links inside folders are followed only where `check` allows. `shown`
 * gives the path a person knows for each path read (stored with the documents and named in the report).
 */
export function importAnnotated(
  p: Project,
  path: string,
  format: Exclude<ImportFormat, 'auto' | 'text'>,
  check?: PathCheck,
  shown: (path: string) => string = (s) => s,
  options: ImportOptions = { strict: false },
  uploaded = false,
): ImportReport {
  const isDir = entryAt(path, check).kind === 'dir';
  const ctx = collectingContext(shown(path), options);
  // Stored paths are relative to the folder the named file or folder is in (uploads: as uploaded); see walk.ts.
  const root = dirname(resolve(path));
  const located = (d: ParsedDoc): ParsedDoc => {
    if (d.path === null || d.path === undefined) return d;
    // A relative path is what the file itself says (a W3C export's documents.json, a JSONL `path`): kept as
    // given, with no absolute path invented from the working directory.
    if (uploaded || !isAbsolute(d.path)) return { ...d, path: shown(d.path), storedPath: shown(d.path), origin: null };
    const abs = resolve(d.path);
    const inRoot = abs.startsWith(root + sep);
    return { ...d, path: shown(d.path), storedPath: inRoot ? abs.slice(root.length + 1).split(sep).join('/') : basename(abs), origin: abs };
  };
  const store = (docs: ParsedDoc[], issues: BratIssue[] = []) => {
    const r = ingest(p, docs.map(located), shown(path), ctx);
    r.skipped.push(...issues.map((i) => ({ path: shown(i.path), reason: i.reason })));
    return withDrops(r, ctx, shown);
  };
  switch (format) {
    case 'jsonl':
      assertRegularFile(path, check);
      return withDrops(importJsonl(p, path, shown(path), ctx), ctx, shown);
    case 'brat': {
      // What brat files hold that Crosscheck leaves out (notes on relations, a lone .txt) is reported, not lost silently.
      const issues: BratIssue[] = [];
      const docs = isDir ? parseBratFolder(path, issues, check, ctx) : [parseBratPair(path.replace(/\.ann$/i, '.txt'), path, undefined, { issues, check, ctx })];
      return store(docs, issues);
    }
    case 'doccano':
      return store(parseDoccano(read(path, options.encoding), path, ctx));
    case 'labelstudio':
      return store(parseLabelStudio(read(path, options.encoding), path, ctx));
    case 'w3c': {
      // annotations.jsonld beside documents.json is our own export: its texts are in that folder, not the project.
      const folder = isDir ? path : existsSync(join(dirname(path), 'documents.json')) ? dirname(path) : null;
      if (folder) assertPlainTree(folder, check);
      return store(folder ? parseW3cFolder(folder, ctx) : parseW3c(read(path, options.encoding), w3cSources(p, path, check), path, ctx));
    }
    case 'webanno':
      // An INCEpTION project export (a folder or a zip): each annotator's TSV a layer, the curation `gold`.
      if (isDir) return store(parseInceptionProject(folderProjectFiles(path, shown(path), check), shown(path), ctx));
      if (/\.zip$/i.test(path)) {
        assertRegularFile(path, check);
        return store(parseInceptionProject(zipProjectFiles(path, shown(path)), shown(path), ctx));
      }
      return store([parseWebAnnoTsv3(read(path, options.encoding), path, ctx)]);
    case 'conll':
      return store(parseConll(read(path, options.encoding), path, ctx));
  }
}

/** The report with what `ctx` collected: `dropped` and `notes` appear only when there are some. */
function withDrops(r: ImportReport, ctx: ReturnType<typeof collectingContext>, shown: (s: string) => string): ImportReport {
  // Parsers may name the file as opened (an upload's private folder): the person sees the paths they uploaded.
  const seen = ctx.dropped.map((d) => ({ path: shown(d.path), where: shown(d.where), what: shown(d.what), why: shown(d.why) }));
  // In file order: by file, then line (parsers and ingest drop in passes, not in line order).
  const line = (where: string) => Number(/^line (\d+)/.exec(where)?.[1] ?? Infinity);
  seen.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : line(a.where) - line(b.where)));
  if (seen.length) r.dropped = [...(r.dropped ?? []), ...seen];
  // Every note names its file, as every dropped entry does.
  const named = ctx.notes.map(shown).map((n) => (n.startsWith(shown(ctx.path)) ? n : `${shown(ctx.path)}: ${n}`));
  if (named.length) r.notes = [...(r.notes ?? []), ...named];
  return r;
}

/**
 * Under `--strict`, the first things an import would leave out, as the error that refuses it.
 * @throws AppError('InvalidInput') naming the file, line and reason of up to twenty dropped entries, one a line.
 */
function refuseDrops(dropped: NonNullable<ImportReport['dropped']>): never {
  const shown = dropped.slice(0, 20).map((d) => `\n  ${d.path}: ${d.where}: ${d.what}: ${d.why}`);
  const n = dropped.length;
  const rest = n > shown.length ? `\n  … and ${n - shown.length} more` : '';
  throw new AppError(
    'InvalidInput',
    `refused (strict): ${n} thing${n === 1 ? '' : 's'} would be left out, so nothing of this import was kept (its other files neither):${shown.join('')}${rest}`,
  );
}

/** Shows paths under `base` relative to it, with `/` (as the person uploaded them), anywhere in a string. */
function relativeTo(base: string | undefined): (s: string) => string {
  if (!base) return (s) => s;
  const prefix = resolve(base) + sep;
  return (s) => (s.includes(prefix) ? s.split(prefix).join('').split(sep).join('/') : s);
}

/**
 * Splits the paths of an import into plain text (for the text importer) and annotated files, importing the
 * annotated ones in ONE transaction: one bad file leaves the project as it was. A path that is neither a regular
 * file nor a folder (a named pipe, a socket, a device), or is missing, goes to the text importer, whose walk
 * skips it with the reason; nothing opens it.
 * @returns the report of the annotated part, and the paths (as given) the text importer should walk.
 * @throws AppError naming the file (and line) at fault, with paths shown relative to `opts.base` when given.
 */
export function importAnnotatedPaths(
  p: Project,
  paths: string[],
  format: ImportFormat,
  opts: AnnotatedOptions = {},
): { report: ImportReport; textPaths: string[] } {
  const report = emptyReport();
  const textPaths: string[] = [];
  const annotated: [string, Exclude<ImportFormat, 'auto' | 'text'>][] = [];
  const shown = relativeTo(opts.base);
  for (const path of paths) {
    const abs = resolve(opts.base ?? '', path);
    const f = entryAt(abs, opts.check).kind === 'skip' ? 'text' : format === 'auto' ? detectFormat(abs) : format;
    if (f === 'text') textPaths.push(path);
    else annotated.push([abs, f]);
  }
  if (!annotated.length) return { report, textPaths };
  // A brat pair picked as files (a.txt, a.ann, annotation.conf) is one document: its .txt and conf are the .ann's.
  const partOfPair = new Set(
    annotated.filter(([abs, f]) => f === 'brat' && /\.ann$/i.test(abs)).flatMap(([abs]) => [abs.replace(/\.ann$/i, '.txt'), join(dirname(abs), 'annotation.conf')]),
  );
  textPaths.splice(0, textPaths.length, ...textPaths.filter((path) => !partOfPair.has(resolve(opts.base ?? '', path))));
  try {
    p.transaction(() => {
      annotated.forEach(([abs, f]) => mergeReport(report, importAnnotated(p, abs, f, opts.check, shown, opts.options, opts.base !== undefined)));
      // Strict: anything left out refuses the import, inside the transaction so nothing of it is kept.
      if (opts.options?.strict && report.dropped?.length) refuseDrops(report.dropped);
    });
  } catch (e) {
    // An upload's private folder is never named: the person sees the paths they uploaded.
    if (opts.base && e instanceof Error) throw new AppError(e instanceof AppError ? e.name : 'Internal', shown(e.message));
    throw e;
  }
  return { report, textPaths };
}
