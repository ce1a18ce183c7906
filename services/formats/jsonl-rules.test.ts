import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { importAnnotatedPaths } from './importers.js';
import { exportObjects, importText, jsonl, scratch } from './jsonl-test-helpers.js';

/** The import rule for Crosscheck's JSONL (issue 11): what is refused, what is dropped and reported, what is noted. */
const s = scratch('jsonl-rules');
after(() => s.done());

const TEXT = 'Rudskoy said 60 civilians died in Aleppo.';

test('CRLF (issue 11, item 12): the text is stored with LF, offsets remapped, and an LF copy is the same document', () => {
  const p = s.project('crlf');
  const crlf = jsonl({ id: 'a', title: 't', text: 'Line one\r\nPort officials said no.', spans: [{ id: 's', start: 10, end: 24, label: 'speaker', text: 'Port officials' }] });
  const { report, dropped } = importText(p, s.path('crlf.jsonl'), crlf);
  assert.deepEqual(dropped, []);
  const doc = p.documents.get(report.imported[0].id);
  assert.equal(doc.text, 'Line one\nPort officials said no.');
  assert.deepEqual(p.annotations.listForDocument(doc.id).map((a) => [a.start, a.end, a.text]), [[9, 23, 'Port officials']]);
  const lf = jsonl({ id: 'b', title: 't', text: 'Line one\nPort officials said no.', spans: [] });
  assert.equal(importText(p, s.path('lf.jsonl'), lf).report.duplicates[0].of, doc.id);
  // A lone CR (old Mac files) and a span text given with CRLF.
  const cr = jsonl({ id: 'c', title: 't', text: 'One\rTwo\r\nThree', spans: [{ id: 's', start: 2, end: 10, label: 'claim', text: 'e\rTwo\r\nT' }] });
  const r = importText(p, s.path('cr.jsonl'), cr);
  assert.deepEqual(r.dropped, []);
  assert.deepEqual(p.annotations.listForDocument(r.report.imported[0].id).map((a) => a.text), ['e\nTwo\nT']);
});

test('spans that cannot be placed are dropped with line and reason, with their links; the rest imports', () => {
  const p = s.project('drops');
  const file = jsonl(
    { id: 'ok', title: 'fine', text: 'Nothing wrong here.', spans: [{ id: 'n1', start: 0, end: 7, label: 'claim', text: 'Nothing' }] },
    {
      id: 'd', title: 'faults', text: TEXT,
      spans: [
        { id: 'zero', start: 4, end: 4, label: 'claim' },
        { id: 'past', start: 30, end: 99, label: 'claim' },
        { id: 'other', start: 0, end: 7, label: 'speaker', text: 'Rutskoy' },
        { id: 'good', start: 13, end: 25, label: 'figure', text: '60 civilians' },
      ],
      links: [
        { from: 'good', to: 'zero', type: 'same-as' },
        { from: 'good', to: 'n1', type: 'supports' },
      ],
    },
  );
  const { report, dropped } = importText(p, s.path('drops.jsonl'), file);
  assert.equal(report.imported.length, 2);
  assert.equal(report.spans, 2);
  assert.equal(report.links, 1);
  assert.deepEqual(
    dropped.map((d) => [d.path, d.where, d.what, d.why]),
    [
      ['in.jsonl', 'line 2', 'span "zero" 4..4 "claim"', 'zero-length span'],
      ['in.jsonl', 'line 2', 'span "past" 30..99 "claim"', 'outside the text (0..41 code points)'],
      ['in.jsonl', 'line 2', 'span "other" 0..7 "speaker" "Rutskoy"', 'the text there is "Rudskoy", not the one the file gives'],
      ['in.jsonl', 'line 2', 'link "good" → "zero" (same-as)', 'span "zero" was not imported (zero-length span)'],
    ],
  );
});

test('keys the schema does not have are dropped per line, naming the key, how many carry it and a value', () => {
  const p = s.project('keys');
  const file = jsonl(
    { id: 1, title: 't', text: TEXT, meta: { batch: 7 }, spans: [] },
    {
      id: 2, title: 'u', text: 'Aleppo again.',
      spans: [
        { id: 1, start: 0, end: 6, label: 'claim', text: 'Aleppo', score: 0.93, cluster: { id: 3, name: 'A', size: 2 } },
        { id: 2, start: 7, end: 12, label: 'claim', text: 'again', score: 0.5 },
      ],
      links: [{ from: 1, to: 2, type: 'supports', weight: 1 }],
    },
  );
  const { report, dropped } = importText(p, s.path('keys.jsonl'), file);
  assert.equal(report.spans, 2);
  assert.deepEqual(
    dropped.map((d) => [d.where, d.what]),
    [
      ['line 1', 'key "meta" (first value {"batch":7})'],
      ['line 2', 'key "spans[].score" on 2 spans (first value 0.93)'],
      ['line 2', 'key "spans[].cluster.size" on 1 span (first value 2)'],
      ['line 2', 'key "links[].weight" on 1 link (first value 1)'],
      ['line 2', 'cluster "A" of span 1'],
    ],
  );
  assert.match(dropped[0].why, /no such key/);
  assert.match(dropped[4].why, /same-as links only/);
});

