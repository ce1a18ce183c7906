import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonlLine, jsonlLineSchema } from './jsonl.js';
import type { ExportDoc } from './types.js';

const doc: ExportDoc = {
  id: 7,
  title: 'Doc',
  date: null,
  source: 'RT',
  path: null,
  text: 'Sergey Rudskoy said 60.',
  done: true,
  split: 'train',
  spans: [
    { id: 3, start: 0, end: 14, label: 'speaker', text: 'Sergey Rudskoy', note: '', attributes: {}, cluster: { id: 2, name: 'Rudskoy' }, annotator: 'ana' },
    { id: 4, start: 20, end: 22, label: 'figure', text: '60', note: 'n', attributes: { unit: 'killed' }, cluster: null, annotator: 'ana' },
  ],
  links: [{ id: 1, from: 4, to: 3, type: 'said-by', directed: true, toDocId: 7, annotator: 'ana' }],
};

test('a written line is valid under the schema, and parsing then writing it again gives the same bytes', () => {
  const line = jsonlLine(doc);
  assert.ok(line.endsWith('}\n'));
  const parsed = jsonlLineSchema.parse(JSON.parse(line));
  // Key order is the schema's: the reader's output must stringify exactly as the writer wrote.
  assert.equal(JSON.stringify(parsed) + '\n', line);
  assert.equal(parsed.spans[1].cluster, null, 'a span in no cluster has the key, null (one schema for every span)');
  assert.deepEqual(parsed.links, [{ id: 1, from: 4, to: 3, type: 'said-by', annotator: 'ana' }], 'only id, from, to, type and annotator are written');
  assert.deepEqual(parsed.spans.map((sp) => sp.annotator), ['ana', 'ana'], 'every span names its layer');
});

test('fields a line may leave out get their defaults on reading; bad ones name their path', () => {
  const parsed = jsonlLineSchema.parse({ id: 1, title: 't', text: 'x', spans: [{ id: 1, start: 0, end: 1, label: 'l', text: 'x' }] });
  assert.deepEqual(parsed, {
    id: 1,
    title: 't',
    date: null,
    source: null,
    path: null,
    text: 'x',
    spans: [{ id: 1, start: 0, end: 1, label: 'l', text: 'x', note: '', attributes: {}, cluster: null, annotator: null }],
    links: [],
  });
  const bad = jsonlLineSchema.safeParse({ id: 1, title: 't', text: 'x', spans: [{ id: 1, start: -1, end: 1, label: 'l', text: 'x' }] });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error!.issues[0].path, ['spans', 0, 'start']);
});
