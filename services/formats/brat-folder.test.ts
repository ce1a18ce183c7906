import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBratFolder } from './brat-folder.js';
import type { BratIssue } from './brat-import.js';
import { collectingContext } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-brat-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('cross-document-links.tsv: a row naming an unknown document or T is an error with file:line', () => {
  const sub = join(dir, 'cross');
  mkdirSync(sub);
  writeFileSync(join(sub, '1.txt'), 'Ann here.');
  writeFileSync(join(sub, '1.ann'), 'T5\tPER 0 3\tAnn\n');
  writeFileSync(join(sub, '2.txt'), 'Ann there.');
  writeFileSync(join(sub, '2.ann'), 'T6\tPER 0 3\tAnn\n');
  writeFileSync(join(sub, 'cross-document-links.tsv'), 'from_doc\tfrom_T\tto_doc\tto_T\ttype\n1\tT5\t2\tT6\tsame-as\n');
  const docs = parseBratFolder(sub);
  assert.deepEqual(docs[0].links, [{ from: '1:T5', to: '2:T6', type: 'same-as' }]);
  writeFileSync(join(sub, 'cross-document-links.tsv'), 'from_doc\tfrom_T\tto_doc\tto_T\ttype\n1\tT5\t2\tT6\tsame-as\n1\tT5\t2\tT7\tcites\n');
  assert.throws(() => parseBratFolder(sub), /cross-document-links\.tsv:3: 2\.ann has no T7/);
  writeFileSync(join(sub, 'cross-document-links.tsv'), 'from_doc\tfrom_T\tto_doc\tto_T\ttype\n9\tT5\t2\tT6\tsame-as\n');
  assert.throws(() => parseBratFolder(sub), /cross-document-links\.tsv:2: no document 9/);
  writeFileSync(join(sub, 'cross-document-links.tsv'), 'from\tto\n');
  assert.throws(() => parseBratFolder(sub), /cross-document-links\.tsv:1: expected the header/);

  // A row naming a T the import left out (its text column disagrees) is dropped with its line, not refused.
  writeFileSync(join(sub, '2.ann'), 'T6\tPER 0 3\tBob\n');
  writeFileSync(join(sub, 'cross-document-links.tsv'), 'from_doc\tfrom_T\tto_doc\tto_T\ttype\n1\tT5\t2\tT6\tsame-as\n');
  const ctx = collectingContext(sub);
  const kept = parseBratFolder(sub, [], undefined, ctx);
  assert.deepEqual(kept.flatMap((d) => d.links), []);
  assert.deepEqual(
    ctx.dropped.map((d) => [d.path, d.where, d.what, d.why.replace(/ \(.*/, '')]),
    [
      [join(sub, '2.ann'), 'line 1', 'T6 PER 0..3 "Bob"', 'T6 says its text is "Bob", but the text at 0..3 is "Ann"'],
      [join(sub, 'cross-document-links.tsv'), 'line 2', 'a same-as link 1 T5 → 2 T6', 'it names T6 of 2.ann, which was not imported'],
    ],
  );
});

test('a .txt of only invisible characters is an empty text: skipped with the reason, not refused', () => {
  const sub = join(dir, 'blank');
  mkdirSync(sub);
  writeFileSync(join(sub, 'z.txt'), '\u200b\u200b\n');
  writeFileSync(join(sub, 'z.ann'), '');
  writeFileSync(join(sub, 'y.txt'), 'Kept.');
  writeFileSync(join(sub, 'y.ann'), '');
  const issues: BratIssue[] = [];
  assert.deepEqual(parseBratFolder(sub, issues).map((d) => d.text), ['Kept.']);
  assert.deepEqual(issues, [{ path: join(sub, 'z.txt'), reason: 'empty text; skipped' }]);
});

test('folder walk: pairs only (a lone .txt or .ann is reported), sub-folders in name order, the nearest annotation.conf, link loops once', () => {
  const root = join(dir, 'walk');
  mkdirSync(join(root, 'b', 'inner'), { recursive: true });
  mkdirSync(join(root, 'a'), { recursive: true });
  writeFileSync(join(root, 'README.txt'), 'Not a document.');
  writeFileSync(join(root, 'annotation.conf'), '# crosscheck-name\tentity\tclaim_type\t"claim type"\n[entities]\nclaim_type\n[relations]\n[events]\n[attributes]\n');
  writeFileSync(join(root, 'b', 'inner', '10.txt'), 'Ten.');
  writeFileSync(join(root, 'b', 'inner', '10.ann'), 'T1\tclaim_type 0 3\tTen\n');
  writeFileSync(join(root, 'b', 'inner', '9.txt'), 'Nine.');
  writeFileSync(join(root, 'b', 'inner', '9.ann'), '');
  writeFileSync(join(root, 'a', 'x.txt'), 'Ex.');
  writeFileSync(join(root, 'a', 'x.ann'), 'T1\tclaim_type 0 2\tEx\n');
  writeFileSync(join(root, 'a', 'annotation.conf'), '[entities]\nOther\n');
  writeFileSync(join(root, 'a', 'lonely.ann'), '');
  symlinkSync(root, join(root, 'b', 'loop'));
  const issues: BratIssue[] = [];
  const ctx = collectingContext(root);
  const docs = parseBratFolder(root, issues, undefined, ctx);
  assert.deepEqual(docs.map((d) => [d.spans[0]?.key ?? d.title, d.spans[0]?.label]), [
    ['a/x:T1', 'claim_type'],
    ['9', undefined],
    ['b/inner/10:T1', 'claim type'],
  ]);
  assert.deepEqual(issues.map((i) => [i.path.slice(root.length + 1), i.reason]), [
    ['README.txt', 'no README.ann beside it; skipped (import it as plain text to get the document)'],
    ['a/lonely.ann', 'no lonely.txt beside it; skipped'],
  ]);
  assert.deepEqual(ctx.notes, [`type claim_type (in ${join(root, 'a', 'x.ann')}) is not declared in annotation.conf; imported as a label all the same`]);
});
