import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { importAnnotatedPaths } from './importers.js';
import { parseBratConf } from './brat-conf.js';
import { parseBratFolder } from './brat-folder.js';
import { noteUndeclared, parseBratPair, type BratIssue } from './brat-import.js';
import { FIXTURES, cpSlice, doc, exportTo, fakeCtx, linksOf, spanBy } from './brat-test-helpers.js';
import { collectingContext } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-brat-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---- fixtures ----------------------------------------------------------------------------------------------------

test('tutorial-news: every file imports with its spans, events, relations, equivalences, attributes, normalizations and notes', () => {
  const issues: BratIssue[] = [];
  const ctx = collectingContext('tutorial-news');
  const docs = parseBratFolder(join(FIXTURES, 'tutorial-news'), issues, undefined, ctx);
  assert.deepEqual(
    docs.map((d) => [d.title, d.spans.length, d.links.length]),
    [
      ['000-introduction', 7, 6],
      ['060-relation_annotation', 10, 3],
      ['090-event_structures', 22, 12],
      ['100-attribute_annotation', 26, 20],
      ['110-note_annotation', 14, 8],
    ],
  );
  for (const d of docs) for (const s of d.spans) assert.equal(s.text, cpSlice(d.text, s.start, s.end), `${s.at}: text matches the offsets`);

  const intro = docs[0];
  assert.deepEqual(
    intro.spans.map((s) => [s.key, s.label, s.start, s.end, s.text]),
    [
      ['000-introduction:T1', 'Organization', 418, 426, 'Citibank'],
      ['000-introduction:T2', 'Money', 456, 468, '$100 million'],
      ['000-introduction:T3', 'Transfer-money', 443, 449, 'moving'],
      ['000-introduction:T4', 'Person', 473, 496, 'Raul Salinas de Gortari'],
      ['000-introduction:T5', 'Person', 511, 535, 'former Mexican president'],
      ['000-introduction:T6', 'Organization', 540, 545, 'banks'],
      ['000-introduction:T7', 'GPE', 549, 560, 'Switzerland'],
    ],
  );
  assert.equal(spanBy(intro, 'T2').note, '100000000 USD');
  assert.deepEqual(spanBy(intro, 'T4').attributes, { Mention: 'Name', Individual: 'true' }, 'valued and binary A lines');
  assert.deepEqual(spanBy(intro, 'T5').attributes, {
    Mention: 'Nominal',
    Individual: 'true',
    'normalization:Wikipedia': 'Wikipedia:64488 Carlos Salinas de Gortari',
  });
  assert.deepEqual(spanBy(intro, 'T3').attributes, { Confidence: 'High' }, 'an attribute on E1 lands on its trigger');
  assert.deepEqual(linksOf(intro), [
    'T3 -Beneficiary-Arg-> T4',
    'T3 -Giver-Arg-> T1',
    'T3 -Money-Arg-> T2',
    'T3 -Recipient-Arg-> T6',
    'T4 -Family-> T5',
    'T6 -Origin-> T7',
  ]);

  const rel = docs[1];
  assert.deepEqual(linksOf(rel), ['T1 -Located-> T2', 'T3 -same-as-> T4', 'T4 -same-as-> T5'], '`* Alias T3 T4 T5` chains same-as links');
  assert.deepEqual([spanBy(rel, 'T3').text, spanBy(rel, 'T4').text, spanBy(rel, 'T5').text], ['Joanne Rowling', 'Jo Rowling', 'J. K. Rowling']);

  const events = docs[2];
  const ev = linksOf(events);
  assert.ok(ev.includes('T5 -Event-Arg-> T3'), 'E2 Event-Arg:E1 points at E1’s trigger');
  assert.ok(ev.includes('T11 -Event-Arg-> T12'), 'E3 names E4, declared later in the file');
  assert.ok(ev.includes('T3 -Org-Arg-> T2'), 'Org-Arg2 is brat’s second Org-Arg');
  assert.ok(!ev.some((l) => /Arg2/.test(l)));
  assert.equal(spanBy(events, 'T11').label, 'Report');

  const attrs = docs[3];
  assert.deepEqual(spanBy(attrs, 'T17').attributes, { Confidence: 'Neutral' }, 'A1 Confidence E1 → E1’s trigger T17');
  assert.deepEqual(spanBy(attrs, 'T1').attributes, { Individual: 'true' });
  assert.deepEqual(spanBy(attrs, 'T21').attributes, { Confidence: 'High' });

  const notes = docs[4];
  assert.equal(spanBy(notes, 'T1').note, 'Should fictional places be annotated?');
  assert.equal(spanBy(notes, 'T5').note, 'Annotate as one merge event with three participants or two events with two participants each?', 'note on E1 → its trigger');
  assert.deepEqual(linksOf(notes).filter((l) => l.startsWith('T5 ')), ['T5 -Org-Arg-> T2', 'T5 -Org-Arg-> T3', 'T5 -Org-Arg-> T4']);
  assert.deepEqual(issues, [], 'no file skipped');
  assert.deepEqual(ctx.notes, [], 'every type is declared');
  assert.equal(ctx.dropped.length, 1, JSON.stringify(ctx.dropped));
  const [note] = ctx.dropped;
  assert.match(note.path, /110-note_annotation\.ann$/);
  assert.equal(note.where, 'line 12');
  assert.match(note.what, /^note #3 on R1 "/);
  assert.equal(note.why, 'R1 is a relation; Crosscheck keeps notes on spans only (links have none)');
});

test('conll2002-esp: brat offsets are code points (non-ASCII Spanish text)', () => {
  const [d] = parseBratFolder(join(FIXTURES, 'conll2002-esp'));
  const ann = readFileSync(join(FIXTURES, 'conll2002-esp', 'esp.train-doc-29.ann'), 'utf8').trim().split('\n');
  assert.equal(d.spans.length, 13);
  assert.equal(ann.length, 13);
  ann.forEach((line, i) => {
    const [id, typeOffsets, text] = line.split('\t');
    const [type, start, end] = typeOffsets.split(' ');
    const s = d.spans[i];
    assert.deepEqual([s.key, s.label, s.start, s.end, s.text], [`esp.train-doc-29:${id}`, type, Number(start), Number(end), text]);
  });
  const cela = d.spans[3];
  assert.equal(cela.text, 'Nobel de Literatura Camilo José Cela');
  // As UTF-8 byte offsets, 361 would land elsewhere: the accented letters before it take two bytes each.
  const bytes = Buffer.from(d.text, 'utf8');
  assert.notEqual(bytes.subarray(361, 397).toString('utf8'), cela.text);
  assert.deepEqual([...new Set(d.spans.map((s) => s.label))].sort(), ['LOC', 'MISC', 'ORG', 'PER']);
});

test('dkpro-discontinuous: `5 7;9 10` becomes one span 5..10 with fragments "5-7;9-10"; the reference file splits it', () => {
  const issues: BratIssue[] = [];
  const docs = parseBratFolder(join(FIXTURES, 'dkpro-discontinuous'), issues);
  assert.equal(docs.length, 1);
  assert.deepEqual(issues.map((i) => i.reason), ['no document0d-ref.txt beside it; skipped']);
  const d = docs[0];
  assert.deepEqual(
    d.spans.map((s) => [s.label, s.start, s.end, s.text, s.attributes]),
    [
      ['Token', 0, 4, 'This', {}],
      ['Token', 5, 10, 'is\nan', { fragments: '5-7;9-10' }],
      ['Token', 11, 21, 'other test', {}],
      ['Token', 21, 22, '.', {}],
    ],
  );
  assert.deepEqual(d.links, [], 'events without arguments only mark triggers');

  const ref = parseBratPair(join(FIXTURES, 'dkpro-discontinuous', 'document0d.txt'), join(FIXTURES, 'dkpro-discontinuous', 'document0d-ref.ann'), null);
  assert.deepEqual(
    ref.spans.map((s) => [s.start, s.end, s.text]),
    [
      [0, 4, 'This'],
      [5, 7, 'is'],
      [9, 10, 'n'],
      [11, 21, 'other test'],
      [21, 22, '.'],
    ],
  );

  // And back out: the fragments attribute is written as brat fragments again.
  const ctx = fakeCtx(['Token']);
  const spans = d.spans.map((s, i) => ({ id: i + 1, start: s.start, end: s.end, label: s.label, text: s.text!, note: '', attributes: s.attributes!, cluster: null, annotator: 'ana' }));
  const { sinks, notes } = exportTo(ctx, { '': [doc(1, d.text, spans)] });
  assert.equal(sinks[''].files.get('1.ann'), 'T1\tToken 0 4\tThis\nT2\tToken 5 7;9 10\tis n\nT3\tToken 11 21\tother test\nT4\tToken 21 22\t.\n' +
    'A1\tannotator T1 ana\nA2\tannotator T2 ana\nA3\tannotator T3 ana\nA4\tannotator T4 ana\n');
  assert.deepEqual(notes, ['brat: 1 discontinuous span written as brat fragments (T… type 0 12;35 55), the gaps left out.']);
});

test('annotation.conf: entity types, symmetric relations, attribute values, crosscheck names', () => {
  const conf = parseBratConf(readFileSync(join(FIXTURES, 'tutorial-news', 'annotation.conf'), 'utf8'));
  assert.deepEqual([...conf.entities], ['Person', 'Organization', 'GPE', 'Money']);
  assert.ok(conf.events.has('Transfer-money') && conf.events.has('Life') && conf.events.has('Report'));
  assert.deepEqual(conf.relations.get('Alias'), { symmetric: true, transitive: true });
  assert.deepEqual(conf.relations.get('Family'), { symmetric: false, transitive: false });
  assert.deepEqual(conf.attributes.get('Mention'), { values: ['Name', 'Nominal', 'Other'] });
  assert.deepEqual(conf.attributes.get('Individual'), { values: null });
  const esp = parseBratConf(readFileSync(join(FIXTURES, 'conll2002-esp', 'annotation.conf'), 'utf8'));
  assert.deepEqual([...esp.entities], ['ORG', 'PER', 'LOC', 'MISC']);
  assert.equal(esp.relations.size, 0);
});

// ---- import: CRLF, errors ------------------------------------------------------------------------------------------

test('a CRLF .txt: offsets counting the \\r and offsets not counting it both land on the same stored (LF) span; so does a BOM', () => {
  const body = 'Line one\r\nSecond: Rudskoy said.\r\n';
  const cases: [string, string, string][] = [
    ['crlf-raw', body, 'T1\tPER 18 25\tRudskoy\nT2\tX 5 8;10 16\tone Second\n'],
    ['crlf-lf', body, 'T1\tPER 17 24\tRudskoy\nT2\tX 5 8;9 15\tone Second\n'],
    ['bom-raw', '\uFEFF' + body, 'T1\tPER 19 26\tRudskoy\nT2\tX 6 9;11 17\tone Second\n'],
    ['bom-stripped', '\uFEFF' + body, 'T1\tPER 17 24\tRudskoy\nT2\tX 5 8;9 15\tone Second\n'],
  ];
  for (const [name, txt, ann] of cases) {
    writeFileSync(join(dir, `${name}.txt`), txt);
    writeFileSync(join(dir, `${name}.ann`), ann);
    const d = parseBratPair(join(dir, `${name}.txt`), join(dir, `${name}.ann`), null);
    assert.equal(d.text, 'Line one\nSecond: Rudskoy said.\n', name);
    assert.deepEqual(
      d.spans.map((s) => [s.start, s.end, s.text, s.attributes]),
      [
        [17, 24, 'Rudskoy', {}],
        [5, 15, 'one\nSecond', {}],
      ],
      name,
    );
  }
});

test('errors name file.ann:line and the reason: lines that break the format refuse the file', () => {
  const txt = join(dir, 'bad.txt');
  const ann = join(dir, 'bad.ann');
  writeFileSync(txt, 'Por Caius Apicius. José Cela dijo. 👍 Bob is here.');
  const expectError = (lines: string, re: RegExp) => {
    writeFileSync(ann, lines);
    assert.throws(
      () => parseBratPair(txt, ann, null),
      (e: Error) => {
        assert.equal(e.name, 'InvalidInput');
        assert.match(e.message, re);
        return true;
      },
    );
  };
  const ok = 'T1\tPER 4 17\tCaius Apicius\n';
  expectError(ok + 'T2 PER 4 17 Caius\n', /bad\.ann:2: expected an id, a tab/);
  expectError(ok + 'T2\tPER 4 x\tCaius\n', /bad\.ann:2: T2: offsets "4 x" are not "start end" pairs/);
  expectError(ok + 'T2\tPER 17 4\tCaius\n', /bad\.ann:2: T2: start 17 is after end 4/);
  expectError(ok + 'T1\tPER 4 17\tCaius Apicius\n', /bad\.ann:2: T1 is declared twice \(first on line 1\)/);
  expectError(ok + 'R1\tRel Arg1:T1\n', /bad\.ann:2: R1: a relation is "type Arg1:ID Arg2:ID"/);
  expectError(ok + 'R1\tRel Arg1:T1 Arg2:T9\n', /bad\.ann:2: R1 names T9, which this file does not define/);
  expectError(ok + 'R1\tRel Arg1:T1 T2\n', /bad\.ann:2: argument "T2" is not Role:ID/);
  expectError(ok + 'E1\tMeet:T9\n', /bad\.ann:2: E1: trigger T9 is not a text-bound annotation/);
  expectError(ok + 'A1\tNeg\n', /bad\.ann:2: A1: an attribute is "name ID"/);
  expectError(ok + 'A1\tNeg T7\n', /bad\.ann:2: A1 names T7, which this file does not define/);
  expectError(ok + 'N1\tReference T1 nocolon\tx\n', /bad\.ann:2: N1: a normalization is/);
  expectError(ok + '*\tAlias T1\n', /bad\.ann:2: an equivalence is/);
  expectError(ok + 'X1\tfoo bar\n', /bad\.ann:2: unknown annotation kind "X1"/);
  expectError(ok + '1\tfoo bar\n', /bad\.ann:2: "1" is not a brat id/);
  expectError(ok + 'T2\tPER 0 3;2 5\tPor  Ca\n', /bad\.ann:2: T2: fragments overlap/);
  expectError(ok + 'R1\tRel Arg1:T1 Arg2:T1\nR2\tRel Arg1:R1 Arg2:T1\n', /bad\.ann:3: R2 names R1, which is not a span or an event/);

  writeFileSync(txt, Buffer.from([0x50, 0xe9, 0x72, 0x65]));
  writeFileSync(ann, '');
  assert.throws(() => parseBratPair(txt, ann, null), /bad\.txt: not UTF-8/);
});

test('content Crosscheck cannot place is dropped with its line (T text mismatches with their hint, what names them, notes and attributes on relations); --strict refuses', () => {
  const txt = join(dir, 'drop.txt');
  const ann = join(dir, 'drop.ann');
  writeFileSync(txt, 'Por Caius Apicius. José Cela dijo. 👍 Bob is here.');
  writeFileSync(
    ann,
    [
      'T1\tPER 4 17\tCaius Apicius',
      'T2\tPER 4 17\tCaius Apiciux',
      'T3\tPER 25 29\tCela',
      'T4\tPER 38 41\tBob',
      'T5\tMeet 4 500\tx',
      'T6\tPER 4 4\t',
      'R1\tsaid-by Arg1:T1 Arg2:T2',
      'A1\tFlag T3',
      '#1\tAnnotatorNotes T4\tBob?',
      'E1\tMeet:T5 Who:T1',
      '   ',
      'R2\tFamily Arg1:T1 Arg2:T1\t',
      'A2\tFlag R2',
      'N1\tReference R2 Wikidata:Q1\tx',
      '#2\tAnnotatorNotes R2\tplain',
      '#3\tAnnotatorNotes T1\tkept',
      'A3\tMention T1 Name',
      'A4\tMention T1 Nominal',
      'T7\tPER 0 3\tPor',
      'E2\tMeet:T7 Who:T1 Who2:T2',
      '',
    ].join('\n'),
  );
  const ctx = collectingContext(ann);
  const d = parseBratPair(txt, ann, null, { ctx });
  assert.deepEqual(
    d.spans.map((s) => [s.key.split(':').pop(), s.start, s.end, s.note ?? '', s.attributes]),
    [
      ['T1', 4, 17, 'kept', { Mention: 'Name' }],
      ['T6', 4, 4, '', {}],
      ['T7', 0, 3, '', {}],
    ],
    'the zero-length T6 goes on to ingest, which drops it as every format does',
  );
  assert.deepEqual(linksOf(d), ['T7 -Who-> T1']);
  const why = (line: number) => ctx.dropped.find((x) => x.where === `line ${line}`)?.why;
  assert.deepEqual(
    ctx.dropped.map((x) => [x.path, x.where, x.what]),
    [
      [ann, 'line 2', 'T2 PER 4..17 "Caius Apiciux"'],
      [ann, 'line 3', 'T3 PER 25..29 "Cela"'],
      [ann, 'line 4', 'T4 PER 38..41 "Bob"'],
      [ann, 'line 5', 'T5 Meet 4..500 "x"'],
      [ann, 'line 8', 'A1 Flag on T3'],
      [ann, 'line 9', 'note #1 on T4 "Bob?"'],
      [ann, 'line 13', 'A2 Flag on R2'],
      [ann, 'line 14', 'N1 Wikidata:Q1 on R2'],
      [ann, 'line 15', 'note #2 on R2 "plain"'],
      [ann, 'line 18', 'A4 Mention on T1 = Nominal'],
      [ann, 'line 7', 'R1 said-by T1 → T2'],
      [ann, 'line 10', 'event E1 Meet with 1 argument'],
      [ann, 'line 12', 'R2 Family T1 → T1'],
      [ann, 'line 20', 'the type Meet of event E2'],
      [ann, 'line 20', 'E2 argument Who2:T2'],
    ],
  );
  assert.equal(why(2), 'T2 says its text is "Caius Apiciux", but the text at 4..17 is "Caius Apicius"');
  assert.match(why(3)!, /look like UTF-8 bytes/);
  assert.match(why(4)!, /look like UTF-16 units/);
  assert.equal(why(5), 'T5 ends at 500, after the end of the text (49 characters)');
  assert.match(why(8)!, /^it names T3, which was not imported \(T3 says its text is "Cela"/);
  assert.match(why(7)!, /^it names T2, which was not imported/);
  assert.equal(why(10), 'its trigger T5 was not imported');
  assert.equal(why(12), 'a link from T1 to itself; Crosscheck links join two different spans');
  assert.equal(why(13), 'R2 is a relation; Crosscheck keeps attributes on spans only (links have none)');
  assert.equal(why(18), 'T1 already has Mention = "Name"; a span keeps one value per attribute');
  assert.equal(why(20), 'its trigger T7 is typed PER, which the span keeps');

  // Through the real import: the report lists them (and ingest's zero-length span); --strict keeps nothing.
  const p = openProject(join(dir, 'drop.crosscheck'));
  const { report } = importAnnotatedPaths(p, [ann], 'brat');
  assert.equal(report.spans, 2);
  assert.equal(report.links, 1);
  assert.equal(report.dropped!.length, 16);
  assert.ok(report.dropped!.some((d) => d.where === 'line 6' && d.what === 'span 4..4 "PER" ""' && d.why === 'zero-length span'), 'ingest\'s zero-length span');
  const lines = report.dropped!.map((d) => Number(d.where.replace('line ', '')));
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'the report lists them in line order');
  const q = openProject(join(dir, 'drop-strict.crosscheck'));
  assert.throws(() => importAnnotatedPaths(q, [ann], 'brat', { options: { strict: true } }), /refused \(strict\): 16 things would be left out/);
  assert.equal(q.db.prepare('SELECT COUNT(*) FROM documents').pluck().get(), 0);
  p.close();
  q.close();
});

test('symmetric relations drop a reversed duplicate; equivalence relation types become same-as', () => {
  const sub = join(dir, 'sym');
  mkdirSync(sub);
  writeFileSync(join(sub, 'annotation.conf'), '[entities]\nPerson\n[relations]\nSibling Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric\nCoref Arg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\nKnows Arg1:Person, Arg2:Person\n[events]\n[attributes]\n');
  writeFileSync(join(sub, 'a.txt'), 'Ann and Bob and Cy.');
  writeFileSync(
    join(sub, 'a.ann'),
    'T1\tPerson 0 3\tAnn\nT2\tPerson 8 11\tBob\nT3\tThing 16 18\tCy\nR1\tSibling Arg1:T1 Arg2:T2\nR2\tSibling Arg1:T2 Arg2:T1\nR3\tKnows Arg1:T1 Arg2:T2\nR4\tKnows Arg1:T2 Arg2:T1\nR5\tCoref Arg1:T2 Arg2:T3\n',
  );
  const issues: BratIssue[] = [];
  const ctx = collectingContext(sub);
  const [d] = parseBratFolder(sub, issues, undefined, ctx);
  assert.deepEqual(linksOf(d), ['T1 -Knows-> T2', 'T1 -Sibling-> T2', 'T2 -Knows-> T1', 'T2 -same-as-> T3']);
  assert.deepEqual(issues, []);
  assert.deepEqual(ctx.dropped, [], 'the reversed Sibling is the same link, not something left out');
  assert.deepEqual(ctx.notes, [`type Thing (in ${join(sub, 'a.ann')}) is not declared in annotation.conf; imported as a label all the same`]);
  // A folder says it once for all its files.
  const many = collectingContext(sub);
  noteUndeclared(new Map([['A', ['1.ann', '2.ann', '3.ann']], ['B', ['3.ann']]]), many);
  assert.deepEqual(many.notes, ['types A (in 1.ann and 2 more), B (in 3.ann) are not declared in annotation.conf; imported as labels all the same']);
});
