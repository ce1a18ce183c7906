import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDoccano } from './doccano.js';
import { collectingContext, type ParsedDoc } from './types.js';
import type { ImportOptions } from '../../common/contract.js';

/** Every shape doccano has exported (fixtures/doccano/SHAPES.md) is read; every key is imported or reported. */

const FIXTURES = join(import.meta.dirname, 'fixtures', 'doccano');
const read = (name: string, options: Partial<ImportOptions> = {}) => {
  const ctx = collectingContext(name, options);
  const docs = parseDoccano(readFileSync(join(FIXTURES, name), 'utf8'), name, ctx);
  return { docs, ctx, dropped: ctx.dropped.map((d) => [d.where, d.what, d.why.replace(/[;(].*/, '').trim()]) };
};
const spansOf = (d: ParsedDoc) => d.spans.map((s) => [Array.from(d.text).slice(s.start, s.end).join(''), s.label]);
const METADATA = 'doccano keeps it as document metadata';
const DOC_LABELS = 'document labels';

test('doccano 1.0-1.3 "annotations" with label ids: the spans import, named by the ids with a note, or by --label-names', () => {
  const file = 'shapes-1.0-annotations-label-ids.jsonl';
  const plain = read(file);
  assert.deepEqual(plain.docs.map(spansOf), [
    [
      ['Sergey Rudskoy', '8'],
      ['60 civilians were killed in Mosul', '7'],
    ],
    [],
  ]);
  assert.equal(plain.ctx.notes[0], `${file}: label ids 8, 7 have no name in the file; imported as labels named "8", "7" (name them with --label-names 8=…,7=…)`);
  // Each span's user is its layer (issue 13); its score is kept as an attribute.
  assert.deepEqual(plain.docs[0].spans[0].attributes, { prob: '0' });
  assert.equal(plain.docs[0].spans[0].annotator, 'user-1');
  assert.deepEqual(plain.dropped, [
    ['line 2', 'annotations: a document label [{"id":103,"label":2,"user":1}]', DOC_LABELS],
    ['line 2', 'key "annotation_approver": "admin"', METADATA],
  ]);
  assert.deepEqual([plain.docs[1].source, plain.docs[1].title], ['TASS', `${file} #16`], 'meta.source is the document source');

  const named = read(file, { labelNames: { '7': 'claim', '8': 'speaker' } });
  assert.deepEqual(named.docs[0].spans.map((s) => s.label), ['speaker', 'claim']);
  assert.ok(!named.ctx.notes.some((n) => n.includes('label ids')), 'no note when every id has a name');
});

test('doccano 0.x: doc_id, entities as triples, labels as categories, username (the layer) and metadata', () => {
  const { docs, dropped } = read('shapes-0.x-doc_id-entities.jsonl');
  assert.deepEqual(docs[0].spans.map((s) => s.annotator), ['admin', 'admin']);
  assert.deepEqual(docs.map(spansOf), [
    [
      ['Barack Obama', 'PER'],
      ['Kyiv', 'LOC'],
    ],
    [],
  ]);
  assert.deepEqual(
    docs.map((d) => d.title),
    ['shapes-0.x-doc_id-entities.jsonl #23', 'Ministry denial'],
  );
  assert.deepEqual(dropped, [['line 2', 'labels: 2 document labels ["politics","denial"]', DOC_LABELS]]);
});

test('doccano 1.4-1.5: the text in "data", metadata as top-level keys', () => {
  const { docs, dropped } = read('shapes-1.5-data-label.jsonl');
  assert.deepEqual(docs.map(spansOf), [
    [
      ['police', 'ORG'],
      ['Mosul', 'LOC'],
    ],
  ]);
  assert.equal(docs[0].source, 'RT');
  assert.deepEqual(dropped, [['line 1', 'key "wikiPageID": 3', METADATA]]);
});

test('doccano 1.6+: "label" and "labels" in one line both read; cats, Comments, relations (their user is their layer, not reported), text classification', () => {
  const { docs, dropped } = read('shapes-1.6-mixed.jsonl');
  assert.deepEqual(docs.map(spansOf), [
    [
      ['60 civilians were killed', 'claim'],
      ['Sergey Rudskoy', 'speaker'],
      ['TASS', 'ORG'],
    ],
    [['Kyiv', 'LOC']],
    [
      ['Rudskoy', 'speaker'],
      ['60', 'figure'],
    ],
    [],
  ]);
  assert.deepEqual([docs[0].title, docs[0].date], ['Mosul report', '2016-10-20']);
  const d = docs[2];
  const text = new Map(d.spans.map((s) => [s.key, Array.from(d.text).slice(s.start, s.end).join('')]));
  assert.deepEqual(
    d.links.map((l) => [text.get(l.from), l.type, text.get(l.to)]),
    [['60', 'said-by', 'Rudskoy']],
  );
  assert.deepEqual([d.spans[0].attributes, d.spans[0].annotator], [undefined, 'user-2']);
  assert.deepEqual(dropped, [
    ['line 1', 'Comments ["check the figure"]', 'doccano comments on the document'],
    ['line 1', 'key "url": "https://example.org/a"', METADATA],
    ['line 2', 'cats ["request"]', 'document categories'],
    ['line 4', 'label: a document label ["positive"]', DOC_LABELS],
  ]);
});

test('every key of a record is imported or reported: unknown keys, meta keys, extra triple elements; empty values are not noise', () => {
  const ctx = collectingContext('k.jsonl');
  const record = {
    text: 'Zoe said no.',
    label: [[0, 3, 'speaker', 'Zoe', 'extra']],
    meta: { title: 'From meta', wikiPageID: 7, empty: null },
    title: 'Top title',
    __proto__x: 1,
    annotation_approver: null,
    Comments: [],
    nested: { a: [1, 2] },
  };
  const [doc] = parseDoccano(JSON.stringify(record), 'k.jsonl', ctx);
  assert.equal(doc.title, 'Top title', 'a top-level title wins over meta');
  assert.deepEqual(doc.spans.map((s) => s.text), ['Zoe'], 'the fourth element is the span text, checked by ingest');
  assert.deepEqual(
    ctx.dropped.map((x) => x.what),
    ['label 1: extra elements ["extra"]', 'meta "title": "From meta"', 'meta "wikiPageID": 7', 'key "__proto__x": 1', 'key "nested": {"a":[1,2]}'],
  );
  // A hostile key does not reach any prototype.
  const [hostile] = parseDoccano('{"text": "abc", "entities": [{"start_offset": 0, "end_offset": 1, "label": "X", "__proto__": {"polluted": 1}}]}', 'h.jsonl');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(hostile.spans[0].attributes?.['__proto__'], '{"polluted":1}');
});

test('relations that name an entity the record does not have break the file (refused, naming the line)', () => {
  const line = { text: 'ok then', entities: [{ id: 1, start_offset: 0, end_offset: 2, label: 'A' }], relations: [{ from_id: 1, to_id: 9, type: 'r' }] };
  assert.throws(() => parseDoccano(`{"text": "fine"}\n${JSON.stringify(line)}`, 'r.jsonl'), /^InvalidInput: r\.jsonl:2: relation 1: entity 9 is not in this record$/);
  const typeless = { ...line, relations: [{ id: 4, from_id: 1, to_id: 1 }] };
  assert.throws(() => parseDoccano(JSON.stringify(typeless), 'r.jsonl'), /^InvalidInput: r\.jsonl:1: relation 4: no type$/);
  assert.throws(() => parseDoccano(JSON.stringify({ ...line, relations: { from_id: 1 } }), 'r.jsonl'), /r\.jsonl:1: "relations" is not a list/);
  assert.equal(parseDoccano(JSON.stringify({ ...line, relations: {} }), 'r.jsonl')[0].links.length, 0, 'an empty object holds no relation');
});
