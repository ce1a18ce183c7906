import { test, describe, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { openProject, type Project } from '../project.js';
import { importSources, sourcesFromPaths, type ImportSource } from './importer.js';
import type { ImportProgress, ImportReport } from '../../common/model.js';
import { cpLength } from '../../common/offsets.js';

const corpus = fileURLToPath(new URL('../../samples/corpus', import.meta.url));

const RU =
  'Министерство обороны России обвинило возглавляемую США коалицию в ударах по жилым кварталам Мосула: ' +
  'за три дня погибли не менее 60 мирных жителей, ещё 200 человек получили ранения. «Это недопустимо», — заявил генерал. ' +
  'Начальник Главного оперативного управления Генштаба Сергей Рудской сообщил журналистам, что коалиция наносила удары по школам.';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-import-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let p: Project;
beforeEach(() => {
  p = openProject(':memory:');
});
afterEach(() => p.close());

async function importPaths(paths: string[], opts: Parameters<typeof importSources>[4] = {}): Promise<ImportReport> {
  const { sources, report } = sourcesFromPaths(paths);
  return importSources(p.db, p.documents, sources, report, opts);
}

const fileName = (path: string) => path.split(/[\\/]/).pop()!;

describe('importing the sample corpus', () => {
  test('imports 5 documents with titles, dates, the paths named in the report and stored relative to the folder imported', async () => {
    const r = await importPaths([corpus]);
    assert.equal(r.imported.length, 5);
    assert.deepEqual(r.duplicates, []);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(
      r.imported.map((i) => fileName(i.path).slice(0, 3)),
      ['000', '001', '002', '003', '004'],
    );
    for (const i of r.imported) {
      assert.ok(i.title.length > 0);
      const d = p.documents.get(i.id);
      assert.equal(d.title, i.title);
      assert.equal(d.path, `corpus/${fileName(i.path)}`, 'stored relative to the folder the named folder is in');
      assert.equal(d.length, cpLength(d.text));
      assert.ok(!d.text.includes('\r'));
    }
    const byPrefix = Object.fromEntries(r.imported.map((i) => [fileName(i.path).slice(0, 3), p.documents.get(i.id)]));
    assert.equal(byPrefix['000'].date, '2016-10-25');
    assert.equal(byPrefix['001'].date, '2016-10-25');
    assert.match(byPrefix['000'].title, /^The Russian military is accusing/);
    assert.match(byPrefix['001'].title, /^60 civilians killed, 200 injured/);
    assert.match(byPrefix['002'].title, /smart bombs/);
    assert.equal(p.documents.count(), 5);
  });

  test('the FTS index finds imported text right after the same import', async () => {
    const r = await importPaths([corpus]);
    const ids = r.imported.map((i) => i.id);
    const hits = p.search.search('Rudsk*', 10).hits.map((h) => h.docId).sort((a, b) => a - b);
    assert.deepEqual(hits, [ids[0], ids[1]]);
    assert.ok(p.search.search('"smart bombs"', 10).hits.some((h) => h.docId === ids[2]));
  });

  test('a second import of the same folder reports 5 duplicates naming the existing ids', async () => {
    const first = await importPaths([corpus]);
    const second = await importPaths([corpus]);
    assert.deepEqual(second.imported, []);
    assert.deepEqual(second.skipped, []);
    assert.deepEqual(
      second.duplicates,
      first.imported.map((i) => ({ path: i.path, of: i.id })),
    );
    assert.equal(p.documents.count(), 5);
  });

  test('the same text twice in one import is one document and one duplicate of it', async () => {
    const sub = mkdtempSync(join(dir, 'twice-'));
    writeFileSync(join(sub, 'a.txt'), 'Same article text.\n');
    writeFileSync(join(sub, 'b.txt'), 'Same article text.\n');
    const r = await importPaths([sub]);
    assert.equal(r.imported.length, 1);
    assert.deepEqual(r.duplicates, [{ path: join(sub, 'b.txt'), of: r.imported[0].id }]);
  });
});

describe('a folder of awkward files', () => {
  let folder: string;
  const names = {
    empty: 'empty.txt',
    png: 'picture.txt',
    nul: 'nul-bytes.txt',
    ds: '.DS_Store',
    pdf: 'scan.pdf',
    cp1251: 'russian-1251.txt',
    utf16: 'utf16le.txt',
    crlf: 'crlf.txt',
    big: 'one-line-1mb.txt',
    good: 'plain.md',
  };
  const bigLine = ('Mosul civilians airstrikes coalition report ' + 'x'.repeat(55)).repeat(10_500);
  before(() => {
    folder = join(dir, 'awkward');
    mkdirSync(folder);
    const w = (name: string, data: string | Uint8Array) => writeFileSync(join(folder, name), data);
    w(names.empty, '');
    w(names.png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    w(names.nul, Buffer.concat([Buffer.from('Looks like text '), Buffer.from([0, 0, 0]), Buffer.from(' but is not')]));
    w(names.ds, Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
    w(names.pdf, '%PDF-1.4\n%âãÏÓ\n');
    w(names.cp1251, iconv.encode(RU, 'windows-1251'));
    w(names.utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 title\n\nBody with ü and 😀.', 'utf16le')]));
    w(names.crlf, 'CRLF headline\r\n\r\nFirst line.\r\nSecond line.\r\nOld Mac line\rend.\r\n');
    w(names.big, bigLine);
    w(names.good, '# Markdown note\n\nPlain UTF-8 body.\n');
  });

  test('names each skipped file with its reason and imports the good ones', async () => {
    const r = await importPaths([folder]);
    const skipped = Object.fromEntries(r.skipped.map((s) => [fileName(s.path), s.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), [names.ds, names.empty, names.nul, names.png, names.pdf].sort());
    assert.match(skipped[names.empty], /empty/);
    assert.match(skipped[names.png], /PNG/);
    assert.match(skipped[names.nul], /NUL/);
    assert.match(skipped[names.ds], /hidden or system/);
    assert.match(skipped[names.pdf], /unsupported file type \(\.pdf\)/);
    for (const s of r.skipped) assert.equal(s.path, join(folder, fileName(s.path)));

    const imported = Object.fromEntries(r.imported.map((i) => [fileName(i.path), p.documents.get(i.id)]));
    assert.deepEqual(Object.keys(imported).sort(), [names.big, names.cp1251, names.crlf, names.good, names.utf16].sort());
    assert.equal(imported[names.cp1251].text, RU);
    assert.equal(imported[names.utf16].text, 'UTF-16 title\n\nBody with ü and 😀.');
    assert.equal(imported[names.crlf].text, 'CRLF headline\n\nFirst line.\nSecond line.\nOld Mac line\nend.\n');
    assert.equal(imported[names.crlf].title, 'CRLF headline');
    assert.equal(imported[names.big].text, bigLine);
    assert.equal(imported[names.big].length, bigLine.length);
    assert.equal(imported[names.utf16].length, cpLength('UTF-16 title\n\nBody with ü and 😀.'));
    assert.equal(p.documents.count(), 5);
  });

  test('imported legacy-encoded and UTF-16 text is searchable in the same pass', async () => {
    await importPaths([folder]);
    assert.equal(p.search.search('Рудской', 10).hits.length, 1);
    assert.equal(p.search.search('"Second line"', 10).hits.length, 1);
    assert.equal(p.search.search('airstrikes', 10).hits.length, 1);
  });
});

describe('atomicity', () => {
  const src = (path: string, text: string): ImportSource => ({ path, read: () => Buffer.from(text) });
  const good = (n: number) => Array.from({ length: n }, (_, i) => src(`good-${i}.txt`, `Good article number ${i} about Mosul.`));

  test('an insert that throws mid-import rolls back the WHOLE import, earlier chunks included', async () => {
    await importPaths([corpus]);
    const before = p.documents.count();
    // A genuine failing insert where the importer writes its rows (db/ingest.ts bulkDocuments): the fifth file's.
    // A trigger of the project's own schema: the import's temp_store switch drops temporary ones (db/ingest.ts).
    p.db.exec(`CREATE TRIGGER fail_fifth BEFORE INSERT ON documents WHEN NEW.text LIKE 'Good article number 4 %'
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const seen: number[] = [];
    const { report } = sourcesFromPaths([]);
    await assert.rejects(importSources(p.db, p.documents, good(8), report, { chunk: 2, onProgress: (pr) => seen.push(pr.done) }), /disk I\/O error/);
    p.db.exec('DROP TRIGGER fail_fifth');
    assert.deepEqual(seen, [2, 4], 'two chunks went through before the fifth file failed');
    assert.equal(p.documents.count(), before);
    assert.deepEqual(p.search.search('"Good article"', 50).hits, []);
    assert.ok(!p.db.inTransaction);
    // The report given in was not filled with the rolled-back documents.
    assert.deepEqual(report.imported, []);
    // The project is usable afterwards: the same files import fine.
    const again = await importSources(p.db, p.documents, good(8), { imported: [], duplicates: [], skipped: [] });
    assert.equal(again.imported.length, 8);
    assert.equal(p.documents.count(), before + 8);
  });

  test('a progress callback that throws mid-import also rolls everything back', async () => {
    const before = p.documents.count();
    const report: ImportReport = { imported: [], duplicates: [], skipped: [] };
    await assert.rejects(
      importSources(p.db, p.documents, good(6), report, {
        chunk: 2,
        onProgress: (pr) => {
          if (pr.done >= 4) throw new Error('window went away');
        },
      }),
      /window went away/,
    );
    assert.equal(p.documents.count(), before);
    assert.ok(!p.db.inTransaction);
  });

  test('a read() that throws (not an fs error) skips that file with its message; the others are imported', async () => {
    const sources = [
      ...good(3),
      { path: 'broken.txt', read: () => { throw new Error('stream reset by peer'); } },
      ...good(5).slice(3),
    ];
    const r = await importSources(p.db, p.documents, sources, { imported: [], duplicates: [], skipped: [] });
    assert.equal(r.imported.length, 5);
    assert.deepEqual(r.skipped, [{ path: 'broken.txt', reason: 'cannot read: stream reset by peer' }]);
  });

  test('an fs error code is reported as the code', async () => {
    const sources: ImportSource[] = [{
      path: 'gone.txt',
      read: () => { throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }); },
    }];
    const r = await importSources(p.db, p.documents, sources, { imported: [], duplicates: [], skipped: [] });
    assert.deepEqual(r.skipped, [{ path: 'gone.txt', reason: 'cannot read: ENOENT' }]);
  });
});

describe('progress', () => {
  test('reports increasing done counts up to the right total, ending with done === total', async () => {
    const sub = mkdtempSync(join(dir, 'progress-'));
    for (let i = 0; i < 7; i++) writeFileSync(join(sub, `${i}.txt`), `Article ${i} text about Aleppo.`);
    writeFileSync(join(sub, 'skip.pdf'), '%PDF-1.4');
    writeFileSync(join(sub, '.hidden.txt'), 'hidden');
    const events: ImportProgress[] = [];
    const r = await importPaths([sub], { chunk: 2, onProgress: (e) => events.push({ ...e }) });
    assert.equal(r.imported.length, 7);
    assert.equal(r.skipped.length, 2);
    assert.ok(events.length >= 4, `only ${events.length} events`);
    for (const e of events) assert.equal(e.total, 9);
    for (let i = 1; i < events.length - 1; i++) assert.ok(events[i].done > events[i - 1].done, `event ${i}`);
    assert.ok(events[events.length - 1].done >= events[events.length - 2].done);
    for (const e of events.slice(0, -1)) assert.ok(e.current.length > 0 && e.current.startsWith(sub));
    const last = events[events.length - 1];
    assert.equal(last.done, 9);
    assert.equal(last.current, '');
  });

  test('an import of nothing still reports one final event', async () => {
    const events: ImportProgress[] = [];
    await importSources(p.db, p.documents, [], { imported: [], duplicates: [], skipped: [] }, { onProgress: (e) => events.push(e) });
    assert.deepEqual(events, [{ done: 0, total: 0, current: '' }]);
  });
});

test('textHash is SHA-256 of the UTF-8 text, as the Hash object computes it', async () => {
  const { textHash } = await import('./hash.js');
  const { createHash } = await import('node:crypto');
  for (const t of ['abc', 'Rudskoy 😀 é\u0301', '']) assert.equal(textHash(t), createHash('sha256').update(t).digest('hex'));
  assert.equal(textHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('the report notes the encoding of every file not read as UTF-8, and how it was decided', async () => {
  const polish = join(dir, 'rzad.txt');
  writeFileSync(polish, iconv.encode('Rząd przyjął w środę projekt ustawy o zmianie przepisów dotyczących źródeł energii. Minister powiedział, że żadne decyzje jeszcze nie zapadły.\n', 'windows-1250'));
  const utf8 = join(dir, 'plain.txt');
  writeFileSync(utf8, 'Port officials said no.\n');
  const guessed = await importPaths([polish, utf8]);
  assert.equal(guessed.imported.length, 2);
  assert.deepEqual(guessed.notes, [`${polish}: read as windows-1250 (the only plausible reading; --encoding overrides)`]);
  p.close();
  p = openProject(':memory:');
  const named = await importPaths([polish], { encoding: 'windows-1250' });
  assert.deepEqual(named.notes, [`${polish}: read as windows-1250 (as asked)`]);
});
