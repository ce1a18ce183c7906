import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formats, takesOption } from '../../common/formats.js';
import { hfExporter, hfFeatures, hfTagNames } from './hf-export.js';
import { exporters } from './index.js';
import { mlFixtures } from './ml-exports.test-helpers.js';
import { findPython, runPython } from './python.test-helpers.js';
import { OVERLAP_RULE } from './conll.js';
import type { ExportContext, ExportDoc, ExportSpan, Sink } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-hf-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
const { project, exportTo } = mlFixtures(() => dir);

const cp = (s: string) => Array.from(s).length;
const LABELS = ['claim', 'speaker', 'figure'];
const NAMES = ['O', 'B-claim', 'I-claim', 'B-speaker', 'I-speaker', 'B-figure', 'I-figure'];
let nextSpan = 1;

/** A span over `pieces` of `text` (in order; two or more: discontinuous, as fragments.ts stores it). */
function span(text: string, pieces: string[], label: string): ExportSpan {
  let after = 0;
  const frags = pieces.map((p) => {
    const at = text.indexOf(p, after);
    assert.ok(at >= 0, p);
    after = at + p.length;
    return [cp(text.slice(0, at)), cp(text.slice(0, at)) + cp(p)];
  });
  const attributes: Record<string, string> = frags.length > 1 ? { fragments: frags.map((f) => f.join('-')).join(';') } : {};
  const [start, end] = [frags[0][0], frags[frags.length - 1][1]];
  return { id: nextSpan++, start, end, label, text: Array.from(text).slice(start, end).join(''), note: '', attributes, cluster: null, annotator: 'ana' };
}

function docOf(id: number, text: string, spans: ExportSpan[]): ExportDoc {
  spans.sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id);
  return { id, title: `Doc ${id}`, date: null, source: null, path: null, text, done: false, split: null, spans, links: [] };
}

/** Runs the exporter over documents into memory, as one sink. */
function run(docs: ExportDoc[], sentences = false) {
  const files = new Map<string, string>();
  const sink: Sink = { write: (p, t) => void files.set(p, (files.get(p) ?? '') + t) };
  const ctx = { labels: LABELS.map((name) => ({ name, color: '#000' })), options: { seed: 1, contextSentence: true, sentences } } as unknown as ExportContext;
  hfExporter.begin?.(ctx, sink);
  for (const d of docs) hfExporter.doc(d, ctx, sink);
  const notes = hfExporter.end?.(ctx, sink)?.notes ?? [];
  const rows = (files.get('data.jsonl') ?? '').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; tokens: string[]; ner_tags: number[] });
  return { files, notes, rows, tags: (r: { ner_tags: number[] }) => r.ner_tags.map((i) => NAMES[i]) };
}

test('hf is an export format that takes the sentences option (issue 11 item 7)', () => {
  assert.equal(exporters.hf, hfExporter);
  assert.ok(takesOption('hf', 'sentences'));
  assert.ok(!takesOption('hf', 'singletons'));
  assert.match(formats.hf.label, /Hugging Face/);
});

test('one row per document: conll tokens, IOB2 tag indices, a nested span dropped by the overlap rule, a discontinuous one per fragment', () => {
  const text = 'Gen. Sergey Rudskoy said: 60 civilians killed.\nRT 🇺🇦 reports 👩‍👩‍👧 fled.';
  const spans = [
    span(text, ['Sergey Rudskoy'], 'speaker'),
    span(text, ['60 civilians killed'], 'claim'),
    span(text, ['60'], 'figure'), // inside the claim: dropped
    span(text, ['RT', 'reports'], 'claim'), // the flag between is the gap
    span(text, ['👩‍👩‍👧'], 'speaker'),
  ];
  const out = run([docOf(7, text, spans), docOf(8, 'Nothing here.', [])]);
  assert.deepEqual(out.rows[0].tokens, ['Gen', '.', 'Sergey', 'Rudskoy', 'said', ':', '60', 'civilians', 'killed', '.', 'RT', '🇺🇦', 'reports', '👩‍👩‍👧', 'fled', '.']);
  assert.deepEqual(out.tags(out.rows[0]), ['O', 'O', 'B-speaker', 'I-speaker', 'O', 'O', 'B-claim', 'I-claim', 'I-claim', 'O', 'B-claim', 'O', 'B-claim', 'B-speaker', 'O', 'O']);
  assert.deepEqual(out.rows[0].ner_tags.slice(0, 4), [0, 0, 3, 4], 'tags are indices into the ClassLabel names');
  assert.equal(out.rows[0].id, '7');
  assert.deepEqual(out.rows[1], { id: '8', tokens: ['Nothing', 'here', '.'], ner_tags: [0, 0, 0] });
  assert.deepEqual(Object.keys(out.rows[0]), ['id', 'tokens', 'ner_tags']);
  assert.deepEqual(out.notes, [
    `hf has one tag per token: dropped 1 overlapping span (rule: ${OVERLAP_RULE}).`,
    '1 discontinuous span written as one entity per fragment (B- at each fragment, the gap\'s tokens O).',
  ]);
});

test('features.json is the Features dict datasets writes: Sequence of ClassLabel names O, B-/I- per label in project order', () => {
  const { files } = run([]);
  const features = JSON.parse(files.get('features.json')!);
  assert.deepEqual(features, hfFeatures(NAMES));
  assert.deepEqual(hfTagNames(LABELS.map((name) => ({ name }))), NAMES);
  assert.deepEqual(features.ner_tags, { feature: { names: NAMES, _type: 'ClassLabel' }, length: -1, _type: 'Sequence' });
  assert.deepEqual(features.tokens, { feature: { dtype: 'string', _type: 'Value' }, length: -1, _type: 'Sequence' });
  assert.deepEqual(features.id, { dtype: 'string', _type: 'Value' });
  assert.equal(files.get('data.jsonl'), '', 'the data file exists even with no document');
});

