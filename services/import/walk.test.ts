import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { isHiddenOrSystem, isImportableName, walkPaths, MAX_FILE_BYTES, NOT_UTF8 } from './walk.js';
import { linkOutsideReason } from './files.js';
import { pathChecker } from '../path-policy.js';

let tmp: string;
/** The temp folder as a relative path, to check that `path` stays as given while `absPath` is absolute. */
let rel: string;

function file(path: string, content = 'text\n') {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), content);
}

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'crosscheck-walk-'));
  rel = relative(process.cwd(), tmp);
  file('corpus/10.txt');
  file('corpus/2.txt');
  file('corpus/b.TXT');
  file('corpus/a.md', '# heading\n');
  file('corpus/scan.pdf', '%PDF-1.7');
  file('corpus/README');
  file('corpus/.DS_Store');
  file('corpus/._a.md');
  file('corpus/Thumbs.db');
  file('corpus/desktop.ini');
  file('corpus/.git/config');
  file('corpus/.hidden/secret.txt');
  file('corpus/__MACOSX/corpus/._2.txt');
  file('corpus/sub/deep/c.txt');
  file('corpus/sub/deep/notes.docx');
  mkdirSync(join(tmp, 'corpus/sub/empty'));
  symlinkSync(join(tmp, 'corpus'), join(tmp, 'corpus/sub/loop')); // back up to the root: a loop
  symlinkSync(join(tmp, 'nowhere.txt'), join(tmp, 'corpus/sub/broken.txt'));
  symlinkSync('self.txt', join(tmp, 'corpus/sub/self.txt')); // points at itself
  symlinkSync(join(tmp, 'corpus/sub/deep/c.txt'), join(tmp, 'corpus/sub/zz-link.txt')); // same file twice
  file('big/over.txt');
  truncateSync(join(tmp, 'big/over.txt'), MAX_FILE_BYTES + 1); // sparse: no 50 MB written
  file('big/limit.txt');
  truncateSync(join(tmp, 'big/limit.txt'), MAX_FILE_BYTES);
  mkdirSync(join(tmp, 'nothing'));
  file('.notes.txt');
  file('odd.Md');
});

after(() => rmSync(tmp, { recursive: true, force: true }));

