import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../project.js';
import { runExport } from '../export/run.js';
import { jsonlLines } from '../export/jsonl.js';
import { ingest } from './ingest.js';
import {
  bratExporter,
  bratStorageName,
  decodeBratValue,
  encodeBratValue,
  parseBratConf,
  parseBratFolder,
  parseBratPair,
  type BratIssue,
} from './brat.js';
import type { ExportContext, ExportDoc, ExportLink, ExportSpan, ParsedDoc, Sink } from './types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'brat');

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-brat-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---- helpers ---------------------------------------------------------------------------------------------------

const cpLen = (s: string) => Array.from(s).length;
/** Code point offset of the `nth` occurrence of `needle` in `text`. */
const cpOf = (text: string, needle: string, nth = 0) => {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1);
  assert.ok(u >= 0, `${needle} not in text`);
  return cpLen(text.slice(0, u));
};
const cpSlice = (text: string, s: number, e: number) => Array.from(text).slice(s, e).join('');

function memorySink() {
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  return { files, sink };
}

function fakeCtx(labels: string[], extraTypes: ExportContext['linkTypes'] = []): ExportContext {
  const colors = ['#e8a33d', '#3d8be8', '#2fae6b', '#8b5cf6', '#db2777', '#0891b2'];
  return {
    labels: labels.map((name, i) => ({ name, color: colors[i % colors.length] })),
    linkTypes: [
      { name: 'same-as', directed: false, transitive: true },
      { name: 'contradicts', directed: false, transitive: false },
      { name: 'supports', directed: false, transitive: false },
      { name: 'said-by', directed: true, transitive: false },
      { name: 'cites', directed: true, transitive: false },
      ...extraTypes,
    ],
    db: null as never,
    docIds: new Set(),
    labelNames: new Set(labels),
    options: { seed: 1, contextSentence: true },
  };
}

let nextSpanId = 1;
function span(text: string, needle: string, label: string, extra: Partial<ExportSpan> = {}, nth = 0): ExportSpan {
  const start = cpOf(text, needle, nth);
  return { id: nextSpanId++, start, end: start + cpLen(needle), label, text: needle, note: '', attributes: {}, cluster: null, ...extra };
}

function doc(id: number, text: string, spans: ExportSpan[], links: ExportLink[] = []): ExportDoc {
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  return { id, title: `Doc ${id}`, date: '2016-10-20', source: 'RT', path: null, text, done: false, split: null, spans, links };
}

function link(id: number, from: ExportSpan, to: ExportSpan, type: string, toDocId: number): ExportLink {
  const directed = type === 'said-by' || type === 'cites';
  return { id, from: from.id, to: to.id, type, directed, toDocId };
}

/** Drives an exporter the way services/export/run.ts does: begin per sink, doc per document, end per sink. */
function exportTo(ctx: ExportContext, groups: Record<string, ExportDoc[]>) {
  const sinks: Record<string, ReturnType<typeof memorySink>> = {};
  for (const name of Object.keys(groups)) {
    sinks[name] = memorySink();
    bratExporter.begin?.(ctx, sinks[name].sink);
  }
  for (const [name, docs] of Object.entries(groups)) for (const d of docs) bratExporter.doc(d, ctx, sinks[name].sink);
  const notes: string[] = [];
  for (const name of Object.keys(groups)) notes.push(...(bratExporter.end?.(ctx, sinks[name].sink)?.notes ?? []));
  return { sinks, notes };
}

