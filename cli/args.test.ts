import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli, UsageError } from './args.js';

test('import options: --strict, --offsets, --encoding and --label-names reach the parsed command', () => {
  const a = parseCli(['import', 'a.jsonl', '--db', 'p.crosscheck', '--strict', '--offsets', 'grapheme', '--encoding', 'windows-1250', '--label-names', '7=claim, 8 = speaker ,9=figure']);
  assert.equal(a.command, 'import');
  if (a.command !== 'import') return;
  assert.equal(a.strict, true);
  assert.equal(a.offsets, 'grapheme');
  assert.equal(a.encoding, 'windows-1250');
  assert.deepEqual(a.labelNames, { '7': 'claim', '8': 'speaker', '9': 'figure' });
  const plain = parseCli(['import', 'a.txt', '--db', 'p.crosscheck']);
  if (plain.command !== 'import') return;
  assert.equal(plain.strict, false);
  assert.equal(plain.offsets, undefined);
  assert.equal(plain.labelNames, undefined);
});

test('export options: --offsets, --sentences, --singletons, --absolute-paths', () => {
  const a = parseCli(['export', '--db', 'p', '--format', 'doccano', '--out', 'o', '--offsets', 'codepoint', '--sentences', '--singletons', '--absolute-paths']);
  if (a.command !== 'export') return assert.fail('export expected');
  assert.deepEqual([a.offsets, a.sentences, a.singletons, a.absolutePaths], ['codepoint', true, true, true]);
});

test('a bad --offsets or --label-names is a usage error that says what it takes', () => {
  assert.throws(() => parseCli(['import', 'a', '--db', 'p', '--offsets', 'bytes']), (e: Error) => e instanceof UsageError && /--offsets is one of codepoint, utf16, grapheme \(got bytes\)/.test(e.message));
  assert.throws(() => parseCli(['import', 'a', '--db', 'p', '--label-names', '7:claim']), (e: Error) => e instanceof UsageError && /id=name pairs such as 7=claim/.test(e.message));
});
