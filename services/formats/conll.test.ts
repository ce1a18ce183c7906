import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conllDocument, conllExporter, conllTokens, OVERLAP_RULE } from './conll.js';
import type { ExportContext, ExportDoc, ExportSpan, Sink } from './types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'conll');

const cpLen = (s: string) => Array.from(s).length;
let nextId = 1;
function span(text: string, needle: string, label: string, nth = 0): ExportSpan {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1);
  assert.ok(u >= 0, needle);
  const start = cpLen(text.slice(0, u));
  return { id: nextId++, start, end: start + cpLen(needle), label, text: needle, note: '', attributes: {}, cluster: null, annotator: 'ana' };
}
function doc(id: number, text: string, spans: ExportSpan[]): ExportDoc {
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  return { id, title: `Doc ${id}`, date: null, source: null, path: null, text, done: false, split: null, spans, links: [] };
}
const ctx = {} as ExportContext;

function run(docs: ExportDoc[]) {
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  conllExporter.begin?.(ctx, sink);
  for (const d of docs) conllExporter.doc(d, ctx, sink);
  const notes = conllExporter.end?.(ctx, sink)?.notes ?? [];
  return { files, notes };
}

/** A CoNLL reader as training scripts write it: documents at -DOCSTART-, sentences at blank lines, tag = last column. */
function readConll(text: string) {
  const docs: { tokens: string[]; tags: string[] }[][] = [];
  let sentence: { tokens: string[]; tags: string[] } | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      docs.push([]);
      sentence = null;
    } else if (line.trim() === '') sentence = null;
    else {
      const cols = line.split(/\s+/);
      if (!sentence) docs[docs.length - 1].push((sentence = { tokens: [], tags: [] }));
      sentence.tokens.push(cols[0]);
      sentence.tags.push(cols[cols.length - 1]);
    }
  }
  return docs;
}

/** IOB2: every I-X follows B-X or I-X of the same label, within a sentence. */
function assertIob2(tags: string[]) {
  tags.forEach((t, i) => {
    assert.match(t, /^(O|[BI]-\S+)$/);
    if (t.startsWith('I-')) assert.ok(i > 0 && tags[i - 1].slice(1) === t.slice(1), `${tags.join(' ')}: ${t} at ${i} continues nothing`);
  });
}

test('tokens: letter/digit runs with combining marks, one grapheme for punctuation, emoji ZWJ sequences and flags', () => {
  assert.deepEqual(
    conllTokens('Hi, 👩‍👩‍👧! cafe\u0301 🇺🇦 1996-12-06 👍🏽\u200b x').map((t) => [t.text, t.start, t.end]),
    [
      ['Hi', 0, 2],
      [',', 2, 3],
      ['👩‍👩‍👧', 4, 9],
      ['!', 9, 10],
      ['cafe\u0301', 11, 16],
      ['🇺🇦', 17, 19],
      ['1996', 20, 24],
      ['-', 24, 25],
      ['12', 25, 27],
      ['-', 27, 28],
      ['06', 28, 30],
      ['👍🏽', 31, 33],
      ['x', 35, 36],
    ],
  );
});

test('exact output: emoji before the spans, a nested span dropped by the overlap rule, two documents', () => {
  const text = 'Gen. Sergey Rudskoy 👩‍👩‍👧 said: 60 civilians killed.\nRT 🇺🇦 reports.';
  const speaker = span(text, 'Sergey Rudskoy', 'speaker');
  const claim = span(text, '60 civilians killed', 'claim');
  const figure = span(text, '60', 'figure');
  const family = span(text, '👩‍👩‍👧', 'emoji thing');
  const partial = span(text, 'epor', 'claim'); // inside one token: the token is tagged
  const { files, notes } = run([doc(1, text, [speaker, claim, figure, family, partial]), doc(2, 'Nothing here.', [])]);
  assert.equal(
    files.get('export.conll'),
    [
      '-DOCSTART- -X- O O',
      '',
      'Gen\tO',
      '.\tO',
      'Sergey\tB-speaker',
      'Rudskoy\tI-speaker',
      '👩‍👩‍👧\tB-emoji_thing',
      'said\tO',
      ':\tO',
      '60\tB-claim',
      'civilians\tI-claim',
      'killed\tI-claim',
      '.\tO',
      '',
      'RT\tO',
      '🇺🇦\tO',
      'reports\tB-claim',
      '.\tO',
      '',
      '-DOCSTART- -X- O O',
      '',
      'Nothing\tO',
      'here\tO',
      '.\tO',
      '',
      '',
    ].join('\n'),
  );
  assert.deepEqual(notes, [
    `CoNLL has one tag per token: dropped 1 overlapping span (rule: ${OVERLAP_RULE}).`,
    'Tags cannot hold spaces: "emoji thing" → emoji_thing.',
  ]);
});

