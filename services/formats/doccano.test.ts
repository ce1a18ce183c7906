import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { ingest } from './ingest.js';
import { doccanoExporter, parseDoccano, readRecords } from './doccano.js';
import { collectingContext, type ExportContext, type ExportDoc, type ParsedDoc, type Sink } from './types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'doccano');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-doccano-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Spans as [text, label], the text cut by code points as Python would. */
const spansOf = (d: ParsedDoc) => d.spans.map((s) => [Array.from(d.text).slice(s.start, s.end).join(''), s.label]);

let seq = 0;
const ingested = (docs: ParsedDoc[]) => {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  const r = ingest(p, docs, 'x');
  p.close();
  return r;
};

const GOOGLE = [
  ['Google', 'ORG'],
  ['September 4, 1998', 'DATE'],
  ['Larry Page', 'PERSON'],
  ['Sergey Brin', 'PERSON'],
];

test('fixture export_relation_extraction.example.jsonl: one object pretty-printed over 49 lines → entities and relations with ids', () => {
  const file = 'export_relation_extraction.example.jsonl';
  const docs = parseDoccano(fixture(file), file);
  assert.equal(docs.length, 1);
  assert.deepEqual(spansOf(docs[0]), GOOGLE);
  const keyText = new Map(docs[0].spans.map((s) => [s.key, Array.from(docs[0].text).slice(s.start, s.end).join('')]));
  assert.deepEqual(
    docs[0].links.map((l) => [keyText.get(l.from), l.type, keyText.get(l.to)]),
    [
      ['Google', 'foundedAt', 'September 4, 1998'],
      ['Google', 'foundedBy', 'Larry Page'],
      ['Google', 'foundedBy', 'Sergey Brin'],
    ],
  );
  assert.equal(docs[0].path, `${file}:1`);
  const r = ingested(docs);
  assert.deepEqual([r.spans, r.links, r.labelsAdded], [4, 3, ['ORG', 'DATE', 'PERSON']]);
});

test('fixture import_relation_extraction.test.jsonl: relations without ids', () => {
  const docs = parseDoccano(fixture('import_relation_extraction.test.jsonl'), 'rel.jsonl');
  assert.deepEqual(spansOf(docs[0]), GOOGLE);
  assert.deepEqual(
    docs[0].links.map((l) => l.type),
    ['foundedAt', 'foundedBy', 'foundedBy'],
  );
  assert.equal(ingested(docs).links, 3);
});

test('fixture export_sequence_labeling.example.jsonl: label: [[start, end, "TAG"]]', () => {
  const docs = parseDoccano(fixture('export_sequence_labeling.example.jsonl'), 'seq.jsonl');
  assert.deepEqual(docs.map(spansOf), [
    [
      ['EU', 'ORG'],
      ['German', 'MISC'],
    ],
    [['Peter Blackburn', 'PERSON']],
    [['Obama', 'PERSON']],
  ]);
  assert.deepEqual(
    docs.map((d) => d.title),
    ['seq.jsonl:1', 'seq.jsonl:2', 'seq.jsonl:3'],
  );
  assert.equal(ingested(docs).spans, 4);
});

test('fixture transformer_labeling_text_label.jsonl: the older "labels" column, ids, "\\n" inside the text', () => {
  const docs = parseDoccano(fixture('transformer_labeling_text_label.jsonl'), 'old.jsonl');
  assert.deepEqual(
    docs.map((d) => d.title),
    ['old.jsonl #2578', 'old.jsonl #2580'],
  );
  assert.deepEqual(docs.map(spansOf), [
    [
      ['JAPAN', 'LOC'],
      ['CHINA', 'PER'],
      ['Nadim Ladki', 'PER'],
      ['AL-AIN', 'LOC'],
      ['United Arab Emirates', 'LOC'],
    ],
    [
      ['RUGBY UNION', 'ORG'],
      ['CUTTITTA', 'PER'],
      ['ITALY', 'LOC'],
      ['ROME', 'LOC'],
      ['Italy', 'LOC'],
      ['Marcello Cuttitta', 'PER'],
    ],
  ]);
  assert.ok(docs[0].text.includes('\n'));
  assert.equal(ingested(docs).spans, 11);
  const ctx = collectingContext('old.jsonl');
  parseDoccano(fixture('transformer_labeling_text_label.jsonl'), 'old.jsonl', ctx);
  assert.deepEqual(ctx.dropped, [], '"meta": {} and "annotation_approver": null hold nothing to report');
});

