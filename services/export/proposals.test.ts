/**
 * Issue 14: exports leave the `auto` layer's proposals out unless asked for (`includeProposals`,
 * `--include-proposals`), in every format; `--layer auto` needs the flag, and with it writes the proposals alone.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { cpLength } from '../../common/offsets.js';
import { exportFormats } from '../../common/formats.js';
import { exporters } from '../formats/index.js';
import { proposalsRepo } from '../../db/proposals.js';
import { parseCli } from '../../cli/args.js';
import { runExport, type ExportOptions } from './run.js';
import { writeJsonlFile } from './jsonl.js';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-export-proposals-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const out = (name: string) => join(dir, `${name}-${++n}`);

const TEXT = 'Gen. Rudskoy said 60 civilians died. Rudskoy repeated it.';

/**
 * One document: ana tagged a speaker and a claim linked said-by, and two speakers linked same-as (a cluster); the
 * auto layer proposes a speaker, a figure and a claim with said-by and cites links.
 */
function project(): Project {
  const p = openProject(join(dir, `p${++n}.crosscheck`));
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text: TEXT, length: cpLength(TEXT) }, 'now');
  const label = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  const type = (name: string) => p.links.types().find((x) => x.name === name)!.id;
  const ana = p.annotators.ensure('ana');
  const at = (s: string, from = 0) => ({ start: TEXT.indexOf(s, from), end: TEXT.indexOf(s, from) + s.length });
  const speaker = p.annotations.create({ docId: doc, labelId: label('speaker'), ...at('Rudskoy'), annotatorId: ana });
  const later = p.annotations.create({ docId: doc, labelId: label('speaker'), ...at('Rudskoy', 10), annotatorId: ana });
  const claim = p.annotations.create({ docId: doc, labelId: label('claim'), ...at('60 civilians died'), annotatorId: ana });
  p.links.create(claim.id, speaker.id, type('said-by'));
  p.links.create(speaker.id, later.id, type('same-as'));
  const auto = p.annotators.ensure('auto', true);
  const repo = proposalsRepo(p.db);
  const put = (s: string, name: string, extra: Record<string, string> = {}) =>
    repo.insertSpan({ docId: doc, labelId: label(name), ...at(s), text: s, attributes: { ...extra, rule: `${name}/test`, confidence: '0.75' } }, auto, 'then');
  const aSpeaker = put('Gen. Rudskoy', 'speaker');
  const aFigure = put('60 civilians', 'figure', { value: '60', bound: 'exact', unit: 'civilians' });
  const aClaim = put('60 civilians died', 'claim');
  repo.insertLink(aClaim, aSpeaker, type('said-by'), auto, 'then');
  repo.insertLink(aClaim, aFigure, type('cites'), auto, 'then');
  return p;
}

const source = project();
after(() => source.close());
const run = (format: string, o: Partial<ExportOptions> = {}) => {
  const dest = out(format);
  return runExport(source, exporters, { format, dest, docs: { kind: 'all' }, ...o }).then((r) => ({ ...r, dest }));
};
const read = (path: string) => readFileSync(path, 'utf8');
/** Every file an export wrote, concatenated. */
const allText = (r: { files: string[] }) => r.files.map((f) => read(f)).join('\n');
const jsonl = (r: { dest: string }) => read(join(r.dest, 'export.jsonl')).trim().split('\n').map((l) => JSON.parse(l));

test('JSONL: the auto layer is left out by default and kept, spans and links, with includeProposals', async () => {
  const plain = await run('jsonl');
  const [doc] = jsonl(plain);
  assert.deepEqual([...new Set(doc.spans.map((s: { annotator: string }) => s.annotator))], ['ana']);
  assert.deepEqual([...new Set(doc.links.map((l: { annotator: string }) => l.annotator))], ['ana']);
  assert.deepEqual([plain.spans, plain.links], [3, 2]);

  const withAuto = await run('jsonl', { includeProposals: true });
  const [all] = jsonl(withAuto);
  assert.deepEqual([withAuto.spans, withAuto.links], [6, 4]);
  assert.deepEqual(all.spans.filter((s: { annotator: string }) => s.annotator === 'auto').map((s: { text: string }) => s.text).sort(), ['60 civilians', '60 civilians died', 'Gen. Rudskoy']);
});

