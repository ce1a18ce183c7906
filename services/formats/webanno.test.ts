import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { sliceCp } from '../../common/offsets.js';
import { ingest } from './ingest.js';
import { collectingContext } from './types.js';
import { parseWebAnnoTsv3 } from './webanno-import.js';
import { FIXTURES, fixture, parse, spans, links } from './webanno-test-helpers.js';

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
