// Issue 11, items 4, 5 and 13 for Label Studio: value.text forms across line breaks, JSON-MIN, per-region answers,
// what is dropped and why, the offsets export option and discontinuous spans.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { takesOption } from '../../common/formats.js';
import { importAnnotatedPaths } from './importers.js';
import { labelStudioExporter, parseLabelStudio, textForm } from './labelstudio.js';
import { collectingContext, type ExportContext, type ExportDoc, type ParsedDoc, type Sink } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ls-import-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
/** Writes `json` to a file and imports it as the app does (auto-detected), in a fresh project. */
function importFile(json: unknown, options = {}) {
  const file = join(dir, `f${++seq}.json`);
  writeFileSync(file, JSON.stringify(json, null, 2));
  const p = openProject(join(dir, `p${seq}.crosscheck`));
  try {
    const { report } = importAnnotatedPaths(p, [file], 'auto', { options: { strict: false, ...options } });
    const spans = p.db.prepare('SELECT a.start, a.end, a.text, l.name AS label, a.note, a.attributes FROM annotations a JOIN labels l ON l.id = a.label_id ORDER BY a.start, l.name').all() as {
      start: number;
      end: number;
      text: string;
      label: string;
      note: string;
      attributes: string;
    }[];
    const texts = (p.db.prepare('SELECT text FROM documents ORDER BY id').all() as { text: string }[]).map((d) => d.text);
    return { file, report, spans, texts };
  } finally {
    p.close();
  }
}

const spansOf = (d: ParsedDoc) => d.spans.map((s) => [[...d.text].slice(s.start, s.end).join(''), s.label]);
const labels = (id: string, start: number, end: number, text: string, l: string[]) => ({ id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text, labels: l } });

test('item 4, the issue\'s example: a region re-saved without the line break it crosses imports', () => {
  const example = [{ data: { text: 'a\nb' }, annotations: [{ result: [{ type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 3, text: 'ab', labels: ['claim'] } }] }] }];
  const { file, report, spans } = importFile(example);
  assert.equal(report.spans, 1);
  assert.deepEqual(spans.map((s) => [s.start, s.end, s.text, s.label]), [[0, 3, 'a\nb', 'claim']]);
  assert.equal(report.dropped, undefined);
  assert.ok(report.notes?.includes(`${file}: 1 region gave value.text without the line breaks its offsets cover, or with each written as \\n (as Label Studio saves them); placed by its offsets`));
});

test('item 4: a new selection\'s literal \\n (Label Studio\'s own editor test data) and a CRLF text re-saved without its line break import', () => {
  // web/libs/editor/tests/integration: "🐱 Warning:⏎🐱 This is a test text", selection 2..27 saved as "Warning:\\n🐱 This is a test".
  const editor = { data: { text: '🐱 Warning:\n🐱 This is a test text' }, annotations: [{ result: [labels('r1', 2, 27, 'Warning:\\n🐱 This is a test', ['claim'])] }] };
  // Label Studio counts "\r\n" as two characters; the stored text has LF and the span is remapped.
  const crlf = { data: { text: 'Port said:\r\nno.' }, annotations: [{ result: [labels('r2', 5, 15, 'said:no.', ['claim'])] }] };
  const { report, spans, texts } = importFile([editor, crlf]);
  assert.deepEqual(report.dropped, undefined);
  assert.deepEqual(texts, ['🐱 Warning:\n🐱 This is a test text', 'Port said:\nno.']);
  assert.deepEqual(
    spans.map((s) => [s.start, s.end, s.text]),
    [
      [2, 27, 'Warning:\n🐱 This is a test'],
      [5, 14, 'said:\nno.'],
    ],
  );
});

test('item 4: the known forms, and nothing else', () => {
  assert.equal(textForm('a\nb', 'a\nb'), 'same');
  assert.equal(textForm('a\nb', 'ab'), 'lineBreaks');
  assert.equal(textForm('a\r\n\nb', 'a\\n\\nb'), 'lineBreaks');
  assert.equal(textForm('ab', 'a b'), null);
  assert.equal(textForm('a\nb', 'a b'), null, 'a space is not a line break');
  assert.equal(textForm('a\nb', 'a\\nb\\n'), null);
});

