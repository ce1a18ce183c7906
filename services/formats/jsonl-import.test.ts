import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { jsonlLines, writeJsonlFile } from '../export/jsonl.js';
import { importJsonl } from './jsonl-import.js';
import { collectingContext } from './types.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-jsonl-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const exportOf = (p: Project) => [...jsonlLines(p.db)].join('');

/** A project with emoji, combining marks and CRLF-origin text; spans, a cluster with a name, said-by and cites links. */
function annotated(path: string): Project {
  const p = openProject(path);
  const docs = [
    'Gen. Sergey Rudskoy 👩‍👩‍👧 said: 60 civilians killed.\nSecond line with café.',
    'Lieutenant-General Sergey Rutskoy said over 60 civilians have been killed.',
    'Unlinked article about Mosul, “smart bombs” and 🇺🇦.',
  ];
  const ids = docs.map((text, i) => p.documents.insert({ title: `Doc ${i}`, date: `2016-10-2${i}`, source: ['RT', 'TASS', null][i], path: null, hash: `h${i}`, text, length: Array.from(text).length }, 'now'));
  const cp = (text: string, s: string) => Array.from(text.slice(0, text.indexOf(s))).length;
  const span = (doc: number, s: string, labelId: number) => {
    const text = docs[ids.indexOf(doc)];
    const start = cp(text, s);
    return p.annotations.create({ docId: doc, labelId, start, end: start + Array.from(s).length });
  };
  const r0 = span(ids[0], 'Sergey Rudskoy', 2);
  const r2 = span(ids[1], 'Sergey Rutskoy', 2);
  const c0 = span(ids[0], '60 civilians killed', 1);
  const c1 = span(ids[1], 'over 60 civilians have been killed', 1);
  const f0 = span(ids[0], '60 civilians', 3);
  p.annotations.update(f0.id, { note: 'RT: "at least"', attributes: { value: '60', unit: 'killed' } });
  span(ids[2], '🇺🇦', 1);
  p.links.create(r0.id, r2.id, 1);
  p.links.clusters.rename(p.annotations.get(r0.id).clusterId!, 'Sergey Rudskoy');
  p.links.create(c0.id, c1.id, 1);
  p.links.create(c0.id, r0.id, 4);
  p.links.create(c0.id, f0.id, 5);
  return p;
}

test('export → import into a new project → export gives the same bytes: spans, links, clusters and their names', () => {
  const a = annotated(join(dir, 'a.crosscheck'));
  const first = exportOf(a);
  const file = join(dir, 'a.jsonl');
  writeFileSync(file, first);
  const b = openProject(join(dir, 'b.crosscheck'));
  const report = importJsonl(b, file);
  assert.equal(report.imported.length, 3);
  assert.equal(report.spans, 6);
  assert.equal(report.links, 4);
  assert.equal(report.clusters, 2);
  assert.equal(exportOf(b), first);
  const lines = first.trim().split('\n').map((l) => JSON.parse(l));
  const rudskoy = lines[0].spans.find((s: { text: string }) => s.text === 'Sergey Rudskoy');
  assert.equal(rudskoy.cluster.name, 'Sergey Rudskoy');
  assert.deepEqual(
    lines[0].links.map((l: { type: string }) => l.type).sort(),
    ['cites', 'said-by', 'same-as', 'same-as'],
    'links sit on the document of their from span',
  );
  a.close();
  b.close();
});

test('importing into a project that already uses the ids remaps them and keeps links and clusters intact', () => {
  const a = annotated(join(dir, 'c.crosscheck'));
  const file = join(dir, 'c.jsonl');
  writeFileSync(file, exportOf(a));
  const other = openProject(join(dir, 'd.crosscheck'));
  other.documents.insert({ title: 'occupies id 1', date: null, source: null, path: null, hash: 'x', text: 'occupies ids', length: 12 }, 'now');
  other.annotations.create({ docId: 1, labelId: 1, start: 0, end: 8 });
  const r = importJsonl(other, file);
  assert.equal(r.links, 4);
  assert.equal(other.links.count(), 4);
  const spans = [...jsonlLines(other.db)].map((l) => JSON.parse(l)).flatMap((d) => d.spans);
  const named = spans.filter((s: { cluster?: { name: string } }) => s.cluster?.name === 'Sergey Rudskoy');
  assert.deepEqual(named.map((s: { text: string }) => s.text).sort(), ['Sergey Rudskoy', 'Sergey Rutskoy']);
  a.close();
  other.close();
});

