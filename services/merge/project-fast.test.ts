import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, type Project } from '../project.js';
import { textHash } from '../import/hash.js';
import { cpLength } from '../../common/offsets.js';
import type { MergeReport } from '../../common/merge.js';
import { merge } from './index.js';

let dir: string;
let n = 0;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-merge-fast-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

// Code points beyond the BMP (two UTF-16 units each) before the spans: offsets must stay code points.
const TEXTS = ['😀 The mayor denied the report on Friday.', 'Officials said the mayor lied. 🎉 Again.', 'Only the source has this one.'];

function project(me: string): Project {
  const p = openProject(join(dir, `p${++n}.crosscheck`));
  p.annotators.choose(me);
  return p;
}
const addDoc = (p: Project, text: string, title: string) =>
  p.documents.insert({ title, date: null, source: null, path: null, hash: textHash(text), text, length: cpLength(text) }, '2024-01-01T00:00:00Z');
const typeId = (p: Project, name: string) => p.links.types().find((t) => t.name === name)!.id;
function span(p: Project, docId: number, label: string, start: number, end: number, extra: { note?: string; attributes?: Record<string, string> } = {}): number {
  const labelId = p.labels.list().find((l) => l.name === label)!.id;
  return p.annotations.create({ docId, labelId, start, end, ...extra }).id;
}

/** Bob's project: spans with a note and attributes, same-as links making a named cluster, a directed link. */
function bobsProject(twin: boolean): string {
  const p = project('bob');
  const d = TEXTS.map((t, i) => addDoc(p, t, `Bob's copy ${i}`));
  const a = span(p, d[0], 'speaker', 6, 11, { note: 'the mayor', attributes: { role: 'official' } });
  const b = span(p, d[1], 'speaker', 19, 24);
  const c = span(p, d[1], 'claim', 0, 29);
  const e = span(p, d[2], 'claim', 0, 28);
  const { effect } = p.links.create(a, b, typeId(p, 'same-as'));
  p.links.clusters.rename(effect.moved[0].clusterId!, 'Mayor');
  p.links.create(c, b, typeId(p, 'said-by'));
  p.links.create(e, a, typeId(p, 'said-by'));
  // A twin (same label and offsets, same layer) can only come from a file written elsewhere.
  if (twin) p.db.prepare('INSERT INTO annotations (doc_id, label_id, start, "end", text, created_at, updated_at, annotator_id) SELECT doc_id, label_id, start, "end", text, created_at, updated_at, annotator_id FROM annotations WHERE id = ?').run(c);
  const path = p.path;
  p.close();
  return path;
}

/** Ana's project: the first text (with a span of hers) and one of her own. */
function anasProject(): string {
  const p = project('ana');
  const d = addDoc(p, TEXTS[0], 'Ana 0');
  addDoc(p, 'Ana alone.', 'Ana 1');
  span(p, d, 'claim', 2, 40);
  const path = p.path;
  p.close();
  return path;
}

/** What a merge wrote, without the times it stamps itself (links and clusters take the time of the merge). */
function merged(p: Project) {
  return {
    documents: p.db.prepare('SELECT id, title, hash, text, length FROM documents ORDER BY id').all(),
    annotations: p.db.prepare('SELECT id, doc_id, label_id, start, "end", text, note, attributes, cluster_id, created_at, annotator_id FROM annotations ORDER BY id').all(),
    links: p.db.prepare('SELECT id, from_id, to_id, type_id, annotator_id FROM links ORDER BY id').all(),
    clusters: p.db.prepare('SELECT id, name, annotator_id FROM clusters ORDER BY id').all(),
  };
}

/** Merges `source` into a copy of `target` the fast way and row by row (twice each when `again`): reports and rows. */
async function bothWays(target: string, source: string, again = false) {
  const out: { reports: MergeReport[]; rows: ReturnType<typeof merged> }[] = [];
  for (const rowByRow of [false, true]) {
    const copy = join(dir, `copy${++n}.crosscheck`);
    copyFileSync(target, copy);
    const p = openProject(copy);
    try {
      const reports = [await merge(p, source, { rowByRow, shownAs: 'bob.crosscheck' })];
      if (again) reports.push(await merge(p, source, { rowByRow, shownAs: 'bob.crosscheck' }));
      out.push({ reports, rows: merged(p) });
    } finally {
      p.close();
    }
  }
  return { fast: out[0]!, rows: out[1]! };
}

test('the SQL merge writes the same rows, ids and report as the row-by-row merge', async () => {
  const { fast, rows } = await bothWays(anasProject(), bobsProject(false));
  assert.deepEqual(fast, rows);
  const report = fast.reports[0]!;
  assert.deepEqual(report.documents, { matched: 1, added: 2 });
  assert.deepEqual(report.layers.map((l) => [l.name, l.spans, l.links, l.clusters]), [['bob', 4, 3, 1]]);
  const mayor = fast.rows.annotations.find((a) => (a as { note: string }).note === 'the mayor') as { text: string; attributes: string };
  assert.equal(mayor.text, 'mayor');
  assert.equal(mayor.attributes, '{"role":"official"}');
  assert.deepEqual(fast.rows.clusters.map((c) => (c as { name: string }).name), ['Mayor']);
});

test('a source holding a twin span, and a second merge of the same source, end as the row-by-row merge does', async () => {
  const { fast, rows } = await bothWays(anasProject(), bobsProject(true));
  assert.equal(fast.reports[0]?.alreadyPresent?.spans, 1);
  assert.deepEqual(fast, rows);
  const { fast: fastAgain, rows: rowsAgain } = await bothWays(anasProject(), bobsProject(false), true);
  assert.equal(fastAgain.reports[1]?.nothingNew, true);
  assert.deepEqual(fastAgain, rowsAgain);
});
