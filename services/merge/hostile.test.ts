/**
 * Forged `.crosscheck` sources (a hostile tester's cases, issue 13): each is refused, by the SQL fast path and by
 * the row-by-row path alike, with the source file, the row and the rule it breaks named, and nothing written to
 * the target (no row, no layer, no label). Reserved names: `--as gold|auto|all` is refused; a source's own `gold`
 * layer keeps its name.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openProject, type Project } from '../project.js';
import { textHash } from '../import/hash.js';
import { cpLength } from '../../common/offsets.js';
import { merge } from './index.js';

let dir: string;
let n = 0;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-merge-hostile-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = ['The mayor denied the report on Friday.', 'Officials said the mayor lied.'];

function withDocs(me: string): Project {
  const p = openProject(join(dir, `p${++n}.crosscheck`));
  p.annotators.choose(me);
  for (const [i, text] of TEXTS.entries()) {
    p.documents.insert({ title: `${me} ${i}`, date: null, source: null, path: null, hash: textHash(text), text, length: cpLength(text) }, '2024-01-01T00:00:00Z');
  }
  return p;
}

/** Bob's project: annotation 1 "The mayor" and annotation 2 "the mayor" linked same-as (a named cluster), annotation 3 a claim. */
function bobsProject(): string {
  const p = withDocs('bob');
  const label = (name: string) => p.labels.list().find((l) => l.name === name)!.id;
  const a = p.annotations.create({ docId: 1, labelId: label('speaker'), start: 0, end: 9 }).id;
  const b = p.annotations.create({ docId: 2, labelId: label('speaker'), start: 15, end: 24 }).id;
  p.annotations.create({ docId: 1, labelId: label('claim'), start: 10, end: 37 });
  const { effect } = p.links.create(a, b, p.links.types().find((t) => t.name === 'same-as')!.id);
  p.links.clusters.rename(effect.moved[0].clusterId!, 'Mayor');
  const path = p.path;
  p.close();
  return path;
}

let good: string;
before(() => (good = bobsProject()));

/** A copy of Bob's project changed by raw SQL, foreign keys and the annotator triggers off (what a forger can write). */
function forged(sql: string): string {
  const at = join(dir, `forged${++n}.crosscheck`);
  copyFileSync(good, at);
  const raw = new Database(at);
  raw.pragma('foreign_keys = OFF');
  raw.exec('DROP TRIGGER IF EXISTS annotations_annotator_update');
  raw.exec(sql);
  raw.close();
  return at;
}