test('overlap rule: the longest span wins, then the earliest, then the lowest id; spans sharing only a token conflict too', () => {
  const text = 'Ann Bob Cyd Dee';
  const ab = span(text, 'Ann Bob', 'x');
  const bc = span(text, 'Bob Cyd', 'y'); // as long as ab, later: dropped when both compete
  const abc = span(text, 'Ann Bob Cyd', 'z'); // longest: kept
  const dee = span(text, 'Dee', 'w');
  const de = span(text, 'De', 'v'); // shares the token Dee with a longer span
  const ws = span(text, ' ', 'u');
  const out = conllDocument(text, [ab, bc, abc, dee, de, ws]);
  assert.equal(out.text, '-DOCSTART- -X- O O\n\nAnn\tB-z\nBob\tI-z\nCyd\tI-z\nDee\tB-w\n\n');
  assert.equal(out.dropped, 3);
  assert.equal(out.empty, 1);
  assert.equal(cpLen(ab.text), cpLen(bc.text));
  const tie = conllDocument(text, [ab, bc]);
  assert.match(tie.text, /Ann\tB-x\nBob\tI-x\nCyd\tO/, 'equal length: the earlier one');
  const sameSpan = { ...ab, id: 1_000 };
  const lowest = conllDocument(text, [sameSpan, { ...ab, label: 'first' }]);
  assert.match(lowest.text, /Ann\tB-first/, 'same extent: the lower id');
});

test('a span across a sentence break keeps its sentences together; a line break ends a sentence otherwise', () => {
  const text = 'He said it. Then he left.\nNew line here. Last one.';
  const across = span(text, 'it. Then', 'claim');
  const out = conllDocument(text, [across]);
  const [sentences] = readConll(out.text);
  assert.deepEqual(
    sentences.map((s) => s.tokens.join(' ')),
    ['He said it . Then he left .', 'New line here .', 'Last one .'],
  );
  assert.deepEqual(sentences[0].tags, ['O', 'O', 'B-claim', 'I-claim', 'I-claim', 'O', 'O', 'O']);
});

test('format matches the CoNLL-2003 fixtures: header, blank lines, IOB2; TAB-separated like doccano’s importer wants', () => {
  const fixture = readFileSync(join(FIXTURES, 'doccano-transformer_labeling_text_label.conll2003'), 'utf8');
  const text = 'SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\nNadim Ladki\nAL-AIN, United Arab Emirates 1996-12-06';
  const ours = run([
    doc(1, text, [span(text, 'JAPAN', 'LOC'), span(text, 'CHINA', 'PER'), span(text, 'Nadim Ladki', 'PER'), span(text, 'AL-AIN', 'LOC'), span(text, 'United Arab Emirates', 'LOC')]),
  ]).files.get('export.conll')!;

  const theirs = readConll(fixture);
  const mine = readConll(ours);
  // Same layout: the header line, then a blank line; a blank line after every sentence; nothing else. The header
  // differs in one column: ours is the line spaCy splits documents at (see the module comment).
  assert.equal(fixture.split('\n')[0], '-DOCSTART- -X- -X- O');
  assert.equal(ours.split('\n')[0], '-DOCSTART- -X- O O');
  for (const file of [fixture, ours]) {
    const lines = file.split('\n');
    assert.match(lines[0], /^-DOCSTART- -X- (-X-|O) O$/);
    assert.equal(lines[1], '');
    assert.ok(file.endsWith('\n\n'), 'a blank line closes the last sentence');
    assert.doesNotMatch(file, /\n\n\n/, 'never two blank lines in a row');
  }
  assert.deepEqual(theirs[0].slice(1, 2).map((s) => [s.tokens, s.tags]), mine[0].slice(1, 2).map((s) => [s.tokens, s.tags]), 'Nadim Ladki: same tokens and tags');
  assert.deepEqual(mine[0][0].tags.filter((t) => t !== 'O'), theirs[0][0].tags.filter((t) => t !== 'O'));
  for (const d of [...theirs, ...mine]) for (const s of d) assertIob2(s.tags);
  // Our lines are token<TAB>tag, as doccano's two-column example; tokens never contain white space.
  const doccano = readFileSync(join(FIXTURES, 'doccano_example.conll'), 'utf8');
  for (const file of [ours, doccano]) {
    for (const line of file.split('\n')) if (line && !line.startsWith('-DOCSTART-')) assert.match(line, /^\S+\t(O|[BI]-\S+)$/);
  }
  // The original CoNLL-2003 file is IOB1 (I- with no B-): readers that take the last column read ours the same way.
  const orig = readConll('-DOCSTART- -X- -X- O\n\n' + readFileSync(join(FIXTURES, 'dkpro_conll2003_en-orig.conll'), 'utf8'));
  assert.deepEqual(orig[0][0].tags, ['I-ORG', 'O', 'I-PER', 'O', 'O', 'I-LOC', 'O']);
});

