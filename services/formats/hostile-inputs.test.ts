import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from '../project.js';
import { importAnnotatedPaths } from './importers.js';

/** Faults a hostile tester found in the importers (issue 11), each as it was reported. */

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-hostile-'))));
after(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const put = (name: string, text: string) => {
  const f = join(dir, `${++seq}-${name}`);
  writeFileSync(f, text);
  return f;
};

test('a file id near 2^53 is kept as an external id, never a row id: a later import links the right spans', () => {
  const p = openProject(join(dir, 'big.crosscheck'));
  importAnnotatedPaths(p, [put('big.jsonl', JSON.stringify({ id: 1, title: 'a', text: 'Alpha beta', spans: [{ id: 9007199254740991, start: 0, end: 5, label: 'claim' }] }) + '\n')], 'jsonl');
  const rel = { text: 'Ann met Bob and Cy', entities: [1, 2, 3].map((id, k) => ({ id, start_offset: [0, 8, 16][k], end_offset: [3, 11, 18][k], label: 'claim' })), relations: [{ id: 1, from_id: 2, to_id: 3, type: 'supports' }] };
  const { report } = importAnnotatedPaths(p, [put('rel.jsonl', JSON.stringify(rel) + '\n')], 'doccano');
  const doc = report.imported[0].id;
  const spans = p.annotations.listForDocument(doc);
  const links = spans.flatMap((s) => p.links.forAnnotation(s.id)).filter((l, i, all) => all.findIndex((m) => m.id === l.id) === i);
  const text = (id: number) => spans.find((s) => s.id === id)!.text;
  assert.deepEqual(links.map((l) => [text(l.fromId), text(l.toId)]), [['Bob', 'Cy']]);
  p.close();
});

test('JSONL on a CRLF text: a discontinuous span\'s fragments move with its edges', () => {
  const p = openProject(join(dir, 'frag.crosscheck'));
  const line = { id: 1, title: 't', text: 'Ab\r\ncd ef', spans: [{ id: 1, start: 0, end: 9, label: 'claim', attributes: { fragments: '0-2;7-9' } }] };
  const { report } = importAnnotatedPaths(p, [put('frag.jsonl', JSON.stringify(line) + '\n')], 'jsonl');
  const [a] = p.annotations.listForDocument(report.imported[0].id);
  assert.deepEqual([a.start, a.end, a.attributes.fragments], [0, 8, '0-2;6-8']);
  p.close();
});

test('--label-names is read by own keys only: a CoNLL label "constructor" is a label, not Object.prototype\'s', () => {
  const p = openProject(join(dir, 'proto.crosscheck'));
  const { report } = importAnnotatedPaths(p, [put('proto.conll', 'Hello\tB-constructor\nworld\tO\n')], 'conll', { options: { strict: false, labelNames: { '7': 'claim' } } });
  assert.deepEqual(p.annotations.listForDocument(report.imported[0].id).map((a) => a.text), ['Hello']);
  assert.ok(report.labelsAdded?.includes('constructor'));
  p.close();
});

test('a file giving a note or attributes to a span the project already has is reported, not silently ignored; the same file again is quiet', () => {
  const p = openProject(join(dir, 'kept.crosscheck'));
  const v1 = put('v1.jsonl', JSON.stringify({ id: 1, title: 't', text: 'Hello world', spans: [{ start: 0, end: 5, label: 'claim' }] }) + '\n');
  const v2 = put('v2.jsonl', JSON.stringify({ id: 1, title: 't', text: 'Hello world', spans: [{ start: 0, end: 5, label: 'claim', note: 'checked by editor', attributes: { verdict: 'false' } }] }) + '\n');
  importAnnotatedPaths(p, [v1], 'jsonl');
  const { report } = importAnnotatedPaths(p, [v2], 'jsonl');
  assert.deepEqual(report.dropped?.map((d) => [d.where, d.why]), [['line 1', "the project already has this span; its note and attributes there were kept, not this file's"]]);
  assert.equal(importAnnotatedPaths(p, [v1], 'jsonl').report.dropped, undefined, 'nothing new: nothing to report');
  const doccano = put('d.jsonl', JSON.stringify({ text: 'Hello world', entities: [{ id: 1, start_offset: 0, end_offset: 5, label: 'claim', note: 'x' }] }) + '\n');
  const again = importAnnotatedPaths(p, [doccano], 'doccano').report;
  assert.match(again.dropped?.at(-1)?.why ?? '', /^the project already has this span; its attributes there were kept/);
  p.close();
});

test('labels longer than 60 characters are dropped with the reason, never cut and merged', () => {
  const p = openProject(join(dir, 'long-label.crosscheck'));
  const long = 'Claim about the economic consequences of the proposed tax reform: ';
  const file = put('long.jsonl', JSON.stringify({ text: 'Alpha beta', label: [[0, 5, `${long}A`], [6, 10, `${long}B`], [0, 5, 'claim']] }) + '\n');
  const { report } = importAnnotatedPaths(p, [file], 'doccano');
  assert.equal(report.spans, 1);
  assert.deepEqual(report.dropped?.map((d) => d.why), ['its label is 67 characters long; Crosscheck label names hold at most 60', 'its label is 67 characters long; Crosscheck label names hold at most 60']);
  assert.throws(() => importAnnotatedPaths(p, [file], 'doccano', { options: { strict: true } }), /refused \(strict\): 2 things/);
  p.close();
});

test('a doccano JSON array on one line (Python json.dump) imports every record', () => {
  const p = openProject(join(dir, 'array.crosscheck'));
  const file = put('arr.json', JSON.stringify([{ text: 'Alpha one', label: [[0, 5, 'claim']] }, { text: 'Beta two', label: [[0, 4, 'claim']] }]));
  const { report } = importAnnotatedPaths(p, [file], 'doccano');
  assert.deepEqual([report.imported.length, report.spans], [2, 2]);
  p.close();
});
