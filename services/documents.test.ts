import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './handlers.js';
import { openProject } from './project.js';
import { applyMetaChange } from './documents.js';
import { dispatch, type Args, type Method, type Result } from '../common/contract.js';
import { AppError } from '../common/errors.js';

const corpus = fileURLToPath(new URL('../samples/corpus', import.meta.url));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-documents-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A project on the sample corpus, called as every host calls it: through the contract's validation. */
async function setup(t: { after(fn: () => void): void }) {
  const p = openProject(':memory:');
  t.after(() => p.close());
  const h = createHandlers(p, () => {});
  const call = <M extends Method>(m: M, args: unknown) => dispatch(h, m, args) as Promise<Result<M>>;
  await call('import.paths', { paths: [corpus] });
  return { p, h, call };
}

const jsonl = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('document metadata (issue 12)', () => {
  test('the contract refuses a date that is not yyyy-mm-dd or not in the calendar, and an address that is not http(s)', async (t) => {
    const { call } = await setup(t);
    const refused = async (change: Record<string, unknown>, words: RegExp) =>
      assert.rejects(call('documents.update', { changes: [{ id: 1, ...change }] }), (e: Error) => e.name === 'InvalidInput' && words.test(e.message));
    await refused({ date: '25/10/2016' }, /changes\.0\.date: a date is written yyyy-mm-dd/);
    await refused({ date: '2015-02-29' }, /there is no 29 February 2015/);
    await refused({ date: '2016-13-01' }, /no month 13/);
    await refused({ url: 'javascript:alert(1)' }, /http:\/\/ or https:\/\//);
    await refused({ url: 'ftp://example.org/a' }, /http:\/\/ or https:\/\//);
    await refused({ url: 'https://exa mple.org' }, /no spaces/);
    await refused({ title: '   ' }, /title cannot be empty/);
    assert.equal((await call('documents.get', { id: 1 })).date, '2016-10-25', 'nothing was changed');
  });

  test('an edit stores trimmed values, clears with empty strings, and returns the metadata before it for undo', async (t) => {
    const { call } = await setup(t);
    const was = await call('documents.get', { id: 2 });
    const r = await call('documents.update', { changes: [{ id: 2, title: '  New headline ', source: ' RT ', url: 'https://rt.com/news/a', date: '2016-02-29' }] });
    assert.deepEqual(r.before, [{ id: 2, title: was.title, date: was.date, source: was.source, url: null }]);
    assert.deepEqual(
      [r.documents[0].title, r.documents[0].source, r.documents[0].url, r.documents[0].date],
      ['New headline', 'RT', 'https://rt.com/news/a', '2016-02-29'],
    );
    const cleared = await call('documents.update', { changes: [{ id: 2, source: '', url: '' }] });
    assert.deepEqual([cleared.documents[0].source, cleared.documents[0].url], [null, null]);
    // Undo: the `before` metadata written back.
    await call('documents.update', { changes: r.before });
    const back = await call('documents.get', { id: 2 });
    assert.deepEqual([back.title, back.date, back.source, back.url], [was.title, was.date, was.source, null]);
  });

  test('a new title is what search finds and shows', async (t) => {
    const { call } = await setup(t);
    await call('documents.update', { changes: [{ id: 5, title: 'Zanzibarian headline' }] });
    assert.deepEqual((await call('search.query', { q: 'Zanzibarian' })).hits.map((h) => [h.docId, h.title]), [[5, 'Zanzibarian headline']]);
  });

  test('an edited source is what the speakers board and the JSONL export show', async (t) => {
    const { call } = await setup(t);
    const a = await call('annotations.create', { docId: 1, labelId: 2, start: 6, end: 13 });
    const b = await call('annotations.create', { docId: 2, labelId: 2, start: 1, end: 3 });
    await call('links.create', { fromId: a.id, toId: b.id, typeId: 1 });
    // Bulk: one source for a selection of two documents.
    await call('documents.update', { changes: [{ id: 1, source: 'Russia Today' }, { id: 2, source: 'Russia Today' }] });
    const board = await call('boards.speakers', {});
    assert.deepEqual(board.clusters[0].sources, ['Russia Today']);
    const out = join(dir, 'meta.jsonl');
    await call('export.toFile', { format: 'jsonl', path: out });
    const lines = jsonl(out);
    assert.deepEqual(lines.filter((l) => l.source === 'Russia Today').map((l) => l.id).sort(), [1, 2]);
  });

  test('applyMetaChange keeps what a change leaves out and refuses an invalid value naming the document', () => {
    const m = { id: 7, title: 'T', date: null, source: 'RT', url: null };
    assert.deepEqual(applyMetaChange(m, { id: 7, date: '2016-10-25' }), { ...m, date: '2016-10-25' });
    assert.throws(() => applyMetaChange(m, { id: 7, url: 'mailto:x@y.z' }), (e: unknown) => e instanceof AppError && /Document 7: url/.test(e.message));
  });
});

describe('deleting documents through the contract (issue 12)', () => {
  test('deleted documents vanish from search, the list and exports; restore brings them back', async (t) => {
    const { call } = await setup(t);
    await call('annotations.create', { docId: 3, labelId: 2, start: 0, end: 5 });
    const impact = await call('documents.deleteImpact', { ids: [3, 5] });
    assert.deepEqual(impact, { documents: 2, annotations: 1, links: 0 });
    const { deleted } = await call('documents.deleteMany', { ids: [3, 5] });
    assert.deepEqual((await call('search.query', { q: 'Konashenkov' })).hits.map((h) => h.docId), [4]);
    assert.deepEqual((await call('documents.list', {})).items.map((d) => d.id), [1, 2, 4]);
    const out = join(dir, 'deleted.jsonl');
    await call('export.toFile', { format: 'jsonl', path: out });
    assert.deepEqual(jsonl(out).map((l) => l.id), [1, 2, 4]);
    // Over the wire the bundle is JSON: restore takes it as a host would pass it.
    await call('documents.restore', { deleted: JSON.parse(JSON.stringify(deleted)) });
    assert.deepEqual((await call('search.query', { q: 'Konashenkov' })).hits.map((h) => h.docId).sort(), [3, 4]);
    assert.equal((await call('annotations.listForDocument', { docId: 3 })).length, 1);
  });

  test('a restore whose spans lie outside their text, or in a document it does not hold, is refused', async (t) => {
    const { call } = await setup(t);
    await call('annotations.create', { docId: 4, labelId: 1, start: 0, end: 5 });
    const { deleted } = await call('documents.deleteMany', { ids: [4] });
    const outside = { ...deleted, annotations: [{ ...deleted.annotations[0], end: 10_000 }] };
    await assert.rejects(call('documents.restore', { deleted: outside }), /not inside document 4/);
    const elsewhere = { ...deleted, annotations: [{ ...deleted.annotations[0], docId: 1 }] };
    await assert.rejects(call('documents.restore', { deleted: elsewhere }), /does not hold/);
    assert.equal((await call('documents.list', {})).total, 4);
  });

  test('a forged restore is refused with the rule it breaks, and changes nothing (hostile tester, issue 12)', async (t) => {
    const { call } = await setup(t);
    const a1 = await call('annotations.create', { docId: 1, labelId: 1, start: 0, end: 5 });
    const a2 = await call('annotations.create', { docId: 2, labelId: 1, start: 0, end: 5 });
    const mine = await call('annotations.create', { docId: 4, labelId: 1, start: 0, end: 5 });
    // The first choice names the layer the spans above are in; the second starts another layer.
    await call('annotators.choose', { name: 'Eli' });
    const dana = await call('annotators.choose', { name: 'Dana' });
    const danas = await call('annotations.create', { docId: 1, labelId: 2, start: 0, end: 5 });
    assert.equal(danas.annotatorId, dana.id);
    const { deleted } = await call('documents.deleteMany', { ids: [4] });
    const doc = deleted.documents[0];
    const forged: [string, unknown, RegExp][] = [
      ['a javascript: address', { ...deleted, documents: [{ ...doc, url: 'javascript:alert(1)' }] }, /url: an address starts with http/],
      ['a date not in the calendar', { ...deleted, documents: [{ ...doc, date: '2016-02-30' }] }, /there is no 30 February 2016/],
      ['an empty title', { ...deleted, documents: [{ ...doc, title: '' }] }, /title cannot be empty/],
      ['an empty text', { ...deleted, documents: [{ ...doc, text: '' }], annotations: [] }, /its text is empty/],
      ['a made-up timestamp', { ...deleted, annotations: [{ ...deleted.annotations[0], createdAt: 'x' }] }, /is not a timestamp/],
      ['a link between two other documents', { ...deleted, links: [{ id: 999, fromId: a1.id, toId: a2.id, typeId: 1, createdAt: doc.importedAt, annotatorId: 1 }] }, /touches no annotation of the restored documents/],
      ['an annotator that does not exist', { ...deleted, annotations: [{ ...deleted.annotations[0], annotatorId: 77 }] }, /annotator 77 does not exist/],
      ['a link across two layers', { ...deleted, links: [{ id: 999, fromId: mine.id, toId: danas.id, typeId: 1, createdAt: doc.importedAt, annotatorId: mine.annotatorId }] }, /its own layer/],
      ['a link claiming another layer', { ...deleted, links: [{ id: 999, fromId: mine.id, toId: a1.id, typeId: 1, createdAt: doc.importedAt, annotatorId: dana.id }] }, /its own layer/],
      ['a document twice', { ...deleted, documents: [doc, doc] }, /appears twice/],
      ['an annotation id taken', { ...deleted, annotations: [{ ...deleted.annotations[0], id: a1.id }] }, /Annotation \d+ exists again/],
      ['a label that does not exist', { ...deleted, annotations: [{ ...deleted.annotations[0], labelId: 999 }] }, /label 999 does not exist/],
      ['a dismissed suggestion of another span', { ...deleted, dismissed: [{ annotationId: a1.id, target: 'x' }] }, /not in the restore/],
    ];
    for (const [what, bundle, message] of forged) {
      await assert.rejects(call('documents.restore', { deleted: bundle }), (e: AppError) => message.test(e.message) && e.name !== 'Internal', what);
    }
    assert.equal((await call('documents.list', {})).total, 4, 'nothing was restored');
    assert.deepEqual((await call('links.forAnnotation', { id: a1.id })).links, [], 'no forged link');
    await call('documents.restore', { deleted });
    assert.equal((await call('annotations.listForDocument', { docId: 4 }))[0].id, mine.id, 'the real bundle still restores');
  });
});

describe('import order and report (issue 12)', () => {
  test('files get ids in natural file-name order: a folder walked, files uploaded in any order', async (t) => {
    const p = openProject(':memory:');
    t.after(() => p.close());
    const h = createHandlers(p, () => {});
    const folder = join(dir, 'order');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    for (const n of ['a10', 'b1', 'a2', 'a1']) writeFileSync(join(folder, `${n}.txt`), `Headline ${n}\n\nBody of ${n}.`);
    writeFileSync(join(folder, 'sub', 'x.txt'), 'Headline sub\n\nBody of sub.');
    const r = await h['import.paths']({ paths: [folder], format: 'auto', options: { strict: false } } as Args<'import.paths'>);
    assert.deepEqual(r.imported.map((i) => [i.id, i.title]), [[1, 'Headline a1'], [2, 'Headline a2'], [3, 'Headline a10'], [4, 'Headline b1'], [5, 'Headline sub']]);
    // Picked files reach the backend in whatever order the browser sends them.
    const up = (name: string, text: string) => ({ path: name, data: Buffer.from(text).toString('base64') });
    const u = await h['import.files']({ files: [up('x10.txt', 'Ten\n\nx'), up('x9.txt', 'Nine\n\nx'), up('X1.txt', 'One\n\nx')], options: { strict: false } } as Args<'import.files'>);
    assert.deepEqual(u.imported.map((i) => [i.id, i.path]), [[6, 'X1.txt'], [7, 'x9.txt'], [8, 'x10.txt']]);
  });

  test('a duplicate names the document it repeats: its title and path', async (t) => {
    const { call } = await setup(t);
    const again = await call('import.paths', { paths: [join(corpus, '004_5302fd337da4e0bd.txt')] });
    assert.deepEqual(again.duplicates.map((d) => [d.of, d.ofTitle, d.ofPath]), [[5, 'Putin compared the operation in Aleppo to attack on Mosul', 'corpus/004_5302fd337da4e0bd.txt']]);
  });
});
