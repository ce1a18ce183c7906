import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import type { ImportOptions } from '../../common/contract.js';
import type { Project } from '../project.js';
import { detectFormat } from './detect.js';
import { importAnnotatedPaths } from './importers.js';
import { inTempDir, layerRows, layersFixture, linkRows, withProject } from './layers-test-helpers.js';

const MAYOR = 'The mayor denied the report on Friday.';
/** A Crosscheck JSONL span on MAYOR in `annotator`'s layer. */
const span = (id: number, start: number, end: number, label: string, annotator: string) => ({ id, start, end, label, text: MAYOR.slice(start, end), note: '', attributes: {}, cluster: null, annotator });
/** A JSONL file in `dir` holding MAYOR with these spans and links; returns its path. */
function mayorJsonl(dir: string, spans: ReturnType<typeof span>[], links: { id: number; from: number; to: number; type: string; annotator: string }[]): string {
  const file = join(dir, 'mayor.jsonl');
  writeFileSync(file, JSON.stringify({ id: 1, title: 'Mayor', date: null, source: null, path: null, text: MAYOR, spans, links }) + '\n');
  return file;
}

/** Imports files through the importers' dispatch (format detected, as `crosscheck import` does). */
const importPaths = (p: Project, paths: string[], options: Partial<ImportOptions> = {}) => importAnnotatedPaths(p, paths, 'auto', { options: { strict: false, ...options } }).report;

test('doccano export by user (a record per document and user, with "user"): one document, one layer per user; "unknown" (nobody labelled it) imports no spans', () => {
  withProject((p) => {
    const report = importPaths(p, [layersFixture('doccano-by-user.jsonl')]);
    assert.deepEqual(layerRows(p), [
      ['ana', 'speaker', 'The mayor'],
      ['ben', 'speaker', 'The mayor'],
      ['ben', 'date', 'Friday'],
    ]);
    assert.deepEqual([report.imported.length, report.duplicates.length, report.layers], [2, 0, ['ana', 'ben']]);
  });
});

test('doccano 1.0-1.3: each span\'s user id is its layer (user-<id>); identical spans of two users are two spans', () => {
  withProject((p) => {
    importPaths(p, [layersFixture('doccano-1x-user-ids.jsonl')], { labelNames: { '7': 'speaker' } });
    assert.deepEqual(layerRows(p), [
      ['user-1', 'speaker', 'The mayor'],
      ['user-2', 'speaker', 'The mayor'],
    ]);
  });
});

test('doccano without user: the default layer, which --annotator names', () => {
  withProject((p) => {
    const report = importPaths(p, [join(import.meta.dirname, 'fixtures', 'doccano', 'export_sequence_labeling.example.jsonl')], { annotator: 'dora' });
    assert.deepEqual(report.layers, ['dora']);
    assert.ok(layerRows(p).every(([layer]) => layer === 'dora'));
  });
});

test('doccano: a user value that is no user (a list, a negative number) is reported, and its spans go to the default layer', () => {
  inTempDir((dir) => {
    const file = join(dir, 'odd.jsonl');
    writeFileSync(file, JSON.stringify({ text: 'The mayor denied it.', label: [[0, 9, 'speaker']], user: [1, 2] }) + '\n' + JSON.stringify({ text: 'Nobody did.', label: [[0, 6, 'speaker']], user: -4 }) + '\n');
    withProject((p) => {
      const report = importPaths(p, [file]);
      assert.deepEqual(layerRows(p).map(([layer]) => layer), [p.annotators.current().name, p.annotators.current().name]);
      assert.deepEqual(
        report.dropped?.map((d) => [d.where, d.why]),
        [
          ['line 1', "its user [1,2] is not a user name or id; Crosscheck cannot tell whose layer it belongs to; its spans go to the import's default layer"],
          ['line 2', "its user -4 is not a user name or id; Crosscheck cannot tell whose layer it belongs to; its spans go to the import's default layer"],
        ],
      );
    });
  });
});

test('JSONL: spans and links of two annotators on one document import as two layers; a span with "annotator": null goes to the default layer', () => {
  withProject((p) => {
    const report = importPaths(p, [layersFixture('jsonl-two-annotators.jsonl')], { annotator: 'dora' });
    assert.deepEqual(layerRows(p), [
      ['ana', 'speaker', 'The mayor'],
      ['ben', 'speaker', 'The mayor'],
      ['ana', 'claim', 'denied the report'],
      ['dora', 'date', 'Friday'],
    ]);
    assert.deepEqual(linkRows(p), [['ana', 'said-by', 'denied the report', 'The mayor']]);
    assert.deepEqual(report.layers, ['ana', 'ben', 'dora'], '--annotator names the default layer but not a span\'s own annotator');
  });
});

test('JSONL written before issue 13 (no "annotator") imports into the current annotator\'s layer, or the --annotator layer', () => {
  const file = layersFixture('jsonl-before-issue13.jsonl');
  withProject((p) => {
    const report = importPaths(p, [file]);
    const me = p.annotators.current().name;
    assert.deepEqual(layerRows(p), [
      [me, 'speaker', 'The mayor'],
      [me, 'claim', 'denied the report'],
    ]);
    assert.deepEqual([report.layers, linkRows(p)], [[me], [[me, 'said-by', 'denied the report', 'The mayor']]]);
  });
  withProject((p) => {
    importPaths(p, [file], { annotator: 'carla' });
    assert.deepEqual(layerRows(p).map(([layer]) => layer), ['carla', 'carla']);
  });
});

