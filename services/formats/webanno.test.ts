import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../project.js';
import { sliceCp } from '../../common/offsets.js';
import { ingest } from './ingest.js';
import { importAnnotatedPaths } from './importers.js';
import { collectingContext, type ParsedDoc } from './types.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';
import { splitUnescaped, unescapeText3, unescapeValue } from './webanno-escapes.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/webanno-tsv3/', import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (name: string) => parseWebAnnoTsv3(fixture(name), name);
/** Spans as [label, text] in file order, with the text checked against the code-point offsets. */
const spans = (d: ParsedDoc) =>
  d.spans.map((s) => {
    assert.equal(sliceCp(d.text, s.start, s.end), s.text, `span ${s.key} text matches its code-point offsets`);
    return [s.label, s.text];
  });
/** Links as [type, from text, to text]. */
const links = (d: ParsedDoc) => {
  const text = new Map(d.spans.map((s) => [s.key, s.text]));
  return d.links.map((l) => [l.type, text.get(l.from), text.get(l.to)]);
};

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-webanno-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('emoji: offsets are UTF-16 units in the file and code points after import', () => {
  const d = parse('testSentenceWithEmoji.tsv');
  assert.equal(d.text, 'I like it 😊 .\n');
  assert.equal(d.spans.length, 1);
  const [s] = d.spans;
  assert.equal(s.label, 'Span', 'a span with no feature value is labelled with the layer name');
  assert.equal(s.text, '😊');
  assert.deepEqual([s.start, s.end], [10, 11], 'the file says 10-12 (UTF-16); code points say 10-11');
  assert.equal(sliceCp(d.text, s.start, s.end), '😊');
  assert.equal(d.title, 'testSentenceWithEmoji');
  assert.equal(d.path, 'testSentenceWithEmoji.tsv');

  // A span after the emoji: 13-14 in the file is 12-13 in code points.
  const after = parseWebAnnoTsv3(fixture('testSentenceWithEmoji.tsv').replace('1-5\t13-14\t.\t_', '1-5\t13-14\t.\tEND'), 'x.tsv');
  assert.deepEqual(
    after.spans.map((s) => [s.label, s.start, s.end, s.text]),
    [
      ['Span', 10, 11, '😊'],
      ['END', 12, 13, '.'],
    ],
  );
});

