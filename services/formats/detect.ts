import { closeSync, existsSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportFormat } from '../../common/formats.js';

/** The first few KB of a file, enough to tell the JSON formats apart without reading a big file twice. */
function head(path: string, bytes = 16_384): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * What a path holds, by extension first and then by content: our JSONL and doccano's are both .jsonl; Label
 * Studio and W3C are both .json; a folder of .ann files is brat, a folder with annotations.jsonld is our W3C
 * export. Returns 'text' for anything the plain text importer should see.
 */
export function detectFormat(path: string): Exclude<ImportFormat, 'auto'> {
  if (!existsSync(path)) return 'text';
  if (statSync(path).isDirectory()) {
    if (['', 'train', 'dev', 'test'].some((sub) => existsSync(join(path, sub, 'annotations.jsonld')))) return 'w3c';
    const hasAnn = (dir: string, depth: number): boolean =>
      readdirSync(dir, { withFileTypes: true }).some(
        (e) => (e.isFile() && e.name.endsWith('.ann')) || (depth > 0 && e.isDirectory() && !e.name.startsWith('.') && hasAnn(join(dir, e.name), depth - 1)),
      );
    return hasAnn(path, 3) ? 'brat' : 'text';
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.ann') return 'brat';
  if (ext === '.tsv' && /^#FORMAT=WebAnno TSV 3/m.test(head(path, 512))) return 'webanno';
  if (ext === '.jsonld') return 'w3c';
  if (ext === '.jsonl') {
    const first = head(path);
    // Our export always carries "spans" and "links"; doccano's has entities or label.
    return /"spans"\s*:/.test(first) && /"links"\s*:/.test(first) ? 'jsonl' : 'doccano';
  }
  if (ext === '.json') {
    const start = head(path);
    if (/"@context"|"TextQuoteSelector"|"TextPositionSelector"|"type"\s*:\s*"Annotation/.test(start)) return 'w3c';
    return 'labelstudio';
  }
  return 'text';
}
