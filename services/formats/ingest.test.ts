import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { ingest } from './ingest.js';
import { collectingContext, type ParsedDoc, type ParsedSpan } from './types.js';
import { importAnnotatedPaths } from './importers.js';
import { writeFileSync } from 'node:fs';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ingest-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const CLUSTERS = { flag: '🇺🇸', family: '👩‍👩‍👧', combining: 'e\u0301\u0323', skinTone: '👍🏽' };
const cp = (s: string) => [...s].length;

let seq = 0;
const project = () => openProject(join(dir, `p${++seq}.crosscheck`));

test('a span from a file that cuts a flag, ZWJ family, combining sequence or skin tone is a dropped entry with its line and reason, as are the links naming it; the rest is imported', () => {
  for (const [kind, cluster] of Object.entries(CLUSTERS)) {
    const text = `See ${cluster} here, then Mosul.`;
    const c = { start: 4, end: 4 + cp(cluster) };
    const mosul = { start: cp(text) - 6, end: cp(text) - 1 };
    const spans: ParsedSpan[] = [
      { key: 'cut-start', start: c.start + 1, end: c.end, label: 'claim', at: `${kind}.ann:1` },
      { key: 'cut-end', start: 0, end: c.end - 1, label: 'claim', at: `${kind}.ann:2` },
      { key: 'whole', start: c.start, end: c.end, label: 'claim', at: `${kind}.ann:3` },
      { key: 'mosul', ...mosul, label: 'speaker', at: `${kind}.ann:4` },
    ];
    const doc: ParsedDoc = {
      title: kind,
      text,
      path: `${kind}.txt`,
      spans,
      links: [
        { from: 'whole', to: 'cut-start', type: 'supports' },
        { from: 'cut-end', to: 'mosul', type: 'supports' },
        { from: 'whole', to: 'mosul', type: 'supports' },
      ],
    };
    const p = project();
    const ctx = collectingContext(`${kind}.ann`);
    const report = ingest(p, [doc], `${kind}.ann`, ctx);
    assert.equal(report.spans, 2, kind);
    assert.equal(report.links, 1, kind);
    const stored = p.annotations.listForDocument(report.imported[0].id);
    assert.deepEqual(stored.map((a) => a.text), [cluster, 'Mosul'], kind);
    assert.deepEqual(report.skipped, [], `${kind}: spans are dropped entries, not skipped files`);
    assert.deepEqual(
      ctx.dropped.map((d) => [d.path, d.where]),
      [[`${kind}.ann`, 'line 1'], [`${kind}.ann`, 'line 2'], [`${kind}.ann`, 'link whole → cut-start'], [`${kind}.ann`, 'link cut-end → mosul']],
      kind,
    );
    assert.match(ctx.dropped[0].why, new RegExp(`^span ${c.start + 1}\\.\\.${c.end} cuts ${JSON.stringify(cluster)} in two`));
    assert.match(ctx.dropped[1].why, new RegExp(`^span 0\\.\\.${c.end - 1} cuts ${JSON.stringify(cluster)} in two`));
    assert.match(ctx.dropped[2].why, /names span cut-start, which was not imported \(span .* cuts/);
    assert.match(ctx.dropped[3].why, /names span cut-end/);
    p.close();
  }
});

test('a span key declared twice is still refused when its first declaration was skipped', () => {
  const p = project();
  const doc: ParsedDoc = {
    title: 't',
    text: 'See 🇺🇸 here.',
    path: 't.txt',
    spans: [
      { key: 'T1', start: 5, end: 6, label: 'claim', at: 't.ann:1' },
      { key: 'T1', start: 0, end: 3, label: 'claim', at: 't.ann:2' },
    ],
    links: [],
  };
  assert.throws(() => ingest(p, [doc], 't.ann'), /t\.ann:2: span T1 is declared twice/);
  assert.equal(p.documents.list('title', 'asc', 0, 10).total, 0, 'nothing of the import remains');
  p.close();
});

const doc = (text: string, spans: Omit<ParsedSpan, 'key' | 'label'>[], path = 'd.txt'): ParsedDoc => ({
  title: 'd',
  text,
  path,
  spans: spans.map((s, i) => ({ key: `k${i}`, label: 'claim', ...s })),
  links: [],
});

test('CRLF and CR line endings become LF, span offsets remapped; the same article with LF is then a duplicate', () => {
  const p = project();
  // Offsets as a tool counts them on the CRLF text: "Port officials" is 10..24 there, 9..23 once the CR is gone.
  const crlf = 'Line one\r\nPort officials said no.\rOld Mac line.';
  const r = ingest(p, [doc(crlf, [{ start: 10, end: 24, text: 'Port officials' }, { start: 34, end: 37, text: 'Old' }])], 'd.jsonl');
  assert.equal(r.spans, 2);
  const [{ id }] = r.imported;
  assert.equal(p.documents.get(id).text, 'Line one\nPort officials said no.\nOld Mac line.');
  assert.deepEqual(p.annotations.listForDocument(id).map((a) => [a.start, a.end, a.text]), [[9, 23, 'Port officials'], [33, 36, 'Old']]);
  const again = ingest(p, [doc('Line one\nPort officials said no.\nOld Mac line.', [])], 'e.jsonl');
  assert.deepEqual(again.duplicates.map((d) => d.of), [id], 'found on the normalised text');
  p.close();
});

test('a zero-length span is "zero-length span", one outside the text or on other text is placed nowhere: dropped entries, the rest imports', () => {
  const p = project();
  const ctx = collectingContext('z.jsonl');
  const r = ingest(
    p,
    [doc('Gen. Rudskoy said 60.', [{ start: 5, end: 5, at: 'z.jsonl:1' }, { start: 5, end: 99, at: 'z.jsonl:1' }, { start: 0, end: 4, text: 'Col.', at: 'z.jsonl:1' }, { start: 5, end: 12, at: 'z.jsonl:1' }])],
    'z.jsonl',
    ctx,
  );
  assert.equal(r.spans, 1);
  assert.deepEqual(ctx.dropped.map((d) => d.why.replace(/ \(.*/, '')), ['zero-length span', 'outside the text', 'the text there is "Gen.", not the one the file gives']);
  assert.ok(ctx.dropped.every((d) => d.path === 'z.jsonl' && d.where === 'line 1'));
  p.close();
});

test('a text of only zero-width spaces, joiners and white space is empty, not a document', () => {
  const p = project();
  assert.throws(() => ingest(p, [doc('\u200b\u200b \u200d\ufeff\n\u2060', [])], 'blank.json'), /the document text is empty/);
  p.close();
});

test('strict: anything an import would drop refuses it (nothing kept); without strict the rest imports and the drop is reported', () => {
  const file = join(dir, 'zero.jsonl');
  writeFileSync(file, JSON.stringify({ text: 'Port officials said no.', label: [[0, 0, 'speaker'], [0, 4, 'speaker']] }) + '\n');
  const p = project();
  assert.throws(() => importAnnotatedPaths(p, [file], 'doccano', { options: { strict: true } }), /refused \(strict\): 1 thing would be left out, so nothing of this import was kept[^]*zero\.jsonl: .*zero-length span/);
  assert.equal(p.documents.list('title', 'asc', 0, 10).total, 0, 'nothing kept');
  const { report } = importAnnotatedPaths(p, [file], 'doccano');
  assert.equal(report.spans, 1);
  assert.deepEqual(report.dropped?.map((d) => [d.path, d.why]), [[file, 'zero-length span']]);
  p.close();
});

test('a link from a span to itself is a dropped entry, not silently left out', () => {
  const p = project();
  const ctx = collectingContext('self.json');
  const d = doc('Gen. Rudskoy said 60.', [{ start: 5, end: 12 }]);
  d.links.push({ from: 'k0', to: 'k0', type: 'same-as' });
  const r = ingest(p, [d], 'self.json', ctx);
  assert.equal(r.links, 0);
  assert.deepEqual(ctx.dropped.map((x) => [x.where, x.why]), [['link k0 → k0', 'it links a span to itself']]);
  p.close();
});

test('CRLF → LF moves a discontinuous span\'s fragments with its edges', () => {
  const p = project();
  // "Gen." and "said" around a CRLF-wrapped "Rudskoy": 0-4 and 15-19 before, 0-4 and 13-17 after.
  const d = doc('Gen.\r\nRudskoy\r\nsaid 60.', [{ start: 0, end: 19, attributes: { fragments: '0-4;15-19', note: 'kept' } }]);
  const r = ingest(p, [d], 'f.json');
  const [a] = p.annotations.listForDocument(r.imported[0].id);
  assert.equal(p.documents.get(r.imported[0].id).text, 'Gen.\nRudskoy\nsaid 60.');
  assert.deepEqual([a.start, a.end, a.attributes], [0, 17, { fragments: '0-4;13-17', note: 'kept' }]);
  p.close();
});
