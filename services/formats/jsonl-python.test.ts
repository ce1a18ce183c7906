import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { findPython, runPython } from './python.test-helpers.js';
import { writeJsonlFile } from '../export/jsonl.js';
import { importText, jsonl, scratch, unevenProject } from './jsonl-test-helpers.js';

/**
 * Issue 11, item 7, tried against the real reader: Hugging Face `datasets` loads our JSONL export with a typed
 * schema. Optional: runs where a Python with `datasets` is found (python.test-helpers.ts), and says plainly that it
 * was skipped elsewhere. Fails when `datasets` refuses the file.
 */
const s = scratch('jsonl-python');
after(() => s.done());

/** Runs a Python script with no network and a private cache: its stdout (a refusal fails the test). */
const python = (py: string, script: string, args: string[]) =>
  runPython(py, script, args, 300_000, { HF_DATASETS_OFFLINE: '1', HF_HUB_OFFLINE: '1', HF_HOME: s.path('hf-home'), PYTHONDONTWRITEBYTECODE: '1' });

/** Loads each file with `datasets.load_dataset('json', …)`: its features (as `Features.to_dict`) and its rows. */
const LOAD = `
import json, sys, datasets
out = []
for f in sys.argv[1:]:
    ds = datasets.load_dataset('json', data_files=f, split='train')
    out.append({'features': ds.features.to_dict(), 'rows': ds.to_list()})
print(json.dumps(out, default=str))
`;

type Feature = { _type: string; dtype?: string; feature?: Record<string, Feature> } & Record<string, unknown>;

test('Hugging Face datasets loads the export with typed spans and links (only attributes as a JSON column)', (t) => {
  const py = findPython(['datasets']);
  if ('skip' in py) return void t.skip(py.skip);
  // Numbers only: a project where only some spans have a cluster or attributes.
  const numbers = s.project('numbers');
  unevenProject(numbers, s.path('uneven-in.jsonl'));
  const numbersOut = s.path('numbers.jsonl');
  writeJsonlFile(numbers.db, numbersOut);
  // String ids beside numbers: every id is written as a string.
  const mixed = s.project('mixed');
  unevenProject(mixed, s.path('uneven-in-2.jsonl'));
  importText(mixed, s.path('strings.jsonl'), jsonl({ id: 'doc-17', title: 'Strings', text: 'Zoë said so.', spans: [{ id: 'h1-spk', start: 0, end: 3, label: 'speaker', text: 'Zoë' }] }));
  const mixedOut = s.path('mixed.jsonl');
  writeJsonlFile(mixed.db, mixedOut);

  const [n, m] = JSON.parse(python(py.python, LOAD, [numbersOut, mixedOut])) as { features: Record<string, Feature>; rows: { id: unknown; spans: { id: unknown; cluster: unknown }[] }[] }[];

  for (const [loaded, idType] of [[n, 'int64'], [m, 'string']] as const) {
    const spans = loaded.features.spans;
    assert.equal(spans._type, 'List');
    assert.notEqual(spans.feature?._type, 'Json', 'spans is a list of typed structs, not a JSON column');
    const span = spans.feature as Record<string, Feature>;
    assert.deepEqual(span.cluster, { id: { dtype: 'int64', _type: 'Value' }, name: { dtype: 'string', _type: 'Value' } });
    for (const key of ['start', 'end'] as const) assert.equal(span[key].dtype, 'int64');
    for (const key of ['label', 'text', 'note'] as const) assert.equal(span[key].dtype, 'string');
    assert.equal(span.id.dtype, idType);
    assert.equal(loaded.features.id.dtype, idType);
    const link = loaded.features.links.feature as Record<string, Feature>;
    assert.deepEqual([link.id.dtype, link.from.dtype, link.to.dtype, link.type.dtype], [idType, idType, idType, 'string']);
    assert.equal(span.attributes._type, 'Json', 'attributes, with free keys, is the one JSON column (README)');
  }
  assert.equal(n.rows.length, 3);
  assert.deepEqual(n.rows[0].spans.map((sp) => sp.cluster), [{ id: 1, name: 'Rudskoy' }, null, null]);
  assert.deepEqual(m.rows.map((row) => row.id), ['1', '2', '3', 'doc-17']);
});
