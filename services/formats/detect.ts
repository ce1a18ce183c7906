import { existsSync, readdirSync, statSync, type Stats } from 'node:fs';
import { extname, join } from 'node:path';
import { formats, type ImportFormat } from '../../common/formats.js';
import { AppError } from '../../common/errors.js';
import { readRegularFile } from '../import/files.js';
import { isInceptionFolder, isInceptionProject, zipEntryNames } from './inception-project.js';

/**
 * The first few KB of a file, enough to tell the JSON formats apart without reading a big file twice. Opened only
 * as a regular file (services/import/files.ts): a named pipe called x.jsonl must not block detection.
 */
function head(path: string, bytes = 16_384): string {
  try {
    return readRegularFile(path, bytes).toString('utf8');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('InvalidInput', `${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * What a path holds, by extension first and then by content: our JSONL and doccano's are both .jsonl; Label
 * Studio and W3C are both .json; a folder of .ann files is brat, a folder with annotations.jsonld is our W3C
 * export, a folder or .zip with annotation/<document>/<user>.tsv an INCEpTION project export (webanno). Returns 'text' for anything the plain text importer should see (special files and missing paths too:
 * its walk reports them). Inside a folder nothing is opened, and symbolic links are not followed.
 */
export function detectFormat(path: string): Exclude<ImportFormat, 'auto'> {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return 'text'; // the text importer's walk says why (not found, broken link, …)
  }
  // A named pipe, socket or device is never opened here: the walk skips it with the reason.
  if (!st.isDirectory() && !st.isFile()) return 'text';
  if (st.isDirectory()) {
    if (['', 'train', 'dev', 'test'].some((sub) => existsSync(join(path, sub, 'annotations.jsonld')))) return 'w3c';
    // An unpacked INCEpTION project export: annotation/<document>/<user>.tsv (inception-project.ts).
    if (isInceptionFolder(path)) return 'webanno';
    const list = (dir: string) => {
      try {
        return readdirSync(dir, { withFileTypes: true });
      } catch {
        return []; // unreadable: the walk reports it
      }
    };
    const hasAnn = (dir: string, depth: number): boolean =>
      list(dir).some(
        (e) => (e.isFile() && e.name.endsWith('.ann')) || (depth > 0 && e.isDirectory() && !e.name.startsWith('.') && hasAnn(join(dir, e.name), depth - 1)),
      );
    return hasAnn(path, 3) ? 'brat' : 'text';
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.ann') return 'brat';
  if ((formats.conll.import.extensions as readonly string[]).includes(ext)) return 'conll';
  if (ext === '.tsv' && /^#FORMAT=WebAnno TSV 3/m.test(head(path, 512))) return 'webanno';
  if (ext === '.jsonld') return 'w3c';
  if (ext === '.zip') {
    // An INCEpTION project export as downloaded; any other zip is no annotated format (the text import skips it).
    try {
      return isInceptionProject(zipEntryNames(path)) ? 'webanno' : 'text';
    } catch {
      return 'text';
    }
  }
  if (ext === '.jsonl') {
    const first = head(path);
    // Our export writes every line as {"id":…,"title":…,…,"text":…,"spans":…,"links":…} (services/formats/jsonl.ts),
    // so "spans" and "links" come after the text and lie past the head of a long first document: the line's
    // start tells ours apart. doccano's lines have text/entities/label and no title.
    // Ids are numbers or (files from other pipelines, projects that keep their ids) strings.
    if (/^\uFEFF?\s*\{\s*"id"\s*:\s*(?:-?\d+|"(?:[^"\\]|\\.)*")\s*,\s*"title"\s*:/.test(first)) return 'jsonl';
    return /"spans"\s*:/.test(first) && /"links"\s*:/.test(first) ? 'jsonl' : 'doccano';
  }
  if (ext === '.json') {
    const start = head(path);
    if (/"@context"|"TextQuoteSelector"|"TextPositionSelector"|"type"\s*:\s*"Annotation/.test(start)) return 'w3c';
    return 'labelstudio';
  }
  // A CoNLL file under another name (conll2003.txt, eng.train): told by its content, never a .md article.
  if (ext !== '.md' && looksLikeConll(head(path, 4096))) return 'conll';
  return 'text';
}

/** A CoNLL tag column: O, or B-/I-/E-/S-/L-/U- and a label (services/formats/conll-import.ts reads them). */
const CONLL_LINE = /^\S+(?:[ \t]+\S+)*[ \t]+(?:O|[BIESLU]-\S+)$/;

/**
 * Whether the start of a file is CoNLL: its first line is `-DOCSTART-`, or its first 30 non-blank lines (at
 * least 5) are all a token, optional columns and a tag. Prose lines end in words and punctuation, not in tags.
 */
export function looksLikeConll(start: string): boolean {
  const lines = start.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.pop(); // the last may be cut by the head's limit
  const full = lines.filter((l) => l.trim());
  if (full.length && /^-DOCSTART-(\s|$)/.test(full[0])) return true;
  const sample = full.slice(0, 30);
  return sample.length >= 5 && sample.every((l) => CONLL_LINE.test(l.trim()));
}
