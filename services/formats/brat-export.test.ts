import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { runExport } from '../export/run.js';
import { jsonlLines } from '../export/jsonl.js';
import { ingest } from './ingest.js';
import { bratExporter } from './brat-export.js';
import { parseBratConf } from './brat-conf.js';
import { parseBratFolder } from './brat-folder.js';
import type { BratIssue } from './brat-import.js';
import { bratStorageName, decodeBratValue, encodeBratValue } from './brat-syntax.js';
import { cpLen, cpOf, cpSlice, doc, exportTo, fakeCtx, link, newSpanId, span, writeOut } from './brat-test-helpers.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-brat-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---- export -------------------------------------------------------------------------------------------------------

test('export: exact .ann with ids, a span across a line break as fragments, notes per line, encoded attributes, * and R lines', () => {
  const text = 'Hi 👍 Bob\nand Al.';
  const bob = { id: 7, start: 5, end: 8, label: 'speaker', text: 'Bob', note: '', attributes: {}, cluster: null, annotator: 'ana' };
  const across = { id: 8, start: 5, end: 12, label: 'claim', text: 'Bob\nand', note: 'a\nb', attributes: { x: 'a b' }, cluster: null, annotator: 'ana' };
  const al = { id: 9, start: 13, end: 15, label: 'speaker', text: 'Al', note: '', attributes: {}, cluster: null, annotator: 'ana' };
  assert.equal(cpSlice(text, 5, 12), 'Bob\nand');
  const d = doc(1, text, [bob, across, al], [
    { id: 3, from: 8, to: 7, type: 'said-by', directed: true, toDocId: 1, annotator: 'ana' },
    { id: 4, from: 7, to: 9, type: 'same-as', directed: false, toDocId: 1, annotator: 'ana' },
    { id: 5, from: 9, to: 100, type: 'cites', directed: true, toDocId: 2, annotator: 'ana' },
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
      'A1\tannotator T7 ana',
      'A2\tannotator T8 ana',
      'A3\tx T8 a%20b',
      'A4\tannotator T9 ana',
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
  assert.match(conf, /\n\[events\]\n\n\[attributes\]\n\nannotator\tArg:<ENTITY>, Value:ana\nx\tArg:<ENTITY>, Value:a%20b\n$/);
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
  assert.match(ann, /^A2\tsource_kind T\d+ state%20media$/m, 'after the span\'s layer (A1 annotator)');
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
  const disc = { id: newSpanId(), start: s2, end: c2 + 4, label: 'claim', text: cpSlice(t1, s2, c2 + 4), note: '', attributes: { fragments: `${s2}-${s2 + 6};${c2}-${c2 + 4}` }, cluster: null, annotator: 'ana' };
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
