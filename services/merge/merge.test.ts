import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openProject, type Project } from '../project.js';
import { textHash } from '../import/hash.js';
import { cpLength } from '../../common/offsets.js';
import { merge } from './index.js';

let dir: string;
let n = 0;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-merge-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = ['The mayor denied the report on Friday.', 'Officials said the mayor lied.', 'A third article, only in the source.'];

/** A new project file whose current analyst is `me` (confirmed, as after the first-run prompt). */
function project(me: string): Project {
  const p = openProject(join(dir, `p${++n}.crosscheck`));
  p.annotators.choose(me);
  return p;
}

function addDoc(p: Project, text: string, title: string, path: string | null = null): number {
  return p.documents.insert({ title, date: null, source: null, path, hash: textHash(text), text, length: cpLength(text) }, new Date().toISOString());
}

const labelId = (p: Project, name: string) => p.labels.list().find((l) => l.name === name)!.id;
const layer = (p: Project, name: string) => p.annotators.ensure(name, true);
function span(p: Project, docId: number, label: string, start: number, end: number, who: string): number {
  return p.annotations.create({ docId, labelId: labelId(p, label), start, end, annotatorId: layer(p, who) }).id;
}
const sameAs = (p: Project) => p.links.types().find((t) => t.name === 'same-as')!.id;

/** Every row of the tables a merge could touch (or of one layer: its spans, links and clusters), for before/after comparisons. */
function rows(p: Project, annotatorId?: number) {
  const where = annotatorId === undefined ? '' : ` WHERE annotator_id = ${annotatorId}`;
  if (annotatorId !== undefined) {
    return {
      annotations: p.db.prepare(`SELECT * FROM annotations${where} ORDER BY id`).all(),
      links: p.db.prepare(`SELECT * FROM links${where} ORDER BY id`).all(),
      clusters: p.db.prepare(`SELECT * FROM clusters${where} ORDER BY id`).all(),
    };
  }
  return {
    documents: p.db.prepare('SELECT id, title, date, source, path, url, done, hash, text FROM documents ORDER BY id').all(),
    annotations: p.db.prepare(`SELECT * FROM annotations${where} ORDER BY id`).all(),
    links: p.db.prepare(`SELECT * FROM links${where} ORDER BY id`).all(),
    clusters: p.db.prepare(`SELECT * FROM clusters${where} ORDER BY id`).all(),
    labels: p.db.prepare('SELECT * FROM labels ORDER BY id').all(),
  };
}

/**
 * Bob's project: the first two texts under other titles and paths, plus one only he has; three spans in his layer,
 * two of them in two documents linked same-as, their cluster named "Mayor denial".
 */
function bobsProject(layers: string[] = ['bob']): string {
  const p = project(layers[0]);
  const d = TEXTS.map((t, i) => addDoc(p, t, `Bob's copy ${i}`, `bob/${i}.txt`));
  const a = span(p, d[0], 'speaker', 0, 9, layers[0]);
  const b = span(p, d[1], 'speaker', 18, 27, layers[0]);
  span(p, d[2], 'claim', 0, 15, layers[0]);
  const { effect } = p.links.create(a, b, sameAs(p));
  p.links.clusters.rename(effect.moved[0].clusterId!, 'Mayor denial');
  for (const other of layers.slice(1)) span(p, d[0], 'claim', 10, 37, other);
  const path = p.path;
  p.close();
  return path;
}

/** Ana's project: the first two texts (her titles and paths), one span of hers on the first. */
function anasProject(): Project {
  const p = project('ana');
  addDoc(p, TEXTS[0], 'Mayor story', 'ana/mayor.txt');
  addDoc(p, TEXTS[1], 'Officials story', null);
  span(p, 1, 'speaker', 0, 9, 'ana');
  return p;
}

test('merging a project attaches its spans to the documents present by content hash and adds the others, changing nothing of ours', async () => {
  const source = bobsProject();
  const p = anasProject();
  const ana = p.annotators.currentId();
  const mine = rows(p, ana);
  const docsBefore = rows(p).documents!;
  const r = await merge(p, source);
  assert.deepEqual(r.documents, { matched: 2, added: 1 });
  assert.equal(r.kind, 'project');
  assert.deepEqual(r.layers, [{ name: 'bob', created: true, spans: 3, links: 1, clusters: 1, documents: 3 }]);
  assert.deepEqual(r.notMerged, []);
  assert.equal(r.nothingNew, false);
  // Bob's spans sit on Ana's documents (her titles), the third document came with Bob's title and path.
  const bob = p.annotators.idByName('bob')!;
  const spans = p.annotations.listForDocument(1).filter((a) => a.annotatorId === bob);
  assert.deepEqual(spans.map((s) => [s.start, s.end, s.text]), [[0, 9, 'The mayor']]);
  assert.equal(p.documents.get(1).title, 'Mayor story');
  const added = p.documents.get(3);
  assert.deepEqual([added.title, added.path, added.text], ["Bob's copy 2", 'bob/2.txt', TEXTS[2]]);
  // Nothing of Ana's changed: her layer's rows and the documents she had are as they were.
  assert.deepEqual(rows(p, ana), mine);
  assert.deepEqual(rows(p).documents!.slice(0, 2), docsBefore);
  p.close();
});

