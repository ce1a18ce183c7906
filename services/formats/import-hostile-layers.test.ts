import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { importAnnotatedPaths } from './importers.js';
import { ingest } from './ingest.js';
import { zipProjectFiles } from './inception-project.js';
import { parseLabelStudio } from './labelstudio.js';
import { layerAnnotations } from './labelstudio-export.js';
import { inTempDir, layerRows, layersFixture, withProject } from './layers-test-helpers.js';
import { collectingContext } from './types.js';

const MAYOR = 'The mayor denied the report on Friday.';
const region = (id: string) => ({ id, type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 9, text: 'The mayor', labels: ['speaker'] } });
const importPaths = (paths: string[]) =>
  withProject((p) => {
    const report = importAnnotatedPaths(p, paths, 'auto', { options: { strict: false } }).report;
    return { report, rows: layerRows(p) };
  });
/** Parses and ingests Label Studio tasks; returns the layer rows and the context. */
function labelStudio(tasks: unknown[]) {
  return withProject((p) => {
    const ctx = collectingContext('t.json');
    ingest(p, parseLabelStudio(JSON.stringify(tasks), 't.json', ctx), 't.json', ctx);
    return { rows: layerRows(p), ctx };
  });
}

test('INCEpTION zip bomb: entries each under the per-file cap whose declared sizes add up to over the total cap are refused before decompressing, naming the file and the cap', () => {
  inTempDir((dir) => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const zip = join(dir, 'bomb.zip');
    writeFileSync(zip, zipSync({ 'annotation/d1/ana.tsv': zeros, 'annotation/d2/ben.tsv': zeros, 'annotation/d3/carla.tsv': zeros }));
    assert.throws(() => zipProjectFiles(zip, 'bomb.zip', 5 * 1024 * 1024), /bomb\.zip: its annotation files are 6 MB uncompressed in all, over the 5 MB an INCEpTION export may unpack to/);
    assert.equal(zipProjectFiles(zip, 'bomb.zip', 6 * 1024 * 1024).length, 3, 'at the cap the files are read');
  });
});

test('reserved layer names from people: a Label Studio completed_by "gold", "ALL" or {email: "auto"} is dropped with the rule; only a prediction reaches auto, and gold only from a ground_truth annotation (Crosscheck\'s own export)', () => {
  const { rows, ctx } = labelStudio([
    {
      id: 1,
      data: { text: MAYOR },
      annotations: [
        { id: 1, completed_by: 'gold', result: [region('a')] },
        { id: 2, completed_by: 'ALL', result: [region('b')] },
        { id: 3, completed_by: { email: 'auto' }, result: [region('c')] },
        { id: 4, completed_by: 'ana', result: [region('d')] },
      ],
      predictions: [{ id: 5, model_version: 'm1', result: [region('e')] }],
    },
  ]);
  assert.deepEqual(rows, [['ana', 'speaker', 'The mayor'], ['auto', 'speaker', 'The mayor']]);
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.why.replace(/ \(auto: [^)]*\)/, '')]),
    [
      ['task 1, annotation 1', 'its completed_by: the annotator "gold" cannot name a person\'s layer: "gold" is a reserved layer name; Crosscheck cannot tell whose layer it belongs to'],
      ['task 1, annotation 2', 'its completed_by: the annotator "ALL" cannot name a person\'s layer: "all" means every layer (`--layer all`) and cannot be a layer\'s name; Crosscheck cannot tell whose layer it belongs to'],
      ['task 1, annotation 3', 'its completed_by: the annotator "auto" cannot name a person\'s layer: "auto" is a reserved layer name; Crosscheck cannot tell whose layer it belongs to'],
    ],
  );
  const own = { id: 1, data: { text: MAYOR }, ...layerAnnotations(new Map([['gold', [region('g')]]])) };
  assert.deepEqual(labelStudio([own]).rows, [['gold', 'speaker', 'The mayor']]);
});

