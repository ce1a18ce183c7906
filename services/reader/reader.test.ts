import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract, methods, runsOnReader } from '../../common/contract.js';
import { mulberry32 } from '../../common/random.js';
import type { Annotation, AnnotationInContext, ImportReport, Passage, ProjectInfo, SearchHit } from '../../common/model.js';
import { openBackend, type Backend } from '../backend.js';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-reader-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let projects = 0;
const projectPath = () => join(dir, `p${++projects}.crosscheck`);

/** A backend on a new project file (or `path`), closed when the test ends. */
function withBackend(t: { after(fn: () => void): void }, path = projectPath()): Backend {
  const b = openBackend(path);
  t.after(() => b.close());
  return b;
}

const WORDS = 'the army said that at least sixty civilians were killed in an airstrike on a market near the river'.split(' ');

/** `count` generated articles of about 2,000 characters, as import.files takes them; article i holds the word `only<i>`. */
function articles(count: number, seed = 1) {
  const r = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    let text = `Report ${i}\n\nonly${i} `;
    while (text.length < 2000) text += `${WORDS[Math.floor(r() * WORDS.length)]} `;
    return { path: `a${i}.txt`, data: Buffer.from(`${text}\n`).toString('base64') };
  });
}

async function imported(b: Backend, count: number, seed?: number) {
  const report = (await b.call('import.files', { files: articles(count, seed) })) as ImportReport;
  assert.equal(report.imported.length, count);
  return report;
}

/** Imports, backs up, imports more, restores: the reader's searches see the restored project. */
async function readsTheRestoredProject(b: Backend) {
  await imported(b, 5);
  const { path: backup } = (await b.call('project.backup', {})) as { path: string };
  await imported(b, 5, 77);
  assert.equal((await hitsOf(b, 'report')).length, 10);
  await b.call('project.restore', { path: backup });
  assert.equal((await hitsOf(b, 'report')).length, 5);
}

const hitsOf = async (b: Backend, q: string) => ((await b.call('search.query', { q, limit: 500 })) as { hits: SearchHit[] }).hits;

describe('the contract declares which methods run on the reader', () => {
  test('every reader method is a read that names no path and sends no event', () => {
    const reader = methods.filter(runsOnReader);
    assert.ok(reader.length > 0);
    for (const m of reader) {
      assert.equal(contract[m].effect, 'read', m);
      assert.deepEqual(contract[m].paths, [], m);
      assert.deepEqual(contract[m].emits, [], m);
    }
  });

  test('the read-heavy methods run on the reader: searches, the finder, suggestions, boards', () => {
    for (const m of ['search.query', 'search.passages', 'search.locate', 'annotations.find', 'suggest.forAnnotation', 'boards.claims', 'boards.speakers'] as const) {
      assert.ok(runsOnReader(m), m);
    }
    for (const m of ['project.info', 'import.paths', 'annotations.create', 'export.run'] as const) assert.ok(!runsOnReader(m), m);
  });
});