test('merging the same source twice adds nothing the second time and says so', async () => {
  const source = bobsProject();
  const p = anasProject();
  await merge(p, source);
  const once = rows(p);
  const r = await merge(p, source);
  assert.equal(r.nothingNew, true);
  assert.deepEqual(r.documents, { matched: 3, added: 0 });
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans, l.links, l.clusters, l.created]), [['bob', 0, 0, 0, false]]);
  assert.deepEqual(r.alreadyPresent, { spans: 3, links: 1 });
  assert.deepEqual(rows(p), once);
  p.close();
});

test('clusters the merge makes keep the names the source gave them', async () => {
  const p = anasProject();
  await merge(p, bobsProject());
  const bob = p.annotators.idByName('bob')!;
  const clusters = rows(p, bob).clusters as { name: string }[];
  assert.deepEqual(clusters.map((c) => c.name), ['Mayor denial']);
  p.close();
});

test('--as names the layer of a single-analyst source; without it, a layer named like ours is refused', async () => {
  const p = anasProject();
  const sameName = bobsProject(['ana']);
  await assert.rejects(merge(p, sameName), (e: Error) => e.name === 'InvalidInput' && /your own layer "ana"/.test(e.message) && /--as/.test(e.message));
  const r = await merge(p, sameName, { as: 'Ana at the night desk' });
  assert.deepEqual(r.layers.map((l) => [l.name, l.sourceName, l.spans]), [['Ana at the night desk', 'ana', 3]]);
  assert.equal(p.annotators.list().find((a) => a.name === 'ana')!.spans, 1, 'her own layer still holds only her span');
  p.close();
});

test('a two-layer source keeps both names; --as with it is refused', async () => {
  const source = bobsProject(['bob', 'cy']);
  const p = anasProject();
  await assert.rejects(merge(p, source, { as: 'someone' }), /holds the work of 2 analysts \(bob, cy\)/);
  assert.equal(p.annotators.idByName('someone'), undefined);
  const r = await merge(p, source);
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans]), [['bob', 3], ['cy', 1]]);
  p.close();
});

/** A copy of `good` changed by raw SQL with foreign keys off (what a forged or broken file could hold). */
function forged(good: string, sql: string): string {
  const at = join(dir, `forged${++n}.crosscheck`);
  copyFileSync(good, at);
  const raw = new Database(at);
  raw.pragma('foreign_keys = OFF');
  raw.exec(sql);
  raw.close();
  return at;
}

