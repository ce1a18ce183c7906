/**
 * What a call with the token can reach through `crosscheck serve`, as a person would start it: the project's folder
 * (its backups and exports beside it) and --allow-path folders; never the home folder as such, never a file a link
 * leads to outside them, and never a wait on a named pipe. The host runs in its own process, as in use, so a call
 * that blocked it (a FIFO opened synchronously) fails here by the backstop instead of hanging the test runner.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { linkOutsideReason } from '../services/import/files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const brat = join(root, 'services/formats/fixtures/brat/tutorial-news');
/** Hang guard, not a speed requirement: far above any answer; only a blocked host reaches it. */
const BACKSTOP_MS = 120_000;

let dir: string;
let home: string;
let shared: string;
let outside: string;
let child: ChildProcess;
let base: URL;
let token: string;

type Answer = { ok: boolean; value?: Record<string, unknown> & { imported: { path: string }[]; skipped: { path: string; reason: string }[] }; error?: { name: string; message: string } };

async function call(method: string, args: unknown): Promise<Answer> {
  const res = await fetch(new URL(`/api/${method}`, base), {
    method: 'POST',
    headers: { 'x-crosscheck-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
    signal: AbortSignal.timeout(BACKSTOP_MS),
  });
  return (await res.json()) as Answer;
}

function fifo(path: string) {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo ${path}: ${r.stderr}`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-serve-paths-'));
  home = join(dir, 'home');
  shared = join(dir, 'shared');
  outside = join(dir, 'outside');
  for (const d of [home, shared, outside, join(dir, 'desk')]) mkdirSync(d);
  writeFileSync(join(home, '.bashrc'), 'alias ll="ls -l"\n');
  writeFileSync(join(outside, 'secret.txt'), 'Private\n\nA file nobody chose to import.');
  writeFileSync(join(outside, 'secret.ann'), 'T1\tclaim 0 7\tPrivate\n');
  writeFileSync(join(outside, 'secret-doc.txt'), 'Private\n');

  // A corpus in an allowed folder, with a link leading out of it.
  mkdirSync(join(shared, 'corpus'));
  writeFileSync(join(shared, 'corpus', 'a.txt'), 'Inside\n\nKonashenkov said 60 civilians died.');
  symlinkSync(join(outside, 'secret.txt'), join(shared, 'corpus', 'leak.txt'));
  // A brat folder whose .ann is a link leading out.
  mkdirSync(join(shared, 'brat'));
  writeFileSync(join(shared, 'brat', '000-introduction.txt'), readFileSync(join(brat, '000-introduction.txt')));
  writeFileSync(join(shared, 'brat', '000-introduction.ann'), readFileSync(join(brat, '000-introduction.ann')));
  writeFileSync(join(shared, 'brat', 'secret-doc.txt'), 'Private\n');
  symlinkSync(join(outside, 'secret.ann'), join(shared, 'brat', 'secret-doc.ann'));
  // Named pipes: alone, in a text folder, and as a brat folder's annotation.conf.
  fifo(join(shared, 'x.jsonl'));
  mkdirSync(join(shared, 'pipes'));
  writeFileSync(join(shared, 'pipes', 'b.txt'), 'Beside a pipe\n\nRudskoy said the strike hit a market.');
  fifo(join(shared, 'pipes', 'p.jsonl'));
  fifo(join(shared, 'pipes', 'q.txt'));
  mkdirSync(join(shared, 'brat-pipe'));
  writeFileSync(join(shared, 'brat-pipe', '060-relation_annotation.txt'), readFileSync(join(brat, '060-relation_annotation.txt')));
  writeFileSync(join(shared, 'brat-pipe', '060-relation_annotation.ann'), readFileSync(join(brat, '060-relation_annotation.ann')));
  fifo(join(shared, 'brat-pipe', 'annotation.conf'));

  child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--db', join(dir, 'desk', 'p.crosscheck'), '--port', '0', '--allow-path', shared], {
    cwd: root,
    env: { ...process.env, HOME: home, CROSSCHECK_HOME: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const first = await Promise.race([
    new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
    new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`backstop: no URL printed; stderr: ${stderr}`)), 300_000).unref()),
  ]);
  base = new URL(first);
  token = base.searchParams.get('token')!;
});

after(() => {
  // SIGKILL: a host blocked in a synchronous open() (the fault these tests look for) never handles SIGTERM.
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crosscheck serve: the folders a call may reach', () => {
  test('the home folder is not allowed by default: ~/.bashrc cannot be written by export.toFile or export.run', async () => {
    for (const [method, args] of [
      ['export.toFile', { format: 'jsonl', path: join(home, '.bashrc') }],
      ['export.toFile', { format: 'jsonl', path: join(home, 'profile.jsonl') }],
      ['export.run', { format: 'jsonl', dest: join(home, 'exports') }],
      ['import.paths', { paths: [home] }],
    ] as const) {
      const r = await call(method, args);
      assert.equal(r.ok, false, `${method} ${JSON.stringify(args)} was allowed`);
      assert.equal(r.error!.name, 'InvalidInput');
      assert.match(r.error!.message, /outside the folders this browser host may use/);
    }
    assert.equal(readFileSync(join(home, '.bashrc'), 'utf8'), 'alias ll="ls -l"\n');
    // The project's own exports folder is where the dialog suggests, and it works.
    const { value } = await call('export.suggestDest', { format: 'csv' });
    const done = await call('export.run', { format: 'csv', dest: value!.dest });
    assert.equal(done.ok, true, JSON.stringify(done.error));
  });

  test('a link inside an allowed folder whose target is outside is skipped with a reason (text and brat)', async () => {
    const text = await call('import.paths', { paths: [join(shared, 'corpus')] });
    assert.equal(text.ok, true, JSON.stringify(text.error));
    assert.deepEqual(text.value!.imported.map((i) => i.path), [join(shared, 'corpus', 'a.txt')]);
    assert.deepEqual(text.value!.skipped, [{ path: join(shared, 'corpus', 'leak.txt'), reason: linkOutsideReason }]);

    const annotated = await call('import.paths', { paths: [join(shared, 'brat')] });
    assert.equal(annotated.ok, true, JSON.stringify(annotated.error));
    assert.deepEqual(annotated.value!.imported.map((i) => i.path), [join(shared, 'brat', '000-introduction.txt')]);
    assert.ok(
      annotated.value!.skipped.some((s) => s.path === join(shared, 'brat', 'secret-doc.ann') && s.reason === linkOutsideReason),
      JSON.stringify(annotated.value!.skipped),
    );
  });

  test('named pipes are skipped with a reason, never opened, and the host keeps answering', async () => {
    const alone = await call('import.paths', { paths: [join(shared, 'x.jsonl')] });
    assert.equal(alone.ok, true, JSON.stringify(alone.error));
    assert.deepEqual(alone.value!.skipped, [{ path: join(shared, 'x.jsonl'), reason: 'not a regular file (a named pipe (FIFO))' }]);

    const named = await call('import.paths', { paths: [join(shared, 'x.jsonl')], format: 'jsonl' });
    assert.equal(named.ok, true, JSON.stringify(named.error));
    assert.match(named.value!.skipped[0].reason, /named pipe/);

    const folder = await call('import.paths', { paths: [join(shared, 'pipes')] });
    assert.equal(folder.ok, true, JSON.stringify(folder.error));
    assert.deepEqual(folder.value!.imported.map((i) => i.path), [join(shared, 'pipes', 'b.txt')]);
    assert.deepEqual(
      folder.value!.skipped.map((s) => [s.path, s.reason]),
      [
        [join(shared, 'pipes', 'p.jsonl'), 'not a regular file (a named pipe (FIFO))'],
        [join(shared, 'pipes', 'q.txt'), 'not a regular file (a named pipe (FIFO))'],
      ],
    );

    const bratPipe = await call('import.paths', { paths: [join(shared, 'brat-pipe')] });
    assert.equal(bratPipe.ok, true, JSON.stringify(bratPipe.error));
    assert.equal(bratPipe.value!.imported.length, 1);
    assert.ok(bratPipe.value!.skipped.some((s) => s.path === join(shared, 'brat-pipe', 'annotation.conf') && /named pipe/.test(s.reason)));

    const info = await call('project.info', {});
    assert.equal(info.ok, true);
    const page = await fetch(base, { signal: AbortSignal.timeout(BACKSTOP_MS) });
    assert.ok(page.status < 500);
  });
});