test('every split folder gets its own file; notes count per folder', () => {
  const files = new Map<string, string>();
  const sinks = ['train', 'test'].map((name) => ({ write: (p: string, t: string) => void files.set(`${name}/${p}`, (files.get(`${name}/${p}`) ?? '') + t) }));
  const text = 'Ann Bob';
  conllExporter.doc(doc(1, text, [span(text, 'Ann Bob', 'x'), span(text, 'Bob', 'y')]), ctx, sinks[0]);
  conllExporter.doc(doc(2, text, [span(text, 'Ann', 'x')]), ctx, sinks[1]);
  assert.deepEqual(conllExporter.end?.(ctx, sinks[0])?.notes, [`CoNLL has one tag per token: dropped 1 overlapping span (rule: ${OVERLAP_RULE}).`]);
  assert.deepEqual(conllExporter.end?.(ctx, sinks[1])?.notes, []);
  assert.equal(files.get('test/export.conll'), '-DOCSTART- -X- O O\n\nAnn\tB-x\nBob\tO\n\n');
});

test('item 13: a discontinuous span (brat `T1 claim 0 12;35 55`) is one entity per fragment, its gap words O, counted in the notes', () => {
  const text = 'Mosul strike killed, the ministry said, 60 civilians there.';
  const claim: ExportSpan = { ...span(text, 'Mosul strike killed, the ministry said, 60 civilians', 'claim'), attributes: { fragments: '0-19;40-52' } };
  const inGap = span(text, 'ministry', 'source'); // inside the gap: shares no token with the claim, so kept
  const { files, notes } = run([doc(1, text, [claim, inGap])]);
  const [[sentence]] = readConll(files.get('export.conll')!);
  assert.deepEqual(
    sentence.tokens.map((t, i) => `${t} ${sentence.tags[i]}`),
    [
      'Mosul B-claim',
      'strike I-claim',
      'killed I-claim',
      ', O',
      'the O',
      'ministry B-source',
      'said O',
      ', O',
      '60 B-claim',
      'civilians I-claim',
      'there O',
      '. O',
    ],
  );
  assertIob2(sentence.tags);
  // The fragments attribute is written as fragments, so it is not among the attributes CoNLL leaves out.
  assert.deepEqual(notes, ['1 discontinuous span written as 2 separate entities (one per fragment, B- at each; the words in the gaps are O).']);
});

test('fragments whose tokens touch are one entity; a discontinuous span competes whole under the overlap rule', () => {
  const text = 'Ann Bob Cyd Dee Eve';
  const touching: ExportSpan = { ...span(text, 'Ann Bob', 'x'), attributes: { fragments: '0-3;4-7' } }; // the gap is a space
  const out = conllDocument(text, [touching]);
  assert.match(out.text, /Ann\tB-x\nBob\tI-x\nCyd\tO/);
  assert.equal(out.discontinuous, 0);
  const split: ExportSpan = { ...span(text, 'Ann Bob Cyd Dee', 'y'), attributes: { fragments: '0-3;12-15' } };
  // The overlap rule ranks by extent (first start to last end): 15 code points beat 11, and the two share "Dee".
  const longer = span(text, 'Cyd Dee Eve', 'z');
  const both = conllDocument(text, [split, longer]);
  assert.match(both.text, /Ann\tB-y\nBob\tO\nCyd\tO\nDee\tB-y\nEve\tO/);
  assert.equal(both.dropped, 1);
  assert.equal(both.fragments, 2);
});

test('what CoNLL cannot hold is counted in the notes: links, span notes, attributes, clusters', () => {
  const text = 'Ann met Bob.';
  const a = { ...span(text, 'Ann', 'x'), note: 'check', cluster: { id: 1, name: 'Ann' } };
  const b = { ...span(text, 'Bob', 'x'), attributes: { role: 'host' } };
  const d = { ...doc(1, text, [a, b]), links: [{ id: 1, from: a.id, to: b.id, type: 'met', directed: true, toDocId: 1, annotator: 'ana' }] };
  assert.deepEqual(run([d]).notes, ['CoNLL holds no links (1), span notes (1 span), span attributes (1 span) or cluster membership (1 span).']);
});