test('fixture import_sequence_labeling.test.jsonl: meta and an empty label list read; the line with no text is an error naming file:line, and nothing is imported', () => {
  const text = fixture('import_sequence_labeling.test.jsonl');
  const ctx = collectingContext('seq.jsonl');
  assert.throws(
    () => parseDoccano(text, 'seq.jsonl'),
    (e: Error) => {
      assert.equal(e.name, 'InvalidInput');
      assert.equal(e.message, 'seq.jsonl:3: no "text" field (the record has "label", "meta"; name its text column)');
      return true;
    },
  );
  const firstTwo = parseDoccano(text.split('\n').slice(0, 2).join('\n'), 'seq.jsonl', ctx);
  assert.deepEqual(firstTwo.map(spansOf), [[['e', 'LOC']], []]);
  // A Crosscheck document has no metadata beyond title, date and source: each meta key is reported with its line.
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what]),
    [
      ['line 1', 'meta "wikiPageID": 1'],
      ['line 2', 'meta "wikiPageID": 2'],
    ],
  );
  assert.equal(ingested(firstTwo).imported.length, 2, 'a document with an empty label list is still imported');
});

test('fixture import_sequence_labeling_overlapping.test.jsonl: the same span twice is imported once', () => {
  const docs = parseDoccano(fixture('import_sequence_labeling_overlapping.test.jsonl'), 'o.jsonl');
  assert.equal(docs[0].spans.length, 2);
  assert.equal(ingested(docs).spans, 1);
});

test('fixture import_sequence_labeling_custom_columns.example.jsonl: needs its column names, and says which keys it has', () => {
  const text = fixture('import_sequence_labeling_custom_columns.example.jsonl');
  assert.throws(() => parseDoccano(text, 'c.jsonl'), /^InvalidInput: c\.jsonl:1: no "text" field \(the record has "column_data", "column_label"; name its text column\)$/);
  const docs = parseDoccano(text, 'c.jsonl', undefined, { textColumn: 'column_data', labelColumn: 'column_label' });
  assert.deepEqual(docs.map(spansOf), [[['EU', 'ORG']], [['Peter Blackburn', 'PERSON']], [['Obama', 'PERSON']]]);
});

