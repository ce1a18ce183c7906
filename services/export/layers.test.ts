/**
 * Issue 13, "Adjudication", third bullet: every export can take a layer (`--layer NAME|all`, default all; gold is
 * the adjudicated layer) and every span and link in every export carries its annotator; the formats our importer
 * reads back (JSONL, brat, Label Studio, W3C) give the same layers again.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { cpLength } from '../../common/offsets.js';
import { exporters } from '../formats/index.js';
import { importAnnotatedPaths } from '../formats/importers.js';
import { layerRows, linkRows } from '../formats/layers-test-helpers.js';
import { parseCli } from '../../cli/args.js';
import { runExport, type ExportOptions } from './run.js';
import { writeJsonlFile } from './jsonl.js';
import { layerFileName } from '../formats/layer-files.js';
import type { ImportFormat } from '../../common/formats.js';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-export-layers-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => openProject(join(dir, `p${++n}.crosscheck`));
const out = (name: string) => join(dir, `${name}-${++n}`);

const TEXTS = ['Gen. Rudskoy said 60 civilians died.', 'Rudskoy repeated it.'];

/**
 * Two documents in three layers: `ana` (two speakers, a claim, said-by and same-as links), `Bo Lima` (a name with a
 * space: brat values are one token) with the same speaker as ana and a said-by link of its own, and `gold` (a claim).
 */
function twoLayerProject(): Project {
  const p = fresh();
  const ana = p.annotators.ensure('ana');
  const bo = p.annotators.ensure('Bo Lima');
  const gold = p.annotators.ensure('gold', true);
  const ids = TEXTS.map((text, i) => p.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now'));
  const label = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  const type = (name: string) => p.links.types().find((t) => t.name === name)!.id;
  const span = (doc: number, text: string, l: string, annotatorId: number) => {
    const start = TEXTS[ids.indexOf(doc)].indexOf(text);
    return p.annotations.create({ docId: doc, labelId: label(l), start, end: start + cpLength(text), annotatorId });
  };
  const anaSpeaker = span(ids[0], 'Rudskoy', 'speaker', ana);
  const anaClaim = span(ids[0], '60 civilians died', 'claim', ana);
  const anaLater = span(ids[1], 'Rudskoy', 'speaker', ana);
  p.links.create(anaClaim.id, anaSpeaker.id, type('said-by'));
  p.links.create(anaSpeaker.id, anaLater.id, type('same-as'));
  const boSpeaker = span(ids[0], 'Rudskoy', 'speaker', bo);
  const boClaim = span(ids[0], 'civilians died', 'claim', bo);
  p.links.create(boClaim.id, boSpeaker.id, type('said-by'));
  span(ids[0], '60 civilians died', 'claim', gold);
  return p;
}

const source = twoLayerProject();
after(() => source.close());

const run = (format: string, o: Partial<ExportOptions> = {}) => {
  const dest = out(format);
  return runExport(source, exporters, { format, dest, docs: { kind: 'all' }, ...o }).then((r) => ({ ...r, dest }));
};
const read = (path: string) => readFileSync(path, 'utf8');
const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l));

/** Imports `path` into a new project (its own default layer called `nobody`) and gives its layers back. */
function importInto(path: string, format: ImportFormat) {
  const p = fresh();
  try {
    importAnnotatedPaths(p, [path], format, { options: { strict: false, annotator: 'nobody' } });
    return { spans: layerRows(p), links: linkRows(p) };
  } finally {
    p.close();
  }
}

test('layers: the source project holds three layers, with links in two of them', () => {
  assert.deepEqual([...new Set(layerRows(source).map((r) => r[0]))].sort(), ['Bo Lima', 'ana', 'gold']);
  assert.deepEqual([...new Set(linkRows(source).map((r) => r[0]))].sort(), ['Bo Lima', 'ana']);
});

test('--layer gold writes only the gold spans and no links (JSONL, export.run and export.toFile)', async () => {
  const r = await run('jsonl', { layer: 'gold' });
  const lines = jsonLines(read(join(r.dest, 'export.jsonl')));
  assert.deepEqual(
    lines.flatMap((l) => l.spans.map((s: { annotator: string; text: string }) => [s.annotator, s.text])),
    [['gold', '60 civilians died']],
  );
  assert.deepEqual(lines.flatMap((l) => l.links), []);
  assert.equal(r.spans, 1);

  const file = join(dir, 'gold.jsonl');
  const w = writeJsonlFile(source.db, file, false, false, 'GOLD');
  assert.equal(w.spans, 1, 'a layer is named in any case');
  assert.deepEqual(jsonLines(read(file)).flatMap((l) => l.spans.map((s: { annotator: string }) => s.annotator)), ['gold']);
});

