import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject, type Project } from '../project.js';
import { openExportStream } from '../export/stream.js';
import { runExport } from '../export/run.js';
import { importAnnotatedPaths } from './importers.js';
import { detectFormat } from './detect.js';
import { exporters } from './index.js';
import { parseConll } from './conll-import.js';
import { collectingContext } from './types.js';
import type { ImportOptions } from '../../common/contract.js';

/** Issue 11 item 6: CoNLL files as input, through the real import path (importers.ts → parseConll → ingest). */

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'conll');

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-conll-import-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
const project = () => openProject(join(dir, `p${++seq}.crosscheck`));
/** Writes `content` to a new file named `name` and imports it (format detected unless given). */
function importText(p: Project, content: string, name = 'in.conll', format: 'auto' | 'conll' = 'auto', options?: ImportOptions) {
  const file = join(dir, `${++seq}-${name}`);
  writeFileSync(file, content);
  return { file, ...importAnnotatedPaths(p, [file], format, options ? { options } : {}) };
}
/** A fixture copied into the test folder (so that paths in messages are the test's), then imported. */
function importFixture(p: Project, name: string, format: 'auto' | 'conll' = 'auto', options?: ImportOptions) {
  const file = join(dir, `${++seq}-${name}`);
  copyFileSync(join(FIXTURES, name), file);
  return { file, ...importAnnotatedPaths(p, [file], format, options ? { options } : {}) };
}
/** Every stored document as its text and spans [text, label]. */
function stored(p: Project) {
  const { docIds, read } = openExportStream(p.db, { docs: { kind: 'all' } });
  return docIds.map(read).map((d) => ({ title: d.title, text: d.text, spans: d.spans.map((s) => [s.text, s.label]) }));
}

test('the original CoNLL-2003 layout (IOB1, POS and chunk columns): entities begun with I-, the extra columns reported as dropped', () => {
  const p = project();
  const { file, report } = importFixture(p, 'dkpro_conll2003_en-orig.conll');
  assert.deepEqual(stored(p), [
    {
      title: `${seq}-dkpro_conll2003_en-orig.conll`,
      text: 'U.N. official Ekeus heads for Baghdad .',
      spans: [
        ['U.N.', 'ORG'],
        ['Ekeus', 'PER'],
        ['Baghdad', 'LOC'],
      ],
    },
  ]);
  assert.equal(report.spans, 3);
  assert.deepEqual(report.dropped, [
    {
      path: file,
      where: 'line 1',
      what: 'columns 2–3 of 7 token lines (first: "NNP I-NP")',
      why: 'columns between the token and the tag (part of speech, chunk…) have no place in Crosscheck, which keeps tokens and entity tags',
    },
  ]);
  assert.deepEqual(report.notes, [
    `${file}: the text of each document is rebuilt from its tokens (one space between tokens, a line break between sentences); the file does not keep the original spacing.`,
    `${file}: 3 entities begin with I-, E- or L- and no B- before it (IOB1, or a repair): each was read as the start of an entity.`,
  ]);
  // --strict refuses what would be dropped: nothing of the file is kept.
  const q = project();
  assert.throws(() => importFixture(q, 'dkpro_conll2003_en-orig.conll', 'auto', { strict: true }), /refused \(strict\): 1 thing would be left out, so nothing of this import was kept[^]*line 1: columns 2–3/);
  assert.deepEqual(stored(q), []);
});

