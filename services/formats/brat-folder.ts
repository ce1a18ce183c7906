/**
 * brat standoff: import of a whole folder, as brat keeps a collection (one document per brat-import.ts).
 *
 * - A folder is read recursively (hidden files skipped, symbolic link loops followed once; nothing but regular files
 *   opened, and links followed only where the host's path check allows); documents are .txt + .ann
 *   pairs with the same name (either one alone is reported and skipped: a README.txt is not a document); the
 *   nearest annotation.conf in the folder or a parent (up to the imported folder) applies. The
 *   cross-document-links.tsv and documents.tsv files an export writes are read back.
 * - Documents keep the title, date and source an export wrote in documents.tsv; links between documents come
 *   from cross-document-links.tsv (rows naming an unknown document or T fail with `file:line`; a row naming a T
 *   the import left out is dropped with its line, like the link it was).
 * - A .txt holding nothing visible (text-rules.ts isBlankText) is skipped as "empty text", not refused.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors.js';
import { parseBratConf, type BratConf } from './brat-conf.js';
import { noteUndeclared, parseBratPair, type BratIssue } from './brat-import.js';
import { CROSS_DOCUMENT_FILE, CROSS_DOCUMENT_HEADER, DOCUMENTS_FILE, DOCUMENTS_HEADER } from './brat-syntax.js';
import { readUtf8 } from './brat-text.js';
import { entryAt } from '../import/files.js';
import type { PathCheck } from '../path-policy.js';
import { isBlankText } from './text-rules.js';
import { collectingContext, type ImportContext, type ParsedDoc } from './types.js';

const collator = new Intl.Collator('en', { numeric: true });
const byName = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Rows of a side file an export wrote (documents.tsv, cross-document-links.tsv); the header must be `header`. */
function readTsv(path: string, header: readonly string[]): { line: number; cells: string[] }[] {
  const lines = readUtf8(path).replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines[0].split('\t').join(',') !== header.join(',')) {
    throw new AppError('InvalidInput', `${path}:1: expected the header ${header.join('<TAB>')}`);
  }
  const out: { line: number; cells: string[] }[] = [];
  lines.forEach((l, i) => {
    if (i === 0 || !l.trim()) return;
    const cells = l.split('\t');
    if (cells.length !== header.length) throw new AppError('InvalidInput', `${path}:${i + 1}: expected ${header.length} tab-separated columns, found ${cells.length}`);
    out.push({ line: i + 1, cells });
  });
  return out;
}

/**
 * Reads every brat document under `dir` (recursively, in name order; hidden files skipped), with the nearest
 * annotation.conf, plus the cross-document-links.tsv and documents.tsv a Crosscheck export writes.
 * Files left out go to `issues` when given: lone files, empty texts, and entries that are never opened (named
 * pipes, sockets, devices, broken links, and symbolic links whose target `check`, the host's path check, refuses).
 * Annotations left out go to `ctx` (brat-import.ts, brat-refs.ts).
 */