test('--layer NAME keeps that layer\'s links, each naming its annotator; all (the default) keeps every layer', async () => {
  const bo = jsonLines(read(join((await run('jsonl', { layer: 'Bo Lima' })).dest, 'export.jsonl')));
  assert.deepEqual(bo[0].spans.map((s: { text: string }) => s.text), ['Rudskoy', 'civilians died']);
  assert.deepEqual(bo[0].links.map((l: { type: string; annotator: string }) => [l.type, l.annotator]), [['said-by', 'Bo Lima']]);
  assert.deepEqual(bo[1].spans, [], 'a document without spans of the layer is still written');

  const all = await run('jsonl', { layer: 'all' });
  const fallback = await run('jsonl');
  assert.equal(read(join(all.dest, 'export.jsonl')), read(join(fallback.dest, 'export.jsonl')));
  assert.equal(all.spans, 6);
  assert.equal(all.links, 3);
});

test('an unknown layer is InvalidInput naming the known layers, and nothing is written', async () => {
  const dest = out('unknown');
  await assert.rejects(runExport(source, exporters, { format: 'csv', dest, docs: { kind: 'all' }, layer: 'carol' }), (e: Error & { code?: string }) => {
    assert.equal(e.name, 'InvalidInput');
    assert.match(e.message, /No layer named "carol"/);
    assert.match(e.message, /"all", "ana", "Bo Lima", "gold"/);
    return true;
  });
  assert.equal(existsSync(dest), false);
  const file = join(dir, 'unknown.jsonl');
  assert.throws(() => writeJsonlFile(source.db, file, false, false, 'carol'), /No layer named "carol" in this project; the layers are "all", "ana", "Bo Lima", "gold"/);
  assert.equal(existsSync(file), false);
});

test('the CLI passes --layer NAME|all through to the export', () => {
  assert.equal((parseCli(['export', '--db', 'p', '--format', 'csv', '--out', 'x', '--layer', 'gold']) as { layer?: string }).layer, 'gold');
  assert.equal((parseCli(['export', '--db', 'p', '--format', 'csv', '--out', 'x']) as { layer?: string }).layer, undefined);
});

for (const [format, path, importFormat] of [
  ['jsonl', 'export.jsonl', 'jsonl'],
  ['brat', '', 'brat'],
  ['labelstudio', 'export.json', 'labelstudio'],
  ['w3c', '', 'w3c'],
] as const) {
  test(`${format}: an export of every layer imports back into the same layers, spans and links`, async () => {
    const r = await run(format);
    const back = importInto(path ? join(r.dest, path) : r.dest, importFormat);
    assert.deepEqual(back.spans, layerRows(source));
    // A Label Studio relation stays inside its task: the same-as across documents is left out (the notes say so).
    assert.deepEqual(back.links, linkRows(source).filter((l) => format !== 'labelstudio' || l[1] !== 'same-as'));
  });
}

test('brat: the layer is an `annotator` attribute, percent-encoded, declared in annotation.conf', async () => {
  const r = await run('brat');
  const ann = read(join(r.dest, '1.ann'));
  assert.match(ann, /^A\d+\tannotator T\d+ Bo%20Lima$/m);
  assert.match(ann, /^A\d+\tannotator T\d+ gold$/m);
  assert.match(read(join(r.dest, 'annotation.conf')), /^annotator\tArg:<ENTITY>, Value:.*Bo%20Lima/m);
});

test('Label Studio: one annotation per layer, completed_by naming it; the auto layer is a prediction', async () => {
  const p = fresh();
  const text = 'Rudskoy said it.';
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'x', text, length: cpLength(text) }, 'now');
  const speaker = p.labels.list().find((l) => l.name === 'speaker')!.id;
  p.annotations.create({ docId: doc, labelId: speaker, start: 0, end: 7, annotatorId: p.annotators.ensure('ana') });
  p.annotations.create({ docId: doc, labelId: speaker, start: 0, end: 7, annotatorId: p.annotators.ensure('auto', true) });
  const dest = out('ls-auto');
  // The proposals are exported only when asked for (issue 14; services/export/proposals.test.ts).
  await runExport(p, exporters, { format: 'labelstudio', dest, docs: { kind: 'all' }, includeProposals: true });
  p.close();
  const [task] = JSON.parse(read(join(dest, 'export.json')));
  assert.deepEqual(task.annotations.map((a: { completed_by: unknown; result: unknown[] }) => [a.completed_by, a.result.length]), [[{ email: 'ana' }, 1]]);
  assert.deepEqual(task.predictions.map((a: { model_version: string; result: unknown[] }) => [a.model_version, a.result.length]), [['crosscheck-auto', 1]]);
});

