/**
 * Annotator names compared after NFKC and case folding (issue 14 faults): look-alikes of the reserved `auto` and
 * `gold` are refused as analysts' names, a file's "GOLD" is the `gold` layer, and spans given under two spellings
 * of one layer are reported as duplicates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProject } from './project.js';
import { createHandlers } from './handlers.js';
import { dispatch, type Method, type Result } from '../common/contract.js';
import { annotatorNameProblem, canonicalLayerName, isReservedLayerName, layerNameKey } from '../common/annotators.js';
import { importAnnotatedPaths } from './formats/importers.js';
import { inTempDir, layerRows } from './formats/layers-test-helpers.js';

function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  return { p, call };
}

test('reserved names are found after NFKC and case folding: full-width "ａｕｔｏ", "ＧＯＬＤ", "ＡＬＬ"', async (t) => {
  const { call } = setup(t);
  for (const name of ['ａｕｔｏ', 'ＡＵＴＯ', 'ＧＯＬＤ', 'Gold']) {
    await assert.rejects(call('annotators.choose', { name }), { name: 'InvalidInput', message: /reserved layer name/ }, name);
  }
  await assert.rejects(call('annotators.choose', { name: 'ＡＬＬ' }), { name: 'InvalidInput', message: /means every layer/ });
  assert.equal(layerNameKey(' ＤａＮＡ '), 'dana');
  assert.equal(canonicalLayerName('ＧＯＬＤ'), 'gold');
  assert.equal(canonicalLayerName(' Dana '), 'Dana');
  assert.ok(isReservedLayerName('ａｕｔｏ'));
});

test('a word mixing Latin with Greek or Cyrillic letters is refused ("autο" with a Greek omicron); one script per word is fine', async (t) => {
  const { call } = setup(t);
  await assert.rejects(call('annotators.choose', { name: 'aut\u03bf' }), { name: 'InvalidInput', message: /cannot mix Latin, Greek or Cyrillic/ });
  assert.match(annotatorNameProblem('g\u043eld', true) ?? '', /cannot mix/, 'Cyrillic о, even where reserved names are allowed');
  assert.equal(annotatorNameProblem('Дмитрий Ivanov'), null);
  assert.equal(annotatorNameProblem('Αλέξης'), null);
});

test('names are unique after NFKC and case folding: "ｄａｎａ" is Dana', async (t) => {
  const { p, call } = setup(t);
  const dana = await call('annotators.choose', { name: 'Dana' });
  await call('annotators.choose', { name: 'Eli' });
  const again = await call('annotators.choose', { name: 'ｄａｎａ' });
  assert.equal(again.id, dana.id);
  assert.equal(p.annotators.ensure('ＤＡＮＡ'), dana.id);
  const eli = p.annotators.idByName('eli')!;
  await assert.rejects(call('annotators.rename', { id: eli, name: 'ＤＡＮＡ' }), { name: 'Conflict' });
});

test('a JSONL import with "GOLD" writes the gold layer (no second layer); "Auto" and "auto" spans at one place are one span, reported as a duplicate', (t) => {
  const { p } = setup(t);
  const text = 'The mayor denied the report on Friday.';
  const span = (id: number, annotator: string) => ({ id, start: 0, end: 9, label: 'speaker', text: 'The mayor', note: '', attributes: {}, cluster: null, annotator });
  inTempDir((dir) => {
    const file = join(dir, 'layers.jsonl');
    writeFileSync(file, JSON.stringify({ id: 1, title: 'M', date: null, source: null, path: null, text, spans: [span(1, 'GOLD'), span(2, 'Auto'), span(3, 'auto')], links: [] }) + '\n');
    const { report } = importAnnotatedPaths(p, [file], 'jsonl', { options: { strict: false } });
    assert.deepEqual(p.annotators.list().map((a) => a.name).filter((n) => n !== p.annotators.current().name), ['auto', 'gold']);
    assert.deepEqual(layerRows(p), [['auto', 'speaker', 'The mayor'], ['gold', 'speaker', 'The mayor']]);
    assert.equal(report.spans, 2);
    assert.ok(report.notes?.some((n) => n.endsWith(': "Auto" and "auto" name one layer (auto): 1 span given under both was a duplicate, kept once.')), JSON.stringify(report.notes));
  });
});
