import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_COLUMNS, csvExporter } from './csv.js';
import type { ExportContext, ExportDoc, ExportSpan, Sink } from './types.js';

const cpLen = (s: string) => Array.from(s).length;
let nextId = 1;
function span(text: string, needle: string, label: string, extra: Partial<ExportSpan> = {}): ExportSpan {
  const u = text.indexOf(needle);
  assert.ok(u >= 0, needle);
  const start = cpLen(text.slice(0, u));
  return { id: nextId++, start, end: start + cpLen(needle), label, text: needle, note: '', attributes: {}, cluster: null, annotator: 'ana', ...extra };
}
const ctx = (contextSentence = true) => ({ options: { seed: 1, contextSentence } }) as ExportContext;

function run(docs: ExportDoc[], c = ctx()) {
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  csvExporter.begin?.(c, sink);
  for (const d of docs) csvExporter.doc(d, c, sink);
  csvExporter.end?.(c, sink);
  return files.get('export.csv')!;
}

/** RFC 4180 reader: quoted fields may hold commas, "" and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field, '', 'the file ends with a line break');
  return rows;
}

const text1 = 'Gen. Sergey Rudskoy 👩‍👩‍👧 said: "60 civilians, at least, killed." RT reports.\nSecond 🇺🇦 line with cafe\u0301.';

function docs(): ExportDoc[] {
  const rudskoy = span(text1, 'Sergey Rudskoy', 'speaker', { cluster: { id: 3, name: 'Rudskoy, Sergey "the general"' } });
  const claim = span(text1, '60 civilians, at least, killed.', 'claim', {
    note: 'RT: "at least"\nsecond line, with comma\r\nthird',
    attributes: { value: '60', 'a "quoted" key': 'x,y' },
  });
  const flag = span(text1, '🇺🇦', 'figure');
  const combining = span(text1, 'cafe\u0301', 'figure');
  return [
    { id: 1, title: 'Mosul, "day 2"', date: '2016-10-20', source: 'RT', path: null, text: text1, done: true, split: null, spans: [rudskoy, claim, flag, combining], links: [] },
    { id: 2, title: 'No spans', date: null, source: null, path: null, text: 'Nothing.', done: false, split: null, spans: [], links: [] },
  ];
}

test('BOM, header, one row per annotation; commas, quotes and line breaks in notes survive quoting', () => {
  const docs0 = docs();
  const csv = run(docs0);
  assert.ok(csv.startsWith('\uFEFFdoc_id,title,date,source,label,start,end,text,note,attributes,cluster,cluster_id,context,span_id,fragment,annotator\n'));
  const rows = parseCsv(csv.slice(1));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.equal(rows.length, 5, 'header + 4 spans; a document without spans has no row');
  const byText = new Map(rows.slice(1).map((r) => [r[7], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
  const claim = byText.get('60 civilians, at least, killed.')!;
  assert.equal(claim.title, 'Mosul, "day 2"');
  assert.equal(claim.note, 'RT: "at least"\nsecond line, with comma\r\nthird');
  assert.deepEqual(JSON.parse(claim.attributes), { value: '60', 'a "quoted" key': 'x,y' });
  assert.equal(claim.cluster, '');
  assert.equal(claim.cluster_id, '');
  assert.equal(claim.context, 'Gen. Sergey Rudskoy 👩‍👩‍👧 said: "60 civilians, at least, killed."');
  const rudskoy = byText.get('Sergey Rudskoy')!;
  assert.equal(rudskoy.cluster, 'Rudskoy, Sergey "the general"');
  assert.equal(rudskoy.cluster_id, '3');
  assert.equal(rudskoy.attributes, '{}');
  assert.deepEqual([rudskoy.doc_id, rudskoy.date, rudskoy.source, rudskoy.label], ['1', '2016-10-20', 'RT', 'speaker']);
  assert.deepEqual([rudskoy.span_id, rudskoy.fragment], [String(docs0[0].spans[0].id), ''], 'an ordinary span is one row with its id and no fragment');
  assert.equal(rudskoy.annotator, docs0[0].spans[0].annotator, 'every row names the span\'s layer');
  // The raw lines: the note's line breaks sit inside a quoted field, quotes are doubled.
  assert.match(csv, /,"RT: ""at least""\nsecond line, with comma\r\nthird",/);
});

test('start and end are code points: emoji, ZWJ sequences, flags and combining marks before or in a span', () => {
  const rows = parseCsv(run(docs()).slice(1)).slice(1);
  const chars = Array.from(text1);
  for (const r of rows) {
    const [start, end, text] = [Number(r[5]), Number(r[6]), r[7]];
    assert.equal(chars.slice(start, end).join(''), text, `${start}..${end}`);
  }
  const claim = rows.find((r) => r[4] === 'claim')!;
  assert.equal(claim[5], '33', 'the family emoji before it counts 5 code points (8 UTF-16 units)');
  assert.equal(text1.indexOf('60'), 36);
  const flag = rows.find((r) => r[7] === '🇺🇦')!;
  assert.deepEqual([flag[5], flag[6]], ['85', '87'], 'a flag is two code points (four UTF-16 units)');
  assert.equal(text1.indexOf('🇺🇦'), 88);
  const cafe = rows.find((r) => r[7] === 'cafe\u0301')!;
  assert.equal(Number(cafe[6]) - Number(cafe[5]), 5, 'e + U+0301 is two code points');
  assert.equal(cafe[12], 'Second 🇺🇦 line with cafe\u0301.', 'context stops at the line break');
});

test('no context when the export asks for none; every split folder gets a header', () => {
  const rows = parseCsv(run(docs(), ctx(false)).slice(1));
  assert.ok(rows.slice(1).every((r) => r[12] === ''));
  assert.equal(run([]), '\uFEFF' + CSV_COLUMNS.join(',') + '\n', 'an empty split still has its header');
  // doc() without begin() still writes the header once.
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  for (const d of docs()) csvExporter.doc(d, ctx(), sink);
  assert.equal(files.get('export.csv')!.split('\uFEFF').length, 2);
  assert.equal(parseCsv(files.get('export.csv')!.slice(1)).length, 5);
});

test('a discontinuous span (brat `T1 claim 0 12;35 55`) is one row per fragment: same span_id, fragment k/n, no gap words; counted in the notes', () => {
  const text = 'Officials said on Tuesday that 60 👍 civilians were killed.';
  const a = cpLen(text.slice(0, text.indexOf('Officials')));
  const b = cpLen(text.slice(0, text.indexOf('60')));
  const disc: ExportSpan = { id: 77, start: a, end: b + 4, label: 'claim', text: Array.from(text).slice(a, b + 4).join(''), note: 'n', attributes: { fragments: `${a}-${a + 14};${b}-${b + 4}`, unit: 'people' }, cluster: null, annotator: 'ana' };
  const plain = span(text, 'Tuesday', 'date');
  const d: ExportDoc = { id: 5, title: 'T', date: null, source: null, path: null, text, done: false, split: null, spans: [disc, plain], links: [] };
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  csvExporter.begin?.(ctx(), sink);
  csvExporter.doc(d, ctx(), sink);
  const { notes } = csvExporter.end!(ctx(), sink)!;
  const rows = parseCsv(files.get('export.csv')!.slice(1)).slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
  assert.deepEqual(
    rows.map((r) => [r.span_id, r.fragment, r.label, r.start, r.end, r.text, r.note, r.attributes]),
    [
      ['77', '1/2', 'claim', String(a), String(a + 14), 'Officials said', 'n', '{"unit":"people"}'],
      ['77', '2/2', 'claim', String(b), String(b + 4), '60 👍', 'n', '{"unit":"people"}'],
      [String(plain.id), '', 'date', String(plain.start), String(plain.end), 'Tuesday', '', '{}'],
    ],
  );
  assert.deepEqual(notes, ['CSV: 1 discontinuous span written as 2 rows, one per fragment (same span_id, fragment "1/2", "2/2"…); the gaps between fragments are in no row.']);
  const plainSink: Sink = { write: () => {} };
  for (const x of docs()) csvExporter.doc(x, ctx(), plainSink);
  assert.deepEqual(csvExporter.end!(ctx(), plainSink)!.notes, [], 'no note when nothing was split');
});
