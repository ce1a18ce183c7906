/**
 * The import options (encoding, strict) reach `import.files`, and the report keeps what was dropped and the notes
 * of every batch (issue 11). The report dialog itself is checked in a browser: e2e/import-report.spec.ts.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportReport } from '../../../common/model';
import { contract } from '../../../common/contract';
import type { PickedFile } from '../../../renderer/features/import/upload';
import { uploadFiles } from '../../../renderer/features/import/upload';
import {
  asksForEncoding,
  describeChoice,
  importChoice,
  setImportChoice,
  toImportOptions,
} from '../../../renderer/features/import/import-options';
import { fakeBackend, workbenchOn } from '../../app/fakeBackend';

afterEach(() => setImportChoice({ encoding: 'detect', strict: false }));

const picked = (path: string, body: string): PickedFile => ({ path, file: new Blob([body]) as File });
const empty = (): ImportReport => ({ imported: [], duplicates: [], skipped: [] });
test('the defaults send no options; a named encoding and strict are sent as the contract takes them', () => {
  assert.equal(toImportOptions({ encoding: 'detect', strict: false }), undefined);
  assert.equal(toImportOptions({ encoding: '  ', strict: false }), undefined, 'a blank name means detect');
  assert.deepEqual(toImportOptions({ encoding: ' windows-1250 ', strict: false }), { strict: false, encoding: 'windows-1250' });
  assert.deepEqual(toImportOptions({ encoding: 'Detect', strict: true }), { strict: true });
  assert.equal(describeChoice({ encoding: 'KOI8-R', strict: true }), 'KOI8-R · strict');
  assert.equal(describeChoice({ encoding: 'detect', strict: false }), '');
});

test('importing sends the chosen options with every batch through the workbench command', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const seen: unknown[] = [];
  backend.answer('import.files', (args) => {
    seen.push(args.options);
    return empty();
  });
  setImportChoice({ encoding: 'windows-1250', strict: true });
  assert.deepEqual(importChoice(), { encoding: 'windows-1250', strict: true });
  await wb.commands.importFiles([picked('rzad.txt', 'x')]);
  setImportChoice({ encoding: 'detect', strict: false });
  await wb.commands.importFiles([picked('rzad.txt', 'x')]);
  assert.deepEqual(seen, [{ strict: true, encoding: 'windows-1250' }, undefined]);
});

test('dropped entries and notes of every batch are kept in the report', async () => {
  const dropped = (path: string) => ({ path, where: 'line 3', what: 'span 5..5 "claim"', why: 'zero-length span' });
  let call = 0;
  const report = await uploadFiles(
    async () => {
      call++;
      return { ...empty(), dropped: [dropped(`f${call}.jsonl`)], notes: [`note ${call}`] };
    },
    // Two files over the 16 MB batch budget would be slow to build; the batch splits on count instead.
    Array.from({ length: 401 }, (_, i) => picked(`f${i}.txt`, 'x')),
    () => {},
  );
  assert.equal(call, 2);
  assert.deepEqual(report.dropped, [dropped('f1.jsonl'), dropped('f2.jsonl')]);
  assert.deepEqual(report.notes, ['note 1', 'note 2']);
});

test('refusals that a named encoding can resolve are told apart from other skips', () => {
  const reason = 'cannot decode text (not UTF-8; could be windows-1250 ("Rząd") or ISO-8859-2 ("Rzšd"); name one with --encoding)';
  assert.ok(asksForEncoding(reason));
  assert.ok(asksForEncoding('cannot decode text (not UTF-8, and the encoding could not be recognised)'));
  assert.ok(!asksForEncoding('binary file (PNG image)'));
  assert.ok(!asksForEncoding('empty file (only whitespace)'));
});

test('a file whose name is too long is refused alone, with a reason, and the rest of the batch is sent within the contract (a tester: a 5,000-character name)', async () => {
  const long = `corpus/${'x'.repeat(5000)}.txt`;
  const sent: string[][] = [];
  const report = await uploadFiles(
    async (batch) => {
      // What the backend would check first: the whole call's arguments.
      contract['import.files'].args.parse({ files: batch });
      sent.push(batch.map((f) => f.path));
      return { ...empty(), imported: batch.map((f, i) => ({ path: f.path, id: i + 1, title: f.path })) };
    },
    [picked('corpus/a.txt', 'First'), picked(long, 'Second'), picked('corpus/b.txt', 'Third')],
    () => {},
  );
  assert.deepEqual(sent, [['corpus/a.txt', 'corpus/b.txt']]);
  assert.deepEqual(report.imported.map((i) => i.path), ['corpus/a.txt', 'corpus/b.txt']);
  assert.deepEqual(report.skipped, [{ path: long, reason: 'the name is too long (5,004 characters; a file name holds at most 255 bytes)' }]);
});

test('a path over the contract\'s bound is refused before it is sent, even when each name in it is short', async () => {
  const deep = `${'folder/'.repeat(600)}a.txt`;
  const report = await uploadFiles(async (batch) => ({ ...empty(), imported: batch.map((f, i) => ({ path: f.path, id: i + 1, title: '' })) }), [picked(deep, 'x'), picked('ok.txt', 'y')], () => {});
  assert.deepEqual(report.imported.map((i) => i.path), ['ok.txt']);
  assert.deepEqual(report.skipped, [{ path: deep, reason: 'the path is too long (4,205 characters; the limit is 4,096)' }]);
});
