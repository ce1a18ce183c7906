// Label Studio round trip of per-region answers (issue 11, item 5): a Label Studio file's per-region choices,
// rating, taxonomy and text area → import → export → import gives the same spans, attributes and notes, and the
// label_config.xml declares a per-region control for every answer the export writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { runExport } from '../export/run.js';
import { openExportStream } from '../export/stream.js';
import { importAnnotatedPaths } from './importers.js';
import { attributeOfControl, controlOfAttribute } from './labelstudio-export.js';
import { labelStudioExporter, parseLabelStudio } from './labelstudio.js';
import { findPython, runPython } from './python.test-helpers.js';
import type { ExportContext, ExportDoc, ExportSpan, Sink } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ls-roundtrip-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
/** Imports one file as the app does (auto-detected) into a fresh project; the caller closes it. */
function importInto(file: string) {
  const p = openProject(join(dir, `p${++seq}.crosscheck`));
  const { report } = importAnnotatedPaths(p, [file], 'auto', { options: { strict: true } });
  return { p, report };
}

/** Every document's spans as text, label, offsets, note and attributes, by document text. */
function spansOf(p: Project) {
  const { docIds, read } = openExportStream(p.db, { docs: { kind: 'all' } });
  return new Map(docIds.map(read).map((d) => [d.text, d.spans.map((s) => ({ text: s.text, label: s.label, start: s.start, end: s.end, note: s.note, attributes: s.attributes }))]));
}

async function exportLabelStudio(p: Project, split = false) {
  const dest = join(dir, `export-${++seq}`);
  const r = await runExport(p, { labelstudio: labelStudioExporter }, { format: 'labelstudio', dest, docs: { kind: 'all' }, ...(split ? { split: { train: 34, dev: 33, test: 33, seed: 1 } } : {}) });
  return { dest, notes: r.notes };
}

type Result = { id?: string; from_name?: string; to_name?: string; type: string; value?: { start?: number; end?: number; text?: string; choices?: string[] } };

/**
 * label_config.xml checked the way Label Studio's server checks a config (label_studio/core/label_config.py
 * validate_label_config: Python's XML parser, names unique by the regex it uses on the re-serialised config, every
 * toName a name), and its Choices controls as Python reads them: name → toName, perRegion, choices (a Choice's
 * alias, else its value: what Label Studio saves). Null when no Python is found (the rest of the test still runs).
 */