test('a bad line names file and line, and nothing of the file is imported', () => {
  const a = annotated(join(dir, 'e.crosscheck'));
  const good = exportOf(a).trim().split('\n');
  const file = join(dir, 'bad.jsonl');
  const target = openProject(join(dir, 'f.crosscheck'));
  writeFileSync(file, good[0] + '\n{"id": 2, "title": "x"');
  assert.throws(() => importJsonl(target, file, 'bad.jsonl'), (e: Error) => {
    assert.equal(e.name, 'InvalidInput');
    assert.match(e.message, /^bad\.jsonl:2: not JSON/);
    return true;
  });
  writeFileSync(file, good[0] + '\n' + JSON.stringify({ ...JSON.parse(good[1]), links: [{ from: 999, to: 1, type: 'same-as' }] }));
  assert.throws(() => importJsonl(target, file, 'bad.jsonl'), /bad\.jsonl:2: link 999 → 1: span 999 is not in the file/);
  assert.equal(target.documents.count(), 0);
  assert.equal(target.annotations.count(), 0);
  a.close();
  target.close();
});

test('labels and link types unknown to the project are added and reported', () => {
  const a = annotated(join(dir, 'g.crosscheck'));
  const lines = exportOf(a).trim().split('\n').map((l) => JSON.parse(l));
  lines[2].spans[0].label = 'place';
  lines[0].links[0].type = 'refutes';
  const file = join(dir, 'g.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const b = openProject(join(dir, 'h.crosscheck'));
  const r = importJsonl(b, file);
  assert.deepEqual(r.labelsAdded, ['place']);
  assert.deepEqual(r.linkTypesAdded, ['refutes']);
  assert.ok(b.labels.list().some((l) => l.name === 'place'));
  a.close();
  b.close();
});

test('`crosscheck import file.jsonl` restores spans, links and clusters through import.paths', async () => {
  const { createHandlers } = await import('../handlers.js');
  const a = annotated(join(dir, 'cli-a.crosscheck'));
  const file = join(dir, 'cli.jsonl');
  writeFileSync(file, exportOf(a));
  const b = openProject(join(dir, 'cli-b.crosscheck'));
  const h = createHandlers(b, () => {});
  const r = await h['import.paths']({ paths: [file], format: 'auto' });
  assert.equal(r.imported.length, 3);
  assert.equal(r.links, 4);
  const stats = await h['stats.get']({});
  assert.equal(stats.links, 4);
  assert.equal(stats.clusters, 2);
  a.close();
  b.close();
});

test('writeJsonlFile writes exactly the lines of jsonlLines and counts documents and spans', () => {
  const a = annotated(join(dir, 'to-file.crosscheck'));
  const file = join(dir, 'to-file.jsonl');
  assert.deepEqual(writeJsonlFile(a.db, file), { path: file, documents: 3, spans: 6 });
  assert.equal(readFileSync(file, 'utf8'), exportOf(a));
  a.close();
});

test('a span of an older export that cuts a character is dropped with its line and reason, and so are its links', () => {
  const text = 'Flag 🇺🇦 and Mosul.';
  const line = {
    id: 1, title: 'Old', date: null, source: null, path: null, text,
    spans: [
      { id: 1, start: 5, end: 6, label: 'claim', text: '🇺', note: '', attributes: {} },
      { id: 2, start: 12, end: 17, label: 'claim', text: 'Mosul', note: '', attributes: {} },
    ],
    links: [{ from: 2, to: 1, type: 'same-as' }],
  };
  const file = join(dir, 'old.jsonl');
  writeFileSync(file, JSON.stringify(line) + '\n');
  const p = openProject(join(dir, 'old.crosscheck'));
  const ctx = collectingContext('old.jsonl');
  const report = importJsonl(p, file, 'old.jsonl', ctx);
  assert.equal(report.spans, 1);
  assert.equal(report.links, 0);
  assert.deepEqual(p.annotations.listForDocument(report.imported[0].id).map((a) => a.text), ['Mosul']);
  assert.deepEqual(ctx.dropped.map((d) => [d.path, d.where, d.what]), [
    ['old.jsonl', 'line 1', 'span 1 5..6 "claim" "🇺"'],
    ['old.jsonl', 'line 1', 'link 2 → 1 (same-as)'],
  ]);
  assert.match(ctx.dropped[0].why, /^span 5\.\.6 cuts "🇺🇦" in two/);
  assert.match(ctx.dropped[1].why, /^span 1 was not imported \(span 5\.\.6 cuts/);
  p.close();
});