test('item 4: a region that still cannot be placed is dropped as "task N, region ID" and the rest imports; --strict refuses the file', () => {
  const task = {
    id: 7,
    data: { text: 'Kyiv said no.' },
    annotations: [
      {
        result: [
          labels('ok', 0, 4, 'Kyiv', ['place']),
          labels('bad', 5, 9, 'told', ['claim']),
          labels('out', 5, 40, 'said no.', ['claim']),
          { type: 'relation', from_id: 'bad', to_id: 'ok', labels: ['said-by'] },
          { type: 'relation', from_id: 'ok', to_id: 'ok', labels: ['same-as'] },
        ],
      },
    ],
  };
  const { file, report, spans } = importFile([task]);
  assert.deepEqual(spans.map((s) => s.text), ['Kyiv']);
  assert.deepEqual(report.dropped, [
    { path: file, where: 'task 7, region bad', what: 'region 5..9 "claim" "told"', why: 'the text at its offsets (in code points) is "said", not its value.text' },
    { path: file, where: 'task 7, region out', what: 'region 5..40 "claim" "said no."', why: 'outside the text (0..13 code points)' },
    { path: file, where: 'task 7, relation bad → ok', what: 'a relation "said-by"', why: 'region bad was not imported (the text at its offsets (in code points) is "said", not its value.text)' },
    { path: file, where: 'task 7, relation ok → ok', what: 'a relation "same-as"', why: 'both its ends are the same region; a Crosscheck link joins two spans' },
  ]);
  assert.throws(() => importFile([task], { strict: true }), /refused \(strict\): 4 things would be left out, so nothing of this import was kept[^]*task 7, region bad/);
});

test('item 5: a JSON-MIN export imports, with its bookkeeping unreported', () => {
  const record = {
    text: 'Donald Trump enters the white house',
    id: 1,
    label: [
      { start: 0, end: 12, text: 'Donald Trump', labels: ['PER'] },
      { start: 24, end: 35, text: 'white house', labels: ['LOC'] },
    ],
    annotator: 1,
    annotation_id: 3,
    created_at: '2022-07-12T15:32:52.517225Z',
    updated_at: '2022-07-12T15:32:52.517383Z',
    lead_time: 5.122,
  };
  const { report, spans } = importFile([record]);
  assert.deepEqual(report.imported.length, 1);
  assert.deepEqual(spans.map((s) => [s.start, s.end, s.text, s.label]), [
    [0, 12, 'Donald Trump', 'PER'],
    [24, 35, 'white house', 'LOC'],
  ]);
  assert.equal(report.dropped, undefined);
});

test('item 5: JSON-MIN per-region answers become attributes and notes by their offsets; one-value answers and other fields are dropped; a second annotator\'s record is their layer', () => {
  const base = { text: 'Kyiv said 60 were killed.', id: 4, annotator: 1, annotation_id: 9, created_at: 'x', updated_at: 'x', lead_time: 1 };
  const first = {
    ...base,
    label: [
      { start: 0, end: 4, text: 'Kyiv', labels: ['place'] },
      { start: 10, end: 24, text: '60 were killed', labels: ['claim'] },
    ],
    stance: [{ start: 10, end: 24, text: '60 were killed', choices: ['disputed', 'numeric'] }],
    certainty: [{ start: 10, end: 24, text: '60 were killed', rating: 4 }],
    remark: [{ start: 10, end: 24, text: ['check the figure', 'second source?'] }],
    topic: 'war',
    url: 'https://example.org/a',
  };
  const second = { ...base, annotator: 2, annotation_id: 10, label: [{ start: 0, end: 4, text: 'Kyiv', labels: ['org'] }] };
  const ctx = collectingContext('min.json');
  const docs = parseLabelStudio(JSON.stringify([first, second]), 'min.json', ctx);
  assert.equal(docs.length, 1, 'two records of task 4: one document');
  assert.deepEqual(spansOf(docs[0]), [
    ['Kyiv', 'place'],
    ['60 were killed', 'claim'],
    ['Kyiv', 'org'],
  ]);
  assert.deepEqual(docs[0].spans.map((s) => s.annotator), ['user-1', 'user-1', 'user-2']);
  assert.deepEqual(docs[0].spans[1].attributes, { stance: 'disputed, numeric', certainty: '4' });
  assert.equal(docs[0].spans[1].note, 'check the figure\nsecond source?');
  assert.equal(docs[0].spans[0].attributes, undefined);
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what, d.why]),
    [
      ['task 4', 'fields "topic", "url"', "Crosscheck keeps a task's text, title, date and source only (in JSON-MIN, a bare string may also be a one-value task-level answer)"],
    ],
  );
});

