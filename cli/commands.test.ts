import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { exportFormats, formats, importFormats } from '../common/formats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, 'samples', 'corpus');

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const dbPath = () => join(dir, `p${++n}.crosscheck`);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CROSSCHECK_HOME: dir },
    // A hang guard only (the child is killed and the test fails with code null): a command takes a second or two,
    // several on a loaded machine, so minutes cannot trip on a slow but healthy one.
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStack = (s: string) => assert.ok(!/\n\s+at .+[:(]/.test(s) && !s.includes('node:internal'), `stack trace in:\n${s}`);

describe('crosscheck import', () => {
  test('--json prints exactly one JSON object of the documented shape and exits 0', () => {
    const db = dbPath();
    const r = cli('import', 'samples/corpus', '--db', db, '--json');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1, r.stdout);
    const report = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(report).sort(), ['duplicates', 'imported', 'skipped']);
    assert.equal(report.imported.length, 5);
    for (const i of report.imported) {
      assert.deepEqual(Object.keys(i).sort(), ['id', 'path', 'title']);
      assert.equal(typeof i.id, 'number');
      assert.equal(typeof i.title, 'string');
      assert.match(i.path, /^samples\/corpus\/00\d_/);
    }
    assert.deepEqual(report.duplicates, []);
    assert.deepEqual(report.skipped, []);

    const again = cli('import', 'samples/corpus', '--db', db, '--json');
    assert.equal(again.code, 0);
    const dup = JSON.parse(again.stdout);
    assert.equal(dup.duplicates.length, 5);
    for (const d of dup.duplicates) assert.deepEqual(Object.keys(d).sort(), ['of', 'ofPath', 'ofTitle', 'path']);
    // Each duplicate names the document it repeats, as that document was imported (issue 12).
    assert.deepEqual(dup.duplicates.map((d: { ofTitle: string }) => d.ofTitle), report.imported.map((i: { title: string }) => i.title));
    assert.deepEqual(dup.duplicates.map((d: { of: number }) => d.of), report.imported.map((i: { id: number }) => i.id));
  });

  test('with bad files present it still exits 0 and lists each skip with its reason', () => {
    const folder = join(dir, 'mixed');
    cpSync(corpus, folder, { recursive: true });
    writeFileSync(join(folder, 'scan.pdf'), '%PDF-1.4');
    writeFileSync(join(folder, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    writeFileSync(join(folder, 'empty.txt'), '');
    const r = cli('import', folder, '--db', dbPath(), '--json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.imported.length, 5);
    const skipped = Object.fromEntries(report.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]));
    assert.deepEqual(Object.keys(skipped).sort(), [join(folder, 'empty.txt'), join(folder, 'image.txt'), join(folder, 'scan.pdf')]);
    assert.match(skipped[join(folder, 'scan.pdf')], /unsupported file type/);
    assert.match(skipped[join(folder, 'image.txt')], /PNG/);
    assert.match(skipped[join(folder, 'empty.txt')], /empty/);
  });

  test('without --json prints a readable report', () => {
    const r = cli('import', 'samples/corpus', '--db', dbPath());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Imported 5, duplicates 0, skipped 0\./);
    assert.equal((r.stdout.match(/ imported /g) ?? []).length, 5);
  });

  test('into a db path under a missing folder: non-zero exit, one clear line on stderr, no stack', () => {
    const db = join(dir, 'no', 'such', 'folder', 'x.crosscheck');
    const r = cli('import', 'samples/corpus', '--db', db, '--json');
    assert.notEqual(r.code, 0);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^crosscheck: /);
    assert.ok(lines[0].includes(db), lines[0]);
    noStack(r.stderr);
    assert.ok(!existsSync(join(dir, 'no')));
  });

  test('into an unwritable place (/proc): non-zero exit, one clear line, no stack', () => {
    const r = cli('import', 'samples/corpus', '--db', '/proc/crosscheck-test.crosscheck');
    assert.notEqual(r.code, 0);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^crosscheck: .*crosscheck-test/);
    noStack(r.stderr);
  });

  test('a file that is not a project: non-zero exit and a clear message', () => {
    const notDb = join(dir, 'notes.crosscheck');
    writeFileSync(notDb, 'just some notes\n'.repeat(100));
    const r = cli('import', 'samples/corpus', '--db', notDb);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a Crosscheck project/);
    noStack(r.stderr);
  });

  test('without paths or --db it is a usage error (exit 2)', () => {
    const none = cli('import', '--db', dbPath());
    assert.equal(none.code, 2);
    assert.match(none.stderr, /at least one file or folder/);
    const noDb = cli('import', 'samples/corpus');
    assert.equal(noDb.code, 2);
    assert.match(noDb.stderr, /--db <file> is required/);
  });
});