test('W3C: every annotation has a creator, a Person named after its layer', async () => {
  const r = await run('w3c');
  const annotations = JSON.parse(read(join(r.dest, 'annotations.jsonld'))) as { motivation: string; creator: { type: string; name: string } }[];
  assert.ok(annotations.length > 0);
  assert.ok(annotations.every((a) => a.creator.type === 'Person'));
  assert.deepEqual([...new Set(annotations.map((a) => a.creator.name))].sort(), ['Bo Lima', 'ana', 'gold']);
  assert.deepEqual(annotations.filter((a) => a.motivation === 'linking').map((a) => a.creator.name).sort(), ['Bo Lima', 'ana', 'ana']);
});

test('CSV and clusters.tsv: every row names its span\'s annotator in a last column', async () => {
  const csv = read(join((await run('csv')).dest, 'export.csv')).replace(/^\uFEFF/, '').trim().split('\n');
  assert.ok(csv[0].endsWith(',fragment,annotator'));
  assert.deepEqual(csv.slice(1).map((l) => l.split(',').pop()).sort(), ['Bo Lima', 'Bo Lima', 'ana', 'ana', 'ana', 'gold']);
  const tsv = read(join((await run('clusters')).dest, 'clusters.tsv')).trim().split('\n');
  assert.ok(tsv[0].endsWith('\ttext\tannotator'));
  assert.deepEqual(tsv.slice(1).map((l) => l.split('\t').pop()).sort(), ['Bo Lima', 'Bo Lima', 'ana', 'ana', 'ana', 'gold']);
});

test('token formats (conll, hf, doccano): one file per layer with several layers, every document in each; one layer as before', async () => {
  const conll = await run('conll');
  const names = ['ana', 'Bo Lima', 'gold'];
  assert.deepEqual(conll.files.map((f) => f.slice(conll.dest.length + 1)).sort(), names.map((l) => `${l}/export.conll`).sort());
  const gold = read(join(conll.dest, 'gold', 'export.conll'));
  assert.equal(gold.split('-DOCSTART-').length - 1, 2, 'every document in every layer\'s file');
  assert.match(gold, /^60\tB-claim$/m);
  assert.doesNotMatch(gold, /B-speaker/);
  assert.match(read(join(conll.dest, 'Bo Lima', 'export.conll')), /^civilians\tB-claim$/m);
  assert.ok(conll.notes.some((x) => x.includes('one layer per file')), conll.notes.join('\n'));

  const one = await run('conll', { layer: 'ana' });
  assert.deepEqual(one.files.map((f) => f.slice(one.dest.length + 1)), ['export.conll']);

  const hf = await run('hf');
  assert.deepEqual(hf.files.map((f) => f.slice(hf.dest.length + 1)).sort(), names.flatMap((l) => [`${l}/data.jsonl`, `${l}/features.json`]).sort());
  assert.equal(jsonLines(read(join(hf.dest, 'ana', 'data.jsonl'))).length, 2);

  const doccano = await run('doccano');
  assert.deepEqual(doccano.files.map((f) => f.slice(doccano.dest.length + 1)).sort(), names.map((l) => `${l}.jsonl`).sort());
  const bo = jsonLines(read(join(doccano.dest, 'Bo Lima.jsonl')));
  assert.deepEqual(bo.map((l) => [l.user, l.entities.length, l.relations.length]), [['Bo Lima', 2, 1], ['Bo Lima', 0, 0]]);
});

test('pairs and coref-conll take one layer: several are refused asking for --layer; --layer NAME pairs only that layer', async () => {
  for (const format of ['pairs', 'coref-conll']) {
    await assert.rejects(run(format), /these documents hold 3 layers \(ana, Bo Lima, gold\): choose one with --layer/);
  }
  const pairs = await run('pairs', { layer: 'ana', negatives: 0 });
  const rows = jsonLines(read(join(pairs.dest, 'pairs.jsonl')));
  assert.deepEqual(rows.map((r) => [r.a_text, r.b_text, r.label]), [['Rudskoy', 'Rudskoy', 1]]);
});

test('layer file names hold no character a file system refuses, and never clash', () => {
  const taken = new Set<string>();
  assert.equal(layerFileName('Ana / desk', taken), 'Ana _ desk');
  assert.equal(layerFileName('ana _ desk', taken), 'ana _ desk-2', 'names equal in any case get a suffix');
  assert.equal(layerFileName('con'), '_con');
  assert.equal(layerFileName('..'), 'layer');
});

test('JSONL written before layers (no "annotator") still imports, into the default layer', () => {
  const old = join(dir, 'old.jsonl');
  writeFileSync(
    old,
    JSON.stringify({ id: 1, title: 'T', date: null, source: null, path: null, text: 'Rudskoy said it.', spans: [{ id: 3, start: 0, end: 7, label: 'speaker', text: 'Rudskoy', note: '', attributes: {}, cluster: null }], links: [] }) + '\n',
  );
  assert.deepEqual(importInto(old, 'jsonl').spans, [['nobody', 'speaker', 'Rudskoy']]);
});