test('-DOCSTART- splits documents; blank lines split sentences; `_` placeholder columns are not a drop', () => {
  const p = project();
  const { report } = importFixture(p, 'doccano-transformer_labeling_text_label.conll2003', 'auto', { strict: true });
  const docs = stored(p);
  assert.equal(docs.length, 2);
  assert.equal(docs[0].text, 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\nNadim Ladki\nAL-AIN , United Arab Emirates 1996-12-06');
  assert.deepEqual(docs[0].spans, [
    ['JAPAN', 'LOC'],
    ['CHINA', 'PER'],
    ['Nadim Ladki', 'PER'],
    ['AL-AIN', 'LOC'],
    ['United Arab Emirates', 'LOC'],
  ]);
  assert.match(docs[1].text, /^RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER A YEAR \.\nROME /);
  assert.deepEqual(docs[1].spans.slice(0, 3), [
    ['RUGBY UNION', 'ORG'],
    ['CUTTITTA', 'PER'],
    ['ITALY', 'LOC'],
  ]);
  assert.match(docs[0].title, / #1$/);
  assert.equal(report.dropped, undefined);
  assert.equal(report.imported.length, 2);
});

test('doccano’s own CoNLL files: two TAB columns, trailing blank lines, the space-separated UI example; its invalid file is refused at line 1', () => {
  const p = project();
  importFixture(p, 'doccano_example.conll');
  importFixture(p, 'doccano_labeling.trailing.conll');
  importFixture(p, 'doccano_import_example_spaces.txt', 'conll');
  assert.deepEqual(stored(p), [
    { title: `${seq - 2}-doccano_example.conll`, text: 'JAPAN GET\nNadim Ladki', spans: [['JAPAN', 'LOC'], ['Nadim Ladki', 'PER']] },
    { title: `${seq - 1}-doccano_labeling.trailing.conll`, text: 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .', spans: [['JAPAN', 'LOC'], ['CHINA', 'PER']] },
    {
      title: `${seq}-doccano_import_example_spaces.txt`,
      text: 'EU rejects German call to boycott British lamb .\nPeter Blackburn',
      spans: [['EU', 'ORG'], ['German', 'MISC'], ['British', 'MISC'], ['Peter Blackburn', 'PER']],
    },
  ]);
  const q = project();
  const name = 'doccano_labeling.invalid.conll';
  assert.throws(() => importFixture(q, name), (e: Error) => e.message === `${join(dir, `${seq}-${name}`)}:1: "SOCCERO" is not a tag: expected O, or B-, I-, E-, S-, L- or U- and a label`);
  assert.deepEqual(stored(q), []);
});

test('one rule for IOB2, BIOES and BILOU; I- without B- and I- of another label start an entity, and the notes count them', () => {
  const ctx = collectingContext('t.conll');
  const docs = parseConll(
    ['Ann B-PER', 'Lee E-PER', 'met S-PER', 'Bob O', 'in B-LOC', 'Old I-LOC', 'York L-LOC', 'and O', 'Kyiv U-LOC', '. O', ''].join('\n'),
    't.conll',
    ctx,
  );
  const ctx2 = collectingContext('t2.conll');
  const iob2 = parseConll(['The O', 'U.N. I-ORG', 'chief I-PER', 'spoke O', 'to B-ORG', 'press I-ORG', ''].join('\n'), 't2.conll', ctx2);
  const spans = (d: (typeof docs)[number]) => d.spans.map((s) => [d.text.slice(s.start, s.end), s.label, s.text]);
  assert.deepEqual(spans(docs[0]), [
    ['Ann Lee', 'PER', 'Ann Lee'],
    ['met', 'PER', 'met'],
    ['in Old York', 'LOC', 'in Old York'],
    ['Kyiv', 'LOC', 'Kyiv'],
  ]);
  assert.deepEqual(spans(iob2[0]), [
    ['U.N.', 'ORG', 'U.N.'],
    ['chief', 'PER', 'chief'],
    ['to press', 'ORG', 'to press'],
  ]);
  assert.equal(ctx.notes.length, 1, 'BIOES and BILOU begin every entity with B-, S- or U-');
  assert.equal(ctx2.notes[1], 't2.conll: 2 entities begin with I-, E- or L- and no B- before it (IOB1, or a repair): each was read as the start of an entity.');
  assert.deepEqual([...ctx.dropped, ...ctx2.dropped], []);
});

test('a sentence break ends an entity; offsets are code points; CRLF and CR line ends; a BOM', () => {
  const p = project();
  importText(p, '\uFEFF-DOCSTART- -X- O O\r\n\r\n👍\tO\r\nZoë\tB-PER\r\n\r\nKim\tI-PER\rsaid\tO\r\r-DOCSTART-\tO\r\nx\tB-PER\r\n');
  const { docIds, read } = openExportStream(p.db, { docs: { kind: 'all' } });
  const [a, b] = docIds.map(read);
  assert.equal(a.text, '👍 Zoë\nKim said');
  assert.deepEqual(
    a.spans.map((s) => [s.start, s.end, s.text]),
    [
      [2, 5, 'Zoë'],
      [6, 9, 'Kim'],
    ],
  );
  assert.equal(b.text, 'x');
});

test('syntax breaks name file and line: one column, a column count unlike the first token line, an unknown tag', () => {
  const p = project();
  const cases: [string, RegExp][] = [
    ['a O\nb\n', /:2: "b" has one column/],
    ['a NN O\nb O\n', /:2: 2 columns, where the file's first token line has 3/],
    ['a O\nb B_PER\n', /:2: "B_PER" is not a tag/],
    ['a O\nb I-\n', /:2: "I-" is not a tag/],
    ['\n\n-DOCSTART- -X- O O\n\n', /: no token lines/],
  ];
  for (const [content, message] of cases) assert.throws(() => importText(p, content), message, content);
  assert.deepEqual(stored(p), []);
});

test('--label-names maps the file’s labels; a TAB file may hold a token with a space', () => {
  const p = project();
  const { report } = importText(p, 'New York\tB-LOC\nsaid\tO\nPutin\tB-PER\n', 'x.iob', 'auto', { strict: false, labelNames: { PER: 'speaker' } });
  assert.deepEqual(stored(p)[0].spans, [
    ['New York', 'LOC'],
    ['Putin', 'speaker'],
  ]);
  assert.ok(report.labelsAdded?.includes('LOC'));
});

test('detection: .conll .iob .bio .conll2003 are CoNLL; a .txt stays plain text unless --format conll', () => {
  for (const ext of ['conll', 'iob', 'bio', 'conll2003', 'CONLL']) {
    const file = join(dir, `d.${ext}`);
    writeFileSync(file, 'a O\n');
    assert.equal(detectFormat(file), 'conll', ext);
  }
  const txt = join(dir, 'd.txt');
  writeFileSync(txt, 'a O\n');
  assert.equal(detectFormat(txt), 'text');
});

test('our own export imports back: the same tokens, sentences and entities (the DOCSTART line spaCy wants splits documents)', async () => {
  const p = project();
  importText(p, '-DOCSTART- -X- O O\n\nSergey B-speaker\nRudskoy I-speaker\nsaid O\n60 B-figure\ndied O\n. O\n\nRT B-source\nreports O\n');
  importText(p, '-DOCSTART- -X- O O\n\nSecond O\ndocument B-claim\n');
  const out = join(dir, `export-${++seq}`);
  await runExport(p, exporters, { format: 'conll', dest: out, docs: { kind: 'all' } });
  const q = project();
  const exported = join(out, 'export.conll');
  const { report } = importAnnotatedPaths(q, [exported], 'auto', { options: { strict: true } });
  assert.equal(report.imported.length, 2);
  assert.deepEqual(
    stored(q).map((d) => [d.text, d.spans]),
    stored(p).map((d) => [d.text, d.spans]),
  );
});
