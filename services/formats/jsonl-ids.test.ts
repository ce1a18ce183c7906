import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonId, encodeJsonId, jsonlIds } from './jsonl-ids.js';
import { jsonlExporter } from './jsonl.js';
import { openExportStream } from '../export/stream.js';
import { exportObjects, exportText, importText, jsonl, scratch, type ExportedLine } from './jsonl-test-helpers.js';

const s = scratch('jsonl-ids');
after(() => s.done());

/** A pipeline's file with string ids (issue 11, item 0), in exactly the shape and key order the export writes. */
const span = (id: string, start: number, end: number, label: string, text: string, extra: { attributes?: Record<string, string>; cluster?: { id: number; name: string } } = {}) => ({
  id, start, end, label, text, note: '', attributes: extra.attributes ?? {}, cluster: extra.cluster ?? null, annotator: 'ana',
});
const stringIds = jsonl(
  {
    id: 'doc-17', title: 'Briefing', date: '2016-10-20', source: 'RT', path: null,
    text: 'Gen. Rudskoy said 60 civilians died.',
    spans: [span('h1-spk', 5, 12, 'speaker', 'Rudskoy', { cluster: { id: 1, name: 'Rudskoy' } }), span('h1-clm', 18, 35, 'claim', '60 civilians died', { attributes: { src: 'wire' } })],
    links: [
      { id: 'l-1', from: 'h1-clm', to: 'h1-spk', type: 'said-by', annotator: 'ana' },
      { id: 'l-2', from: 'h1-spk', to: 'h2-spk', type: 'same-as', annotator: 'ana' },
    ],
  },
  {
    id: 'doc-18', title: 'Follow-up', date: null, source: null, path: null,
    text: 'Rudskoy repeated it.',
    spans: [span('h2-spk', 0, 7, 'speaker', 'Rudskoy', { cluster: { id: 1, name: 'Rudskoy' } })],
    links: [],
  },
);

/** Every id, from and to of an export, with where it is. */
const allIds = (lines: ExportedLine[]) =>
  lines.flatMap((l, i) => [
    [`line ${i + 1} id`, l.id],
    ...l.spans.map((sp) => [`line ${i + 1} span id`, sp.id]),
    ...l.links.flatMap((k) => [[`line ${i + 1} link id`, k.id], [`line ${i + 1} from`, k.from], [`line ${i + 1} to`, k.to]]),
  ]) as [string, string | number][];

test('string ids (issue 11, item 0): the file imports, and import → export gives it back byte for byte', () => {
  const p = s.project('strings');
  const { report, dropped } = importText(p, s.path('strings.jsonl'), stringIds);
  assert.deepEqual(dropped, []);
  assert.equal(report.imported.length, 2);
  assert.equal(report.spans, 3);
  assert.equal(report.links, 2);
  assert.equal(report.clusters, 1);
  assert.equal(exportText(p), stringIds, 'same ids, spans, links and clusters');
});

test('the ids kept are typed: 17 and "17" are different ids, and each comes back as the file wrote it', () => {
  assert.equal(encodeJsonId('doc-17'), 's:doc-17');
  assert.equal(encodeJsonId(17), 'n:17');
  assert.equal(encodeJsonId('17'), 's:17');
  assert.equal(decodeJsonId('s:17'), '17');
  assert.equal(decodeJsonId('n:-4'), -4);
  assert.equal(decodeJsonId(encodeJsonId('s:x')), 's:x', 'a string that looks typed stays itself');
});