test('JSONL: an annotator name that is too long or holds control characters drops those spans (and their links) with the reason; the rest imports', () => {
  inTempDir((dir) => {
    const file = mayorJsonl(dir, [span(1, 0, 9, 'speaker', 'a'.repeat(61)), span(2, 10, 27, 'claim', 'tab\there'), span(3, 31, 37, 'date', 'ana')], [{ id: 1, from: 2, to: 1, type: 'said-by', annotator: 'ana' }]);
    withProject((p) => {
      const report = importPaths(p, [file]);
      assert.deepEqual(layerRows(p), [['ana', 'date', 'Friday']]);
      assert.deepEqual(
        report.dropped?.map((d) => d.why),
        [
          `its annotator "${'a'.repeat(39)}…" cannot name a layer: an annotator name is at most 60 characters`,
          'its annotator "tab\\there" cannot name a layer: an annotator name cannot hold control characters',
          'span 2 was not imported (its annotator "tab\\there" cannot name a layer: an annotator name cannot hold control characters)',
        ],
      );
    });
  });
});

/** Every file under `dir` by its path relative to it ("/"-separated), as a zip INCEpTION would download. */
function zipOf(dir: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else entries[relative(dir, path).split('\\').join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return zipSync(entries);
}

const INCEPTION_ROWS = [
  ['ana', 'speaker', 'The mayor'],
  ['gold', 'speaker', 'The mayor'],
  ['ben', 'speaker', 'mayor'],
  ['ben', 'date', 'Friday'],
  ['gold', 'date', 'Friday'],
];

test('INCEpTION project export (unpacked folder): each annotator\'s TSV is their layer and CURATION_USER the gold layer, on one document; INITIAL_CAS is no one\'s layer', () => {
  const folder = layersFixture('inception-project');
  assert.equal(detectFormat(folder), 'webanno');
  withProject((p) => {
    const report = importPaths(p, [folder]);
    assert.deepEqual(report.imported.map((d) => d.title), ['mayor.txt']);
    assert.deepEqual(layerRows(p), INCEPTION_ROWS);
    assert.deepEqual(report.layers, ['ana', 'ben', 'gold']);
  });
});

test('INCEpTION project export as a zip: the same layers; annotation files in another format are named in the notes; a TSV whose text differs is dropped; a broken zip or a TSV not in UTF-8 is refused by name', () => {
  inTempDir((dir) => {
    const entries = zipOf(layersFixture('inception-project'));
    const zip = join(dir, 'project.zip');
    writeFileSync(zip, entries);
    assert.equal(detectFormat(zip), 'webanno');
    withProject((p) => {
      assert.deepEqual((importPaths(p, [zip]), layerRows(p)), INCEPTION_ROWS);
    });

    // A second export: one annotator exported as XMI, one whose TSV has another text.
    const other = readFileSync(join(layersFixture('inception-project'), 'annotation', 'mayor.txt', 'ben.tsv'), 'utf8').replace('#Text=The mayor', '#Text=The Mayor').replace('4-9\tmayor', '4-9\tMayor');
    const mixed = zipSync({
      'annotation/mayor.txt/ana.tsv': readFileSync(join(layersFixture('inception-project'), 'annotation', 'mayor.txt', 'ana.tsv')),
      'annotation/mayor.txt/ben.tsv': new TextEncoder().encode(other),
      'annotation/mayor.txt/carla.zip': new Uint8Array([1, 2, 3]),
    });
    const zip2 = join(dir, 'mixed.zip');
    writeFileSync(zip2, mixed);
    withProject((p) => {
      const report = importPaths(p, [zip2]);
      assert.deepEqual(layerRows(p), [['ana', 'speaker', 'The mayor']]);
      assert.deepEqual(report.dropped?.map((d) => [d.path, d.why]), [[`${zip2}/annotation/mayor.txt/ben.tsv`, 'its text differs from the other files of "mayor.txt"; the layers of one document share one text']]);
      assert.ok(report.notes?.some((n) => n.includes('1 annotation file is not WebAnno TSV') && n.includes('carla.zip')));
    });

    const notProject = join(dir, 'other.zip');
    writeFileSync(notProject, zipSync({ 'readme.txt': new TextEncoder().encode('hello') }));
    assert.equal(detectFormat(notProject), 'text', 'a zip that is no INCEpTION export is not an annotated format');
    const broken = join(dir, 'broken.zip');
    writeFileSync(broken, 'not a zip at all');
    assert.equal(detectFormat(broken), 'text');
    withProject((p) => assert.throws(() => importAnnotatedPaths(p, [broken], 'webanno'), /broken\.zip: not a readable zip/));
    const latin1 = join(dir, 'latin1.zip');
    writeFileSync(latin1, zipSync({ 'annotation/a.txt/ana.tsv': new Uint8Array([0x23, 0xe9, 0xff]) }));
    withProject((p) => assert.throws(() => importAnnotatedPaths(p, [latin1], 'auto'), /latin1\.zip\/annotation\/a\.txt\/ana\.tsv: not UTF-8/));
  });
});

test('a link whose two spans the file puts in two layers is dropped with the reason (a link joins spans of one layer)', () => {
  inTempDir((dir) => {
    const file = mayorJsonl(dir, [span(1, 0, 9, 'speaker', 'ana'), span(2, 10, 27, 'claim', 'ben')], [{ id: 1, from: 2, to: 1, type: 'said-by', annotator: 'ben' }]);
    withProject((p) => {
      const report = importPaths(p, [file]);
      assert.equal(report.spans, 2);
      assert.deepEqual(linkRows(p), []);
      assert.deepEqual(report.dropped?.map((d) => d.why), ['its spans are in two layers ("ben" and "ana"); a link joins spans of one layer']);
    });
  });
});