describe('crosscheck stats and export', () => {
  let db: string;
  before(() => {
    db = dbPath();
    const r = cli('import', 'samples/corpus', '--db', db);
    assert.equal(r.code, 0, r.stderr);
  });

  test('stats prints JSON counts', () => {
    const r = cli('stats', '--db', db);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { documents: 5, annotations: 0, byLabel: { claim: 0, speaker: 0, figure: 0 }, links: 0, clusters: 0 });
  });

  test('stats on a missing project fails with NotFound wording and creates nothing', () => {
    const missing = join(dir, 'missing.crosscheck');
    const r = cli('stats', '--db', missing);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No project file at/);
    assert.ok(!existsSync(missing));
  });

  test('export --format jsonl --out writes lines with the documented keys', () => {
    const out = join(dir, 'out.jsonl');
    const r = cli('export', '--db', db, '--format', 'jsonl', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Wrote 5 documents and 0 spans to /);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 5);
    for (const l of lines) {
      const d = JSON.parse(l);
      assert.deepEqual(Object.keys(d), ['id', 'title', 'date', 'source', 'path', 'text', 'spans', 'links']);
      assert.deepEqual(d.spans, []);
    }
  });

  test('exported spans carry the documented keys', async () => {
    // Annotate through the same backend the CLI uses, then export through the CLI.
    const { openBackend } = await import('../services/backend.js');
    const annotated = dbPath();
    assert.equal(cli('import', 'samples/corpus', '--db', annotated).code, 0);
    const b = openBackend(annotated);
    try {
      await b.call('annotations.create', { docId: 1, labelId: 2, start: 3, end: 9, note: 'n', attributes: { k: 'v' } });
    } finally {
      b.close();
    }
    const out = join(dir, 'spans.jsonl');
    const r = cli('export', '--db', annotated, '--format', 'jsonl', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]);
    assert.equal(first.spans.length, 1);
    assert.deepEqual(Object.keys(first.spans[0]), ['id', 'start', 'end', 'label', 'text', 'note', 'attributes', 'cluster', 'annotator']);
    assert.equal(first.spans[0].label, 'speaker');
    assert.equal(first.spans[0].text, Array.from(first.text as string).slice(3, 9).join(''));
  });

  test('export never writes over a file; --force replaces only an earlier Crosscheck export', () => {
    const out = join(dir, 'again.jsonl');
    assert.equal(cli('export', '--db', db, '--format', 'jsonl', '--out', out).code, 0);
    const again = cli('export', '--db', db, '--format', 'jsonl', '--out', out);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--force/);
    noStack(again.stderr);
    assert.equal(cli('export', '--db', db, '--format', 'jsonl', '--out', out, '--force').code, 0);

    const notOurs = join(dir, 'notes.jsonl');
    writeFileSync(notOurs, '{"my": "own data"}\n');
    const forced = cli('export', '--db', db, '--format', 'jsonl', '--out', notOurs, '--force');
    assert.equal(forced.code, 1);
    assert.match(forced.stderr, /already exists and is not a Crosscheck JSONL export/);
    assert.equal(readFileSync(notOurs, 'utf8'), '{"my": "own data"}\n');

    const folder = join(dir, 'csv-out');
    assert.equal(cli('export', '--db', db, '--format', 'csv', '--out', folder).code, 0);
    assert.equal(cli('export', '--db', db, '--format', 'csv', '--out', folder).code, 1);
    assert.equal(cli('export', '--db', db, '--format', 'csv', '--out', folder, '--force').code, 0);
  });

  test('export with a wrong format or no --out is a usage error', () => {
    const f = cli('export', '--db', db, '--format', 'xml', '--out', join(dir, 'x.xml'));
    assert.equal(f.code, 2);
    assert.match(f.stderr, /--format must be one of jsonl, csv, brat/);
    const o = cli('export', '--db', db, '--format', 'jsonl');
    assert.equal(o.code, 2);
    assert.match(o.stderr, /--out/);
  });
});