test('a file with code-point offsets is refused at the token whose text does not match, not imported shifted', () => {
  const wrong = fixture('testSentenceWithEmoji.tsv').replace('1-4\t10-12\t', '1-4\t10-11\t').replace('1-5\t13-14\t', '1-5\t12-13\t');
  assert.throws(() => parseWebAnnoTsv3(wrong, 'cp.tsv'), (e: Error) => {
    assert.equal(e.name, 'InvalidInput');
    assert.match(e.message, /^cp\.tsv:9: token 1-4 at 10-11 is "\\ud83d" in the #Text= lines, but the token column says "😊" \(WebAnno offsets count UTF-16 units\)$/);
    return true;
  });
});

test('a tab in #Text= (\\t) and a sentence on two #Text= lines come back as a tab and a line break', () => {
  const tab = parse('testSentenceWithTab.tsv');
  assert.equal(tab.text, 'This is\ta test .\n');
  assert.deepEqual(spans(tab), [['Span', 'This']]);
  const lb = parse('testSentenceWithLineBreak.tsv');
  assert.equal(lb.text, 'This is\na test .\n');
  assert.deepEqual(spans(lb), [['Span', 'This']]);
});

test('two sentences with no space between them: the second starts right after the first', () => {
  const d = parse('testTwoSentencesWithNoSpaceInBetween.tsv');
  assert.equal(d.text, 'onetwo\n');
  assert.equal(d.spans.length, 0);
  assert.equal(d.links.length, 0);
});

test('stacked multi-token spans are two spans over all their tokens', () => {
  const d = parse('testMultiTokenStackedSpanWithFeatureValue.tsv');
  assert.deepEqual(spans(d), [
    ['PERSON', 'This is a test .'],
    ['LOCATION', 'This is a test .'],
  ]);
  assert.deepEqual(d.spans.map((s) => [s.start, s.end]), [
    [0, 16],
    [0, 16],
  ]);
  assert.deepEqual(d.spans[0].attributes, { layer: 'webanno.custom.Span', value: 'PERSON' });
});

test('a span across a sentence break covers both sentences and the line break between them', () => {
  const d = parse('testCrossSentenceSpanWithFeatureValue.tsv');
  assert.equal(d.text, 'He loves her .\nShe loves him not .\n');
  assert.deepEqual(spans(d), [['PERSON', 'He loves her .\nShe loves him not .']]);
  assert.deepEqual([d.spans[0].start, d.spans[0].end], [0, 34]);
});

test('escaped feature values are unescaped exactly', () => {
  const d = parse('testTokenBoundedSpanWithSpecialSymbolsValue.tsv');
  const value = '#*\'"`´\t:;{}|[ ]()\\§$%?=&_\n';
  assert.deepEqual(spans(d), ['This', 'is', 'a', 'test', '.'].map((t) => [value, t]), 'the escaped | is not a stack separator');
  assert.equal(d.spans[0].attributes?.value, value);
});

test('zero-width sub-token spans are left out by the import as zero-length spans, each with its line', () => {
  const d = parseWebAnnoTsv3(fixture('testZeroLengthSpansWithFeatureValues.tsv'), 'zero.tsv');
  assert.equal(d.text, 'This is a test .\n');
  assert.deepEqual(d.spans.map((s) => [s.label, s.start, s.end, s.at]), [
    ['PERSON', 0, 0, 'zero.tsv:7'],
    ['ORG', 16, 16, 'zero.tsv:12'],
  ]);
  const p = openProject(join(dir, 'zero.crosscheck'));
  const ctx = collectingContext('zero.tsv');
  const r = ingest(p, [d], 'zero.tsv', ctx);
  p.close();
  assert.equal(r.spans, 0);
  assert.deepEqual(
    ctx.dropped.map((x) => [x.path, x.where, x.why]),
    [
      ['zero.tsv', 'line 7', 'zero-length span'],
      ['zero.tsv', 'line 12', 'zero-length span'],
    ],
  );
});

test('chain layers: elements become spans, consecutive elements are linked same-as', () => {
  const d = parse('testSimpleChain.tsv');
  assert.deepEqual(spans(d), [
    ['SimpleLink', 'This'],
    ['SimpleLink', 'is'],
    ['SimpleLink', 'a'],
  ]);
  assert.deepEqual(links(d), [
    ['same-as', 'This', 'is'],
    ['same-as', 'is', 'a'],
  ]);
  assert.equal(d.spans[0].attributes?.chain, '1');
});

test('chains as the user guide writes them: referenceType before referenceRelation, stacked elements, a multi-token element', () => {
  const file = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation',
    '',
    '',
    '#Text=He shot himself with his revolver.',
    '1-1\t0-2\tHe\tpr[1]\tcoref->1-1\t',
    '1-2\t3-7\tshot\t_\t_\t',
    '1-3\t8-15\thimself\tpr[1]\tcoref->1-2\t',
    '1-4\t16-20\twith\t_\t_\t',
    '1-5\t21-24\this\tpr[1]|nam[2]\t*->1-3|*->2-1\t',
    '1-6\t25-33\trevolver\tnam[2]\t*->2-1\t',
    '1-7\t33-34\t.\t_\t_\t',
    '',
  ].join('\n');
  const d = parseWebAnnoTsv3(file, 'coref.tsv');
  assert.deepEqual(spans(d), [
    ['pr', 'He'],
    ['pr', 'himself'],
    ['pr', 'his'],
    ['nam', 'his revolver'],
  ]);
  assert.equal(d.spans[0].attributes?.referenceRelation, 'coref');
  assert.equal(d.spans[2].attributes?.referenceRelation, undefined, '* is no value');
  assert.deepEqual(links(d), [
    ['same-as', 'He', 'himself'],
    ['same-as', 'himself', 'his'],
  ]);
});

test('slot features become links from the host span to each target, typed by the role', () => {
  const d = parse('testSimpleSlotFeature.tsv');
  assert.deepEqual(spans(d), [
    ['SimpleLinkHost', 'This'],
    ['SimpleSpan', 'is'],
    ['SimpleSpan', 'a'],
  ]);
  assert.deepEqual(links(d), [
    ['p1', 'This', 'is'],
    ['p2', 'This', 'a'],
  ]);
});

test('slot targets with a disambiguation id point at the multi-token span (user guide example)', () => {
  const file = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=webanno.custom.Frame|FE|ROLE_webanno.custom.Frame:Roles_webanno.custom.FrameRolesLink|webanno.custom.Lu',
    '#T_SP=webanno.custom.Lu|luvalue',
    '',
    '',
    '#Text=Bob auctioned the clock to John .',
    '1-1\t0-3\tBob\t_\t_\t_\tbob\t',
    '1-2\t4-13\tauctioned\ttransaction\tseller;goods;buyer\t1-1;1-3[4];1-6\t_\t',
    '1-3\t14-17\tthe\t_\t_\t_\tclock[4]\t',
    '1-4\t18-23\tclock\t_\t_\t_\tclock[4]\t',
    '1-5\t24-26\tto\t_\t_\t_\t_\t',
    '1-6\t27-31\tJohn\t_\t_\t_\tjohn\t',
    '1-7\t32-33\t.\t_\t_\t_\t_\t',
  ].join('\n');
  const d = parseWebAnnoTsv3(file, 'frame.tsv');
  assert.deepEqual(spans(d), [
    ['bob', 'Bob'],
    ['transaction', 'auctioned'],
    ['clock', 'the clock'],
    ['john', 'John'],
  ]);
  assert.deepEqual(links(d), [
    ['seller', 'auctioned', 'Bob'],
    ['goods', 'auctioned', 'the clock'],
    ['buyer', 'auctioned', 'John'],
  ]);
});

