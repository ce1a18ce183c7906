import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { ingest } from './ingest.js';
import { labelConfig, labelStudioExporter, parseLabelStudio } from './labelstudio.js';
import { collectingContext, type ExportContext, type ExportDoc, type ParsedDoc, type Sink } from './types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'label-studio');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ls-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const spansOf = (d: ParsedDoc) => d.spans.map((s) => [Array.from(d.text).slice(s.start, s.end).join(''), s.label, s.start, s.end]);
let seq = 0;
const ingested = (docs: ParsedDoc[], shown = 'x') => {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  try {
    return ingest(p, docs, shown);
  } finally {
    p.close();
  }
};

test('fixture named_entity.annotation.json (one task object): the Date region "February 22" at 343..354', () => {
  const file = 'named_entity.annotation.json';
  const docs = parseLabelStudio(fixture(file), file);
  assert.equal(docs.length, 1);
  assert.deepEqual(spansOf(docs[0]), [['February 22', 'Date', 343, 354]]);
  assert.equal(docs[0].spans[0].text, 'February 22', 'value.text goes to the import, which checks it');
  assert.ok(docs[0].text.includes('\n\n'));
  assert.equal(docs[0].title, 'named_entity.annotation.json task 1');
  const r = ingested(docs);
  assert.deepEqual([r.imported.length, r.spans, r.labelsAdded], [1, 1, ['Date']]);
});

test('fixture named_entity.tasks_with_predictions.json: a task with only predictions imports its text and the prediction into the auto layer, with its model_version', () => {
  const ctx = collectingContext('tasks.json');
  const docs = parseLabelStudio(fixture('named_entity.tasks_with_predictions.json'), 'tasks.json', ctx);
  assert.deepEqual(docs.map(spansOf), [[['February 22', 'Date', 343, 354]]]);
  assert.deepEqual(docs[0].spans.map((s) => [s.annotator, s.attributes]), [['auto', { model_version: 'model 1' }]]);
  assert.deepEqual(ctx.dropped, []);
  const r = ingested(docs);
  assert.deepEqual([r.imported.length, r.spans, r.layers], [1, 1, ['auto']]);
});

test('fixture image_tools.relations_EXCERPT.json: an image task has no text, so the file is refused; its regions would be dropped', () => {
  assert.throws(() => parseLabelStudio(fixture('image_tools.relations_EXCERPT.json'), 'img.json'), /^InvalidInput: img\.json: task 1: no "data" with the task's text/);
});

test('fixture named_entity.config.xml: results name the config\'s Labels (from_name) and Text (to_name); our export uses its own config the same way', () => {
  const config = fixture('named_entity.config.xml');
  const ann = JSON.parse(fixture('named_entity.annotation.json'));
  const r = ann.annotations[0].result[0];
  assert.match(config, new RegExp(`<Labels name="${r.from_name}" toName="${r.to_name}">`));
  assert.match(config, new RegExp(`<Text name="${r.to_name}" value="\\$text">`));
  assert.match(config, new RegExp(`<Label value="${r.value.labels[0]}">`));
  const ours = labelConfig([{ name: 'claim', color: '#e8a33d' }], []);
  assert.match(ours, /<Labels name="label" toName="text">/);
  assert.match(ours, /<Text name="text" value="\$text"\/>/);
  assert.doesNotMatch(ours, /<Relations>/, 'no link types, no Relations block');
});

// ---------------------------------------------------------------------------------------------------------

const TEXT = '😀 Gen. Rudskoy said: 60 killed 🇺🇦 in Mosul.';
const cpOf = (s: string) => Array.from(TEXT.slice(0, TEXT.indexOf(s))).length;
const region = (id: string, s: string, labels: string[], extra: object = {}) => ({
  id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { start: cpOf(s), end: cpOf(s) + Array.from(s).length, text: s, labels },
  ...extra,
});
const task = (result: unknown[], more: object = {}) => ({ id: 3, data: { text: TEXT, title: 'RT piece', date: '2016-10-20' }, annotations: [{ id: 1, result }], ...more });

test('regions: code point offsets, several labels, notes from meta.text and per-region text areas, title and date from data; a task-level choice is dropped', () => {
  const ctx = collectingContext('t.json');
  const json = JSON.stringify([
    task([
      region('a', 'Rudskoy', ['speaker'], { meta: { text: ['a note 😀'] } }),
      region('b', '60 killed', ['claim', 'figure']),
      { id: 'a', from_name: 'comment', to_name: 'text', type: 'textarea', value: { text: ['per-region remark'] } },
      { id: 'doc', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['war'] } },
    ]),
  ]);
  const [doc] = parseLabelStudio(json, 't.json', ctx);
  assert.deepEqual(spansOf(doc), [
    ['Rudskoy', 'speaker', 7, 14],
    ['60 killed', 'claim', 21, 30],
    ['60 killed', 'figure', 21, 30],
  ]);
  assert.notEqual(TEXT.indexOf('Rudskoy'), 7, 'UTF-16 would say 8');
  assert.equal(doc.spans[0].note, 'a note 😀\nper-region remark');
  assert.deepEqual([doc.title, doc.date, doc.source, doc.path], ['RT piece', '2016-10-20', null, 't.json#3']);
  assert.equal(ingested([doc]).spans, 3);
  assert.deepEqual(ctx.dropped, [
    {
      path: 't.json',
      where: 'task 3',
      what: 'choices "topic": "war"',
      why: 'a task-level answer describes the whole task; Crosscheck keeps answers on spans only (per-region controls)',
    },
  ]);
  assert.deepEqual(ctx.notes, ["t.json: offsets read as code points (the format's default; grapheme clusters would fit too)"]);
});

