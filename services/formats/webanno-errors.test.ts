/** WebAnno TSV3: errors (file:line), field counts against the header, the report's dropped entries, escapes. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { importAnnotatedPaths } from './importers.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';
import { splitUnescaped, unescapeText3, unescapeValue } from './webanno-escapes.js';
import { fixture, spans } from './webanno-test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-webanno-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('errors name file:line and the reason', () => {
  const cases: [string, RegExp][] = [
    ['hello\n', /^bad\.tsv:1: not a WebAnno TSV 3 file/],
    ['#FORMAT=WebAnno TSV 2.0\n', /^bad\.tsv:1: not a WebAnno TSV 3 file/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n1-1\t0-3\tone\t_\n', /^bad\.tsv:5: a token line outside a sentence/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=one\n1-1\t0-3\tone\n', /^bad\.tsv:6: expected 4 tab-separated fields .* found 3$/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=one\n1-1\t0-9\tone\t_\n', /^bad\.tsv:6: token 1-1 ends at 9, past the end of the text so far \(4 UTF-16 units\)$/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=one\n1-1\tzero-3\tone\t_\n', /^bad\.tsv:6: "zero-3" is not begin-end offsets$/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=one\n\n1-1\t0-3\tone\t_\n', /^bad\.tsv:5: a sentence without token lines/],
    ['#FORMAT=WebAnno TSV 3.3\n#T_RL=x.Rel|value\n\n\n#Text=one\n1-1\t0-3\tone\t_\n', /^bad\.tsv:2: relation layer x\.Rel has no BT_ column/],
    [
      '#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n#T_RL=x.Rel|value|BT_x.Span\n\n\n#Text=one\n1-1\t0-3\tone\tA\tr\t1-7\n',
      /^bad\.tsv:7: 1-7 names no token of this file$/,
    ],
    ['#FORMAT=WebAnno TSV 3.3\n#T_SP=x.Span|value\n\n\n#Text=one\n1-1\t0-3\tone\tA[x]\n', /^bad\.tsv:6: "A\[x\]": \[x\] is not a number$/],
    [
      '#FORMAT=WebAnno TSV 3.3\n#T_CH=x.CorefLink|referenceType|referenceRelation\n\n\n#Text=one\n1-1\t0-3\tone\tpr[1]\tcoref\n',
      /^bad\.tsv:6: "coref": a chain link must end in ->chain-element$/,
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseWebAnnoTsv3(text, 'bad.tsv'),
      (e: Error) => {
        assert.equal(e.name, 'InvalidInput');
        assert.match(e.message, message);
        return true;
      },
      String(message),
    );
  }
});

test('issue 11 item 10: a row with fewer or more fields than the header declares is refused, naming the line and both counts', () => {
  // A header declaring two layers, rows with one column: the NE value would have been read as POS.
  const oneColumn = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue',
    '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value',
    '',
    '',
    '#Text=Ms. Haag plays',
    '1-1\t0-3\tMs.\tPER\t',
    '1-2\t4-8\tHaag\tPER\t',
    '1-3\t9-14\tplays\t_\t',
  ].join('\n');
  assert.throws(
    () => parseWebAnnoTsv3(oneColumn, 'two-layers.tsv'),
    (e: Error) => {
      assert.equal(e.name, 'InvalidInput');
      assert.equal(e.message, 'two-layers.tsv:7: expected 5 tab-separated fields as the header declares (id, offsets, token and 2 layer column(s)), found 4');
      return true;
    },
  );
  const tooMany = oneColumn.replace('1-2\t4-8\tHaag\tPER\t', '1-2\t4-8\tHaag\tNNP\tPER\tx\t').replace('1-1\t0-3\tMs.\tPER\t', '1-1\t0-3\tMs.\tNNP\tPER\t');
  assert.throws(() => parseWebAnnoTsv3(tooMany, 'two-layers.tsv'), /^InvalidInput: two-layers\.tsv:8: expected 5 tab-separated fields .*, found 6$/);
  // The tab INCEpTION writes after the last column is optional; the values land in their own layers.
  const right = tooMany.replace('1-2\t4-8\tHaag\tNNP\tPER\tx\t', '1-2\t4-8\tHaag\tNNP\tPER').replace('1-3\t9-14\tplays\t_\t', '1-3\t9-14\tplays\tVBZ\t_\t');
  const d = parseWebAnnoTsv3(right, 'two-layers.tsv');
  assert.deepEqual(
    d.spans.map((s) => [s.attributes?.layer.split('.').pop(), s.label, s.text]),
    [
      ['POS', 'NNP', 'Ms.'],
      ['NamedEntity', 'PER', 'Ms.'],
      ['POS', 'NNP', 'Haag'],
      ['NamedEntity', 'PER', 'Haag'],
      ['POS', 'VBZ', 'plays'],
    ],
  );
});

test('the import of a WebAnno file reports what it left out in the report, with lines, and --strict refuses it', () => {
  const file = join(dir, 'rel.tsv');
  writeFileSync(file, fixture('testSingleTokenRelationWithFeatureValue.tsv'));
  const p = openProject(join(dir, 'report.crosscheck'));
  const { report } = importAnnotatedPaths(p, [file], 'webanno');
  assert.equal(report.imported.length, 1);
  assert.deepEqual(report.dropped?.map((x) => [x.path, x.where, x.what]), [[file, 'line 10', 'a Relation relation']]);
  assert.deepEqual(report.skipped, [], 'no longer a skipped note');
  const zero = join(dir, 'zero.tsv');
  writeFileSync(zero, fixture('testZeroLengthSpansWithFeatureValues.tsv'));
  p.close();
  const q = openProject(join(dir, 'strict.crosscheck'));
  assert.throws(() => importAnnotatedPaths(q, [zero], 'webanno', { options: { strict: true } }), /refused \(strict\): 2 things would be left out, so nothing of this import was kept[^]*zero\.tsv: line 7: span 0\.\.0 "PERSON"/);
  assert.deepEqual(q.db.prepare('SELECT COUNT(*) AS n FROM documents').get(), { n: 0 }, 'nothing of the refused file is kept');
  q.close();
});

test('escape helpers: values, #Text= lines, separators that count only when not escaped', () => {
  assert.equal(unescapeValue('a\\->b\\|c\\_\\*\\;\\[x\\]\\\\'), 'a->b|c_*;[x]\\');
  assert.equal(unescapeValue('\\\\n'), '\\n', 'an escaped backslash then n, not a line break');
  assert.equal(unescapeValue('\\t\\n'), '\t\n');
  assert.equal(unescapeText3('a\\tb\\nc\\\\d\\re'), 'a\tb\nc\\d\re');
  assert.equal(unescapeText3('a\\\\tb'), 'a\\tb');
  assert.equal(unescapeText3('bell\\\u0007'), 'bell\u0007', 'a control character escaped with a backslash');
  assert.deepEqual(splitUnescaped('A[1]|B\\|C|D', '|'), ['A[1]', 'B\\|C', 'D']);
  assert.deepEqual(splitUnescaped('A\\\\|B', '|'), ['A\\\\', 'B'], 'an escaped backslash does not escape the separator');
  assert.deepEqual(splitUnescaped('p1;p2', ';'), ['p1', 'p2']);
});

test('values ending in an escaped ] or containing an escaped -> are values, not ids', () => {
  const file = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=x.Span|value',
    '',
    '',
    '#Text=one two',
    '1-1\t0-3\tone\ta\\[1\\]\t',
    '1-2\t4-7\ttwo\tx\\->1-1\t',
  ].join('\n');
  assert.deepEqual(spans(parseWebAnnoTsv3(file, 'esc.tsv')), [
    ['a[1]', 'one'],
    ['x->1-1', 'two'],
  ]);
});