test('relations: typed by their first feature value, or the layer name; source column names the governor', () => {
  const dep = parse('testDependencyWithValues.tsv');
  assert.deepEqual(spans(dep), [
    ['POS1', 'This'],
    ['POS2', 'is'],
  ]);
  assert.deepEqual(dep.spans[0].attributes, { layer: 'de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS', PosValue: 'POS1' }, '* values are not kept');
  assert.deepEqual(links(dep), [['Dependency', 'This', 'is']]);

  const sub = parse('testSubTokenRelation.tsv');
  assert.equal(sub.text, 'Test\n');
  assert.deepEqual(spans(sub), [
    ['OTH', 't'],
    ['OTH', 'T'],
  ]);
  assert.deepEqual(links(sub), [['Relation', 'T', 't']]);
});

test('relations between tokens (no spans in Crosscheck) are dropped with their line', () => {
  const ctx = collectingContext('rel.tsv');
  const d = parseWebAnnoTsv3(fixture('testSingleTokenRelationWithFeatureValue.tsv'), 'rel.tsv', ctx);
  assert.equal(d.spans.length, 0);
  assert.equal(d.links.length, 0);
  assert.deepEqual(ctx.dropped, [
    {
      path: 'rel.tsv',
      where: 'line 10',
      what: 'a Relation relation',
      why: 'it joins tokens (its base type Token is no span layer of this file), and tokens are not Crosscheck spans',
    },
  ]);
});

test('a relation from an annotation to itself (ROOT) and the feature values that do not type a link are dropped with their lines', () => {
  const ctx = collectingContext('example2.tsv');
  const d = parseWebAnnoTsv3(fixture('example2.tsv'), 'example2.tsv', ctx);
  const roots = ctx.dropped.filter((x) => x.what === 'a Dependency relation "ROOT"');
  assert.equal(roots.length, 7, 'one ROOT per sentence');
  assert.equal(d.links.length, 79, 'the 86 relations but the 7 ROOTs');
  assert.deepEqual(roots[0], { path: 'example2.tsv', where: 'line 10', what: 'a Dependency relation "ROOT"', why: 'its source and target are the same annotation; a Crosscheck link joins two spans' });
  assert.equal(ctx.dropped.length, 7);

  const file = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=x.NamedEntity|value',
    '#T_RL=x.Dependency|DependencyType|flavor|BT_x.NamedEntity',
    '',
    '',
    '#Text=Ann sees Bob',
    '1-1\t0-3\tAnn\tPER\t_\t_\t_\t',
    '1-2\t4-8\tsees\t_\t_\t_\t_\t',
    '1-3\t9-12\tBob\tPER\tnsubj\tbasic\t1-1\t',
  ].join('\n');
  const flavour = collectingContext('dep.tsv');
  const dep = parseWebAnnoTsv3(file, 'dep.tsv', flavour);
  assert.deepEqual(links(dep), [['nsubj', 'Ann', 'Bob']]);
  assert.deepEqual(flavour.dropped, [
    { path: 'dep.tsv', where: 'line 9', what: 'feature flavor="basic" of a Dependency relation', why: 'a Crosscheck link has a type only (here "nsubj", the first feature with a value)' },
  ]);
});

test('relation ends with [source_target] disambiguation ids (user guide example)', () => {
  const file = [
    '#FORMAT=WebAnno TSV 3.3',
    '#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value',
    '#T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity',
    '',
    '',
    '#Text=This is a test .',
    '1-1\t0-4\tThis\t*\t_\t_',
    '1-2\t5-7\tis\t_\t_\t_',
    '1-3\t8-9\ta\t_\t_\t_',
    '1-4\t10-14\ttest\t_\t_\t_',
    '1-5\t15-16\t.\tX[1]|Y[2]\tr\t1-1[0_2]',
  ].join('\n');
  const d = parseWebAnnoTsv3(file, 'ids.tsv');
  assert.deepEqual(spans(d), [
    ['NamedEntity', 'This'],
    ['X', '.'],
    ['Y', '.'],
  ]);
  const [l] = d.links;
  assert.equal(l.type, 'r');
  assert.equal(l.from, d.spans[0].key);
  assert.equal(l.to, d.spans[2].key, '[0_2]: the target is the annotation with id 2, not the first on the token');
});

