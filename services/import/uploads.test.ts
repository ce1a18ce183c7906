import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { createHandlers, type Emit } from '../handlers.js';
import { openProject, type Project } from '../project.js';
import type { ImportReport } from '../../common/model.js';
import { importNameRefusal } from './walk.js';

const brat = fileURLToPath(new URL('../formats/fixtures/brat/tutorial-news', import.meta.url));
const doccano = fileURLToPath(new URL('../formats/fixtures/doccano/export_sequence_labeling.example.jsonl', import.meta.url));
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const upload = (path: string, bytes: string | Buffer) => ({ path, data: b64(bytes) });
/** The files of the brat tutorial fixture as a dropped folder `news/…`. */
const bratFolder = () => readdirSync(brat).sort().map((n) => upload(`news/${n}`, readFileSync(join(brat, n))));

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-uploads-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function setup(t: { after(fn: () => void): void }) {
  const p: Project = openProject(':memory:');
  t.after(() => p.close());
  const events: string[] = [];
  const emit: Emit = (event) => void events.push(event);
  return { p, h: createHandlers(p, emit), events };
}

/** Upload folders this process left in the temp folder (each import removes its own). */
const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('crosscheck-upload-'));

describe('import.files: uploads go through the same format detection as paths', () => {
  test('a dropped brat folder (.txt, .ann, annotation.conf) imports its documents and spans, not text', async (t) => {
    const { p, h, events } = setup(t);
    const before = leftovers();
    const r = await h['import.files']({ files: bratFolder() });
    assert.equal(r.imported.length, 5, JSON.stringify(r.skipped));
    assert.ok((r.spans ?? 0) > 20, `spans: ${r.spans}`);
    // The person sees (and the project keeps) the paths they uploaded, never the private folder.
    assert.ok(r.imported.every((i) => i.path.startsWith('news/')), JSON.stringify(r.imported));
    const doc = p.documents.get(r.imported[0].id);
    assert.equal(doc.path, 'news/000-introduction.txt');
    assert.ok(p.annotations.listForDocument(doc.id).some((a) => a.text === 'Citibank'));
    assert.deepEqual(leftovers(), before);
    assert.deepEqual(events.slice(-1), ['project.changed']);
  });

  test('a picked JSONL or doccano file imports its spans', async (t) => {
    const { p, h } = setup(t);
    const line = JSON.stringify({ id: 1, title: 'T', text: 'Rudskoy said 60 died.', spans: [{ id: 1, start: 0, end: 7, label: 'speaker', text: 'Rudskoy' }], links: [] });
    const ours = await h['import.files']({ files: [upload('export.jsonl', line + '\n')] });
    assert.deepEqual([ours.imported.length, ours.spans], [1, 1]);
    assert.equal(p.annotations.listForDocument(ours.imported[0].id)[0].text, 'Rudskoy');
    const theirs = await h['import.files']({ files: [upload('doccano.jsonl', readFileSync(doccano))] });
    assert.ok(theirs.imported.length > 0 && (theirs.spans ?? 0) > 0, JSON.stringify(theirs));
  });

  test('a brat folder split over several calls is one import: .ann and .txt in different parts still pair', async (t) => {
    const { h } = setup(t);
    const files = bratFolder();
    const txt = files.filter((f) => f.path.endsWith('.txt'));
    const rest = files.filter((f) => !f.path.endsWith('.txt'));
    const first = await h['import.files']({ files: txt, upload: { id: 'u1', part: 0, last: false } });
    assert.deepEqual(first, { imported: [], duplicates: [], skipped: [] });
    const r = await h['import.files']({ files: rest, upload: { id: 'u1', part: 1, last: true } });
    assert.equal(r.imported.length, 5, JSON.stringify(r.skipped));
    assert.ok(!r.skipped.some((s) => /no .* beside it/.test(s.reason)), JSON.stringify(r.skipped));
    // A part whose earlier parts are gone is refused, not imported on its own.
    await assert.rejects(h['import.files']({ files: rest, upload: { id: 'u1', part: 1, last: true } }), /came without the parts before it/);
  });

  test('a malformed annotated upload fails naming the uploaded file and line, not the private folder', async (t) => {
    const { p, h } = setup(t);
    const err = await h['import.files']({ files: [upload('in/bad.ann', 'T1\tclaim 0 3\tabc\nnot a line\n'), upload('in/bad.txt', 'abcdef')] }).then(
      () => assert.fail('imported'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'InvalidInput');
    assert.match(err.message, /^in\/bad\.ann:2: /);
    assert.ok(!err.message.includes(tmpdir()), err.message);
    assert.equal(p.documents.count(), 0);
  });

  test('hidden and system files, unsupported types and paths that climb out are skipped with a reason', async (t) => {
    const { p, h } = setup(t);
    const r: ImportReport = await h['import.files']({
      files: [
        upload('corpus/a.txt', 'First uploaded article 😀.'),
        upload('corpus/.DS_Store', 'junk'),
        upload('corpus/.git/config.txt', 'hidden folder'),
        upload('__MACOSX/x.txt', 'mac junk'),
        upload('corpus/Thumbs.db', 'win junk'),
        upload('scan.pdf', '%PDF-1.4'),
        upload('README', 'no ext'),
        upload('../../escape.txt', 'out'),
        upload('notes/B.MD', '# Second\n\nmarkdown body'),
      ],
    });
    assert.deepEqual(r.imported.map((i) => i.path), ['corpus/a.txt', 'notes/B.MD']);
    assert.deepEqual(
      r.skipped.map((s) => [s.path, s.reason]),
      [
        ['corpus/.DS_Store', 'hidden or system file'],
        ['corpus/.git/config.txt', 'hidden or system file'],
        ['__MACOSX/x.txt', 'hidden or system file'],
        ['corpus/Thumbs.db', 'hidden or system file'],
        ['../../escape.txt', 'the path climbs out of what was uploaded (..)'],
        // Walked in file-name order (issue 12), not the order of the upload.
        ['README', 'unsupported file type (no extension)'],
        ['scan.pdf', 'unsupported file type (.pdf)'],
      ],
    );
    assert.equal(p.documents.get(r.imported[0].id).text, 'First uploaded article 😀.');
    assert.equal(p.documents.get(r.imported[1].id).path, 'notes/B.MD');
    assert.ok(!existsSync(join(dir, '..', 'escape.txt')));
  });

  test('uploaded bytes go through the same decoding (CRLF, windows-1251, binary refused)', async (t) => {
    const { p, h } = setup(t);
    const ru = 'Министерство обороны России заявило о 60 погибших.';
    const r = await h['import.files']({
      files: [
        upload('crlf.txt', 'a\r\nb\r\n'),
        { path: 'ru.txt', data: Buffer.from(iconv.encode(ru, 'windows-1251')).toString('base64') },
        upload('img.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
        upload('empty.txt', ''),
      ],
    });
    assert.deepEqual(r.imported.map((i) => p.documents.get(i.id).text), ['a\nb\n', ru]);
    // In file-name order, as every import takes its files (issue 12), not in the order they were uploaded.
    assert.deepEqual(r.skipped.map((s) => s.path), ['empty.txt', 'img.txt']);
    assert.match(r.skipped[0].reason, /empty/);
    assert.match(r.skipped[1].reason, /PNG/);
  });
});

describe('file names with control characters: one rule for the browser and the CLI', () => {
  test('a line break or a tab in a name imports from an upload as from a named folder, with the same path and source', async (t) => {
    const names = ['RT\nwire.txt', 'tab\there.md', 'bell\u0007.txt'];
    const folder = mkdtempSync(join(dir, 'names-'));
    mkdirSync(join(folder, 'corpus'));
    names.forEach((n, i) => writeFileSync(join(folder, 'corpus', n), `Article number ${i} about the strike.`));

    const byPath = setup(t);
    const cli = await byPath.h['import.paths']({ paths: [join(folder, 'corpus')], format: 'auto' });
    const byUpload = setup(t);
    const web = await byUpload.h['import.files']({ files: names.map((n, i) => upload(`corpus/${n}`, `Article number ${i} about the strike.`)) });

    assert.deepEqual(cli.skipped, []);
    assert.deepEqual(web.skipped, []);
    const shown = (p: Project, r: ImportReport) => r.imported.map((i) => p.documents.get(i.id)).map((d) => [d.path, d.source]).sort();
    const expected = [
      ['corpus/RT\nwire.txt', 'RT wire'],
      ['corpus/bell\u0007.txt', 'bell'],
      ['corpus/tab\there.md', 'tab here'],
    ].sort();
    assert.deepEqual(shown(byPath.p, cli), expected);
    assert.deepEqual(shown(byUpload.p, web), expected);
  });

  test('a NUL byte, which no file system allows in a name, is refused by both with the same words', async (t) => {
    const { h } = setup(t);
    const r = await h['import.files']({ files: [upload('corpus/nul\u0000.txt', 'Some article text.'), upload('corpus/ok.txt', 'Other article text.')] });
    assert.deepEqual(r.skipped, [{ path: 'corpus/nul\u0000.txt', reason: 'the name holds a NUL byte' }]);
    assert.equal(r.imported.length, 1);
    assert.equal(importNameRefusal('nul\u0000.txt'), 'the name holds a NUL byte');
    assert.equal(importNameRefusal('.DS_Store'), 'hidden or system file');
    assert.equal(importNameRefusal('new\nline.txt'), null);
  });
});

describe('names a tester met: a backslash, only spaces, 5,000 characters', () => {
  /** The same files imported from a folder on disk (the CLI) and uploaded (the browser): path, title and source. */
  async function both(t: { after(fn: () => void): void }, files: Record<string, string>) {
    const folder = mkdtempSync(join(dir, 'names-'));
    mkdirSync(join(folder, 'corpus'));
    for (const [n, text] of Object.entries(files)) writeFileSync(join(folder, 'corpus', n), text);
    const byPath = setup(t);
    const cli = await byPath.h['import.paths']({ paths: [join(folder, 'corpus')], format: 'auto' });
    const byUpload = setup(t);
    const web = await byUpload.h['import.files']({ files: Object.entries(files).map(([n, text]) => upload(`corpus/${n}`, text)) });
    const shown = (p: Project, r: ImportReport) => r.imported.map((i) => p.documents.get(i.id)).map((d) => [d.path, d.title, d.source]).sort();
    assert.deepEqual(cli.skipped, []);
    assert.deepEqual(web.skipped, []);
    return { cli: shown(byPath.p, cli), web: shown(byUpload.p, web) };
  }

  test('a backslash is part of a name, from a folder as from an upload: "a\\b.txt" is one file, titled and sourced by its whole name', async (t) => {
    const { cli, web } = await both(t, { 'a\\b.txt': 'Date: 2016-10-25\n', 'c.txt': 'Headline of c\n\nBody.' });
    const expected = [
      ['corpus/a\\b.txt', 'a\\b.txt', 'a\\b'],
      ['corpus/c.txt', 'Headline of c', 'c'],
    ];
    assert.deepEqual(cli, expected);
    assert.deepEqual(web, expected);
  });

  test('a picked file named "a\\b.txt" (no folder) is stored by its whole name, as the CLI stores a file named on its own', async (t) => {
    const folder = mkdtempSync(join(dir, 'picked-'));
    writeFileSync(join(folder, 'a\\b.txt'), 'Date: 2016-10-25\n');
    const byPath = setup(t);
    const cli = await byPath.h['import.paths']({ paths: [join(folder, 'a\\b.txt')], format: 'auto' });
    const byUpload = setup(t);
    const web = await byUpload.h['import.files']({ files: [upload('a\\b.txt', 'Date: 2016-10-25\n')] });
    for (const [p, r] of [[byPath.p, cli], [byUpload.p, web]] as const) {
      const d = p.documents.get(r.imported[0].id);
      assert.deepEqual([d.path, d.title, d.source], ['a\\b.txt', 'a\\b.txt', 'a\\b']);
    }
  });

  test('a name of only spaces before its extension: no source, the title from the text or "Untitled", never ".txt" (a tester: "   .txt")', async (t) => {
    const { cli, web } = await both(t, { '   .txt': 'Date: 2016-10-25\n', ' . .md': 'A headline\n\nBody.' });
    const expected = [
      ['corpus/   .txt', 'Untitled', null],
      ['corpus/ . .md', 'A headline', null],
    ].sort();
    assert.deepEqual(cli, expected);
    assert.deepEqual(web, expected);
  });

  test('a name over 255 bytes is refused for that file only, with a reason; the rest of the upload imports (a tester: 5,000 characters)', async (t) => {
    const { h } = setup(t);
    // Short enough for the contract's path bound, too long for any file system's name.
    const long = `corpus/${'x'.repeat(300)}.txt`;
    const r = await h['import.files']({ files: [upload('corpus/a.txt', 'First article.'), upload(long, 'Long-named article.'), upload('corpus/b.txt', 'Second article.')] });
    assert.deepEqual(r.imported.map((i) => i.path), ['corpus/a.txt', 'corpus/b.txt']);
    assert.deepEqual(r.skipped, [{ path: long, reason: 'the name is too long (304 characters; a file name holds at most 255 bytes)' }]);
    assert.equal(importNameRefusal('x'.repeat(251) + '.txt'), null);
  });
});
