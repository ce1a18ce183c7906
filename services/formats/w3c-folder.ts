/**
 * Crosscheck's own W3C export folder, read back whole (format and offsets: w3c-export.ts, w3c-import.ts):
 * annotations.jsonld with documents.json (titles, dates, sources, text files) and texts/, or train/, dev/ and
 * test/ each holding the three.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ImportContext, ParsedDoc } from './types.js';
import { fail, isObj, parseJson, type Json } from './w3c-annotations.js';
import { parseW3cFiles, type W3cInput } from './w3c-import.js';
import { readRegularFile } from '../import/files.js';

interface DocMeta {
  title?: string;
  date?: string | null;
  source?: string | null;
  path?: string | null;
  file?: string;
}

/** Reads a file of the export folder, refusing paths that leave it. */
function readInside(dir: string, rel: string, at: string): string {
  const full = resolve(dir, rel);
  if (!full.startsWith(resolve(dir) + sep)) fail(at, `${rel} is outside the export folder`);
  try {
    return readRegularFile(full).toString('utf8');
  } catch (e) {
    return fail(at, `cannot read ${rel}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/**
 * Reads Crosscheck's W3C export folder: annotations.jsonld, documents.json and texts/. A folder exported with
 * splits (train/, dev/, test/ each holding the three) is read whole, so links across splits are kept.
 * Documents without spans are imported too: the export holds their text. What cannot be placed goes to `ctx`
 * (w3c-import.ts).
 */
export function parseW3cFolder(dir: string, ctx?: ImportContext): ParsedDoc[] {
  const has = (d: string) => existsSync(join(d, 'annotations.jsonld'));
  const folders = has(dir) ? [dir] : ['train', 'dev', 'test'].map((s) => join(dir, s)).filter((d) => existsSync(d) && statSync(d).isDirectory() && has(d));
  if (!folders.length) fail(dir, 'no annotations.jsonld here (nor in train/, dev/, test/); is this a Crosscheck W3C export folder?');

  const metas = new Map<string, { folder: string; meta: DocMeta }>();
  const inputs: W3cInput[] = folders.map((folder) => {
    const file = join(folder, 'annotations.jsonld');
    const docsFile = join(folder, 'documents.json');
    const own = new Map<string, DocMeta>();
    if (existsSync(docsFile)) {
      const json = parseJson(readInside(folder, 'documents.json', docsFile), docsFile);
      if (!isObj(json)) fail(docsFile, 'not a JSON object of documents');
      for (const [iri, m] of Object.entries(json as Json)) {
        if (!isObj(m)) fail(docsFile, `the entry for ${iri} is not an object`);
        own.set(iri, m as DocMeta);
        metas.set(iri, { folder, meta: m as DocMeta });
      }
    }
    const resolveSource = (source: string) => {
      const meta = own.get(source);
      const m = /^urn:crosscheck:document:(\d+)$/.exec(source);
      const rel = typeof meta?.file === 'string' ? meta.file : m ? `texts/${m[1]}.txt` : null;
      if (rel === null || !existsSync(resolve(folder, rel))) return null;
      return { text: readInside(folder, rel, docsFile), title: typeof meta?.title === 'string' ? meta.title : undefined };
    };
    return { jsonText: readInside(folder, 'annotations.jsonld', file), file, resolveSource };
  });

  const collected = parseW3cFiles(inputs, ctx);
  const seen = new Set(collected.map((c) => c.source));
  // Documents the export holds without any annotation.
  for (const [iri, { folder, meta }] of metas) {
    if (seen.has(iri) || typeof meta.file !== 'string') continue;
    const text = readInside(folder, meta.file, join(folder, 'documents.json'));
    collected.push({ source: iri, doc: { title: meta.title ?? iri, text, path: null, spans: [], links: [] } });
  }
  return collected.map(({ source, doc }) => {
    const entry = metas.get(source);
    if (!entry) return doc;
    const { folder, meta } = entry;
    return {
      ...doc,
      title: typeof meta.title === 'string' && meta.title ? meta.title : doc.title,
      date: typeof meta.date === 'string' ? meta.date : null,
      source: typeof meta.source === 'string' ? meta.source : null,
      path: typeof meta.path === 'string' ? meta.path : typeof meta.file === 'string' ? join(folder, meta.file) : null,
    };
  });
}
