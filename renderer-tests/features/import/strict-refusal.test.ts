/**
 * A strict refusal (services/formats/importers.ts, refuseDrops) is read back from its message into entries, and
 * the import command opens the report on it, with a retry that unticks Strict and sends the same files again.
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../common/errors';
import type { DroppedEntry } from '../../../common/model';
import type { PickedFile } from '../../../renderer/features/import/upload';
import { importChoice, setImportChoice } from '../../../renderer/features/import/import-options';
import { parseStrictRefusal, type ShownImportReport } from '../../../renderer/features/import/strict-refusal';
import { fakeBackend, workbenchOn } from '../../app/fakeBackend';

afterEach(() => setImportChoice({ encoding: 'detect', strict: false }));

/** The message as refuseDrops builds it: every entry a line (20 at most), then how many more. */
function refusal(dropped: DroppedEntry[]): string {
  const shown = dropped.slice(0, 20).map((d) => `\n  ${d.path}: ${d.where}: ${d.what}: ${d.why}`);
  const n = dropped.length;
  const rest = n > shown.length ? `\n  … and ${n - shown.length} more` : '';
  return `refused (strict): ${n} thing${n === 1 ? '' : 's'} would be left out, so nothing of this import was kept (its other files neither):${shown.join('')}${rest}`;
}

const zeroLength: DroppedEntry = { path: 'port.jsonl', where: 'line 1', what: 'span 0..0 "speaker"', why: 'zero-length span' };

test('a one-entry refusal gives its path, where, what and why', () => {
  assert.deepEqual(parseStrictRefusal(refusal([zeroLength])), { total: 1, entries: [zeroLength], more: 0 });
});

test('what may hold ": " (quoted or not); why and where are told apart all the same', () => {
  const entries: DroppedEntry[] = [
    { path: 'news/a.jsonl', where: 'line 4', what: 'key "source": "AP: wire"', why: 'doccano keeps it as document metadata; a Crosscheck document holds only its text' },
    { path: 'news/a.jsonl', where: 'line 5', what: 'label 1: extra elements [9,"x: y"]', why: 'a doccano span is [start, end, "label"] and its text; there is no place for more' },
    { path: 'ls.json', where: 'task 3, region r7', what: 'choices "sentiment": "neg: strong"', why: 'it answers for a region that is not a labelled text region of this annotation' },
    { path: 'b.ann', where: 'line 6', what: 'span 4..4 "PER" ""', why: 'the text there is "a: b", not the one the file gives' },
  ];
  assert.deepEqual(parseStrictRefusal(refusal(entries))?.entries, entries);
});

test('a preview cut short inside a quoted string still parts what from why', () => {
  const cut: DroppedEntry = { path: 'd.jsonl', where: 'line 2', what: 'metadata "k": {"note":"a very long value…', why: 'doccano keeps it as document metadata' };
  assert.deepEqual(parseStrictRefusal(refusal([cut]))?.entries, [cut]);
});

test('a path holding ": " is read whole when the imported paths are given', () => {
  const odd: DroppedEntry = { ...zeroLength, path: 'Re: port.jsonl' };
  assert.deepEqual(parseStrictRefusal(refusal([odd]), ['other.txt', 'Re: port.jsonl'])?.entries, [odd]);
});

test('past 20 entries the message says how many more; the total counts them all', () => {
  const many = Array.from({ length: 23 }, (_, i) => ({ ...zeroLength, where: `line ${i + 1}` }));
  const r = parseStrictRefusal(refusal(many))!;
  assert.equal(r.total, 23);
  assert.equal(r.more, 3);
  assert.deepEqual(r.entries, many.slice(0, 20));
});

test('found after a prefix added on the way; any other message is no refusal', () => {
  assert.deepEqual(parseStrictRefusal(`Error invoking remote method 'call': ${refusal([zeroLength])}`)?.entries, [zeroLength]);
  assert.equal(parseStrictRefusal('port.jsonl: line 3: "label": expected an array'), null);
  assert.equal(parseStrictRefusal('The Crosscheck server is not reachable. Is `npm run web` still running?'), null);
});

test('a refused import opens the report on the refusal (no toast); the retry unticks Strict and sends the files again', async () => {
  const backend = fakeBackend();
  const wb = workbenchOn(backend);
  await wb.commands.load();
  const sent: unknown[] = [];
  backend.answer('import.files', (args) => {
    sent.push([args.files.map((f) => f.path), args.options]);
    if (args.options?.strict) throw new AppError('InvalidInput', refusal([zeroLength]));
    return { imported: [{ path: 'port.jsonl', id: 9, title: 'Port' }], duplicates: [], skipped: [], dropped: [zeroLength] };
  });
  setImportChoice({ strict: true });
  const files: PickedFile[] = [{ path: 'port.jsonl', file: new Blob(['{}']) as File }];
  await wb.commands.importFiles(files);
  const shown = wb.state.report as ShownImportReport;
  assert.equal(wb.state.error, null);
  assert.deepEqual(shown.imported, []);
  assert.deepEqual(shown.refused?.entries, [zeroLength]);

  await shown.refused!.retryWithoutStrict!();
  assert.equal(importChoice().strict, false);
  // Strict unticked and nothing else chosen: the defaults, sent as no options at all.
  assert.deepEqual(sent, [
    [['port.jsonl'], { strict: true }],
    [['port.jsonl'], undefined],
  ]);
  assert.deepEqual((wb.state.report as ShownImportReport).refused, undefined);
  assert.deepEqual(wb.state.report?.dropped, [zeroLength], 'the report of the import that ran');
});