export function parseBratFolder(dir: string, issues: BratIssue[] = [], check?: PathCheck, ctx: ImportContext = collectingContext(dir)): ParsedDoc[] {
  /** Each folder (relative to `dir`, '' for itself) with its regular files, in walk order. */
  const folders: { rel: string; files: string[] }[] = [];
  const visited = new Set<string>();
  const walk = (rel: string) => {
    const real = realpathSync(join(dir, rel));
    if (visited.has(real)) return; // a symbolic link back up the tree
    visited.add(real);
    const files: string[] = [];
    const subs: string[] = [];
    for (const name of readdirSync(join(dir, rel)).sort(byName)) {
      if (name.startsWith('.')) continue;
      // lstat before anything opens it; a link is followed only where the host allows.
      const entry = entryAt(join(dir, rel, name), check);
      if (entry.kind === 'skip') issues.push({ path: join(dir, rel, name), reason: entry.reason });
      else (entry.kind === 'dir' ? subs : files).push(name);
    }
    folders.push({ rel, files });
    for (const name of subs) walk(rel ? `${rel}/${name}` : name);
  };
  walk('');
  const filesIn = new Map(folders.map((f) => [f.rel, new Set(f.files)]));

  const confs = new Map<string, BratConf | null>();
  const confFor = (rel: string): BratConf | null => {
    if (confs.has(rel)) return confs.get(rel)!;
    const file = join(dir, rel, 'annotation.conf');
    const conf = filesIn.get(rel)?.has('annotation.conf') ? parseBratConf(readUtf8(file)) : rel ? confFor(rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '') : null;
    confs.set(rel, conf);
    return conf;
  };

  const docs: ParsedDoc[] = [];
  const stems = new Map<string, { doc: ParsedDoc; key: string }[]>();
  const droppedKeys = new Set<string>();
  const undeclared = new Map<string, string[]>();
  const crossFiles: string[] = [];
  for (const { rel, files: names } of folders) {
    const has = new Set(names);
    const meta = new Map<string, string[]>();
    if (has.has(DOCUMENTS_FILE)) for (const r of readTsv(join(dir, rel, DOCUMENTS_FILE), DOCUMENTS_HEADER)) meta.set(r.cells[0], r.cells);
    if (has.has(CROSS_DOCUMENT_FILE)) crossFiles.push(join(dir, rel, CROSS_DOCUMENT_FILE));
    const docStems = new Set<string>();
    for (const n of names) {
      const m = /^(.*)\.(txt|ann)$/i.exec(n);
      if (m) docStems.add(m[1]);
    }
    for (const stem of [...docStems].sort(byName)) {
      const txt = names.find((n) => n === `${stem}.txt`) ?? names.find((n) => n.toLowerCase() === `${stem}.txt`.toLowerCase());
      const ann = names.find((n) => n === `${stem}.ann`) ?? names.find((n) => n.toLowerCase() === `${stem}.ann`.toLowerCase());
      if (!ann) {
        issues.push({ path: join(dir, rel, txt!), reason: `no ${stem}.ann beside it; skipped (import it as plain text to get the document)` });
        continue;
      }
      const annPath = join(dir, rel, ann);
      if (!txt) {
        issues.push({ path: annPath, reason: `no ${stem}.txt beside it; skipped` });
        continue;
      }
      const txtPath = join(dir, rel, txt);
      const key = rel ? `${rel}/${stem}` : stem;
      const m = meta.get(stem);
      const doc = parseBratPair(txtPath, annPath, confFor(rel), { key, issues, ctx, droppedKeys, undeclared, title: m?.[1] || undefined });
      if (m) {
        doc.date = m[2] || null;
        doc.source = m[3] || null;
      }
      if (isBlankText(doc.text)) {
        issues.push({ path: txtPath, reason: 'empty text; skipped' });
        continue;
      }
      docs.push(doc);
      let list = stems.get(stem);
      if (!list) stems.set(stem, (list = []));
      list.push({ doc, key });
    }
  }

  noteUndeclared(undeclared, ctx);

  for (const file of crossFiles) {
    for (const { line, cells } of readTsv(file, CROSS_DOCUMENT_HEADER)) {
      const [fromDoc, fromT, toDoc, toT, type] = cells;
      const find = (stem: string, t: string) => {
        const found = stems.get(stem) ?? [];
        if (found.length === 0) throw new AppError('InvalidInput', `${file}:${line}: no document ${stem} (${stem}.txt) in ${dir}`);
        if (found.length > 1) throw new AppError('InvalidInput', `${file}:${line}: more than one document is named ${stem} in ${dir}`);
        const key = `${found[0].key}:${t}`;
        if (!droppedKeys.has(key) && !found[0].doc.spans.some((s) => s.key === key)) throw new AppError('InvalidInput', `${file}:${line}: ${stem}.ann has no ${t}`);
        return { doc: found[0].doc, key };
      };
      const from = find(fromDoc, fromT);
      const to = find(toDoc, toT);
      if (!type.trim()) throw new AppError('InvalidInput', `${file}:${line}: the link type is empty`);
      const gone = [from, to].find((x) => droppedKeys.has(x.key));
      if (gone) ctx.drop(`line ${line}`, `a ${type} link ${fromDoc} ${fromT} → ${toDoc} ${toT}`, `it names ${gone.key.split(':').pop()} of ${gone === from ? fromDoc : toDoc}.ann, which was not imported`, file);
      else from.doc.links.push({ from: from.key, to: to.key, type });
    }
  }
  return docs;
}