describe('walkPaths', () => {
  test('expands a folder recursively, in a stable name order, reporting every file left out', () => {
    const r = walkPaths([join(rel, 'corpus')]);
    const c = join(rel, 'corpus');
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['2.txt', '10.txt', 'a.md', 'b.TXT', 'sub/deep/c.txt'].map((p) => join(c, p)),
    );
    // Depth-first, each folder in name order, skipped entries where they were met.
    assert.deepEqual(
      r.skipped,
      [
        ['__MACOSX', 'hidden or system file'],
        ['._a.md', 'hidden or system file'],
        ['.DS_Store', 'hidden or system file'],
        ['.git', 'hidden or system file'], // once, for the whole folder
        ['.hidden', 'hidden or system file'],
        ['desktop.ini', 'hidden or system file'],
        ['README', 'unsupported file type (no extension)'],
        ['scan.pdf', 'unsupported file type (.pdf)'],
        ['sub/broken.txt', 'broken symbolic link'],
        ['sub/deep/notes.docx', 'unsupported file type (.docx)'],
        ['sub/loop', 'symbolic link loop'],
        ['sub/self.txt', 'symbolic link loop'],
        ['sub/zz-link.txt', `already included (same file as ${join(c, 'sub/deep/c.txt')})`],
        ['Thumbs.db', 'hidden or system file'],
      ].map(([p, reason]) => ({ path: join(c, p), reason })),
    );
  });

  test('path stays as given, absPath is absolute, size is the byte size; a file named on its own is stored by its name', () => {
    const r = walkPaths([join(rel, 'corpus', 'a.md')]);
    assert.deepEqual(r.files.map(({ st: _st, ...f }) => f), [{ path: join(rel, 'corpus', 'a.md'), absPath: join(tmp, 'corpus', 'a.md'), size: 10, stored: 'a.md' }]);
    // The stat the walk took, handed to the read (files.ts readRegularFile) so that it need not stat again.
    assert.deepEqual([r.files[0].st?.isFile(), r.files[0].st?.ino], [true, statSync(join(tmp, 'corpus', 'a.md')).ino]);
    assert.ok(!isAbsolute(rel), 'fixture: the given path must be relative');
  });

  test('the same order every time', () => {
    const a = walkPaths([tmp]);
    const b = walkPaths([tmp]);
    assert.deepEqual(a, b);
  });

  test('files over the size limit are refused with their size; the limit itself is fine', () => {
    const r = walkPaths([join(tmp, 'big')]);
    assert.deepEqual(r.files.map((f) => [f.path, f.size]), [[join(tmp, 'big/limit.txt'), MAX_FILE_BYTES]]);
    assert.deepEqual(r.skipped, [{ path: join(tmp, 'big/over.txt'), reason: 'file too large (50.1 MB; the limit is 50 MB)' }]);
  });

  test('missing paths, unsupported files and empty folders given explicitly are reported', () => {
    const r = walkPaths([join(tmp, 'missing'), join(tmp, 'odd.Md/x.txt'), join(tmp, 'corpus/scan.pdf'), join(tmp, 'nothing')]);
    assert.deepEqual(r.files, []);
    assert.deepEqual(r.skipped, [
      { path: join(tmp, 'missing'), reason: 'not found' },
      { path: join(tmp, 'odd.Md/x.txt'), reason: 'not found' },
      { path: join(tmp, 'corpus/scan.pdf'), reason: 'unsupported file type (.pdf)' },
      { path: join(tmp, 'nothing'), reason: 'empty folder' },
    ]);
  });

  test('a hidden file given explicitly is taken (the user chose it); extensions match in any case', () => {
    const r = walkPaths([join(tmp, '.notes.txt'), join(tmp, 'odd.Md')]);
    assert.deepEqual(r.files.map((f) => f.path), [join(tmp, '.notes.txt'), join(tmp, 'odd.Md')]);
    assert.deepEqual(r.skipped, []);
  });

  test('a file or folder reached twice is imported once; a link out of a folder is followed until it loops', () => {
    const sub = join(tmp, 'corpus/sub');
    const r = walkPaths([sub, join(sub, 'deep/c.txt'), sub]);
    // sub/loop leads to the corpus root, which was not included yet: its files are new.
    assert.deepEqual(
      r.files.map((f) => relative(sub, f.path)),
      ['deep/c.txt', 'loop/2.txt', 'loop/10.txt', 'loop/a.md', 'loop/b.TXT'],
    );
    const reasons = r.skipped.map((s) => `${relative(sub, s.path)}: ${s.reason}`);
    for (const expected of [
      'loop/sub: symbolic link loop', // the root's own sub folder is an ancestor by real path
      `zz-link.txt: already included (same file as ${join(sub, 'deep/c.txt')})`,
      `deep/c.txt: already included (same file as ${join(sub, 'deep/c.txt')})`,
      `: already included (same folder as ${sub})`,
    ]) {
      assert.ok(reasons.includes(expected), `${expected}\nnot in:\n${reasons.join('\n')}`);
    }
  });

  test('the sample corpus', () => {
    const corpus = fileURLToPath(new URL('../../samples/corpus', import.meta.url));
    const r = walkPaths([corpus]);
    assert.equal(r.files.length, 5);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(
      r.files.map((f) => [basename(f.path), f.size]),
      readdirSync(corpus)
        .sort()
        .map((n) => [n, statSync(join(corpus, n)).size]),
    );
  });

  test('unreadable folders are reported with the error code', () => {
    // Root reads everything, and CI runs as root: there the walk runs in a child as the unprivileged
    // user "nobody" (setpriv, util-linux), so the check runs everywhere instead of being skipped.
    const parent = mkdtempSync(join(tmpdir(), 'crosscheck-walk-locked-'));
    chmodSync(parent, 0o755);
    const locked = join(parent, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0);
    try {
      let skipped: unknown;
      if (process.getuid?.() === 0) {
        const walk = fileURLToPath(new URL('./walk.ts', import.meta.url));
        const r = spawnSync(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e',
            `import { walkPaths } from ${JSON.stringify(walk)}; console.log(JSON.stringify(walkPaths([${JSON.stringify(locked)}]).skipped))`],
          { encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
        skipped = JSON.parse(r.stdout);
      } else skipped = walkPaths([locked]).skipped;
      assert.deepEqual(skipped, [{ path: locked, reason: 'cannot read: EACCES' }]);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('walkPaths: links and special files', () => {
  test('with the host\'s check, a link inside an allowed folder leading out is skipped with a reason; without, followed', () => {
    const root = mkdtempSync(join(tmpdir(), 'crosscheck-walk-links-'));
    try {
      mkdirSync(join(root, 'allowed/corpus'), { recursive: true });
      mkdirSync(join(root, 'outside/private'), { recursive: true });
      writeFileSync(join(root, 'allowed/corpus/a.txt'), 'inside');
      writeFileSync(join(root, 'outside/secret.txt'), 'outside');
      writeFileSync(join(root, 'outside/private/diary.txt'), 'outside too');
      symlinkSync(join(root, 'outside/secret.txt'), join(root, 'allowed/corpus/leak.txt'));
      symlinkSync(join(root, 'outside/private'), join(root, 'allowed/corpus/leak-folder'));
      symlinkSync(join(root, 'allowed/corpus/a.txt'), join(root, 'allowed/corpus/z-inside.txt'));
      const corpus = join(root, 'allowed/corpus');
      const r = walkPaths([corpus], { check: pathChecker([join(root, 'allowed')]) });
      assert.deepEqual(r.files.map((f) => relative(corpus, f.path)), ['a.txt']);
      assert.deepEqual(
        r.skipped.map((s) => [relative(corpus, s.path), s.reason]),
        [
          ['leak-folder', linkOutsideReason],
          ['leak.txt', linkOutsideReason],
          ['z-inside.txt', `already included (same file as ${join(corpus, 'a.txt')})`],
        ],
      );
      // The CLI has no roots: the person typed the path, and links are followed as before.
      assert.deepEqual(walkPaths([corpus]).files.map((f) => relative(corpus, f.path)), ['a.txt', 'leak-folder/diary.txt', 'leak.txt']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a named pipe, given or met in a folder, is skipped with what it is and never opened', () => {
    const root = mkdtempSync(join(tmpdir(), 'crosscheck-walk-fifo-'));
    try {
      writeFileSync(join(root, 'a.txt'), 'text');
      const made = spawnSync('mkfifo', [join(root, 'pipe.txt')]);
      assert.equal(made.status, 0, `mkfifo: ${made.stderr}`);
      // Opening pipe.txt would block this very thread until a writer came: a pass means it was not opened.
      const r = walkPaths([root, join(root, 'pipe.txt')]);
      assert.deepEqual(r.files.map((f) => f.path), [join(root, 'a.txt')]);
      assert.deepEqual(r.skipped, [
        { path: join(root, 'pipe.txt'), reason: 'not a regular file (a named pipe (FIFO))' },
        { path: join(root, 'pipe.txt'), reason: 'not a regular file (a named pipe (FIFO))' },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a file whose name is not UTF-8 is skipped saying so, not as "not found" (a tester: bad\\xff\\xfe.txt)', () => {
    const root = mkdtempSync(join(tmpdir(), 'crosscheck-walk-bytes-'));
    try {
      writeFileSync(join(root, 'a.txt'), 'text');
      // Latin-1 bytes for "bad" + ÿþ: a legal Linux name that is no UTF-8.
      writeFileSync(Buffer.concat([Buffer.from(root + '/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.txt')]), 'x');
      const r = walkPaths([root]);
      assert.deepEqual(r.files.map((f) => basename(f.path)), ['a.txt']);
      assert.deepEqual(r.skipped, [{ path: join(root, 'bad\ufffd\ufffd.txt'), reason: NOT_UTF8 }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('names', () => {
  test('isHiddenOrSystem', () => {
    for (const n of ['.DS_Store', '.git', '._article.txt', 'Thumbs.db', 'thumbs.DB', 'desktop.ini', '__MACOSX', '~$report.docx', '$RECYCLE.BIN']) {
      assert.equal(isHiddenOrSystem(n), true, n);
    }
    for (const n of ['article.txt', '.', '..', '', 'my.notes.md', 'Thumbs.db.txt', 'MACOSX']) {
      assert.equal(isHiddenOrSystem(n), false, n);
    }
  });

  test('isImportableName', () => {
    // A line break in a name is legal on POSIX (a tester's "new⏎line.txt" was skipped as "unsupported file type (.txt)").
    for (const n of ['a.txt', 'A.TXT', 'notes.Md', 'x.y.md', '.hidden.txt', 'new\nline.txt', 'tab\there.md']) assert.equal(isImportableName(n), true, n);
    for (const n of ['a.pdf', 'a.txt.gz', 'txt', '.txt', 'a.markdown', 'a.md.bak', 'README', 'a.txt\n', 'line\n.txt.pdf']) {
      assert.equal(isImportableName(n), false, n);
    }
  });
});

test('an annotated file inside a folder is skipped saying how to import it, not as an unsupported type; stored paths are relative to the named folder', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-walk-annotated-'));
  try {
    mkdirSync(join(tmp, 'briefings', 'sub'), { recursive: true });
    writeFileSync(join(tmp, 'briefings', 'mosul.jsonl'), '{}\n');
    writeFileSync(join(tmp, 'briefings', 'sub', 'a.txt'), 'text\n');
    const r = walkPaths([join(tmp, 'briefings')]);
    assert.deepEqual(r.skipped, [
      { path: join(tmp, 'briefings', 'mosul.jsonl'), reason: 'an annotated file (.jsonl) inside a folder is not imported with the folder\'s texts: import it by naming it' },
    ]);
    assert.deepEqual(r.files.map((f) => f.stored), ['briefings/sub/a.txt']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