describe('the reader thread', () => {
  test('while a long read runs on the reader, project.info (in the queue) answers', async (t) => {
    const b = withBackend(t);
    await imported(b, 300);
    // Every document holds "a*" words: passages are located one document at a time, a hundred of them.
    let heavyDone = false;
    const heavy = (b.call('search.passages', { q: 'a* '.repeat(100), limit: 100 }) as Promise<Passage[]>).finally(() => {
      heavyDone = true;
    });
    const info = (await b.call('project.info', {})) as ProjectInfo;
    assert.equal(info.readOnly, false);
    // In the queue, project.info would have waited for the read sent before it.
    assert.equal(heavyDone, false, 'project.info answered only after the long read');
    assert.equal((await heavy).length, 100);
  });

  test('a read sent after a write was answered sees the write', async (t) => {
    const b = withBackend(t);
    const report = await imported(b, 20);
    assert.equal((await hitsOf(b, 'only7')).length, 1, 'the import, seen by a search on the reader');
    const docId = report.imported[0].id;
    const created = (await b.call('annotations.create', { docId, labelId: 1, start: 0, end: 6 })) as Annotation;
    const found = (await b.call('annotations.find', { q: 'Report' })) as AnnotationInContext[];
    assert.deepEqual(found.map((f) => f.annotation.id), [created.id]);
    await b.call('documents.delete', { id: docId });
    assert.deepEqual((await b.call('annotations.find', { q: 'Report' })) as AnnotationInContext[], []);
    assert.equal((await hitsOf(b, 'only0')).length, 0);
  });

  test('a search during an import that is then rolled back sees none of its documents', async (t) => {
    const b = withBackend(t);
    await imported(b, 3, 9);
    // While the import's transaction is open between chunks, a search; at the second chunk the import fails.
    let chunks = 0;
    let read: Promise<number> | undefined;
    b.on('import.progress', (e) => {
      chunks += e.current === '' ? 0 : 1;
      if (chunks === 1) read ??= hitsOf(b, 'report').then((h) => h.length);
      if (chunks === 2) throw new Error('abort');
    });
    await assert.rejects(b.call('import.files', { files: articles(600, 2) }), /abort/);
    assert.equal(await read, 3, 'the search saw only the committed documents');
    assert.equal((await hitsOf(b, 'report')).length, 3);
  });

  test('errors keep their names across the thread: a too broad query, bad arguments, a missing document', async (t) => {
    const b = withBackend(t);
    await imported(b, 5);
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ').slice(0, 1000);
    await assert.rejects(b.call('search.query', { q: long }), { name: 'InvalidInput', message: /^Query too broad: / });
    await assert.rejects(b.call('search.passages', { q: long }), { name: 'InvalidInput', message: /^Query too broad: / });
    await assert.rejects(b.call('search.query', { q: 42 }), { name: 'InvalidInput', message: /search\.query: q/ });
    assert.deepEqual(await b.call('suggest.forAnnotation', { id: 999 }), []);
  });

  test('closing the backend closes the reader first, leaving one self-contained file', async () => {
    const path = projectPath();
    const b = openBackend(path);
    await imported(b, 5);
    assert.equal((await hitsOf(b, 'only3')).length, 1);
    b.close();
    assert.ok(!existsSync(`${path}-wal`) && !existsSync(`${path}-shm`), 'the -wal or -shm file is still there');
    // As any call on a closed project: refused, no reader started again on the file.
    await assert.rejects(b.call('search.query', { q: 'only3' }), /not open/);
  });

  test('closing the backend first answers the reads sent before it', async () => {
    const b = openBackend(projectPath());
    await imported(b, 50);
    const sent = [hitsOf(b, 'only1'), b.call('search.passages', { q: 'a*', limit: 40 }) as Promise<Passage[]>];
    b.close();
    const [hits, passages] = await Promise.all(sent);
    assert.equal((hits as SearchHit[]).length, 1);
    assert.equal((passages as Passage[]).length, 40);
  });

  test('after a restore the reader reads the restored project', async (t) => {
    await readsTheRestoredProject(withBackend(t));
  });

  test('an in-memory project, which no second connection can read, runs reader methods in the queue', async (t) => {
    const b = withBackend(t, ':memory:');
    await imported(b, 5);
    assert.equal((await hitsOf(b, 'only2')).length, 1);
  });
});

describe('a warm backend (the hosts: reader started at open, boards prepared in the background)', () => {
  const SAME_AS = 1;
  const CLAIM = 1;
  const warmBackend = (t: { after(fn: () => void): void }, path = projectPath()) => {
    const b = openBackend(path, { warm: true });
    t.after(() => b.close());
    return b;
  };
  const claims = async (b: Backend) => (await b.call('boards.claims', { limit: 10 })) as { total: number; clusters: { documents: number }[] };

  test('boards follow the edits made after the reader prepared them, before and after they were first asked for', async (t) => {
    const path = projectPath();
    const first = openBackend(path);
    await imported(first, 4);
    first.close();
    const b = warmBackend(t, path);
    const claim = async (docId: number) => (await b.call('annotations.create', { docId, labelId: CLAIM, start: 0, end: 6 })) as Annotation;
    const [w, x, y, z] = [await claim(1), await claim(2), await claim(3), await claim(4)];
    await b.call('links.create', { fromId: w.id, toId: x.id, typeId: SAME_AS });
    // Long enough for the thread to have built the order in the background (opened after 2 s, two checks a second apart).
    await new Promise((r) => setTimeout(r, 4500));
    assert.deepEqual((await claims(b)).clusters.map((c) => c.documents), [2]);
    await b.call('links.create', { fromId: y.id, toId: z.id, typeId: SAME_AS });
    assert.deepEqual((await claims(b)).clusters.map((c) => c.documents), [2, 2], 'the edit is seen at once, rebuilt or not');
    await b.call('links.create', { fromId: x.id, toId: y.id, typeId: SAME_AS });
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual((await claims(b)).clusters.map((c) => c.documents), [4], 'and after the background rebuild');
  });

  test('closed at once after opening, it leaves one self-contained file; searches and restores work as without warming', async (t) => {
    const path = projectPath();
    const b = openBackend(path, { warm: true });
    await readsTheRestoredProject(b);
    b.close();
    assert.ok(!existsSync(`${path}-wal`) && !existsSync(`${path}-shm`), 'the -wal or -shm file is still there');
    const again = warmBackend(t, path);
    again.close();
    assert.ok(!existsSync(`${path}-wal`) && !existsSync(`${path}-shm`), 'closing a reader that was still warming left the -wal or -shm file');
  });

  test('an in-memory project, which no second connection can read, starts no reader and answers in the queue', async (t) => {
    const b = warmBackend(t, ':memory:');
    await imported(b, 5);
    assert.equal((await hitsOf(b, 'only2')).length, 1);
    assert.equal((await claims(b)).total, 0);
  });
});