test('relations: right is from → to, left is reversed, bi keeps the written order; one naming an unknown region is dropped', () => {
  const rel = (from: string, to: string, direction: string, label: string) => ({ from_id: from, to_id: to, type: 'relation', direction, labels: [label] });
  const json = JSON.stringify([task([region('a', 'Rudskoy', ['speaker']), region('b', '60 killed', ['claim']), rel('b', 'a', 'right', 'said-by'), rel('a', 'b', 'left', 'cites'), rel('a', 'b', 'bi', 'supports')])]);
  const [doc] = parseLabelStudio(json, 't.json');
  const name = new Map(doc.spans.map((s) => [s.key, Array.from(doc.text).slice(s.start, s.end).join('')]));
  assert.deepEqual(
    doc.links.map((l) => `${name.get(l.from)} -${l.type}-> ${name.get(l.to)}`),
    ['60 killed -said-by-> Rudskoy', '60 killed -cites-> Rudskoy', 'Rudskoy -supports-> 60 killed'],
  );
  assert.equal(ingested([doc]).links, 3);
  const broken = JSON.stringify([task([region('a', 'Rudskoy', ['speaker']), rel('a', 'zz', 'right', 'cites')])], null, 2);
  const ctx = collectingContext('b.json');
  const [b] = parseLabelStudio(broken, 'b.json', ctx);
  assert.deepEqual([b.spans.length, b.links.length], [1, 0]);
  assert.deepEqual(ctx.dropped, [{ path: 'b.json', where: 'task 3, relation a → zz', what: 'a relation "cites"', why: 'it names region zz, which is not a text region of this annotation' }]);
});

test('which result list: every annotation not cancelled, each in its layer; predictions in the auto layer with their score; cancelled ones are dropped; tasks without any are documents without spans', () => {
  const cancelled = { id: 1, was_cancelled: true, result: [region('x', 'Mosul', ['place'])] };
  const good = { id: 2, result: [region('y', 'Rudskoy', ['speaker'])] };
  const preds = [
    { score: 0.2, result: [region('p1', 'Mosul', ['low'])] },
    { score: 0.9, result: [region('p2', 'Mosul', ['high'])] },
  ];
  const ctx = collectingContext('t.json');
  const docs = parseLabelStudio(
    JSON.stringify([
      { id: 1, data: { text: TEXT }, annotations: [cancelled, good], predictions: preds },
      { id: 2, data: { text: TEXT + ' 2' }, annotations: [cancelled], predictions: preds },
      { id: 3, data: { text: 'No annotations at all.' } },
    ]),
    't.json',
    ctx,
  );
  assert.deepEqual(
    docs.map((d) => d.spans.map((s) => [s.label, s.annotator ?? null, s.attributes?.score ?? null])),
    [[['speaker', null, null], ['low', 'auto', '0.2'], ['high', 'auto', '0.9']], [['low', 'auto', '0.2'], ['high', 'auto', '0.9']], []],
  );
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what]),
    [
      ['task 1, annotation 1', 'a cancelled annotation with 1 result'],
      ['task 2, annotation 1', 'a cancelled annotation with 1 result'],
    ],
  );
});