test('attribute values that are not text are dropped by name; the others are kept', () => {
  const p = s.project('attributes');
  const file = jsonl({ id: 1, title: 't', text: TEXT, spans: [{ id: 'f', start: 13, end: 15, label: 'figure', text: '60', attributes: { unit: 'people', value: 60, exact: null } }] });
  const { report, dropped } = importText(p, s.path('attributes.jsonl'), file);
  assert.deepEqual(p.annotations.listForDocument(report.imported[0].id)[0].attributes, { unit: 'people' });
  assert.deepEqual(dropped.map((d) => [d.where, d.what, d.why]), [
    ['line 1', 'attribute "value" of span "f"', 'attribute values are text in Crosscheck; this one is a number (60)'],
    ['line 1', 'attribute "exact" of span "f"', 'attribute values are text in Crosscheck; this one is null (null)'],
  ]);
});

test('with --strict, anything dropped refuses the file and nothing of it is kept', () => {
  const p = s.project('strict');
  const path = s.path('strict.jsonl');
  writeFileSync(path, jsonl({ id: 1, title: 't', text: TEXT, spans: [{ id: 1, start: 3, end: 3, label: 'claim' }] }));
  assert.throws(() => importAnnotatedPaths(p, [path], 'jsonl', { options: { strict: true } }), /refused \(strict\): 1 thing would be left out, so nothing of this import was kept[^]*strict\.jsonl: line 1: span 1 3\.\.3 "claim": zero-length span/);
  assert.equal(p.documents.count(), 0);
  const { report } = importAnnotatedPaths(p, [path], 'jsonl', { options: { strict: false } });
  assert.equal(report.imported.length, 1);
  assert.deepEqual(report.dropped?.map((d) => d.why), ['zero-length span'], 'without --strict the drop is in the report');
  assert.match(report.notes?.[0] ?? '', /strict\.jsonl: offsets read as code points/);
});

test('breaks of the format refuse the file whole, naming the line', () => {
  const p = s.project('refused');
  const refused = (content: string, message: RegExp) => {
    assert.throws(() => importText(p, s.path('refused.jsonl'), content), message);
    assert.equal(p.documents.count(), 0);
  };
  const line = (spans: unknown[], links: unknown[] = []) => ({ id: 1, title: 't', text: TEXT, spans, links });
  refused(jsonl({ id: 1, title: 't', text: '\u200b\u200b \n' }), /^InvalidInput: in\.jsonl:1: the document text is empty/);
  refused(jsonl({ id: 1.5, title: 't', text: TEXT }), /^InvalidInput: in\.jsonl:1: id: /);
  refused(
    jsonl(line([{ id: 'a', start: 0, end: 7, label: 'speaker' }]), { ...line([{ id: 'a', start: 13, end: 15, label: 'figure' }]), text: 'Other: 60 of them.' }),
    /in\.jsonl:2: span "a" is declared twice \(lines 1 and 2\), for different spans/,
  );
  refused(
    jsonl(line([{ id: 1, start: 0, end: 7, label: 'speaker' }, { id: 2, start: 13, end: 15, label: 'figure' }], [{ from: '1', to: 2, type: 'said-by' }])),
    /in\.jsonl:1: link "1" → 2: span "1" is not in the file \(a span 1 is: ids of different JSON types are different ids\)/,
  );
  // The same line twice (two exports joined) names the same spans: that is no fault.
  const twice = jsonl(line([{ id: 'a', start: 0, end: 7, label: 'speaker' }]), line([{ id: 'a', start: 0, end: 7, label: 'speaker' }]));
  assert.equal(importText(p, s.path('twice.jsonl'), twice).report.duplicates.length, 1);
});

test('offsets are code points unless only another unit fits the file, or --offsets says', () => {
  const text = '👍 Zoë said';
  const p = s.project('units');
  // Without span texts both readings fit: the format's default, code points, and the note says so.
  const plain = importText(p, s.path('units.jsonl'), jsonl({ id: 1, title: 't', text, spans: [{ id: 1, start: 3, end: 6, label: 'speaker' }] }));
  assert.equal(p.annotations.listForDocument(plain.report.imported[0].id)[0].text, 'oë ');
  assert.match(plain.notes[0], /^offsets read as code points \(the format's default/);
  const q = s.project('units-forced');
  const forced = importText(q, s.path('units-forced.jsonl'), jsonl({ id: 1, title: 't', text, spans: [{ id: 1, start: 3, end: 6, label: 'speaker' }] }), { offsets: 'utf16' });
  assert.equal(q.annotations.listForDocument(forced.report.imported[0].id)[0].text, 'Zoë');
  assert.deepEqual(forced.notes, ['offsets read as UTF-16 code units (as asked)']);
  // A span whose text only the UTF-16 reading gives decides it.
  const r = s.project('units-decided');
  const decided = importText(r, s.path('units-decided.jsonl'), jsonl({ id: 1, title: 't', text, spans: [{ id: 1, start: 3, end: 6, label: 'speaker', text: 'Zoë' }] }));
  assert.deepEqual(decided.dropped, []);
  assert.match(decided.notes[0], /^offsets read as UTF-16 code units, the only reading consistent/);
  assert.deepEqual(exportObjects(r)[0].spans.map((sp) => [sp.start, sp.end, sp.text]), [[2, 5, 'Zoë']], 'stored and exported in code points');
});