/** Every row a merge could write. */
const everything = (p: Project) =>
  Object.fromEntries(['documents', 'annotations', 'links', 'clusters', 'labels', 'link_types', 'annotators', 'project_settings'].map((t) => [t, p.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));

/** Asserts that merging `source` (with `as`) into Ana's project is refused by both paths with `rule`, writing nothing. */
async function refused(source: string, rule: RegExp, as?: string) {
  for (const rowByRow of [false, true]) {
    const p = withDocs('ana');
    const before = everything(p);
    try {
      await assert.rejects(
        merge(p, source, { rowByRow, shownAs: 'bob.crosscheck', ...(as !== undefined ? { as } : {}) }),
        (e: Error) => e.name === 'InvalidInput' && e.message.startsWith('bob.crosscheck: ') && rule.test(e.message) && /Nothing was merged/.test(e.message),
        `${rule} (${rowByRow ? 'row by row' : 'fast path'})`,
      );
      assert.deepEqual(everything(p), before, `${rule}: nothing written`);
    } finally {
      p.close();
    }
  }
}

test('a source annotator whose name is blank once trimmed is refused, not merged into my current layer', async () => {
  await refused(forged("UPDATE annotators SET name = '  ' WHERE name = 'bob'"), /annotator 1 "  ": an annotator name cannot be empty/);
});

test('source annotator names with a comma, invisible format characters, "all" or over 60 characters are refused naming the row', async () => {
  await refused(forged("UPDATE annotators SET name = 'bob,carol' WHERE name = 'bob'"), /annotator 1 "bob,carol": an annotator name cannot hold a comma/);
  await refused(forged("UPDATE annotators SET name = 'bob' || char(8203) WHERE name = 'bob'"), /annotator 1 "bob\\u200b": .*invisible formatting characters/);
  await refused(forged("UPDATE annotators SET name = char(8238) || 'bob' WHERE name = 'bob'"), /annotator 1 "\\u202ebob": .*invisible formatting characters/);
  await refused(forged("UPDATE annotators SET name = 'ALL' WHERE name = 'bob'"), /annotator 1 "ALL": "all" means every layer/);
  await refused(forged(`UPDATE annotators SET name = '${'B'.repeat(61)}' WHERE name = 'bob'`), /annotator 1 "B{60}…": an annotator name is at most 60 characters/);
});

test('--as gold, --as auto and --as all (any case) are refused; so is a blank --as', async () => {
  await refused(good, /--as "gold": gold is filled by curation; auto by pre-annotation/, 'gold');
  await refused(good, /--as "AUTO": gold is filled by curation; auto by pre-annotation/, 'AUTO');
  await refused(good, /--as "All": "all" means every layer/, 'All');
  await refused(good, /--as " ": an annotator name cannot be empty/, ' ');
  // An import-format source takes the same rule.
  const jsonl = join(dir, 'eve.jsonl');
  writeFileSync(jsonl, JSON.stringify({ id: 1, title: 'Eve', text: TEXTS[0], spans: [{ id: 1, start: 0, end: 9, label: 'speaker' }], links: [] }) + '\n');
  await refused(jsonl, /--as "gold": gold is filled by curation/, 'gold');
});

test("a source's own layer named gold keeps its name (a colleague's adjudicated set)", async () => {
  const source = forged("UPDATE annotators SET name = 'gold' WHERE name = 'bob'");
  for (const rowByRow of [false, true]) {
    const p = withDocs('ana');
    const r = await merge(p, source, { rowByRow });
    assert.deepEqual(r.layers.map((l) => [l.name, l.created, l.spans, l.links]), [['gold', true, 3, 1]]);
    assert.equal(p.annotators.list().find((a) => a.name === 'ana')!.spans, 0, 'nothing went into my layer');
    p.close();
  }
});

test('a label name with control characters is refused: a label name has no control characters', async () => {
  const sql = `INSERT INTO labels (name, color, key, position) VALUES ('a' || char(10) || 'b' || char(7), '#ffffff', NULL, 99);
    UPDATE annotations SET label_id = (SELECT MAX(id) FROM labels) WHERE id = 1`;
  await refused(forged(sql), /label \d+ "a\\nb\\u0007": a label name has no control characters/);
});

test('a cluster name over 1,000 characters is refused (the limit of clusters.rename)', async () => {
  await refused(forged("UPDATE clusters SET name = replace(hex(zeroblob(1001)), '00', 'C')"), /cluster 1: its name is 1001 characters long; a cluster name holds at most 1000/);
});

test("a cluster whose annotator differs from its member spans' layer is refused", async () => {
  const sql = `INSERT INTO annotators (name, created_at) VALUES ('zed', 'x');
    UPDATE clusters SET annotator_id = (SELECT id FROM annotators WHERE name = 'zed')`;
  await refused(forged(sql), /cluster 1: it is annotator 2's, but its member annotation \d+ is in annotator 1's layer; a cluster takes its members' layer/);
});

test('curated_by naming no annotator is refused', async () => {
  await refused(forged('UPDATE annotations SET curated_by = 555 WHERE id = 1'), /annotation 1: its curated_by names annotator 555, which the file does not hold/);
});

test('a span text stored as a BLOB, and offsets that are not whole numbers, are refused in plain words', async () => {
  await refused(forged("UPDATE annotations SET text = x'00ff' WHERE id = 1"), /annotation 1: its text is not text \(stored as blob\)/);
  await refused(forged('UPDATE annotations SET start = 1.5 WHERE id = 1'), /annotation 1: its offsets 1\.5\.\.9 are not whole numbers/);
});
