import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { exportText, scratch, unevenProject } from './jsonl-test-helpers.js';

/**
 * Issue 11, item 7: typed readers (Hugging Face `datasets`, pyarrow) infer one schema for a whole JSONL file, so
 * every document, span and link object has the same keys in every line, and each key one JSON type across the
 * file. jsonl-python.test.ts loads the same kind of export with `datasets` itself where it is installed.
 */
const s = scratch('jsonl-schema');
after(() => s.done());

/** JSON type names as typed readers see them; null fits any type. */
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/**
 * For each key path of the export (`id`, `spans[].cluster.name`…), the JSON types it has across the file (null
 * aside), and for each kind of object the key lists it comes with. `attributes` is walked no deeper: free keys.
 */
function shapes(text: string) {
  const types = new Map<string, Set<string>>();
  const keyLists = new Map<string, Set<string>>();
  const walk = (o: Record<string, unknown>, kind: string, prefix: string) => {
    (keyLists.get(kind) ?? keyLists.set(kind, new Set()).get(kind)!).add(Object.keys(o).join(','));
    for (const [k, v] of Object.entries(o)) {
      const path = prefix + k;
      const set = types.get(path) ?? types.set(path, new Set()).get(path)!;
      if (v !== null) set.add(typeOf(v));
      if (k === 'spans' || k === 'links') for (const item of v as Record<string, unknown>[]) walk(item, k, `${path}[].`);
      else if (k === 'cluster' && v !== null) walk(v as Record<string, unknown>, 'cluster', `${path}.`);
    }
  };
  for (const line of text.trim().split('\n')) walk(JSON.parse(line), 'line', '');
  return { types, keyLists };
}

test('every document, span and link object has the same keys in every line, each key one JSON type (null where absent)', () => {
  const p = s.project('uneven');
  unevenProject(p, s.path('uneven.jsonl'));
  const { types, keyLists } = shapes(exportText(p));
  assert.deepEqual(Object.fromEntries([...keyLists].map(([kind, lists]) => [kind, [...lists]])), {
    line: ['id,title,date,source,path,text,spans,links'],
    spans: ['id,start,end,label,text,note,attributes,cluster,annotator'],
    cluster: ['id,name'],
    links: ['id,from,to,type,annotator'],
  });
  const mixed = [...types].filter(([, t]) => t.size > 1).map(([path, t]) => `${path}: ${[...t].join(' and ')}`);
  assert.deepEqual(mixed, [], 'no key has two JSON types');
  assert.deepEqual([...types.get('date')!], ['string'], 'dates stay strings');
  assert.deepEqual([...types.get('spans[].cluster')!], ['object'], 'a span in no cluster has "cluster": null');
});