function readConfig(file: string): Record<string, { toName: string; perRegion: string; choices: string[] }> | null {
  const py = findPython(['xml.etree.ElementTree']);
  if ('skip' in py) return null;
  const script = [
    'import json, re, sys, xml.etree.ElementTree as ET',
    "root = ET.fromstring(open(sys.argv[1], encoding='utf-8').read())",
    "clean = ET.tostring(root, encoding='unicode')",
    'names = re.findall(r\'name="([^"]*)"\', clean)',
    "assert len(set(names)) == len(names), 'Label config contains non-unique names'",
    'for to in re.findall(r\'toName="([^"]*)"\', clean):',
    "    for n in to.split(','): assert n in names, 'toName ' + n",
    "out = {c.get('name'): {'toName': c.get('toName'), 'perRegion': c.get('perRegion'), 'choices': [ch.get('alias') if ch.get('alias') is not None else ch.get('value') for ch in c.iter('Choice')]} for c in root.iter('Choices')}",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(runPython(py.python, script, [file]));
}

/** Every per-region choices result of `tasks` names a per-region control on "text" whose choices list its value (except `unlisted`). */
function assertDeclared(config: NonNullable<ReturnType<typeof readConfig>>, tasks: { annotations: { result: Result[] }[] }[], unlisted: string[] = []) {
  const answers = tasks.flatMap((t) => t.annotations[0].result).filter((r) => r.type === 'choices');
  assert.ok(answers.length > 0);
  for (const r of answers) {
    const c = config[r.from_name!];
    assert.ok(c, `control ${JSON.stringify(r.from_name)} is declared`);
    assert.deepEqual([c.toName, c.perRegion], ['text', 'true']);
    const v = r.value!.choices![0];
    assert.equal(c.choices.includes(v), !unlisted.includes(v), `choice ${JSON.stringify(v)} of ${JSON.stringify(r.from_name)}`);
  }
}

const TEXT = '😀 Gen. Rudskoy said 60 were killed in Mosul.';
const TEXT2 = 'Kyiv denied it.';
const cp = (text: string, s: string) => [...text.slice(0, text.indexOf(s))].length;
const region = (text: string, id: string, s: string, label: string, extra: object = {}) => ({
  id,
  from_name: 'label',
  to_name: 'text',
  type: 'labels',
  value: { start: cp(text, s), end: cp(text, s) + [...s].length, text: s, labels: [label] },
  ...extra,
});
/** A per-region answer as Label Studio saves it: the region's id, its offsets and text repeated. */
const answer = (text: string, id: string, s: string, from: string, type: string, value: object) => ({
  id,
  from_name: from,
  to_name: 'text',
  type,
  origin: 'manual',
  value: { start: cp(text, s), end: cp(text, s) + [...s].length, text: s, ...value },
});

/** A Label Studio export with per-region choices (one multiple), a rating, a taxonomy, a text area and a region note. */
const LABEL_STUDIO_FILE = [
  {
    id: 1,
    data: { text: TEXT, title: 'RT piece' },
    annotations: [
      {
        id: 10,
        result: [
          region(TEXT, 'c1', '60 were killed', 'claim'),
          region(TEXT, 's1', 'Rudskoy', 'speaker', { meta: { text: ['named in the wire'] } }),
          region(TEXT, 'p1', 'Mosul', 'place'),
          answer(TEXT, 'c1', '60 were killed', 'stance', 'choices', { choices: ['disputed', 'numeric'] }),
          answer(TEXT, 'c1', '60 were killed', 'certainty', 'rating', { rating: 4 }),
          answer(TEXT, 'c1', '60 were killed', 'kind', 'taxonomy', { taxonomy: [['figure', 'casualties']] }),
          answer(TEXT, 'c1', '60 were killed', 'cost', 'choices', { choices: ['$60m'] }),
          answer(TEXT, 'c1', '60 were killed', 'remark', 'textarea', { text: ['check the figure'] }),
          answer(TEXT, 's1', 'Rudskoy', 'role', 'choices', { choices: ['official'] }),
          { from_id: 'c1', to_id: 's1', type: 'relation', direction: 'right', labels: ['said-by'] },
        ],
      },
    ],
  },
  {
    id: 2,
    data: { text: TEXT2, title: 'Reply' },
    annotations: [{ id: 11, result: [region(TEXT2, 'c2', 'denied it', 'claim'), answer(TEXT2, 'c2', 'denied it', 'stance', 'choices', { choices: ['true'] })] }],
  },
];

test('import → export → import of per-region choices, a rating, a taxonomy and a text area gives the same spans, attributes and notes', async () => {
  const file = join(dir, 'from-label-studio.json');
  writeFileSync(file, JSON.stringify(LABEL_STUDIO_FILE, null, 2));
  const first = importInto(file);
  const before = spansOf(first.p);
  assert.deepEqual(before.get(TEXT), [
    { text: 'Rudskoy', label: 'speaker', start: 7, end: 14, note: 'named in the wire', attributes: { role: 'official' } },
    { text: '60 were killed', label: 'claim', start: 20, end: 34, note: 'check the figure', attributes: { stance: 'disputed, numeric', certainty: '4', kind: 'figure / casualties', cost: '$60m' } },
    { text: 'Mosul', label: 'place', start: 38, end: 43, note: '', attributes: {} },
  ]);

  const { dest, notes } = await exportLabelStudio(first.p);
  assert.deepEqual(notes, ['Label Studio: the attributes of 3 spans were written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).']);
  const json = readFileSync(join(dest, 'export.json'), 'utf8');
  const tasks = JSON.parse(json);
  const claim = tasks[0].annotations[0].result.find((r: Result) => r.type === 'labels' && r.value?.text === '60 were killed');
  const stance = tasks[0].annotations[0].result.find((r: Result) => r.from_name === 'stance');
  assert.deepEqual(stance, { id: claim.id, from_name: 'stance', to_name: 'text', type: 'choices', origin: 'manual', value: { start: 20, end: 34, text: '60 were killed', choices: ['disputed, numeric'] } });

  const config = readFileSync(join(dest, 'label_config.xml'), 'utf8');
  for (const line of [
    '  <View visibleWhen="region-selected">',
    '    <Header value="stance"/>',
    '    <Choices name="stance" toName="text" perRegion="true">',
    '      <Choice value="disputed, numeric"/>',
    '      <Choice value="true"/>',
    '    <Choices name="certainty" toName="text" perRegion="true">',
    '    <Choices name="kind" toName="text" perRegion="true">',
    '    <Choices name="role" toName="text" perRegion="true">',
    // Label Studio reads "$60m" in a value as the task's data field "60m": the alias is what it saves.
    '      <Choice value="＄60m" alias="$60m"/>',
  ]) {
    assert.ok(config.split('\n').includes(line), `label_config.xml has ${line}\n${config}`);
  }
  assert.doesNotMatch(config, /TextArea|name="remark"/, 'the text area came in as the note, which goes out as meta.text');
  const declared = readConfig(join(dest, 'label_config.xml'));
  if (declared) {
    assert.deepEqual(Object.keys(declared).sort(), ['certainty', 'cost', 'kind', 'role', 'stance']);
    assertDeclared(declared, tasks);
  }

  const second = importInto(join(dest, 'export.json'));
  assert.equal(second.report.dropped, undefined);
  assert.deepEqual(spansOf(second.p), before);
  first.p.close();
  second.p.close();
});

test('every split of one export declares every attribute control and value, whichever split a document went to', async () => {
  const file = join(dir, 'split.json');
  writeFileSync(file, JSON.stringify(LABEL_STUDIO_FILE));
  const { p } = importInto(file);
  const { dest } = await exportLabelStudio(p, true);
  const configs = ['train', 'dev', 'test'].map((s) => readFileSync(join(dest, s, 'label_config.xml'), 'utf8'));
  assert.deepEqual(new Set(configs).size, 1, 'the three configs are the same');
  for (const v of ['disputed, numeric', 'true', 'official']) assert.ok(configs[0].includes(`<Choice value="${v}"/>`), v);
  p.close();
});

// ---------------------------------------------------------------------------------------------------------
// Attribute names and values Label Studio's config cannot take as they are

function exportDocs(docs: ExportDoc[]) {
  const files = new Map<string, string>();
  const sink: Sink = { write: (rel, t) => void files.set(rel, (files.get(rel) ?? '') + t) };
  const ctx = { labels: [{ name: 'claim', color: '#e8a33d' }], linkTypes: [], options: { seed: 1, contextSentence: false } } as unknown as ExportContext;
  labelStudioExporter.begin!(ctx, sink);
  for (const d of docs) labelStudioExporter.doc(d, ctx, sink);
  const { notes } = labelStudioExporter.end!(ctx, sink) as { notes: string[] };
  return { json: files.get('export.json')!, config: files.get('label_config.xml')!, notes };
}

const LINE = 'Kyiv said 60 were killed, officials said.';
const at = (s: string, id: number, attributes: Record<string, string>): ExportSpan => ({ id, start: cp(LINE, s), end: cp(LINE, s) + [...s].length, label: 'claim', text: s, note: '', attributes, cluster: null, annotator: 'ana' });
const doc = (spans: ExportSpan[]): ExportDoc => ({ id: 1, title: 'T', date: null, source: null, path: null, text: LINE, done: false, split: null, spans, links: [] });

test('control names: an attribute named like the config\'s own controls, like a mapped name, or with a character XML cannot carry is mapped and read back', () => {
  for (const name of ['stance', 'label', 'text', 'Label', 'attribute:"label"', 'attribute:', 'bell\u0007', 'x\uFFFE', 'lone \uD800', 'a "quoted" <name> & more']) {
    const control = controlOfAttribute(name);
    assert.equal(attributeOfControl(control), name, JSON.stringify(name));
    assert.doesNotMatch(control, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/, `${JSON.stringify(control)} is XML`);
  }
  assert.deepEqual(['stance', 'Label', 'a "quoted" <name> & more'].map(controlOfAttribute), ['stance', 'Label', 'a "quoted" <name> & more'], 'other names are the control names');
  assert.deepEqual(['label', 'text', 'attribute:"label"'].map(controlOfAttribute), ['attribute:"label"', 'attribute:"text"', 'attribute:"attribute:\\"label\\""']);
  // Names Label Studio users give their controls read as they are.
  for (const name of ['attribute:oops', 'attribute:"unterminated', 'attribute:""', 'attribute:"a"b"']) assert.equal(attributeOfControl(name), name);
});

test('names and values Label Studio cannot take as they are: mapped, escaped, aliased or counted; the import reads back every attribute that was written', () => {
  const gapped = { ...at('Kyiv said 60', 3, { fragments: `${cp(LINE, 'Kyiv')}-${cp(LINE, 'Kyiv') + 4};${cp(LINE, '60')}-${cp(LINE, '60') + 2}`, stance: 'false' }), text: 'Kyiv said 60' };
  const spans = [
    at('Kyiv', 1, { label: 'place', text: 'city', 'attribute:"z"': 'w', 'bell\u0007': 'v', stance: '' }),
    gapped,
    at('60 were killed', 2, { remark: 'two\nlines\tand a tab', cost: '$5 & <more>', odd: 'has\u0007bell' }),
    ...Array.from({ length: 11 }, (_, k) => at('officials', 10 + k, { rank: String(k + 1) })),
  ];
  const { json, config, notes } = exportDocs([doc(spans)]);
  assert.deepEqual(notes, [
    'Label Studio: 1 discontinuous span was written as 2 regions, one per fragment (ids s<id>, s<id>.2, …; relations name the first), since a Label Studio text region is one stretch of text.',
    'Label Studio: the attributes of 14 spans were written as per-region choices (label_config.xml declares a Choices control per attribute, listing the values used).',
    'Label Studio: 4 attribute names cannot name a control of label_config.xml as they are ("label" and "text" name the config\'s own controls; XML cannot carry some characters), so their controls are named otherwise: "attribute:\\"z\\"" as attribute:"attribute:\\"z\\"", "bell\\u0007" as attribute:"bell\\u0007", "label" as attribute:"label", …; Crosscheck\'s import reads them back under the attribute\'s name.',
    'Label Studio: 1 empty attribute value was left out (Label Studio saves no empty answer).',
    "Label Studio: 1 attribute value holds a character XML cannot carry, so label_config.xml lists it with U+FFFD in its place and Label Studio's editor shows it unselected; export.json keeps it as it is (Crosscheck's import reads it back).",
  ]);
  const lines = config.split('\n');
  for (const line of [
    '    <Header value="label"/>',
    '    <Choices name="attribute:&quot;label&quot;" toName="text" perRegion="true">',
    '      <Choice value="place"/>',
    '    <Choices name="attribute:&quot;text&quot;" toName="text" perRegion="true">',
    '    <Header value="bell\uFFFD"/>',
    '    <Choices name="attribute:&quot;bell\\u0007&quot;" toName="text" perRegion="true">',
    '      <Choice value="two&#10;lines&#9;and a tab"/>',
    '      <Choice value="＄5 &amp; &lt;more&gt;" alias="$5 &amp; &lt;more&gt;"/>',
    '    <Choices name="rank" toName="text" perRegion="true" layout="select">',
    '    <Choices name="stance" toName="text" perRegion="true">',
    '      <Choice value="false"/>',
    '      <Choice value="has\uFFFDbell"/>',
  ]) {
    assert.ok(lines.includes(line), `label_config.xml has ${line}\n${config}`);
  }
  assert.doesNotMatch(config, /has\u0007bell|fragments/);
  // label, text, attribute:"z", bell, remark, cost, odd, rank, stance; none for fragments.
  assert.equal(lines.filter((l) => l.includes('<Choices ')).length, 9);

  const tasks = JSON.parse(json);
  const declaredFile = join(dir, `config-${++seq}.xml`);
  writeFileSync(declaredFile, config);
  const declared = readConfig(declaredFile);
  if (declared) assertDeclared(declared, tasks, ['has\u0007bell']);

  const [back] = parseLabelStudio(json, 'export.json');
  const attrs = back.spans.map((s) => [s.key.split(':').pop(), s.attributes ?? {}]);
  assert.deepEqual(attrs.slice(0, 4), [
    ['s1', { label: 'place', text: 'city', 'attribute:"z"': 'w', 'bell\u0007': 'v' }],
    ['s3', { stance: 'false' }],
    ['s3.2', {}],
    ['s2', { remark: 'two\nlines\tand a tab', cost: '$5 & <more>', odd: 'has\u0007bell' }],
  ]);
  assert.deepEqual(attrs.slice(4).map(([, a]) => (a as Record<string, string>).rank), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
});