describe('crosscheck serve', () => {
  test('prints the URL with its token as the first stdout line and serves it', async () => {
    const db = dbPath();
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--db', db, '--port', '0'], {
      cwd: root,
      env: { ...process.env, CROSSCHECK_HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const first = await Promise.race([
        new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve)),
        // A hang guard that names what the server said, not a speed requirement: minutes, far above its start-up.
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`backstop: no URL printed in 300 s; stderr: ${stderr}`)), 300_000).unref()),
      ]);
      const url = new URL(first);
      assert.equal(url.hostname, '127.0.0.1');
      assert.match(url.searchParams.get('token') ?? '', /^[0-9a-f]{32,}$/);
      assert.ok(Number(url.port) > 0);

      const get = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
        new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: string }>((resolve, reject) => {
          const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
            let b = '';
            res.on('data', (c) => (b += c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const landing = await get(url.pathname + url.search);
      assert.equal(landing.status, 302);
      const cookie = landing.headers['set-cookie']![0].split(';')[0];
      const api = await get('/api/project.info', { cookie, 'content-type': 'application/json' }, 'POST', '{}');
      assert.equal(api.status, 200);
      const info = JSON.parse(api.body);
      assert.equal(info.ok, true);
      assert.equal(info.value.path, db);
      assert.equal((await get('/api/project.info', {}, 'POST', '{}')).status, 401);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await exited;
    assert.ok(code === 0 || code === null, `exit code ${code}; stderr: ${stderr}`);
  });

  test('--host 0.0.0.0 without --allow-remote is refused with a clear message', () => {
    const r = cli('serve', '--db', dbPath(), '--host', '0.0.0.0', '--port', '0');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--host 0\.0\.0\.0 would expose your project/);
    assert.match(r.stderr, /--allow-remote/);
    noStack(r.stderr);
  });

  test('a bad --port is a usage error', () => {
    const r = cli('serve', '--db', dbPath(), '--port', 'eighty');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--port must be a number from 0 to 65535/);
  });
});

describe('usage', () => {
  test('an unknown command exits 2 with the usage text', () => {
    const r = cli('frobnicate');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
    assert.match(r.stderr, /Usage: crosscheck <command>/);
    noStack(r.stderr);
  });

  test('an unknown option exits 2 with the usage text', () => {
    const r = cli('stats', '--db', dbPath(), '--verbose');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: crosscheck/);
  });

  test('help and no command print the usage on stdout and exit 0', () => {
    for (const args of [[], ['help'], ['--help'], ['import', '--help'], ['export', '-h']]) {
      const r = cli(...args);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Usage: crosscheck <command>/);
      assert.match(r.stdout, /import <path>/);
    }
  });

  test('help lists every format of the registry under import or export, with its label', () => {
    const r = cli('--help');
    const [importPart, exportPart] = r.stdout.split('export formats (--format):');
    for (const id of Object.keys(formats) as (keyof typeof formats)[]) {
      const line = new RegExp(`^ +${id} +${formats[id].label.replace(/[()]/g, '\\$&')} — `, 'm');
      assert.equal(line.test(importPart.split('import formats (--format):')[1]), 'import' in formats[id], `${id} under import`);
      assert.equal(line.test(exportPart), 'export' in formats[id], `${id} under export`);
    }
  });

  test('--format is checked against the registry for import and export', () => {
    const i = cli('import', join(dir, 'x.txt'), '--db', dbPath(), '--format', 'csv');
    assert.equal(i.code, 2);
    assert.match(i.stderr, new RegExp(`--format for import is one of ${importFormats.join(', ')} \\(got csv\\)`));
    const e = cli('export', '--db', dbPath(), '--format', 'webanno', '--out', join(dir, 'w'));
    assert.equal(e.code, 2);
    assert.match(e.stderr, new RegExp(`--format must be one of ${exportFormats.join(', ')} \\(got webanno\\)`));
    // An export option the format does not take is an error, not silently ignored.
    const o = cli('export', '--db', dbPath(), '--format', 'csv', '--out', join(dir, 'c'), '--sentences');
    assert.equal(o.code, 2);
    assert.match(o.stderr, /--sentences is for hf; --format csv does not take it/);
  });
});