test('item 5: per-region choices, ratings, taxonomies and text areas (by region id) become attributes and the note; task-level answers, unknown results, drafts and data fields are dropped; another annotation is its annotator\'s layer', () => {
  const text = 'Gen. Rudskoy said 60 were killed in Mosul.';
  const r = (id: string, from: string, type: string, value: object) => ({ id, from_name: from, to_name: 'text', type, value: { start: 18, end: 32, text: '60 were killed', ...value } });
  const task = {
    id: 12,
    data: { text, title: 'RT', url: 'https://rt.example/x', author: 'staff' },
    meta: { batch: 3 },
    annotations: [
      { id: 1, result: [] },
      { id: 2, was_cancelled: true, result: [] },
      {
        id: 3,
        result: [
          labels('c1', 18, 32, '60 were killed', ['claim']),
          labels('s1', 5, 12, 'Rudskoy', ['speaker']),
          r('c1', 'stance', 'choices', { choices: ['disputed'] }),
          r('c1', 'certainty', 'rating', { rating: 2 }),
          r('c1', 'kind', 'taxonomy', { taxonomy: [['figure', 'casualties']] }),
          r('c1', 'remark', 'textarea', { text: ['check the figure'] }),
          r('gone', 'stance', 'choices', { choices: ['true'] }),
          { id: 'doc', from_name: 'summary', to_name: 'text', type: 'textarea', value: { text: ['An RT report.'] } },
          { id: 'rank', from_name: 'order', to_name: 'text', type: 'ranker', value: { ranker: { a: ['1'] } } },
        ],
      },
      { id: 4, completed_by: 2, result: [labels('c9', 36, 41, 'Mosul', ['place'])] },
    ],
    drafts: [{ id: 5, result: [labels('d1', 0, 4, 'Gen.', ['title'])] }],
  };
  const ctx = collectingContext('t.json');
  const [doc] = parseLabelStudio(JSON.stringify([task]), 't.json', ctx);
  assert.deepEqual(spansOf(doc), [
    ['60 were killed', 'claim'],
    ['Rudskoy', 'speaker'],
    ['Mosul', 'place'],
  ]);
  assert.deepEqual(doc.spans.map((s) => s.annotator), [null, null, 'user-2']);
  assert.deepEqual(ctx.notes.filter((n) => n.includes('no results')), ['t.json: 1 annotation with no results (task 12 by an unnamed annotator): nothing to import from it']);
  assert.deepEqual(doc.spans[0].attributes, { stance: 'disputed', certainty: '2', kind: 'figure / casualties' });
  assert.equal(doc.spans[0].note, 'check the figure');
  assert.equal(doc.title, 'RT');
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what, d.why]),
    [
      ['task 12, annotation 2', 'a cancelled annotation with 0 results', 'the annotator cancelled (skipped) it'],
      ['task 12, draft 5', 'a draft with 1 result', 'a draft was never submitted in Label Studio'],
      ['task 12', 'data fields "url", "author", "meta"', "Crosscheck keeps a task's text, title, date and source only"],
      ['task 12, annotation 3, region gone', 'choices "stance": "true"', 'it answers for a region that is not a labelled text region of this annotation'],
      ['task 12, annotation 3', 'textarea "summary": "An RT report."', 'a task-level answer describes the whole task; Crosscheck keeps answers on spans only (per-region controls)'],
      ['task 12, annotation 3, result rank', 'a "ranker" result of "order"', 'Crosscheck reads text regions, their relations and per-region answers only'],
    ],
  );
});

// ---------------------------------------------------------------------------------------------------------
// Export: the offsets option and discontinuous spans (item 13)

const TEXT = '😀 Kyiv: 60 killed, officials said.';
const cp = (s: string) => [...TEXT.slice(0, TEXT.indexOf(s))].length;

