/**
 * The `auto` layer in a Label Studio export (issue 14): a prediction whose results say they are a model's
 * (`origin: "prediction"`) with each proposal's confidence as `score`, the prediction's score their mean; and the
 * file imports back into the same spans and attributes (no extra `score`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { runExport } from '../export/run.js';
import { importAnnotatedPaths } from './importers.js';
import { labelStudioExporter } from './labelstudio.js';
import { cpLength } from '../../common/offsets.js';
import { proposalsRepo } from '../../db/proposals.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ls-predictions-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'Gen. Rudskoy said 60 civilians died in Mosul.';

test('auto spans export as a prediction with per-result scores (confidence), a mean score and origin "prediction", and import back unchanged', async () => {
  const p = openProject(join(dir, 'a.crosscheck'));
  const doc = p.documents.insert({ title: 'D', date: null, source: null, path: null, hash: 'h', text: TEXT, length: cpLength(TEXT) }, new Date().toISOString());
  const label = (n: string) => p.labels.list().find((l) => l.name === n)!.id;
  const auto = p.annotators.ensure('auto', true);
  const at = new Date().toISOString();
  const repo = proposalsRepo(p.db);
  repo.insertSpan({ docId: doc, labelId: label('speaker'), start: 5, end: 12, text: 'Rudskoy', attributes: { rule: 'speaker/said', confidence: '0.8' } }, auto, at);
  repo.insertSpan({ docId: doc, labelId: label('figure'), start: 18, end: 30, text: '60 civilians', attributes: { rule: 'figure/n', confidence: '0.9' } }, auto, at);
  p.annotations.create({ docId: doc, labelId: label('claim'), start: 31, end: 35 });
  const dest = join(dir, 'out');
  await runExport(p, { labelstudio: labelStudioExporter }, { format: 'labelstudio', dest, docs: { kind: 'all' }, includeProposals: true });
  p.close();
  const [task] = JSON.parse(readFileSync(join(dest, 'export.json'), 'utf8')) as { annotations: { result: Record<string, unknown>[] }[]; predictions: { score?: number; result: Record<string, unknown>[] }[] }[];
  const prediction = task.predictions[0];
  const labels = prediction.result.filter((r) => r.type === 'labels');
  assert.deepEqual(labels.map((r) => [r.origin, r.score]), [['prediction', 0.8], ['prediction', 0.9]]);
  assert.ok(prediction.result.every((r) => r.origin === 'prediction'), 'no result of a prediction claims to be manual');
  assert.ok(Math.abs(prediction.score! - 0.85) < 1e-9, `prediction score ${prediction.score}`);
  assert.deepEqual(task.annotations[0].result.map((r) => [r.origin, 'score' in r]), [['manual', false]]);

  const q = openProject(join(dir, 'b.crosscheck'));
  importAnnotatedPaths(q, [join(dest, 'export.json')], 'auto', { options: { strict: true } });
  const autoId = q.annotators.idByName('auto');
  const back = q.annotations.listForDocument(1).filter((a) => a.annotatorId === autoId).map((a) => [a.text, a.attributes]);
  q.close();
  assert.deepEqual(back, [['Rudskoy', { rule: 'speaker/said', confidence: '0.8' }], ['60 civilians', { rule: 'figure/n', confidence: '0.9' }]]);
});