test('a project whose ids mix strings and numbers writes every id as a string; one with numbers only, numbers', () => {
  const numbers = s.project('numbers');
  const old = jsonl({
    id: 5, title: 'Old export', text: 'Konashenkov said more.',
    spans: [{ id: 8, start: 0, end: 11, label: 'speaker', text: 'Konashenkov' }, { id: 9, start: 12, end: 21, label: 'claim', text: 'said more' }],
    links: [{ from: 9, to: 8, type: 'said-by' }],
  });
  importText(numbers, s.path('numbers.jsonl'), old);
  const numeric = allIds(exportObjects(numbers));
  assert.deepEqual(numeric.filter(([, v]) => typeof v !== 'number'), []);
  assert.deepEqual(numeric.map(([, v]) => v), [5, 8, 9, 1, 9, 8], 'the file’s ids, and the link’s Crosscheck id');

  const mixed = s.project('mixed');
  const followUp = importText(mixed, s.path('mixed-a.jsonl'), stringIds).report.imported[1].id;
  importText(mixed, s.path('mixed-b.jsonl'), old);
  const made = mixed.annotations.create({ docId: followUp, labelId: 1, start: 8, end: 20 }); // by hand: no external id
  const lines = exportObjects(mixed);
  const ids = allIds(lines);
  assert.deepEqual(ids.filter(([, v]) => typeof v !== 'string'), [], 'every id, from and to is a string');
  assert.ok(ids.some(([, v]) => v === '5') && ids.some(([, v]) => v === 'doc-17'), 'numbers written as strings, strings as they were');
  assert.deepEqual(lines[1].spans.map((sp) => sp.id), ['h2-spk', String(made.id)], 'a span made here: its Crosscheck id, as a string');
});

test('ids two rows would share are written once: the row without one keeps its Crosscheck id, then the lowest id', () => {
  const p = s.project('clash');
  const file = (text: string, type: string) =>
    jsonl({
      id: 'd1', title: text, text,
      spans: [span('e1', 0, 4, 'speaker', text.slice(0, 4)), span('e2', 5, 9, 'speaker', text.slice(5, 9))],
      links: [{ id: 'r1', from: 'e1', to: 'e2', type }],
    });
  importText(p, s.path('clash-a.jsonl'), file('Anna Bert', 'same-as'));
  importText(p, s.path('clash-b.jsonl'), file('Cleo Dora', 'said-by'));
  const lines = exportObjects(p);
  assert.deepEqual(lines.map((l) => l.id), ['d1', '2'], 'the second "d1" is written with its Crosscheck id');
  const spanIds = lines.flatMap((l) => l.spans.map((sp) => sp.id));
  assert.deepEqual(spanIds, ['e1', 'e2', '3', '4']);
  assert.deepEqual(lines.flatMap((l) => l.links.map((k) => [k.id, k.from, k.to, k.type])), [
    ['r1', 'e1', 'e2', 'same-as'],
    ['2', '3', '4', 'said-by'],
  ]);
  assert.equal(jsonlIds(p.db).shadowed, 4, 'one document, two spans and one link');
  const { ctx } = openExportStream(p.db, { docs: { kind: 'all' } });
  assert.deepEqual(jsonlExporter.end!(ctx, { write: () => {} }), {
    notes: ["4 document, span or link ids written as Crosscheck's own: the id a file gave each is another's too"],
  });

  // A file's 1 that is another span's Crosscheck id: the span made here keeps 1, the imported one gives way.
  const q = s.project('clash-numbers');
  const d = q.documents.insert({ title: 'here first', date: null, source: null, path: null, hash: 'x', text: 'Made here', length: 9 }, 'now');
  q.annotations.create({ docId: d, labelId: 1, start: 0, end: 4 });
  importText(q, s.path('clash-numbers.jsonl'), jsonl({ id: 1, title: 'File', text: 'Anna Bert', spans: [{ id: 1, start: 0, end: 4, label: 'speaker', text: 'Anna' }, { id: 2, start: 5, end: 9, label: 'speaker', text: 'Bert' }], links: [{ from: 1, to: 2, type: 'same-as' }] }));
  const out = exportObjects(q);
  const byId = new Map(out.flatMap((l) => l.spans.map((sp) => [sp.id, sp.text])));
  assert.equal(byId.size, 3, 'three spans, three ids');
  assert.equal(byId.get(1), 'Made', 'the span without a file id keeps its own');
  const link = out[1].links[0];
  assert.deepEqual([byId.get(link.from), byId.get(link.to)], ['Anna', 'Bert'], 'the link still names the spans it joins');
});

test('an export with shared ids imports back with the same spans, links and clusters', () => {
  const p = s.project('clash-round');
  importText(p, s.path('round-a.jsonl'), stringIds);
  importText(p, s.path('round-b.jsonl'), stringIds.replace(/Gen\. Rudskoy/, 'Col. Rudskoy').replace('Rudskoy repeated', 'Rudskoy restated'));
  const first = exportText(p);
  const q = s.project('clash-round-2');
  importText(q, s.path('round-out.jsonl'), first);
  assert.equal(exportText(q), first);
});