function exportOne(d: Partial<ExportDoc>, offsets?: 'utf16' | 'grapheme') {
  const files = new Map<string, string>();
  const sink: Sink = { write: (rel, t) => void files.set(rel, (files.get(rel) ?? '') + t) };
  const ctx = { labels: [{ name: 'claim', color: '#e8a33d' }], linkTypes: [], options: { seed: 1, contextSentence: false, offsets } } as unknown as ExportContext;
  const doc: ExportDoc = { id: 1, title: 'T', date: null, source: null, path: null, text: TEXT, done: false, split: null, spans: [], links: [], ...d };
  labelStudioExporter.begin!(ctx, sink);
  labelStudioExporter.doc(doc, ctx, sink);
  const { notes } = labelStudioExporter.end!(ctx, sink) as { notes: string[] };
  return { json: files.get('export.json')!, tasks: JSON.parse(files.get('export.json')!), notes };
}

test('export: offsets are code points by default; the offsets option writes UTF-16, said in the notes, and the import reads it back by value.text', () => {
  assert.ok(takesOption('labelstudio', 'offsets'));
  const span = { id: 5, start: cp('60 killed'), end: cp('60 killed') + 9, label: 'claim', text: '60 killed', note: '', attributes: {}, cluster: null, annotator: 'ana' };
  const plain = exportOne({ spans: [span] });
  assert.deepEqual([plain.tasks[0].annotations[0].result[0].value.start, plain.notes], [8, []], 'UTF-16 would say 9');
  const wide = exportOne({ spans: [span] }, 'utf16');
  const value = wide.tasks[0].annotations[0].result[0].value;
  assert.deepEqual([value.start, value.end], [TEXT.indexOf('60 killed'), TEXT.indexOf('60 killed') + 9]);
  assert.deepEqual(wide.notes, ['Label Studio: offsets are counted in UTF-16 code units, as asked; Label Studio itself counts code points.']);
  const ctx = collectingContext('export.json');
  const [back] = parseLabelStudio(wide.json, 'export.json', ctx);
  assert.deepEqual([back.spans[0].start, back.spans[0].end], [span.start, span.end]);
  assert.match(ctx.notes[0], /offsets read as UTF-16 code units, the only reading consistent with the file/);
});

test('item 13: a discontinuous span is one region per fragment, relations name the first, and the notes count them', () => {
  const a = cp('Kyiv');
  const s = cp('said');
  const gapped = { id: 7, start: a, end: s + 4, label: 'claim', text: TEXT.slice(TEXT.indexOf('Kyiv'), TEXT.indexOf('said') + 4), note: 'two parts', attributes: { fragments: `${a}-${a + 4};${s}-${s + 4}` }, cluster: null, annotator: 'ana' };
  const other = { id: 8, start: cp('60'), end: cp('60') + 2, label: 'claim', text: '60', note: '', attributes: { source: 'wire' }, cluster: null, annotator: 'ana' };
  const { tasks, notes } = exportOne({ spans: [gapped, other], links: [{ id: 1, from: 8, to: 7, type: 'cites', directed: true, toDocId: 1, annotator: 'ana' }] });
  const result = tasks[0].annotations[0].result;
  assert.deepEqual(
    result.map((r: { id?: string; value?: { start: number; end: number; text: string }; meta?: unknown; to_id?: string }) => [r.id ?? `→${r.to_id}`, r.value?.start, r.value?.end, r.value?.text, r.meta]),
    [
      ['s7', a, a + 4, 'Kyiv', { text: ['two parts'] }],
      ['s7.2', s, s + 4, 'said', undefined],
      ['s8', cp('60'), cp('60') + 2, '60', undefined],
      ['s8', cp('60'), cp('60') + 2, '60', undefined], // its `source` attribute, a per-region choices result
      ['→s7', undefined, undefined, undefined, undefined],
    ],
  );
  assert.deepEqual(notes, [
    'Label Studio: 1 discontinuous span was written as 2 regions, one per fragment (ids s<id>, s<id>.2, …; relations name the first), since a Label Studio text region is one stretch of text.',
    'Label Studio: the attributes of 1 span were written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).',
  ]);
});