test('a file from Label Studio before the code point fix (UTF-16 offsets) is read in UTF-16, the only unit its value.text fits, and the report says so', () => {
  const utf16 = { id: 'r', from_name: 'label', to_name: 'text', type: 'labels', value: { start: TEXT.indexOf('Mosul'), end: TEXT.indexOf('Mosul') + 5, text: 'Mosul', labels: ['place'] } };
  const ctx = collectingContext('t.json');
  const [doc] = parseLabelStudio(JSON.stringify(task([utf16])), 't.json', ctx);
  assert.deepEqual(spansOf(doc), [['Mosul', 'place', cpOf('Mosul'), cpOf('Mosul') + 5]]);
  assert.equal(ingested([doc]).spans, 1);
  assert.equal(ctx.notes.length, 1);
  assert.match(ctx.notes[0], /^t\.json: offsets read as UTF-16 code units, the only reading consistent with the file \(in code points, task 3, region r: 40\.\.45 ends past the text \(43 code points\)\)$/);
  // --offsets wins: read as code points, the region ends past the text and is dropped, named by task and region.
  const forced = collectingContext('t.json', { offsets: 'codepoint' });
  const [asked] = parseLabelStudio(JSON.stringify(task([utf16])), 't.json', forced);
  assert.equal(asked.spans.length, 0);
  assert.deepEqual(forced.notes, ['t.json: offsets read as code points (as asked)']);
  assert.deepEqual(forced.dropped.map((d) => [d.where, d.why]), [['task 3, region r', 'outside the text (0..43 code points)']]);
  // Neither reading fits: the region is dropped with its task and id; it says nothing about the unit.
  const wrong = { ...utf16, value: { start: 8, end: 15, text: 'Rudskoi', labels: ['speaker'] } };
  const w = collectingContext('w.json');
  const docs = parseLabelStudio(JSON.stringify(task([wrong, region('ok', 'Mosul', ['place'])]), null, 2), 'w.json', w);
  assert.deepEqual(docs.map(spansOf), [[['Mosul', 'place', cpOf('Mosul'), cpOf('Mosul') + 5]]]);
  assert.deepEqual(w.dropped, [{ path: 'w.json', where: 'task 3, region r', what: 'region 8..15 "speaker" "Rudskoi"', why: 'the text at its offsets (in code points) is "udskoy ", not its value.text' }]);
});