test('offsets are UTF-16 code units by default; a file made by Python (code points) is told apart when only that reading fits', () => {
  const text = '👩‍👩‍👧 🇺🇦 Cafe\u0301 😀 Mosul';
  // Python 3: len(text) == 22, text.index('Mosul') == 17; in JavaScript (doccano's editor) it is at 23 of 28.
  const ctx = collectingContext('u.jsonl');
  const [doc] = parseDoccano(JSON.stringify({ text, label: [[23, 28, 'LOC'], [0, 8, 'EMOJI']] }), 'u.jsonl', ctx);
  assert.deepEqual(spansOf(doc), [
    ['Mosul', 'LOC'],
    ['👩‍👩‍👧', 'EMOJI'],
  ]);
  assert.match(ctx.notes[0], /^u\.jsonl: offsets read as UTF-16 code units, the format's default and the only reading consistent with the file \(in code points, line 1: /);
  // 0..5 cuts the family in UTF-16 and 17..22 ends past it in clusters: only code points fit.
  const py = collectingContext('u.jsonl');
  const [fromPython] = parseDoccano(JSON.stringify({ text, label: [[17, 22, 'LOC'], [0, 5, 'EMOJI']] }), 'u.jsonl', py);
  assert.deepEqual(spansOf(fromPython), [
    ['Mosul', 'LOC'],
    ['👩‍👩‍👧', 'EMOJI'],
  ]);
  assert.match(py.notes[0], /^u\.jsonl: offsets read as code points, the only reading consistent with the file \(in UTF-16 code units, line 1: 0\.\.5 splits a character/);
  // Past the end in every reading: dropped with its line, and the rest imports.
  const past = collectingContext('u.jsonl');
  const [rest] = parseDoccano(JSON.stringify({ text, label: [[23, 28, 'LOC'], [29, 34, 'LOC']] }), 'u.jsonl', past);
  assert.deepEqual(spansOf(rest), [['Mosul', 'LOC']]);
  assert.deepEqual(past.dropped, [{ path: 'u.jsonl', where: 'line 1', what: 'label 2 29..34 "LOC"', why: 'outside the text (0..28 UTF-16 code units)' }]);
});

test('a JSON array of records, CRLF line endings, and a BOM are read too; records keep their line numbers', () => {
  const arr = '\uFEFF[\r\n  {"text": "a b", "label": [[0, 1, "X"]]},\r\n  {\r\n    "text": "c d",\r\n    "label": [[2, 3, "Y"]]\r\n  }\r\n]\r\n';
  const docs = parseDoccano(arr, 'a.json');
  assert.deepEqual(docs.map(spansOf), [[['a', 'X']], [['d', 'Y']]]);
  assert.deepEqual(
    docs.map((d) => d.path),
    ['a.json:2', 'a.json:3'],
  );
  const crlf = '{"text": "one\\r\\ntwo", "label": [[5, 8, "N"]]}\r\n{"text": "three", "label": []}\r\n';
  const [one, three] = parseDoccano(crlf, 'c.jsonl');
  assert.equal(one.text, 'one\r\ntwo', 'a CRLF inside the text is kept: offsets count it');
  assert.deepEqual(spansOf(one), [['two', 'N']]);
  assert.equal(three.spans.length, 0);
  assert.deepEqual(
    readRecords('{\n "a": "}{"\n}\n{"b": 2}', 'x').map((r) => r.line),
    [1, 4],
    'braces inside strings do not end a record',
  );
});

test('malformed files: errors name file, line and reason', () => {
  const bad = (text: string) => () => parseDoccano(text, 'b.jsonl');
  assert.throws(bad('{"text": "ok", "label": []}\n{"text": "x", "label": [}\n'), /^InvalidInput: b\.jsonl:2: not JSON/);
  assert.throws(bad('{"text": "ok", "label": [[0, 1.5, "X"]]}'), /b\.jsonl:1: label 1: offsets 0\.\.1\.5 are not whole numbers/);
  assert.throws(bad('{"text": "ok", "label": [[0, 1]]}'), /b\.jsonl:1: label 1 is not \[start, end, "label"\]/);
  assert.throws(bad('{"text": "ok", "label": [[0, 1, ""]]}'), /b\.jsonl:1: label 1: no label/);
  assert.throws(bad('{"text": "ok", "label": [null]}'), /b\.jsonl:1: label 1 is neither a span nor a label/);
  assert.throws(bad('{"text": "ok", "label": {"a": 1}}'), /b\.jsonl:1: "label" is not a list/);
  assert.throws(bad('{"text": "ok", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "A"}], "relations": [{"from_id": 1, "to_id": 9, "type": "r"}]}'), /b\.jsonl:1: relation 1: entity 9 is not in this record/);
  assert.throws(bad('{"text": "ok", "entities": [{"id": 1, "start_offset": 0, "end_offset": 1, "label": "A"}, {"id": 1, "start_offset": 1, "end_offset": 2, "label": "A"}]}'), /entity id 1 is used twice/);
  assert.throws(bad('{"text": "   ", "label": []}'), /b\.jsonl:1: "text" is empty/);
  assert.throws(bad('{"text": 5}'), /b\.jsonl:1: "text" is not a string/);
  assert.throws(bad('{\n  "text": "never closed"\n'), /b\.jsonl:1: the JSON object that starts here is not closed/);
  assert.throws(bad('[{"text": "a"} {"text": "b"}]'), /b\.jsonl:1: expected "," or "\]" between the records/);
  assert.throws(bad('\n\n'), /b\.jsonl: no records/);
});

// ---------------------------------------------------------------------------------------------------------
// Export, driven directly

function memorySink() {
  const files = new Map<string, string>();
  const sink: Sink = { write: (rel, text) => void files.set(rel, (files.get(rel) ?? '') + text) };
  return { files, sink };
}

test('export: one line per document, UTF-16 offsets, relations inside the document, the rest counted', () => {
  const text = '😀 Rudskoy said 60';
  const d: ExportDoc = {
    id: 7,
    title: 'T',
    date: '2016-10-20',
    source: 'RT',
    path: null,
    text,
    done: true,
    split: null,
    spans: [
      { id: 11, start: 2, end: 9, label: 'speaker', text: 'Rudskoy', note: 'n', attributes: {}, cluster: null, annotator: 'ana' },
      { id: 12, start: 15, end: 17, label: 'figure', text: '60', note: '', attributes: { a: 'b' }, cluster: null, annotator: 'ana' },
    ],
    links: [
      { id: 5, from: 12, to: 11, type: 'said-by', directed: true, toDocId: 7, annotator: 'ana' },
      { id: 6, from: 11, to: 99, type: 'same-as', directed: false, toDocId: 8, annotator: 'ana' },
    ],
  };
  const { files, sink } = memorySink();
  const ctx = { options: { seed: 1, contextSentence: true } } as ExportContext;
  doccanoExporter.begin!(ctx, sink);
  doccanoExporter.doc(d, ctx, sink);
  const notes = doccanoExporter.end!(ctx, sink);
  assert.deepEqual(JSON.parse(files.get('export.jsonl')!), {
    id: 7,
    text,
    entities: [
      // 😀 is two UTF-16 units: doccano's editor draws Rudskoy at 3..10.
      { id: 11, label: 'speaker', start_offset: 3, end_offset: 10 },
      { id: 12, label: 'figure', start_offset: 16, end_offset: 18 },
    ],
    relations: [{ id: 5, from_id: 12, to_id: 11, type: 'said-by' }],
    title: 'T',
    date: '2016-10-20',
    source: 'RT',
    user: 'ana',
  });
  assert.ok(files.get('export.jsonl')!.endsWith('}\n'));
  assert.deepEqual(notes, {
    notes: [
      'doccano: 1 link joins spans of two documents and was left out (a doccano relation stays inside one document).',
      'doccano: 1 span note was left out (doccano spans have no notes).',
      'doccano: the attributes of 1 span were left out (doccano spans have no attributes).',
    ],
  });
  const [back] = parseDoccano(files.get('export.jsonl')!, 'e.jsonl');
  assert.deepEqual(spansOf(back), [
    ['Rudskoy', 'speaker'],
    ['60', 'figure'],
  ]);
  assert.deepEqual([back.title, back.date, back.source], ['T', '2016-10-20', 'RT']);
});

test('a title, date or source of only blanks, at the top or in meta, is no value: none taken, nothing listed as dropped (tester)', () => {
  const lines = [
    JSON.stringify({ text: 'Blank source at the top.', title: 'Top', source: '   ' }),
    JSON.stringify({ text: 'Blank source in meta.', meta: { source: ' \t', date: '  ', note: 'kept?' } }),
  ].join('\n');
  const ctx = collectingContext('blank.jsonl');
  const docs = parseDoccano(lines, 'blank.jsonl', ctx);
  assert.deepEqual(
    docs.map((d) => [d.title, d.source, d.date]),
    [
      ['Top', null, null],
      ['blank.jsonl:2', null, null],
    ],
  );
  // Only what has a value and no place is reported, with the reason that fits it.
  assert.deepEqual(
    ctx.dropped.map((d) => d.what),
    ['meta "note": "kept?"'],
  );
});