function writeOut(root: string, sinks: Record<string, ReturnType<typeof memorySink>>) {
  for (const [name, s] of Object.entries(sinks)) {
    for (const [rel, text] of s.files) {
      const p = join(root, name, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
}

const spanBy = (d: ParsedDoc, id: string) => {
  const s = d.spans.find((x) => x.key.endsWith(`:${id}`));
  assert.ok(s, `no span ${id} in ${d.title}`);
  return s!;
};
const linksOf = (d: ParsedDoc) => d.links.map((l) => `${l.from.split(':').pop()} -${l.type}-> ${l.to.split(':').pop()}`).sort();

// ---- fixtures ----------------------------------------------------------------------------------------------------

test('tutorial-news: every file imports with its spans, events, relations, equivalences, attributes, normalizations and notes', () => {
  const issues: BratIssue[] = [];
  const docs = parseBratFolder(join(FIXTURES, 'tutorial-news'), issues);
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
  assert.equal(issues.length, 1, JSON.stringify(issues));
  assert.match(issues[0].path, /110-note_annotation\.ann:12$/);
  assert.match(issues[0].reason, /note #3 on R1/);
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
  const spans = d.spans.map((s, i) => ({ id: i + 1, start: s.start, end: s.end, label: s.label, text: s.text!, note: '', attributes: s.attributes!, cluster: null }));
  const { sinks } = exportTo(ctx, { '': [doc(1, d.text, spans)] });
  assert.equal(sinks[''].files.get('1.ann'), 'T1\tToken 0 4\tThis\nT2\tToken 5 7;9 10\tis n\nT3\tToken 11 21\tother test\nT4\tToken 21 22\t.\n');
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

// ---- export -------------------------------------------------------------------------------------------------------

test('export: exact .ann with ids, a span across a line break as fragments, notes per line, encoded attributes, * and R lines', () => {
  const text = 'Hi 👍 Bob\nand Al.';
  const bob = { id: 7, start: 5, end: 8, label: 'speaker', text: 'Bob', note: '', attributes: {}, cluster: null };
  const across = { id: 8, start: 5, end: 12, label: 'claim', text: 'Bob\nand', note: 'a\nb', attributes: { x: 'a b' }, cluster: null };
  const al = { id: 9, start: 13, end: 15, label: 'speaker', text: 'Al', note: '', attributes: {}, cluster: null };
  assert.equal(cpSlice(text, 5, 12), 'Bob\nand');
  const d = doc(1, text, [bob, across, al], [
    { id: 3, from: 8, to: 7, type: 'said-by', directed: true, toDocId: 1 },
    { id: 4, from: 7, to: 9, type: 'same-as', directed: false, toDocId: 1 },
    { id: 5, from: 9, to: 100, type: 'cites', directed: true, toDocId: 2 },
  ]);
  const { sinks, notes } = exportTo(fakeCtx(['claim', 'speaker', 'figure']), { '': [d] });
  const files = sinks[''].files;
  assert.equal(files.get('1.txt'), text);
  assert.equal(
    files.get('1.ann'),
    [
      'T7\tspeaker 5 8\tBob',
      'T8\tclaim 5 8;9 12\tBob and',
      'T9\tspeaker 13 15\tAl',
      'R3\tsaid-by Arg1:T8 Arg2:T7',
      '*\tsame-as T7 T9',
      'A1\tx T8 a%20b',
      '#1\tAnnotatorNotes T8\ta',
      '#2\tAnnotatorNotes T8\tb',
      '',
    ].join('\n'),
  );
  assert.equal(files.get('cross-document-links.tsv'), 'from_doc\tfrom_T\tto_doc\tto_T\ttype\n1\tT9\t2\tT100\tcites\n');
  assert.equal(files.get('documents.tsv'), 'doc\ttitle\tdate\tsource\n1\tDoc 1\t2016-10-20\tRT\n');
  assert.deepEqual(notes, [
    'brat holds links within one document only: 1 link between documents went to cross-document-links.tsv (from_doc, from_T, to_doc, to_T, type).',
  ]);
  const conf = files.get('annotation.conf')!;
  assert.match(conf, /\n\[entities\]\n\nclaim\nspeaker\nfigure\n/);
  assert.match(conf, /\nsame-as\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n/);
  assert.match(conf, /\ncontradicts\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n/);
  assert.match(conf, /\nsaid-by\tArg1:<ENTITY>, Arg2:<ENTITY>\n/);
  assert.match(conf, /\n\[events\]\n\n\[attributes\]\n\nx\tArg:<ENTITY>, Value:a%20b\n$/);
  const parsed = parseBratConf(conf);
  assert.deepEqual(parsed.relations.get('same-as'), { symmetric: true, transitive: true });
  assert.deepEqual(parsed.attributes.get('x'), { values: ['a%20b'] });
  const visual = files.get('visual.conf')!;
  assert.match(visual, /\nclaim\tbgColor:#e8a33d\n/);
  assert.match(visual, /\nsame-as\tarrowHead:none\n/);
  assert.doesNotMatch(visual, /said-by\tarrowHead/);
});

test('names brat cannot store are renamed, listed in annotation.conf and visual.conf, and restored on import', () => {
  assert.equal(bratStorageName('claim type'), 'claim_type');
  assert.equal(bratStorageName('café'), 'cafe');
  assert.equal(bratStorageName('a:b|c,d'), 'a_b_c_d');
  const text = 'Rudskoy said it. Rutskoy said it.';
  const a = span(text, 'Rudskoy', 'claim type', { attributes: { 'source kind': 'state media' } });
  const b = span(text, 'Rutskoy', 'утверждение');
  const c = span(text, 'said', 'claim_type');
  const d = doc(1, text, [a, b, c], [link(1, a, b, 'is alias of', 1)]);
  const ctx = fakeCtx(['claim type', 'утверждение', 'claim_type'], [{ name: 'is alias of', directed: true, transitive: false }]);
  const { sinks, notes } = exportTo(ctx, { '': [d] });
  const files = sinks[''].files;
  const ann = files.get('1.ann')!;
  assert.match(ann, new RegExp(`^T${a.id}\\tclaim_type 0 7\\tRudskoy$`, 'm'));
  assert.match(ann, new RegExp(`^T${b.id}\\tlabel 17 24\\tRutskoy$`, 'm'), 'no letter left: a generic name');
  assert.match(ann, new RegExp(`^T${c.id}\\tclaim_type-2 8 12\\tsaid$`, 'm'), 'a clash gets a suffix');
  assert.match(ann, /^R1\tis_alias_of Arg1:T\d+ Arg2:T\d+$/m);
  assert.match(ann, /^A1\tsource_kind T\d+ state%20media$/m);
  const conf = files.get('annotation.conf')!;
  assert.match(conf, /^# crosscheck-name\tentity\tclaim_type\t"claim type"$/m);
  assert.match(conf, /^# crosscheck-name\tentity\tlabel\t"утверждение"$/m);
  assert.match(conf, /^# crosscheck-name\trelation\tis_alias_of\t"is alias of"$/m);
  assert.match(conf, /^# crosscheck-name\tattribute\tsource_kind\t"source kind"$/m);
  assert.match(files.get('visual.conf')!, /^claim_type \| claim type$/m);
  assert.ok(notes.some((n) => n.includes('"claim type" → claim_type')), notes.join('\n'));

  const out = join(dir, 'renamed');
  writeOut(out, sinks);
  const [back] = parseBratFolder(out);
  assert.deepEqual(
    back.spans.map((s) => [s.label, s.text, s.attributes]),
    [
      ['claim type', 'Rudskoy', { 'source kind': 'state media' }],
      ['claim_type', 'said', {}],
      ['утверждение', 'Rutskoy', {}],
    ],
  );
  assert.deepEqual(back.links.map((l) => l.type), ['is alias of']);
});

test('attribute values: percent-encoding for what brat cannot hold, empty as "%", key-only read as "true"', () => {
  for (const v of ['at least 60', '', 'true', '50% | a,b', 'tab\there', 'line\nbreak', 'ünïcödé 👍', '%41', '%']) {
    const enc = encodeBratValue(v);
    assert.doesNotMatch(enc, /[\s|,]/, `${JSON.stringify(v)} → ${enc}`);
    assert.ok(enc.length > 0);
    assert.equal(decodeBratValue(enc), v);
  }
  assert.equal(encodeBratValue('at least 60'), 'at%20least%2060');
  assert.equal(decodeBratValue('100%'), '100%', 'not percent-encoding: kept as it is');
});

test('round trip: export → parse back gives the same spans, notes, attributes and links (emoji, ZWJ, flags, combining marks, CRLF-origin text)', () => {
  const t1 = 'Gen. Sergey Rudskoy 👩‍👩‍👧 said: “60 civilians killed.”\nSecond line 🇺🇦 with cafe\u0301 and café.\n\nThird\tline.';
  // Came from a CRLF file: stored with LF, like every imported text.
  const t2 = 'Line one\nLieutenant-General Sergey Rutskoy said over 60 civilians have been killed.\n';
  const rudskoy = span(t1, 'Sergey Rudskoy', 'speaker', {
    attributes: { role: 'Chief of the General Staff', empty: '', flag: 'true', 'odd key!': '50% | a,b', 'normalization:Wikidata': 'Wikidata:Q4389 Sergey Rudskoy' },
    note: 'RT: "at least"\nsecond line\n',
  });
  const family = span(t1, '👩‍👩‍👧', 'emoji thing');
  const claim = span(t1, '60 civilians killed', 'claim', { note: 'tab\tinside' });
  const across = span(t1, 'killed.”\nSecond', 'claim');
  const flag = span(t1, '🇺🇦', 'figure');
  const combining = span(t1, 'cafe\u0301', 'figure');
  const precomposed = span(t1, 'café', 'figure');
  const multi = span(t1, 'line.', 'claim');
  const tabbed = span(t1, 'Third\tline', 'claim');
  // A discontinuous span made in brat and imported earlier: "Second … café".
  const s2 = cpOf(t1, 'Second');
  const c2 = cpOf(t1, 'café');
  const disc = { id: nextSpanId++, start: s2, end: c2 + 4, label: 'claim', text: cpSlice(t1, s2, c2 + 4), note: '', attributes: { fragments: `${s2}-${s2 + 6};${c2}-${c2 + 4}` }, cluster: null };
  const rutskoy = span(t2, 'Sergey Rutskoy', 'speaker');
  const claim2 = span(t2, 'over 60 civilians have been killed', 'claim', { cluster: { id: 1, name: 'sixty' } });
  const emptyLines = span(t2, 'Line one\nLieutenant', 'claim', { note: '\n' });

  const d1 = doc(1, t1, [rudskoy, family, claim, across, flag, combining, precomposed, multi, tabbed, disc], [
    link(1, claim, rudskoy, 'said-by', 1),
    link(2, claim, across, 'same-as', 1),
    link(3, claim, multi, 'contradicts', 1),
    link(4, rudskoy, rutskoy, 'same-as', 2),
    link(5, claim, claim2, 'same-as', 2),
  ]);
  const d2 = doc(2, t2, [rutskoy, claim2, emptyLines], [link(6, claim2, flag, 'cites', 1)]);
  const ctx = fakeCtx(['claim', 'speaker', 'figure', 'emoji thing']);
  // Two folders, as with a train/test split: cross-document links between folders too.
  const { sinks } = exportTo(ctx, { train: [d1], test: [d2] });

  for (const s of Object.values(sinks)) {
    for (const [name, content] of s.files) {
      if (!name.endsWith('.ann')) continue;
      for (const line of content.slice(0, -1).split('\n')) {
        assert.doesNotMatch(line, /[\r\v\f\x1c-\x1e\x85\u2028\u2029]/, `${name}: one line per annotation`);
        if (line.startsWith('T')) assert.equal(line.split('\t').length >= 3, true);
      }
    }
  }
  assert.equal(sinks.train.files.get('1.txt'), t1, 'the text, exactly');

  const out = join(dir, 'roundtrip');
  writeOut(out, sinks);
  const issues: BratIssue[] = [];
  const docs = parseBratFolder(out, issues);
  assert.deepEqual(issues, []);
  assert.deepEqual(docs.map((d) => [d.title, d.date, d.source, d.text]), [
    ['Doc 2', '2016-10-20', 'RT', t2],
    ['Doc 1', '2016-10-20', 'RT', t1],
  ]);
  for (const [orig, back] of [
    [d1, docs[1]],
    [d2, docs[0]],
  ] as const) {
    assert.deepEqual(
      back.spans.map((s) => ({ key: s.key.split(':').pop(), label: s.label, start: s.start, end: s.end, text: s.text, note: s.note ?? '', attributes: s.attributes })),
      orig.spans.map((s) => ({ key: `T${s.id}`, label: s.label, start: s.start, end: s.end, text: s.text, note: s.note, attributes: s.attributes })),
    );
    for (const s of back.spans) assert.equal(s.text, cpSlice(back.text, s.start, s.end));
  }
  const keyOf = (id: number) => {
    const d = [d1, d2].find((x) => x.spans.some((s) => s.id === id))!;
    return `${d === d1 ? 'train' : 'test'}/${d.id}:T${id}`;
  };
  const want = [...d1.links, ...d2.links].map((l) => `${keyOf(l.from)} ${l.type} ${keyOf(l.to)}`).sort();
  const got = docs.flatMap((d) => d.links.map((l) => `${l.from} ${l.type} ${l.to}`)).sort();
  assert.deepEqual(got, want);
});

test('a real project: runExport(brat) → parseBratFolder → ingest into a new project keeps spans, notes, attributes, links and clusters', async () => {
  const a = openProject(join(dir, 'a.crosscheck'));
  const texts = ['Gen. Sergey Rudskoy 👩‍👩‍👧 said: 60 civilians killed.\nSecond line with café.', 'Lieutenant-General Sergey Rutskoy said over 60 civilians have been killed.'];
  const ids = texts.map((text, i) => a.documents.insert({ title: `Doc ${i}`, date: null, source: null, path: null, hash: `h${i}`, text, length: cpLen(text) }, 'now'));
  const mk = (d: number, s: string, labelId: number) => {
    const start = cpOf(texts[ids.indexOf(d)], s);
    return a.annotations.create({ docId: d, labelId, start, end: start + cpLen(s) });
  };
  const r0 = mk(ids[0], 'Sergey Rudskoy', 2);
  const r1 = mk(ids[1], 'Sergey Rutskoy', 2);
  const c0 = mk(ids[0], '60 civilians killed.\nSecond', 1);
  const f0 = mk(ids[0], '60', 3);
  a.annotations.update(f0.id, { note: 'RT: "at least"', attributes: { value: '60', unit: 'people killed' } });
  a.links.create(r0.id, r1.id, 1);
  a.links.create(c0.id, r0.id, 4);
  const dest = join(dir, 'a-brat');
  const result = await runExport(a, { brat: bratExporter }, { format: 'brat', dest, docs: { kind: 'all' } });
  assert.ok(result.notes.some((n) => n.includes('1 link between documents')), result.notes.join('\n'));
  assert.deepEqual(
    result.files.map((f) => f.slice(dest.length + 1)).sort(),
    ['1.ann', '1.txt', '2.ann', '2.txt', 'annotation.conf', 'cross-document-links.tsv', 'documents.tsv', 'visual.conf'],
  );

  const b = openProject(join(dir, 'b.crosscheck'));
  const report = ingest(b, parseBratFolder(dest), dest);
  assert.equal(report.imported.length, 2);
  assert.equal(report.spans, 4);
  assert.equal(report.links, 2);
  assert.equal(report.clusters, 1);
  const strip = (line: string) => {
    const d = JSON.parse(line);
    return {
      title: d.title,
      text: d.text,
      spans: d.spans.map((s: Record<string, unknown>) => [s.label, s.start, s.end, s.text, s.note, s.attributes, !!s.cluster]),
      links: d.links.length,
    };
  };
  assert.deepEqual([...jsonlLines(b.db)].map(strip), [...jsonlLines(a.db)].map(strip));
  a.close();
  b.close();
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

test('errors name file.ann:line and the reason', () => {
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
  expectError(ok + 'T2\tPER 4 17\tCaius Apiciux\n', /bad\.ann:2: T2 says its text is "Caius Apiciux", but the text at 4\.\.17 is "Caius Apicius"$/);
  expectError(ok + 'T2\tPER 25 29\tCela\n', /bad\.ann:2: .*look like UTF-8 bytes/);
  expectError(ok + 'T2\tPER 38 41\tBob\n', /bad\.ann:2: .*look like UTF-16 units/);
  expectError(ok + 'T2\tPER 4 500\tx\n', /bad\.ann:2: T2 ends at 500, after the end of the text \(49 characters\)/);
  expectError(ok + 'T2 PER 4 17 Caius\n', /bad\.ann:2: expected an id, a tab/);
  expectError(ok + 'T2\tPER 4 x\tCaius\n', /bad\.ann:2: T2: offsets "4 x" are not "start end" pairs/);
  expectError(ok + 'T2\tPER 17 4\tCaius\n', /bad\.ann:2: T2: start 17 is after end 4/);
  expectError(ok + 'T2\tPER 4 4\t\n', /bad\.ann:2: T2 covers no text/);
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

  writeFileSync(ann, ok + '\n   \nR1\tFamily Arg1:T1 Arg2:T1\t\nA1\tFlag R1\n#1\tAnnotatorNotes T1\tplain\n');
  const issues: BratIssue[] = [];
  const d = parseBratPair(txt, ann, null, { issues });
  assert.equal(d.spans[0].note, 'plain', 'blank lines are skipped; a trailing tab on R is fine');
  assert.deepEqual(issues, [{ path: `${ann}:5`, reason: 'A1 (Flag) is on R1; Crosscheck keeps attributes on spans only, so it was not imported' }]);

  writeFileSync(txt, Buffer.from([0x50, 0xe9, 0x72, 0x65]));
  writeFileSync(ann, '');
  assert.throws(() => parseBratPair(txt, ann, null), /bad\.txt: not UTF-8/);
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
  const [d] = parseBratFolder(sub, issues);
  assert.deepEqual(linksOf(d), ['T1 -Knows-> T2', 'T1 -Sibling-> T2', 'T2 -Knows-> T1', 'T2 -same-as-> T3']);
  assert.deepEqual(issues.map((i) => i.reason), ['type Thing is not declared in annotation.conf (imported as a label anyway)']);
});

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
  const docs = parseBratFolder(root, issues);
  assert.deepEqual(docs.map((d) => [d.spans[0]?.key ?? d.title, d.spans[0]?.label]), [
    ['a/x:T1', 'claim_type'],
    ['9', undefined],
    ['b/inner/10:T1', 'claim type'],
  ]);
  assert.deepEqual(issues.map((i) => [i.path.slice(root.length + 1), i.reason]), [
    ['README.txt', 'no README.ann beside it; skipped (import it as plain text to get the document)'],
    ['a/lonely.ann', 'no lonely.txt beside it; skipped'],
    ['a/x.ann', 'type claim_type is not declared in annotation.conf (imported as a label anyway)'],
  ]);
});