test('malformed or unsupported input: errors name the file and, where they can, the line', () => {
  assert.throws(() => parseLabelStudio('[\n{"data": {"text": "a"}\n', 'b.json'), /^InvalidInput: b\.json:3: not JSON/);
  assert.throws(() => parseLabelStudio('{"hello": 1}', 'b.json'), /b\.json: not Label Studio tasks/);
  assert.throws(() => parseLabelStudio(JSON.stringify([{ id: 4, annotations: [] }]), 'b.json'), /b\.json: task 4: no "data" with the task's text/);
  assert.throws(() => parseLabelStudio(JSON.stringify([{ id: 4, data: { a: 'x', b: 'y' } }]), 'b.json'), /task 4: no "text" in data \(its keys: a, b\)/);
  // HTML (XPath), audio/video (fractional) and paragraph regions beside text ones: each dropped, the rest imports.
  const html = { id: 'h', from_name: 'label', to_name: 'text', type: 'hypertextlabels', value: { start: '/p[1]/text()[1]', end: '/p[1]/text()[1]', startOffset: 0, endOffset: 3, labels: ['x'] } };
  const audio = { id: 'au', from_name: 'label', to_name: 'audio', type: 'labels', value: { start: 1.25, end: 3.5, channel: 0, labels: ['speech'] } };
  const para = { id: 'pa', from_name: 'label', to_name: 'dialogue', type: 'paragraphlabels', value: { start: '0', end: '2', startOffset: 0, endOffset: 4, paragraphlabels: ['x'] } };
  const rect = { id: 'im', from_name: 'box', to_name: 'image', type: 'rectanglelabels', value: { x: 1, y: 2, width: 3, height: 4, rectanglelabels: ['x'] } };
  const noLabel = collectingContext('b.json');
  assert.deepEqual(parseLabelStudio(JSON.stringify(task([region('n', 'Mosul', []), html, audio, para, rect])), 'b.json', noLabel)[0].spans, []);
  assert.deepEqual(
    noLabel.dropped.map((d) => [d.where, d.why]).sort(),
    [
      ['task 3, region au', '1.25..3.5 are not whole characters (an audio or video region?); Crosscheck imports Text regions'],
      ['task 3, region h', 'no numeric start/end (an HTML region with XPath offsets); Crosscheck imports Text regions'],
      ['task 3, region im', 'image coordinates; Crosscheck imports text spans only'],
      ['task 3, region n', 'it has no label; a Crosscheck span needs one'],
      ['task 3, region pa', 'not a Text region; Crosscheck imports text spans only'],
    ],
  );
  // A task's text under another data key is found through the region's to_name.
  const [doc] = parseLabelStudio(JSON.stringify([{ data: { body: TEXT, url: 'http://x' }, annotations: [{ result: [{ ...region('a', 'Mosul', ['place']), to_name: 'body' }] }] }]), 'b.json');
  assert.equal(doc.text, TEXT);
});

// ---------------------------------------------------------------------------------------------------------
// Export, driven directly

function memorySink() {
  const files = new Map<string, string>();
  const sink: Sink = { write: (rel, text) => void files.set(rel, (files.get(rel) ?? '') + text) };
  return { files, sink };
}

const ctx = {
  labels: [
    { name: 'claim', color: '#e8a33d' },
    { name: 'R&D <x> "q"', color: '#123456' },
  ],
  linkTypes: [{ name: 'said-by', directed: true, transitive: false }],
  options: { seed: 1, contextSentence: false },
} as unknown as ExportContext;

test('export: tasks streamed as one JSON array, regions with code point offsets and notes, relations inside the task, an escaped config', () => {
  const d: ExportDoc = {
    id: 7,
    title: 'T',
    date: null,
    source: 'RT',
    path: null,
    text: TEXT,
    done: false,
    split: null,
    spans: [
      { id: 11, start: 7, end: 14, label: 'claim', text: 'Rudskoy', note: 'n 😀', attributes: { k: 'v' }, cluster: null, annotator: 'ana' },
      { id: 12, start: 21, end: 23, label: 'R&D <x> "q"', text: '60', note: '', attributes: {}, cluster: null, annotator: 'ana' },
    ],
    links: [
      { id: 5, from: 12, to: 11, type: 'said-by', directed: true, toDocId: 7, annotator: 'ana' },
      { id: 6, from: 11, to: 12, type: 'supports', directed: false, toDocId: 7, annotator: 'ana' },
      { id: 7, from: 11, to: 99, type: 'same-as', directed: false, toDocId: 8, annotator: 'ana' },
    ],
  };
  const { files, sink } = memorySink();
  labelStudioExporter.begin!(ctx, sink);
  labelStudioExporter.doc(d, ctx, sink);
  labelStudioExporter.doc({ ...d, id: 8, text: 'Second', spans: [], links: [] }, ctx, sink);
  const notes = labelStudioExporter.end!(ctx, sink);
  const tasks = JSON.parse(files.get('export.json')!);
  assert.equal(tasks.length, 2);
  assert.deepEqual(tasks[0], {
    id: 7,
    data: { text: TEXT, title: 'T', date: null, source: 'RT' },
    annotations: [
      {
        completed_by: { email: 'ana' },
        result: [
          { id: 's11', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual', value: { start: 7, end: 14, text: 'Rudskoy', labels: ['claim'] }, meta: { text: ['n 😀'] } },
          { id: 's11', from_name: 'k', to_name: 'text', type: 'choices', origin: 'manual', value: { start: 7, end: 14, text: 'Rudskoy', choices: ['v'] } },
          { id: 's12', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual', value: { start: 21, end: 23, text: '60', labels: ['R&D <x> "q"'] } },
          { from_id: 's12', to_id: 's11', type: 'relation', direction: 'right', labels: ['said-by'] },
          { from_id: 's11', to_id: 's12', type: 'relation', direction: 'bi', labels: ['supports'] },
        ],
      },
    ],
  });
  assert.deepEqual(tasks[1].annotations, [{ result: [] }]);
  assert.deepEqual(notes, {
    notes: [
      'Label Studio: 1 link joins spans of two documents and was left out (a Label Studio relation stays inside one task).',
      'Label Studio: the attributes of 1 span were written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).',
    ],
  });
  assert.equal(
    files.get('label_config.xml'),
    [
      '<View>',
      '  <Header value="$title"/>',
      '  <Labels name="label" toName="text">',
      '    <Label value="claim" background="#e8a33d"/>',
      '    <Label value="R&amp;D &lt;x&gt; &quot;q&quot;" background="#123456"/>',
      '  </Labels>',
      '  <Text name="text" value="$text"/>',
      '  <Relations>',
      '    <Relation value="said-by"/>',
      '  </Relations>',
      '  <View visibleWhen="region-selected">',
      '    <Header value="k"/>',
      '    <Choices name="k" toName="text" perRegion="true">',
      '      <Choice value="v"/>',
      '    </Choices>',
      '  </View>',
      '</View>',
      '',
    ].join('\n'),
  );
  const back = parseLabelStudio(files.get('export.json')!, 'export.json');
  assert.deepEqual(spansOf(back[0]), [
    ['Rudskoy', 'claim', 7, 14],
    ['60', 'R&D <x> "q"', 21, 23],
  ]);
  assert.equal(back[0].spans[0].note, 'n 😀');
  assert.deepEqual(back[0].spans[0].attributes, { k: 'v' });
});

test('an export with no documents is an empty JSON array', () => {
  const { files, sink } = memorySink();
  labelStudioExporter.begin!(ctx, sink);
  labelStudioExporter.end!(ctx, sink);
  assert.deepEqual(JSON.parse(files.get('export.json')!), []);
});
