import { latestVersion } from '../db/migrate.js';
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers, type Emit } from './handlers.js';
import { openProject, type Project } from './project.js';
import { contract, isReadMethod, methods, parseArgs, type Method } from '../common/contract.js';
import type { Annotation, ImportReport } from '../common/model.js';
import { unpackIds } from '../common/packed-ids.js';

const corpus = fileURLToPath(new URL('../samples/corpus', import.meta.url));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-handlers-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function setup(t: { after(fn: () => void): void }, p: Project) {
  const events: { event: string; payload: unknown }[] = [];
  const emit: Emit = (event, payload) => void events.push({ event, payload });
  t.after(() => p.close());
  return { h: createHandlers(p, emit), events };
}

describe('handlers', () => {
  test('project.info names the project after its file, with schema version and mode', async (t) => {
    const path = join(dir, 'My Mosul study.crosscheck');
    const { h } = setup(t, openProject(path));
    assert.deepEqual(await h['project.info']({}), { path, name: 'My Mosul study', schemaVersion: latestVersion, readOnly: false });
  });

  test('stats.get counts documents and annotations per label name, zero counts included, in label order', async (t) => {
    const { h } = setup(t, openProject(':memory:'));
    const r = await h['import.paths']({ paths: [corpus], format: 'auto' });
    const docId = r.imported[0].id;
    await h['annotations.create']({ docId, labelId: 2, start: 0, end: 4 });
    await h['annotations.create']({ docId, labelId: 2, start: 5, end: 9 });
    await h['annotations.create']({ docId: r.imported[1].id, labelId: 3, start: 0, end: 2 });
    const custom = await h['labels.create']({ name: 'aardvark', color: '#000000' });
    const stats = await h['stats.get']({});
    assert.deepEqual(stats, { documents: 5, annotations: 3, byLabel: { claim: 0, speaker: 2, figure: 1, aardvark: 0 }, links: 0, clusters: 0 });
    assert.deepEqual(Object.keys(stats.byLabel), ['claim', 'speaker', 'figure', custom.name]);
  });

  test('documents.ids answers the list order packed (common/packed-ids.ts), with its count', async (t) => {
    const { h } = setup(t, openProject(':memory:'));
    await h['import.paths']({ paths: [corpus], format: 'auto' });
    for (const sort of ['title', 'imported'] as const)
      for (const dir of ['asc', 'desc'] as const) {
        const paged = (await h['documents.list']({ sort, dir, offset: 0, limit: 100, filter: {} })).items.map((d) => d.id);
        const r = await h['documents.ids']({ sort, dir, filter: {} });
        assert.deepEqual([unpackIds(r.packed), r.count], [paged, paged.length], `${sort} ${dir}`);
      }
    assert.deepEqual(await h['documents.ids']({ sort: 'title', dir: 'asc', filter: { source: 'no such outlet' } }), { count: 0, packed: 'd' });
  });

  test('stats, the document list and the dashboard agree: proposals of the auto layer are no annotations', async (t) => {
    const p = openProject(':memory:');
    const { h } = setup(t, p);
    const r = await h['import.paths']({ paths: [corpus], format: 'auto' });
    const [first, second] = r.imported.map((d) => d.id);
    await h['annotations.create']({ docId: first, labelId: 2, start: 0, end: 4 });
    const auto = p.annotators.ensure('auto', true);
    for (const docId of [first, second]) p.annotations.create({ docId, labelId: 3, start: 0, end: 2, annotatorId: auto });
    const stats = await h['stats.get']({});
    assert.deepEqual([stats.annotations, stats.byLabel.figure, stats.byLabel.speaker], [1, 0, 1]);
    const list = await h['documents.list']({ sort: 'annotations', dir: 'desc', offset: 0, limit: 10, filter: {} });
    assert.deepEqual(list.items[0], { ...list.items[0], id: first, counts: { 2: 1 } });
    assert.ok(list.items.slice(1).every((d) => Object.keys(d.counts).length === 0), 'a document with proposals only has no badge');
    assert.equal((await h['documents.list']({ sort: 'imported', dir: 'asc', offset: 0, limit: 10, filter: { labelId: 3 } })).total, 0);
    const board = await h['project.dashboard']({});
    assert.equal(board.annotations, 1);
    assert.deepEqual(board.byLabel.map((l) => l.annotations), [0, 1, 0]);
    assert.equal((await h['annotators.list']({})).find((a) => a.name === 'auto')?.spans, 2, 'the layers bar counts the auto layer itself');
  });

  test('import handlers emit progress and a project.changed event with reason import', async (t) => {
    const { h, events } = setup(t, openProject(':memory:'));
    await h['import.files']({ files: [{ path: 'a.txt', data: Buffer.from('Some article.').toString('base64') }] });
    assert.deepEqual(events, [
      { event: 'import.progress', payload: { done: 1, total: 1, current: '' } },
      { event: 'project.changed', payload: { reason: 'import' } },
    ]);
  });

  test('a failed import emits no project.changed', async (t) => {
    const p = openProject(':memory:');
    const { events } = setup(t, p);
    const throwing: Emit = (event, payload) => {
      events.push({ event, payload });
      if (event === 'import.progress') throw new Error('listener failed');
    };
    const h = createHandlers(p, throwing);
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `${i}.txt`, data: Buffer.from(`Article ${i}`).toString('base64') }));
    await assert.rejects(h['import.files']({ files }), /listener failed/);
    assert.ok(!events.some((e) => e.event === 'project.changed'));
    assert.equal(p.documents.count(), 0);
  });

  test('documents.delete removes the document, its annotations and its search hits', async (t) => {
    const { h, events } = setup(t, openProject(':memory:'));
    const r: ImportReport = await h['import.paths']({ paths: [corpus], format: 'auto' });
    const id = r.imported[0].id;
    await h['annotations.create']({ docId: id, labelId: 1, start: 0, end: 3 });
    events.length = 0;
    assert.deepEqual(await h['documents.delete']({ id }), { ok: true });
    assert.deepEqual(events, [{ event: 'project.changed', payload: { reason: 'document deleted' } }]);
    await assert.rejects(h['documents.get']({ id }), { name: 'NotFound' });
    assert.equal((await h['stats.get']({})).annotations, 0);
    const hits = (await h['search.query']({ q: 'Rudsk*', limit: 50 })).hits.map((x) => x.docId);
    assert.deepEqual(hits, [r.imported[1].id]);
  });

  test('search.locate returns code-point ranges through the handler', async (t) => {
    const { h } = setup(t, openProject(':memory:'));
    const text = '😀😀😀 Mosul 😀 Mosul';
    const r = await h['import.files']({ files: [{ path: 'e.txt', data: Buffer.from(text).toString('base64') }] });
    const { ranges } = await h['search.locate']({ docId: r.imported[0].id, q: 'mosul' });
    assert.deepEqual(ranges, [{ start: 4, end: 9 }, { start: 12, end: 17 }]);
  });
});

