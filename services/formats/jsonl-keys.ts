import { JSONL_KEYS } from './jsonl.js';

/** One key of a JSONL line that Crosscheck does not read, with how often the line has it and its first value. */
export interface UnknownKey {
  /** Where the key sits: `meta`, `spans[].score`, `spans[].cluster.size`, `links[].weight`. */
  path: string;
  /** On how many objects of the line (1 for a document's own key). */
  count: number;
  /** The first value, as JSON, cut to 60 characters. */
  sample: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The keys of a parsed JSONL line that the schema (jsonl.ts JSONL_KEYS) does not have, so that the importer can
 * report them as dropped instead of letting the schema strip them unseen. Walks only what the schema reads: the
 * line, each span, each span's cluster, each link. Keys of `attributes` are free and never unknown.
 */
export function unknownKeys(line: unknown): UnknownKey[] {
  const found = new Map<string, UnknownKey>();
  const check = (o: unknown, known: readonly string[], prefix: string) => {
    if (!isObject(o)) return;
    for (const [key, value] of Object.entries(o)) {
      if (known.includes(key)) continue;
      const path = prefix + key;
      const seen = found.get(path);
      if (seen) seen.count++;
      else found.set(path, { path, count: 1, sample: (JSON.stringify(value) ?? String(value)).slice(0, 60) });
    }
  };
  check(line, JSONL_KEYS.line, '');
  if (!isObject(line)) return [];
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  for (const span of list(line.spans)) {
    check(span, JSONL_KEYS.span, 'spans[].');
    if (isObject(span)) check(span.cluster, JSONL_KEYS.cluster, 'spans[].cluster.');
  }
  for (const link of list(line.links)) check(link, JSONL_KEYS.link, 'links[].');
  return [...found.values()];
}