test('example2: POS on every token, named entities (multi-token, stacked), dependency relations as links', () => {
  const d = parse('example2.tsv');
  assert.ok(d.text.startsWith('Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said'));
  assert.equal(d.text.length, 445);
  const all = spans(d);
  const pos = d.spans.filter((s) => s.attributes?.layer.endsWith('.POS'));
  const ne = all.filter((_, i) => d.spans[i].attributes?.layer.endsWith('.NamedEntity'));
  assert.equal(pos.length, 86, 'one POS span per token');
  assert.deepEqual(ne, [
    ['PER', 'Ms. Haag'],
    ['OTH', 'Elianti'],
    ['ORG', 'Rolls-Royce Motor'],
    ['LOC', 'U.S.'],
    ['LOC', 'U.S.'],
    ['ORG', 'BELL INDUSTRIES Inc.'],
    ['PER', 'BELL'],
    ['ORG', 'Bell'],
    ['LOC', 'Los Angeles'],
  ]);
  assert.equal(d.links.length, 79, 'one link per relation, stacked ones included, but the 7 ROOTs (dropped, see below)');
  const l = links(d);
  assert.deepEqual(l[0], ['SUBJ', 'plays', 'Ms.'], 'from the governor (source column) to the dependent (this token)');
  assert.ok(l.some(([t, a, b]) => t === 'P' && a === '.' && b === 'plays'), 'stacked P|ROOT with 1-5|1-3');
  assert.ok(!l.some(([t]) => t === 'ROOT'), 'a ROOT joins a token to itself');
});

test('every fixture imports into a project through ingest(), texts checked against code-point offsets', () => {
  const p = openProject(join(dir, 'all.crosscheck'));
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.tsv')).sort();
  assert.equal(names.length, 14);
  const expected: Record<string, [spans: number, links: number, clusters: number]> = {
    'example2.tsv': [95, 79, 0], // 86 relations; the 7 ROOTs point at themselves and are dropped
    'testCrossSentenceSpanWithFeatureValue.tsv': [1, 0, 0],
    'testDependencyWithValues.tsv': [2, 1, 0],
    'testMultiTokenStackedSpanWithFeatureValue.tsv': [2, 0, 0],
    'testSentenceWithEmoji.tsv': [1, 0, 0],
    'testSentenceWithLineBreak.tsv': [1, 0, 0],
    'testSentenceWithTab.tsv': [1, 0, 0],
    'testSimpleChain.tsv': [3, 2, 1],
    'testSimpleSlotFeature.tsv': [3, 2, 0],
    'testSingleTokenRelationWithFeatureValue.tsv': [0, 0, 0],
    'testSubTokenRelation.tsv': [2, 1, 0],
    'testTokenBoundedSpanWithSpecialSymbolsValue.tsv': [5, 0, 0],
    'testTwoSentencesWithNoSpaceInBetween.tsv': [0, 0, 0],
    'testZeroLengthSpansWithFeatureValues.tsv': [0, 0, 0],
  };
  for (const name of names) {
    const doc = parse(name);
    const r = ingest(p, [doc], name);
    assert.deepEqual([r.spans, r.links, r.clusters], expected[name], name);
  }
  // Several fixtures share the text "This is a test .\n": they land on one document.
  const emoji = p.db.prepare("SELECT id, text FROM documents WHERE title = 'testSentenceWithEmoji'").get() as { id: number; text: string };
  const ann = p.db.prepare('SELECT start, end, text FROM annotations WHERE doc_id = ?').get(emoji.id);
  assert.deepEqual(ann, { start: 10, end: 11, text: '😊' });
  const chain = p.db.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT cluster_id) AS c FROM annotations a JOIN labels l ON l.id = a.label_id WHERE l.name = 'SimpleLink'").get();
  assert.deepEqual(chain, { n: 3, c: 1 }, 'the chain is one cluster of three');
  p.close();
});

test('CRLF line ends and a byte-order mark read the same as LF', () => {
  const lf = parse('testSentenceWithEmoji.tsv');
  const crlf = parseWebAnnoTsv3('\ufeff' + fixture('testSentenceWithEmoji.tsv').replace(/\n/g, '\r\n'), 'testSentenceWithEmoji.tsv');
  assert.deepEqual(crlf, lf);
});

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
  assert.throws(() => importAnnotatedPaths(q, [zero], 'webanno', { options: { strict: true } }), /refused \(strict\): 2 things would be left out: .*zero\.tsv: line 7: span 0\.\.0 "PERSON"/);
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