test('annotations.inContext answers each annotation once, however often it is named', async (t) => {
  const { h } = setup(t, openProject(':memory:'));
  await h['import.paths']({ paths: [corpus], format: 'auto' });
  const a = await h['annotations.create']({ docId: 1, labelId: 1, start: 0, end: 4 });
  const got = await h['annotations.inContext']({ ids: Array.from({ length: 500 }, () => a.id) });
  assert.deepEqual(got.map((x) => x.annotation.id), [a.id]);
});

describe('declared effects and events hold for the handlers', () => {
  /** Valid arguments for every method, against the sample project. */
  function sampleArgs(ann: Annotation): Record<Method, unknown> {
    return {
      'project.info': {},
      'stats.get': {},
      'annotators.list': {},
      'annotators.current': {},
      'annotators.choose': { name: 'Dana' },
      'annotators.rename': { id: 1, name: 'Dana R.' },
      'labels.list': {},
      'labels.create': { name: 'new', color: '#000000' },
      'labels.update': { id: 1, name: 'renamed' },
      'labels.delete': { id: 3 },
      'documents.list': {},
      'documents.ids': {},
      'documents.summaries': { ids: [1, 2] },
      'documents.get': { id: 1 },
      'documents.delete': { id: 2 },
      'documents.deleteImpact': { ids: [1, 3] },
      'documents.deleteMany': { ids: [3] },
      'documents.restore': { deleted: { documents: [{ id: 3, title: 'T', date: null, source: null, url: null, path: null, origin: null, externalId: null, hash: '', text: 'restored text', length: 13, importedAt: '2026-11-30T12:00:00.000Z', done: false, doneAt: null }], annotations: [], links: [], clusters: [], dismissed: [] } },
      'documents.update': { changes: [{ id: 1, source: 'Edited' }] },
      'documents.sources': {},
      'search.query': { q: 'Mosul' },
      'search.locate': { docId: 1, q: 'Mosul' },
      'annotations.listForDocument': { docId: 1 },
      'annotations.create': { docId: 1, labelId: 1, start: 0, end: 3 },
      'annotations.update': { id: ann.id, note: 'x' },
      'annotations.delete': { id: ann.id },
      'annotations.restore': { annotation: { ...ann, id: ann.id + 100 } },
      'import.paths': { paths: [corpus] },
      'import.files': { files: [{ path: 'x.txt', data: Buffer.from('x y z').toString('base64') }] },
      'export.toFile': { format: 'jsonl', path: join(dir, 'ro-export.jsonl') },
      'annotations.find': { q: 'Mosul' },
      'annotations.inContext': { ids: [ann.id] },
      'linkTypes.list': {},
      'linkTypes.create': { name: 'refutes', color: '#000000' },
      'linkTypes.update': { id: 1, color: '#111111' },
      'links.create': { fromId: ann.id, toId: ann.id + 1, typeId: 1 },
      'links.createWithSpan': { fromId: ann.id, typeId: 1, docId: 2, labelId: 1, start: 0, end: 4 },
      'links.delete': { id: 1 },
      'links.restore': { links: [{ id: 1, fromId: ann.id, toId: ann.id + 1, typeId: 1, createdAt: '2024-01-01T00:00:00.000Z', annotatorId: 1 }] },
      'links.forAnnotation': { id: ann.id },
      'clusters.rename': { id: 1, name: 'x' },
      'clusters.merge': { a: 1, b: 2 },
      'clusters.detach': { annotationId: ann.id },
      'suggest.forAnnotation': { id: ann.id },
      'suggest.dismiss': { id: ann.id, key: 'a:1' },
      'suggest.undismiss': { id: ann.id, key: 'a:1' },
      'search.passages': { q: 'Mosul' },
      'boards.claims': {},
      'boards.speakers': {},
      'boards.conflicts': {},
      'export.run': { format: 'jsonl', dest: join(dir, 'ro-export-run') },
      // After export.run in the contract's order: the folder it wrote is an export this process may hand over.
      'export.deliver': { dest: join(dir, 'ro-export-run') },
      'export.cancel': { jobId: 'none' },
      'export.suggestDest': { format: 'jsonl' },
      'documents.setDone': { id: 1, done: true },
      'project.backup': {},
      'project.backups': {},
      'project.dashboard': {},
      'agreement.report': { annotators: ['Ana', 'Bo'] },
      'preannotate.run': { docs: { kind: 'ids', ids: [1] } },
      'preannotate.cancel': { jobId: 'none' },
      'proposals.forDocument': { docId: 1 },
      'proposals.decide': { ids: [ann.id], decision: 'reject' },
      'proposals.undo': { created: [], decisions: [] },
      'proposals.redo': { created: [], links: [], decisions: [] },
      'proposals.propagateCount': { annotationId: ann.id },
      'proposals.propagate': { annotationId: ann.id },
      'curation.diff': { docId: 1 },
      'curation.accept': { docId: 1, annotationIds: [ann.id] },
      'curation.previewAgreements': { annotators: ['Ana', 'Bo'] },
      'curation.mergeAgreements': { annotators: ['Ana', 'Bo'] },
      'project.restore': { path: join(dir, 'nothing.crosscheck') },
      'project.merge': { path: corpus, as: 'Eve' },
      'project.mergeFile': {
        name: 'eve.jsonl',
        data: Buffer.from(JSON.stringify({ id: 1, title: 'Eve', text: 'Eve read it.', spans: [{ id: 1, start: 0, end: 3, label: 'speaker', annotator: 'Eve' }] }) + '\n').toString('base64'),
      },
    };
  }

  test('every read method works on a read-only project; every other method refuses with ReadOnly', async (t) => {
    const path = join(dir, 'readonly.crosscheck');
    const w = openProject(path);
    const wh = createHandlers(w, () => {});
    await wh['import.paths']({ paths: [corpus], format: 'auto' });
    const ann = await wh['annotations.create']({ docId: 1, labelId: 1, start: 0, end: 4 });
    for (const n of ['Ana', 'Bo']) w.annotators.ensure(n); // two layers for curation's sample args
    w.close();

    const p = openProject(path, { readOnly: true });
    const { h } = setup(t, p);
    const args = sampleArgs(ann);
    for (const m of methods) {
      const valid = parseArgs(m, args[m]);
      const call = (h[m] as (a: unknown) => Promise<unknown>)(valid);
      if (isReadMethod(m)) await assert.doesNotReject(call, m);
      else await assert.rejects(call, { name: 'ReadOnly' }, m);
    }
    assert.equal(p.documents.count(), 5);
  });

  test('every event a method emits is one its contract entry declares', async (t) => {
    const path = join(dir, 'events.crosscheck');
    const p = openProject(path);
    t.after(() => p.close());
    let current: Method | null = null;
    const undeclared: string[] = [];
    const seen = new Set<string>();
    const emit: Emit = (event) => {
      seen.add(`${current} ${event}`);
      if (!current || !(contract[current].emits as readonly string[]).includes(event)) undeclared.push(`${current} emitted ${event}`);
    };
    const h = createHandlers(p, emit);
    current = 'import.paths';
    await h['import.paths']({ paths: [corpus], format: 'auto' });
    const ann = await h['annotations.create']({ docId: 1, labelId: 1, start: 0, end: 4 });
    await h['annotations.create']({ docId: 2, labelId: 1, start: 0, end: 4 });
    const args = { ...sampleArgs(ann), 'export.run': { format: 'jsonl', dest: join(dir, 'events-export') } };
    for (const m of methods) {
      current = m;
      await (h[m] as (a: unknown) => Promise<unknown>)(parseArgs(m, args[m])).catch(() => undefined);
    }
    assert.deepEqual(undeclared, []);
    // The run reached the emitting paths, so the check above had something to check.
    for (const e of ['import.paths import.progress', 'import.files project.changed', 'export.run export.progress', 'documents.delete project.changed', 'documents.deleteMany project.changed', 'documents.restore project.changed', 'preannotate.run preannotate.progress']) {
      assert.ok(seen.has(e), e);
    }
  });
});
