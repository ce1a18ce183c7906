import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../common/errors.js';
import type { Db } from './open.js';
import { AUTO_ID_SQL, notAuto } from './auto-layer.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { documentsRepo } from './documents.js';
import { storedVsFresh } from './stored-vs-fresh.test-helpers.js';
import { documentTrashSteps, seededProject, withColleague } from '../services/seeded-project.test-helpers.js';
import Database from 'better-sqlite3';

/**
 * Every count migration 0008 keeps, as a fresh COUNT(*) … GROUP BY over the rows gives it, beside the stored one:
 * each query returns the rows where the two differ (stored EXCEPT fresh, and fresh EXCEPT stored).
 */
const checks: Record<string, [string, string]> = {
  'document_list rows': [
    'SELECT doc_id, title, date, source, done, done_at, annotations FROM document_list',
    `SELECT d.id, d.title, d.date, d.source, d.done, d.done_at,
       (SELECT COUNT(*) FROM annotations a WHERE a.doc_id = d.id AND ${notAuto('a.annotator_id')}) FROM documents d`,
  ],
  'per document and label': [
    'SELECT doc_id, label_id, annotations FROM document_label_counts',
    `SELECT doc_id, label_id, COUNT(*) FROM annotations WHERE ${notAuto('annotator_id')} GROUP BY doc_id, label_id`,
  ],
  'per label': [
    'SELECT label_id, annotations, documents FROM label_counts WHERE annotations > 0 OR documents > 0',
    `SELECT label_id, COUNT(*), COUNT(DISTINCT doc_id) FROM annotations WHERE ${notAuto('annotator_id')} GROUP BY label_id`,
  ],
  'per document and layer': [
    'SELECT doc_id, annotator_id, spans FROM layer_document_counts',
    'SELECT doc_id, annotator_id, COUNT(*) FROM annotations GROUP BY doc_id, annotator_id',
  ],
  'per layer': [
    'SELECT annotator_id, spans, links, documents FROM layer_counts WHERE spans > 0 OR links > 0 OR documents > 0',
    `SELECT a.id, (SELECT COUNT(*) FROM annotations WHERE annotator_id = a.id), (SELECT COUNT(*) FROM links WHERE annotator_id = a.id),
       (SELECT COUNT(DISTINCT doc_id) FROM annotations WHERE annotator_id = a.id) FROM annotators a
     WHERE EXISTS (SELECT 1 FROM annotations WHERE annotator_id = a.id) OR EXISTS (SELECT 1 FROM links WHERE annotator_id = a.id)`,
  ],
};

const countProblems = (db: Db): string[] => storedVsFresh(db, checks);

/** A write the project refuses (a twin span, say) leaves the counts as they were: the test goes on. */
const refused = (e: unknown) => {
  if (!(e instanceof AppError)) throw e;
};
function refusedOrDone(write: () => unknown): void {
  try {
    write();
  } catch (e) {
    refused(e);
  }
}

/** A project of the sample corpus with spans of two layers and some proposals of `auto`. */
const seeded = (path: string, seed: number) => seededProject(path, seed, ['Dana', 'auto']);

