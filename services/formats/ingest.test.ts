import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { ingest } from './ingest.js';
import type { ParsedDoc, ParsedSpan } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-ingest-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const CLUSTERS = { flag: '🇺🇸', family: '👩‍👩‍👧', combining: 'e\u0301\u0323', skinTone: '👍🏽' };
const cp = (s: string) => [...s].length;

let seq = 0;
const project = () => openProject(join(dir, `p${++seq}.crosscheck`));

test('a span from a file that cuts a flag, ZWJ family, combining sequence or skin tone is skipped with its reason; the rest is imported', () => {
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
    const report = ingest(p, [doc], `${kind}.ann`);
    assert.equal(report.spans, 2, kind);
    assert.equal(report.links, 1, kind);
    const stored = p.annotations.listForDocument(report.imported[0].id);
    assert.deepEqual(stored.map((a) => a.text), [cluster, 'Mosul'], kind);
    assert.deepEqual(
      report.skipped.map((s) => s.path),
      [`${kind}.ann:1`, `${kind}.ann:2`, `${kind}.txt`, `${kind}.txt`],
      kind,
    );
    assert.match(report.skipped[0].reason, new RegExp(`^span ${c.start + 1}\\.\\.${c.end} cuts ${JSON.stringify(cluster)} in two .*; the span was not imported$`));
    assert.match(report.skipped[1].reason, new RegExp(`^span 0\\.\\.${c.end - 1} cuts ${JSON.stringify(cluster)} in two`));
    assert.match(report.skipped[2].reason, /a supports link names span cut-start, which was not imported \(it cuts a character\)/);
    assert.match(report.skipped[3].reason, /names span cut-end/);
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
