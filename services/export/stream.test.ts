/**
 * Issue 15: a whole-project export reads every document by one scan (three cursors side by side) instead of three
 * queries per document. The scan must give each document exactly what reading it alone gives, in every option
 * that changes what is read, and the runner must close its cursors on a cancel.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Project } from '../project.js';
import { cpLength } from '../../common/offsets.js';
import { exporters } from '../formats/index.js';
import { exportText, importText, jsonl, scratch } from '../formats/jsonl-test-helpers.js';
import { openExportStream, type ExportOptions } from './stream.js';
import { runExport } from './run.js';
import { writeJsonlFile } from './jsonl.js';
import { AppError } from '../../common/errors.js';

const files = scratch('export-stream');
after(() => files.done());

/**
 * Documents with gaps in their ids (one deleted), one without spans, spans in three layers and the `auto` layer,
 * links within a document and across documents, attributes, a cluster, and ids a JSONL file gave (external ids).
 */
function project(name: string): Project {
  const p = files.project(name);
  importText(
    p,
    files.path(`${name}.jsonl`),
    jsonl(
      {
        id: 'brief-1', title: 'Briefing', date: '2016-10-20', source: 'RT', text: 'Gen. Rudskoy said 60 civilians died.',
        spans: [
          { id: 'sp-1', start: 5, end: 12, label: 'speaker', text: 'Rudskoy', cluster: { id: 1, name: 'Rudskoy' } },
          { id: 'fg-1', start: 18, end: 20, label: 'figure', text: '60', attributes: { unit: 'people' } },
          { id: 'cl-1', start: 18, end: 35, label: 'claim', text: '60 civilians died', note: 'wire copy' },
        ],
        links: [{ from: 'cl-1', to: 'sp-1', type: 'said-by' }, { from: 'sp-1', to: 'sp-2', type: 'same-as' }],
      },
      { id: 'gone', title: 'Deleted later', text: 'This one is deleted.' },
      { id: 'follow', title: 'Follow-up', text: 'Rudskoy repeated it.', spans: [{ id: 'sp-2', start: 0, end: 7, label: 'speaker', text: 'Rudskoy', cluster: { id: 1, name: 'Rudskoy' } }] },
      { id: 'empty', title: 'Nothing tagged', text: 'An article without spans.' },
    ),
  );
  p.documents.delete(openExportStream(p.db, { docs: { kind: 'all' } }).docIds[1]);
  const text = 'Bo said the claim again, and the auto layer proposed it.';
  const own = p.documents.insert({ title: 'Layers', date: null, source: null, path: 'l.txt', hash: 'layers', text, length: cpLength(text) }, 'now');
  const label = (n: string) => p.labels.list().find((l) => l.name === n)!.id;
  const bo = p.annotators.ensure('Bo Lima');
  const auto = p.annotators.ensure('auto', true);
  const boClaim = p.annotations.create({ docId: own, labelId: label('claim'), start: 8, end: 23, annotatorId: bo });
  const boSpeaker = p.annotations.create({ docId: own, labelId: label('speaker'), start: 0, end: 2, annotatorId: bo });
  p.links.create(boClaim.id, boSpeaker.id, p.links.types().find((t) => t.name === 'said-by')!.id);
  p.annotations.create({ docId: own, labelId: label('claim'), start: 33, end: 43, annotatorId: auto });
  return p;
}

const p = project('many');

const optionSets: [string, Omit<ExportOptions, 'format' | 'dest'>][] = [
  ['every layer', { docs: { kind: 'all' } }],
  ['one layer', { docs: { kind: 'all' }, layer: 'Bo Lima' }],
  ['some labels', { docs: { kind: 'all' }, labels: ['claim'] }],
  ['with proposals', { docs: { kind: 'all' }, includeProposals: true }],
  ['the auto layer', { docs: { kind: 'all' }, layer: 'auto', includeProposals: true }],
  ['absolute paths', { docs: { kind: 'all' }, absolutePaths: true }],
];

for (const [what, o] of optionSets) {
  test(`the whole-project scan gives each document what reading it alone gives: ${what}`, () => {
    const stream = openExportStream(p.db, o);
    const scanned = [...stream.docs(true)];
    assert.deepEqual(scanned, [...stream.docs(false)]);
    assert.deepEqual(scanned.map((d) => d.id), stream.docIds, 'every document, in id order');
  });
}

test('the scan finds spans and links at all: the fixture is not empty where it matters', () => {
  const docs = [...openExportStream(p.db, { docs: { kind: 'all' }, includeProposals: true }).docs(true)];
  assert.equal(docs.length, 4, 'one of five deleted');
  assert.deepEqual(docs.map((d) => [d.spans.length, d.links.length]), [[3, 2], [1, 0], [0, 0], [3, 1]]);
  assert.deepEqual(docs[0].spans.find((s) => s.label === 'figure')?.attributes, { unit: 'people' });
});

test('export.run (its own connection: the scan) and export.toFile write what the per-document reading writes, to the byte', async () => {
  const expected = exportText(p);
  const dest = files.path('run-out');
  await runExport(p, exporters, { format: 'jsonl', dest, docs: { kind: 'all' } });
  assert.equal(readFileSync(`${dest}/export.jsonl`, 'utf8'), expected);
  const file = files.path('to-file.jsonl');
  writeJsonlFile(p.db, file);
  assert.equal(readFileSync(file, 'utf8'), expected);
  assert.match(expected, /"id":"brief-1"/, 'the ids the file gave are written back');
});

test('an export cancelled mid-scan closes its cursors: nothing is written, the project takes writes meanwhile and after, and the next export runs', async () => {
  const big = files.project('big');
  for (let i = 0; i < 450; i++) {
    const text = `Article ${i} says something.`;
    const id = big.documents.insert({ title: `A${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLength(text) }, 'now');
    big.annotations.create({ docId: id, labelId: 1, start: 0, end: 7 });
  }
  const signal = { aborted: false };
  const dest = files.path('cancelled');
  await assert.rejects(
    runExport(big, exporters, { format: 'jsonl', dest, docs: { kind: 'all' } }, {
      signal,
      onProgress: ({ done }) => {
        // The writer works on while the export's cursors are open on its snapshot connection.
        big.documents.setDone(done, true);
        signal.aborted = true;
      },
    }),
    (e: unknown) => e instanceof AppError && e.name === 'Cancelled',
  );
  assert.throws(() => readFileSync(`${dest}/export.jsonl`), /ENOENT/);
  big.documents.setDone(1, false);
  const again = await runExport(big, exporters, { format: 'jsonl', dest, docs: { kind: 'all' } });
  assert.equal(again.documents, 450);
  assert.equal(again.spans, 450);
});
