import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../backend.js';
import { checkDestName, isCrosscheckJsonl } from './overwrite.js';

let dir: string;
let b: Backend;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-overwrite-'));
  b = openBackend(':memory:');
  const files = ['Konashenkov said 60 civilians died in Mosul.', 'Rudskoy denied the strike on the market.'].map((text, i) => ({
    path: `a${i}.txt`,
    data: Buffer.from(text).toString('base64'),
  }));
  await b.call('import.files', { files });
  await b.call('annotations.create', { docId: 1, labelId: 2, start: 0, end: 11 });
});
after(() => {
  b.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The error a call fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    (v) => assert.fail(`expected a failure, got ${JSON.stringify(v)}`),
    (e: Error) => e,
  );
}

const tempNamed = (s: string) => s.includes('.partial') || s.includes(tmpdir() + '/.');

describe('no export writes over what is there', () => {
  test('export.toFile refuses an existing file, even with replace when it is not a Crosscheck export', async () => {
    const bashrc = join(dir, 'bashrc.jsonl');
    writeFileSync(bashrc, 'alias ll="ls -l"\n');
    for (const replace of [false, true]) {
      const e = await failure(b.call('export.toFile', { format: 'jsonl', path: bashrc, replace }));
      assert.equal(e.name, 'InvalidInput');
      assert.match(e.message, /already exists/);
      assert.equal(readFileSync(bashrc, 'utf8'), 'alias ll="ls -l"\n');
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.partial')), []);
  });

  test('export.toFile replaces an earlier Crosscheck JSONL export only when asked', async () => {
    const out = join(dir, 'earlier.jsonl');
    await b.call('export.toFile', { format: 'jsonl', path: out });
    assert.ok(isCrosscheckJsonl(out));
    const before = readFileSync(out, 'utf8');
    const e = await failure(b.call('export.toFile', { format: 'jsonl', path: out }));
    assert.match(e.message, /already exists/);
    await b.call('annotations.create', { docId: 2, labelId: 1, start: 0, end: 7 });
    const r = (await b.call('export.toFile', { format: 'jsonl', path: out, replace: true })) as { spans: number };
    assert.equal(r.spans, 2);
    assert.notEqual(readFileSync(out, 'utf8'), before);
  });

  test('export.toFile writes only .jsonl names', async () => {
    const e = await failure(b.call('export.toFile', { format: 'jsonl', path: join(dir, 'profile') }));
    assert.equal(e.name, 'InvalidInput');
    assert.match(e.message, /\.jsonl/);
    assert.ok(!existsSync(join(dir, 'profile')));
  });

  test('export.run refuses a file or a non-empty folder at dest; an empty folder is taken', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'thesis.docx'), 'years of work');
    for (const dest of [file, full]) {
      const e = await failure(b.call('export.run', { format: 'csv', dest }));
      assert.equal(e.name, 'InvalidInput');
      assert.match(e.message, /already exists/);
    }
    assert.equal(readFileSync(file, 'utf8'), 'mine');
    assert.deepEqual(readdirSync(full), ['thesis.docx']);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = (await b.call('export.run', { format: 'csv', dest: empty })) as { files: string[] };
    assert.deepEqual(readdirSync(empty), ['export.csv']);
    assert.equal(r.files.length, 1);
  });

  test('export.run with replace takes over an earlier export folder, but never one holding other files', async () => {
    const dest = join(dir, 'brat-out');
    await b.call('export.run', { format: 'brat', dest });
    const first = readdirSync(dest).sort();
    const e = await failure(b.call('export.run', { format: 'brat', dest }));
    assert.match(e.message, /already exists and is not empty/);
    await b.call('export.run', { format: 'brat', dest, replace: true });
    assert.deepEqual(readdirSync(dest).sort(), first);

    writeFileSync(join(dest, 'notes.odt'), 'my notes');
    const refused = await failure(b.call('export.run', { format: 'brat', dest, replace: true }));
    assert.equal(refused.name, 'InvalidInput');
    assert.match(refused.message, /holds files this export does not write \(notes\.odt\)/);
    assert.equal(readFileSync(join(dest, 'notes.odt'), 'utf8'), 'my notes');
    assert.deepEqual(readdirSync(dest).sort(), [...first, 'notes.odt'].sort());
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.partial') || n.includes('.replaced')), []);
  });

  test('export.suggestDest proposes a fresh name beside a taken one', async () => {
    const taken = join(dir, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'x'), '');
    mkdirSync(join(dir, 'taken (2)'));
    writeFileSync(join(dir, 'taken (2)', 'x'), '');
    assert.deepEqual(await b.call('export.suggestDest', { format: 'csv', dest: taken }), { dest: join(dir, 'taken (3)') });
    assert.deepEqual(await b.call('export.suggestDest', { format: 'csv', dest: join(dir, 'new') }), { dest: join(dir, 'new') });
    writeFileSync(join(dir, 'x.jsonl'), '');
    assert.deepEqual(await b.call('export.suggestDest', { format: 'jsonl', dest: join(dir, 'x.jsonl') }), { dest: join(dir, 'x (2).jsonl') });
  });
});

describe('invalid characters in an export destination', () => {
  test('a NUL byte is InvalidInput naming the argument, and no temp path leaks', async () => {
    const cases = [
      ['export.run', { format: 'jsonl', dest: join(dir, 'x\0y') }, 'dest'],
      ['export.toFile', { format: 'jsonl', path: join(dir, 'x\0y.jsonl') }, 'path'],
      ['export.suggestDest', { format: 'jsonl', dest: join(dir, 'x\0y') }, 'dest'],
      ['export.run', { format: 'csv', dest: join(dir, 'line\nbreak') }, 'dest'],
    ] as const;
    for (const [method, args, arg] of cases) {
      const e = await failure(b.call(method, args));
      assert.equal(e.name, 'InvalidInput', `${method}: ${e.name} ${e.message}`);
      assert.match(e.message, new RegExp(`\\b${arg}\\b`));
      assert.ok(!tempNamed(e.message), e.message);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.x')), []);
  });

  test('checkDestName names the argument; Windows-only characters are refused there only', () => {
    assert.throws(() => checkDestName('dest', '/a\0b'), /^InvalidInput: dest: .*NUL.*U\+0000/);
    assert.throws(() => checkDestName('dest', 'C:\\exports\\a?b', 'win32'), /dest: Windows does not allow "\?"/);
    checkDestName('dest', 'C:\\exports\\ab', 'win32');
    checkDestName('dest', '/exports/a?b', 'linux');
  });
});