test('the stored list counts equal a fresh count after random sequences of every kind of write (migration 0008)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-list-counts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const seed of [1, 2, 3]) {
    const { p, h, docs, rand, pick, layers, colleague } = await withColleague(dir, seed, seeded);
    const ids = () => (p.db.prepare('SELECT id FROM annotations').pluck().all() as number[]);
    const auto = () => (p.db.prepare(`SELECT id FROM annotations WHERE annotator_id = ${AUTO_ID_SQL}`).pluck().all() as number[]);
    const undone: Awaited<ReturnType<(typeof h)['annotations.delete']>>[] = [];
    const ops: Record<string, () => Promise<unknown>> = {
      create: async () => {
        const start = Math.floor(rand() * 300);
        refusedOrDone(() => p.annotations.create({ docId: pick(docs), labelId: 1 + Math.floor(rand() * 3), start, end: start + 2, annotatorId: pick(layers) }));
      },
      delete: async () => {
        const d = ids().length ? await h['annotations.delete']({ id: pick(ids()) }).catch(refused) : undefined;
        if (d) undone.push(d);
      },
      'undo delete': async () => {
        const d = undone.pop();
        if (d) await h['annotations.restore']({ annotation: d.deleted, links: d.links, clusterName: d.clusterName }).catch(refused);
      },
      'change label': async () => {
        const id = pick(ids().filter((x) => !auto().includes(x)));
        if (id) await h['annotations.update']({ id, labelId: 1 + Math.floor(rand() * 3) }).catch(refused);
      },
      link: async () => {
        const [a, b] = [pick(ids()), pick(ids())];
        if (a && b && a !== b) await h['links.create']({ fromId: a, toId: b, typeId: 1 + Math.floor(rand() * 5) }).catch(refused);
      },
      ...documentTrashSteps({ p, h, pick }),
      'accept proposal': async () => {
        const a = pick(auto());
        if (a) await h['proposals.decide']({ ids: [a], decision: 'accept' }).catch(refused);
      },
      // No command moves a span to another layer or document today; the triggers count such an UPDATE all the same.
      'move to another layer or document': async () => {
        const id = pick(ids());
        const live = p.db.prepare('SELECT id FROM documents').pluck().all() as number[];
        if (id) refusedOrDone(() => p.db.prepare('UPDATE annotations SET annotator_id = ?, doc_id = ? WHERE id = ?').run(pick(layers), pick(live), id));
      },
      'mark done, edit metadata': async () => {
        const live = p.db.prepare('SELECT id FROM documents').pluck().all() as number[];
        const id = pick(live);
        p.documents.setDone(id, rand() < 0.5);
        await h['documents.update']({ changes: [{ id, title: `T${Math.floor(rand() * 100)}`, source: rand() < 0.5 ? null : 'TASS' }] });
      },
    };
    for (let step = 0; step < 120; step++) {
      const name = pick(Object.keys(ops));
      await ops[name]();
      assert.deepEqual(countProblems(p.db), [], `seed ${seed}, step ${step} (${name})`);
    }
    // A merge of another project of the same texts (the fast path copies its rows with INSERT … SELECT).
    const merged = join(dir, `m${seed}.crosscheck`);
    copyFileSync(colleague, merged);
    await h['project.merge']({ path: merged });
    assert.ok(p.annotators.list().some((a) => a.name === 'Kim' && a.spans > 0), 'the merge brought spans');
    assert.deepEqual(countProblems(p.db), [], `seed ${seed}, after a merge`);
    p.close();
  }
});

test('migration 0008 counts what a project already holds', (t) => {
  const db = new Database(':memory:');
  t.after(() => db.close());
  migrate(db, migrations.filter((m) => m.version < 8));
  db.exec(`
    INSERT INTO annotators (id, name, created_at) VALUES (2, 'auto', 'x');
    INSERT INTO documents (id, title, date, source, hash, text, length, imported_at, done, done_at)
      VALUES (1, 'b', NULL, NULL, 'h1', 'one two three', 13, 'x', 0, NULL), (2, 'A', '2020-01-01', 'AP', 'h2', 'four five', 9, 'x', 1, 'y'),
             (3, 'c', NULL, 'AP', 'h3', 'six', 3, 'x', 0, NULL);
    INSERT INTO annotations (doc_id, label_id, start, end, text, created_at, updated_at, annotator_id)
      VALUES (1, 1, 0, 3, 'one', 'x', 'x', 1), (1, 1, 4, 7, 'two', 'x', 'x', 1), (1, 2, 0, 3, 'one', 'x', 'x', 2), (2, 3, 0, 4, 'four', 'x', 'x', 1);
    INSERT INTO links (from_id, to_id, type_id, created_at, annotator_id) VALUES (1, 2, 1, 'x', 1);`);
  migrate(db);
  assert.deepEqual(countProblems(db), []);
  assert.deepEqual(db.prepare('SELECT doc_id, annotations FROM document_list ORDER BY doc_id').raw().all(), [[1, 2], [2, 1], [3, 0]]);
  assert.deepEqual(documentsRepo(db).summary(1).counts, { 1: 2 }, 'the auto proposal is no badge');
  assert.deepEqual(db.prepare('SELECT annotator_id, spans, links, documents FROM layer_counts ORDER BY 1').raw().all(), [[1, 3, 1, 2], [2, 1, 0, 1]]);
});