test('a source with a forged or broken row is refused with the rule it breaks, and nothing is written', async () => {
  const good = bobsProject(['bob', 'cy']);
  const cases: [string, string, RegExp][] = [
    ['offsets outside the text', 'UPDATE annotations SET "end" = 500 WHERE id = 1', /annotation 1: span 0\.\.500 is not inside document 1/],
    ['a text that does not match the offsets', "UPDATE annotations SET text = 'The mayo' WHERE id = 1", /annotation 1: its text "The mayo" is not the text at 0\.\.9/],
    ['an unknown label id', 'UPDATE annotations SET label_id = 999 WHERE id = 2', /annotations row 2: it names a labels row that the file does not hold/],
    ['a link across layers', `UPDATE annotations SET annotator_id = (SELECT id FROM annotators WHERE name = 'cy') WHERE id = 2`, /link 1: it joins spans of different annotators' layers/],
    ['a document without text', "UPDATE documents SET text = '   ' WHERE id = 3", /document 3: its text is empty/],
  ];
  for (const [what, sql, rule] of cases) {
    const p = anasProject();
    const before = rows(p);
    const annotators = p.annotators.list();
    const source = forged(good, sql);
    await assert.rejects(merge(p, source), (e: Error) => e.name === 'InvalidInput' && rule.test(e.message) && e.message.includes(source) && /Nothing was merged/.test(e.message), what);
    assert.deepEqual(rows(p), before, what);
    assert.deepEqual(p.annotators.list(), annotators, `${what}: no layer was created`);
    p.close();
  }
});

test('a file that is not a project, and a project of a newer schema, are refused naming the file', async () => {
  const p = anasProject();
  const notProject = join(dir, 'notes.crosscheck');
  writeFileSync(notProject, 'these are my notes, not a project');
  await assert.rejects(merge(p, notProject), (e: Error) => e.name === 'InvalidInput' && e.message.includes(notProject) && /not a Crosscheck project/.test(e.message));
  const newer = forged(bobsProject(), "INSERT INTO schema_migrations VALUES (99, 'from the future', 'abcdef0123456789', '2030-01-01')");
  await assert.rejects(merge(p, newer), (e: Error) => e.name === 'Unsupported' && e.message.includes(newer));
  await assert.rejects(merge(p, join(dir, 'missing.crosscheck')), { name: 'NotFound' });
  await assert.rejects(merge(p, p.path), /a project cannot be merged into itself/);
  p.close();
});

test('a source of an older schema is read through an upgraded copy and merged; the file is left as it was', async () => {
  const fixture = join(dir, 'v1.crosscheck');
  copyFileSync(fileURLToPath(new URL('../../db/fixtures/v1.crosscheck', import.meta.url)), fixture);
  const p = project('ana');
  const r = await merge(p, fixture, { as: 'archive' });
  assert.ok(r.documents.added > 0);
  const raw = new Database(fixture, { readonly: true });
  assert.equal((raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v, 1);
  raw.close();
  p.close();
});

/** A JSONL file as another analyst's Crosscheck exports it (`annotator` on every span) or a pipeline writes it (none). */
function jsonl(annotator: string | null): string {
  const path = join(dir, `eve${++n}.jsonl`);
  const who = annotator === null ? {} : { annotator };
  const lines = [
    { id: 10, title: 'Eve 1', text: TEXTS[0], spans: [{ id: 1, start: 0, end: 9, label: 'speaker', ...who }, { id: 2, start: 10, end: 16, label: 'claim', ...who }], links: [] },
    { id: 11, title: 'Eve 2', text: 'Only Eve has this one.', spans: [{ id: 3, start: 0, end: 4, label: 'speaker', ...who }], links: [] },
  ];
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return path;
}

test('merging another analyst\'s JSONL: spans that name their annotator go to that layer, on the documents present', async () => {
  const p = anasProject();
  const mine = rows(p, p.annotators.currentId());
  const r = await merge(p, jsonl('eve'));
  assert.equal(r.kind, 'file');
  assert.deepEqual(r.documents, { matched: 1, added: 1 });
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans, l.documents, l.created]), [['eve', 3, 2, true]]);
  assert.deepEqual(rows(p, p.annotators.currentId()), mine);
  const again = await merge(p, jsonl('eve'));
  assert.equal(again.nothingNew, true);
  p.close();
});

test('merging a JSONL without annotators: --as names the layer; without --as it is refused (it would go into ours)', async () => {
  const p = anasProject();
  const before = rows(p);
  await assert.rejects(merge(p, jsonl(null)), (e: Error) => /your own layer "ana"/.test(e.message));
  assert.deepEqual(rows(p), before);
  const r = await merge(p, jsonl(null), { as: 'eve' });
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans]), [['eve', 3]]);
  p.close();
});

test('--as with a JSONL whose spans name their annotator keeps the file\'s names, says so, and leaves no empty layer', async () => {
  const p = anasProject();
  const r = await merge(p, jsonl('eve'), { as: 'Evelyn' });
  assert.deepEqual(r.layers.map((l) => l.name), ['eve']);
  assert.ok(r.notes.some((n) => /keep their annotators' names; --as Evelyn named the spans it does not attribute/.test(n)), r.notes.join('\n'));
  assert.equal(p.annotators.idByName('Evelyn'), undefined);
  p.close();
});

test('spans whose label name is too long are listed as not merged, with their links, and the rest merges', async () => {
  const good = bobsProject();
  const source = forged(good, `UPDATE labels SET name = '${'x'.repeat(61)}' WHERE name = 'speaker'`);
  const p = anasProject();
  const r = await merge(p, source);
  assert.deepEqual(r.layers.map((l) => [l.name, l.spans, l.links]), [['bob', 1, 0]]);
  assert.equal(r.notMerged.length, 3, JSON.stringify(r.notMerged));
  assert.match(r.notMerged[0].why, /its label is 61 characters long/);
  assert.match(r.notMerged[2].why, /it names annotation \d+, which was not merged/);
  p.close();
});