test('Label Studio numbers: a completed_by beyond 2^53 (1.2e29) or 0 names no user and is dropped; a prediction\'s model_version that is an object is dropped; a prediction with no results is noted', () => {
  const { rows, ctx } = labelStudio([
    {
      id: 1,
      data: { text: MAYOR },
      annotations: [
        { id: 1, completed_by: 123456789012345678901234567890, result: [region('a')] },
        { id: 2, completed_by: 0, result: [region('b')] },
        { id: 3, completed_by: 9007199254740991, result: [region('c')] },
      ],
      predictions: [{ id: 7, model_version: { x: 1 }, result: [region('p')] }, { id: 8, model_version: 'm2', result: [] }],
    },
  ]);
  assert.deepEqual(rows, [['auto', 'speaker', 'The mayor'], ['user-9007199254740991', 'speaker', 'The mayor']]);
  assert.deepEqual(
    ctx.dropped.map((d) => [d.where, d.what, d.why]),
    [
      ['task 1, annotation 1', 'an annotation with 1 result', 'its completed_by 1.2345678901234568e+29 is not a user id (a whole number from 1 up to 2^53-1); Crosscheck cannot tell whose layer it belongs to'],
      ['task 1, annotation 2', 'an annotation with 1 result', 'its completed_by 0 is not a user id (a whole number from 1 up to 2^53-1); Crosscheck cannot tell whose layer it belongs to'],
      ['task 1, prediction 7', 'its model_version {"x":1}', 'a model_version is a string or a number; its spans import without it'],
    ],
  );
  assert.deepEqual(ctx.notes.filter((n) => n.includes('no results')), ['t.json: 1 annotation with no results (task 1 by the prediction 8 (auto)): nothing to import from it']);
});

test('doccano: a record whose "user" is "gold" (any case) has its spans dropped with the rule, "user": 1e30 is no user id; "all" stays the default layer', () => {
  inTempDir((dir) => {
    const file = join(dir, 'd.jsonl');
    const rec = (label: [number, number, string], user: unknown) => JSON.stringify({ text: MAYOR, label: [label], user });
    writeFileSync(file, [rec([0, 9, 'speaker'], 'ann'), rec([10, 16, 'claim'], 'Gold'), rec([31, 37, 'date'], 1e30), rec([17, 27, 'claim'], 'all')].join('\n') + '\n');
    const { report, rows } = withProject((p) => {
      const report = importAnnotatedPaths(p, [file], 'doccano', { options: { strict: false, annotator: 'dora' } }).report;
      return { report, rows: layerRows(p) };
    });
    assert.ok(!rows.some(([layer]) => layer === 'gold' || layer === 'Gold'), 'no span reaches gold');
    assert.deepEqual(rows.filter(([, label]) => label === 'claim'), [['dora', 'claim', 'the report']]);
    assert.deepEqual(rows.find(([, label]) => label === 'date'), ['dora', 'date', 'Friday']);
    assert.deepEqual(
      report.dropped?.map((d) => d.why.replace(/ \(auto: [^)]*\)/, '')),
      [
        'its user: the annotator "Gold" cannot name a person\'s layer: "Gold" is a reserved layer name; its spans are not imported',
        "its user 1e+30 is not a user name or id; Crosscheck cannot tell whose layer it belongs to; its spans go to the import's default layer",
      ],
    );
  });
});

test('INCEpTION: annotation/<doc>/gold.tsv, all.tsv and .tsv, curation/<doc>/ bob.tsv named GOLD, and a document folder ".." are dropped with the reason; only CURATION_USER reaches gold', () => {
  inTempDir((dir) => {
    const tsv = (user: string) => readFileSync(join(layersFixture('inception-project'), 'annotation', 'mayor.txt', `${user}.tsv`));
    const zip = join(dir, 'project.zip');
    writeFileSync(
      zip,
      zipSync({
        'annotation/mayor.txt/ana.tsv': tsv('ana'),
        'annotation/mayor.txt/gold.tsv': tsv('ben'),
        'annotation/mayor.txt/all.tsv': tsv('ben'),
        'annotation/mayor.txt/.tsv': tsv('ben'),
        'curation/mayor.txt/GOLD.tsv': tsv('ben'),
        'annotation/../x.tsv': tsv('ben'),
      }),
    );
    const { report, rows } = importPaths([zip]);
    assert.deepEqual(rows, [['ana', 'speaker', 'The mayor']]);
    assert.deepEqual(report.imported.map((d) => d.title), ['mayor.txt']);
    assert.deepEqual(
      report.dropped?.map((d) => [d.path.slice(dir.length + 1), d.why.replace(/ \(auto: [^)]*\)/, '')]),
      [
        ['project.zip/annotation/../x.tsv', '".." is not a document name; INCEpTION names each document\'s folder after the document'],
        ['project.zip/annotation/mayor.txt/.tsv', "the file names no user (INCEpTION names each annotator's file <user>.tsv); Crosscheck cannot tell whose layer it is"],
        ['project.zip/annotation/mayor.txt/all.tsv', 'the annotator "all" cannot name a person\'s layer: "all" means every layer (`--layer all`) and cannot be a layer\'s name'],
        ['project.zip/annotation/mayor.txt/gold.tsv', 'the annotator "gold" cannot name a person\'s layer: "gold" is a reserved layer name'],
        ['project.zip/curation/mayor.txt/GOLD.tsv', 'the annotator "GOLD" cannot name a person\'s layer: "GOLD" is a reserved layer name'],
      ],
    );
  });
});