test("every export format leaves the proposals out unless asked; with them, the auto layer is named", async () => {
  // Only the proposals carry a rule ("figure/test"), and only they are in the layer called auto.
  const autoMark = /\/test\b|crosscheck-auto|\bauto\b/;
  for (const format of exportFormats) {
    const layerOne = format === 'pairs' || format === 'coref-conll' ? { layer: 'ana' } : {};
    const r = await run(format, layerOne);
    assert.doesNotMatch(allText(r), autoMark, `${format} without includeProposals`);
    assert.ok(!r.files.some((f) => /[\\/]auto([\\/.]|$)/.test(f.slice(r.dest.length))), `${format}: no file for the auto layer: ${r.files.join(', ')}`);
  }
  for (const format of ['jsonl', 'labelstudio', 'w3c', 'brat', 'csv', 'doccano', 'conll', 'hf']) {
    const r = await run(format, { includeProposals: true });
    assert.match(allText(r) + r.files.join('\n'), autoMark, `${format} with includeProposals`);
  }
});

test('Label Studio: proposals become a prediction only with includeProposals; CoNLL writes an auto file only then', async () => {
  const plain = JSON.parse(read(join((await run('labelstudio')).dest, 'export.json')));
  assert.equal(plain[0].predictions, undefined);
  const withAuto = JSON.parse(read(join((await run('labelstudio', { includeProposals: true })).dest, 'export.json')));
  assert.deepEqual(withAuto[0].predictions.map((x: { model_version: string; result: unknown[] }) => x.model_version), ['crosscheck-auto']);

  const conll = await run('conll');
  assert.deepEqual(readdirSync(conll.dest).sort(), ['export.conll'], 'one layer left: one file, as before');
  const both = await run('conll', { includeProposals: true });
  assert.deepEqual(readdirSync(both.dest).filter((f) => !f.startsWith('.')).sort(), ['ana', 'auto']);
});

test('layer auto alone is refused, saying to add --include-proposals; with it, only the proposals are written', async () => {
  const dest = out('auto-alone');
  await assert.rejects(runExport(source, exporters, { format: 'jsonl', dest, docs: { kind: 'all' }, layer: 'auto' }), {
    name: 'InvalidInput',
    message: /the auto layer holds proposals: add --include-proposals \(includeProposals\)/i,
  });
  assert.equal(existsSync(dest), false);
  const file = join(dir, 'auto.jsonl');
  assert.throws(() => writeJsonlFile(source.db, file, false, false, 'AUTO'), /add --include-proposals/);
  assert.equal(existsSync(file), false);

  const w = writeJsonlFile(source.db, file, false, false, 'auto', true);
  assert.equal(w.spans, 3);
  const [doc] = read(file).trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(doc.spans.every((s: { annotator: string; attributes: Record<string, string> }) => s.annotator === 'auto' && s.attributes.rule && s.attributes.confidence === '0.75'));
  assert.deepEqual(doc.links.map((l: { type: string; annotator: string }) => [l.type, l.annotator]).sort(), [['cites', 'auto'], ['said-by', 'auto']]);
});

test('the CLI takes --include-proposals for export', () => {
  const a = parseCli(['export', '--db', 'p', '--format', 'jsonl', '--out', 'x', '--layer', 'auto', '--include-proposals']) as { includeProposals: boolean; layer?: string };
  assert.deepEqual([a.layer, a.includeProposals], ['auto', true]);
  assert.equal((parseCli(['export', '--db', 'p', '--format', 'jsonl', '--out', 'x']) as { includeProposals: boolean }).includeProposals, false);
});