test('sentences option: one row per sentence, ids doc-n; an entity across a sentence break keeps its sentences in one row', () => {
  const text = 'He said it. Then he left.\nNew line here. Last one.';
  const out = run([docOf(3, text, [span(text, ['it. Then'], 'claim')]), docOf(4, ' \n ', [])], true);
  assert.deepEqual(
    out.rows.map((r) => [r.id, r.tokens.join(' ')]),
    [
      ['3-0', 'He said it . Then he left .'],
      ['3-1', 'New line here .'],
      ['3-2', 'Last one .'],
    ],
  );
  assert.deepEqual(out.tags(out.rows[0]), ['O', 'O', 'B-claim', 'I-claim', 'I-claim', 'O', 'O', 'O']);
});

test('spans over white space only and overlapping spans are counted; tags stay valid IOB2', () => {
  const text = 'Ann Bob Cyd Dee';
  const out = run([docOf(1, text, [span(text, ['Ann Bob'], 'claim'), span(text, ['Bob Cyd'], 'speaker'), span(text, [' '], 'figure'), span(text, ['Dee'], 'claim')])]);
  assert.deepEqual(out.tags(out.rows[0]), ['B-claim', 'I-claim', 'O', 'B-claim']);
  assert.ok(out.notes.includes('1 span covering only white space had no token to tag.'));
  assert.ok(out.notes.some((n) => n.startsWith('hf has one tag per token: dropped 1 overlapping span')));
});

/** The news project of the datasets test: nested, discontinuous and clustered spans, a link, a note. */
function newsProject(name: string) {
  const b = project(name);
  const d1 = b.doc('Gen. Sergey Rudskoy said: 60 civilians killed in Aleppo. 👩‍👩‍👧 families fled.');
  const d2 = b.doc('Reports say sixty civilians died 🇸🇾. The hospital was bombed twice.');
  const d3 = b.doc('Rudskoy\u0301 repeated: 60 civilians killed, he said.');
  b.doc('Prices rose by 5 percent. The minister resigned.');
  const a = b.span(d1, '60 civilians killed in Aleppo', 'claim');
  b.span(d1, '60', 'figure');
  b.span(d1, ['Sergey', 'said'], 'speaker');
  b.same(a, b.span(d2, 'sixty civilians died', 'claim'), b.span(d3, '60 civilians killed', 'claim'));
  b.span(d3, 'Rudskoy\u0301', 'speaker');
  return b;
}

test('Hugging Face datasets loads every split with features.json: ner_tags are Sequence(ClassLabel) with our names', async (t) => {
  const py = findPython(['datasets']);
  if ('skip' in py) return t.skip(py.skip);
  const b = newsProject('hf-datasets');
  const { dest, result } = await exportTo(b.p, { format: 'hf', split: { train: 2, dev: 1, test: 1, seed: 3 } });
  const expected = ['train', 'dev', 'test'].map((s) => readFileSync(join(dest, s, 'data.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  assert.equal(expected.flat().length, 4, 'one row per document over the splits');
  const script = `
import json, os, sys, tempfile
os.environ['HF_DATASETS_CACHE'] = tempfile.mkdtemp()
os.environ['HF_HUB_OFFLINE'] = '1'
import datasets
from datasets import ClassLabel, Features, load_dataset
root = sys.argv[1]
out = {}
for split in ['train', 'dev', 'test']:
    folder = os.path.join(root, split)
    features = Features.from_dict(json.load(open(os.path.join(folder, 'features.json'))))
    if os.path.getsize(os.path.join(folder, 'data.jsonl')) == 0:
        out[split] = {'rows': 0}
        continue
    ds = load_dataset('json', data_files=os.path.join(folder, 'data.jsonl'), features=features, split='train')
    tags = ds.features['ner_tags']
    out[split] = {
        'rows': ds.num_rows,
        'list': type(tags).__name__,
        'inner': type(tags.feature).__name__,
        'names': tags.feature.names,
        'tokens': type(ds.features['tokens'].feature).__name__ + ':' + ds.features['tokens'].feature.dtype,
        'decoded': [[tags.feature.int2str(i) for i in row] for row in list(ds['ner_tags'])],
        'ids': list(ds['id']),
    }
print(json.dumps(out))
`;
  const loaded = JSON.parse(runPython(py.python, script, [dest]).trim().split('\n').pop()!);
  const names = hfTagNames([{ name: 'claim' }, { name: 'speaker' }, { name: 'figure' }]);
  ['train', 'dev', 'test'].forEach((split, i) => {
    const got = loaded[split];
    assert.equal(got.rows, expected[i].length, `${split}: rows`);
    if (!got.rows) return;
    assert.ok(['Sequence', 'List'].includes(got.list), `${split}: ner_tags is a sequence, not ${got.list}`);
    assert.equal(got.inner, 'ClassLabel');
    assert.deepEqual(got.names, names);
    assert.equal(got.tokens, 'Value:string');
    assert.deepEqual(got.ids, expected[i].map((r: { id: string }) => r.id));
    assert.deepEqual(got.decoded, expected[i].map((r: { ner_tags: number[] }) => r.ner_tags.map((k) => names[k])));
  });
  assert.ok(result.notes.some((n) => n.startsWith('hf has one tag per token: dropped 1 overlapping span')), result.notes.join('\n'));
  assert.ok(result.notes.some((n) => /^hf holds no cluster membership \(\d spans?\)\.$/.test(n)), result.notes.join('\n'));
  b.p.close();
});
