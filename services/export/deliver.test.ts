import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { openProject } from '../project.js';
import { importPaths } from '../import/run.js';
import { exporters } from '../formats/index.js';
import { runExport } from './run.js';
import { suggestExportDest } from './dest.js';
import { describeDelivery, streamDelivery, type Delivery } from './deliver.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-deliver-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let p: ReturnType<typeof openProject>;
before(async () => {
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (let i = 1; i <= 6; i++) writeFileSync(join(corpus, `a${i}.txt`), `Article ${i}: «Mosul» said ${i * 11} — ${'x'.repeat(i * 500)}\n`);
  p = openProject(join(dir, 'desk.crosscheck'));
  await importPaths(p, [corpus], 'auto');
});
after(() => p.close());

/** Everything `streamDelivery` writes, collected. */
async function bytesOf(d: Delivery, out: Writable = new PassThrough()): Promise<Buffer> {
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => out.on('finish', r));
  await streamDelivery(d, out);
  await ended;
  return Buffer.concat(chunks);
}

describe('handing an export over', () => {
  it('offers a one-file export as that file, named after its folder', async () => {
    const dest = suggestExportDest(p.path, 'desk', 'jsonl');
    const r = await runExport(p, exporters, { format: 'jsonl', dest, docs: { kind: 'all' } });
    const d = describeDelivery(dest, p);
    assert.equal(d.kind, 'file');
    assert.equal(d.path, r.files[0]);
    assert.equal(d.name, `${basename(dest)}.jsonl`);
    const body = await bytesOf(d);
    assert.equal(d.bytes, body.length);
    assert.deepEqual(body, readFileSync(r.files[0]));
  });

  it('offers a folder export as a zip of the folder, empty split folders included, streamed file by file', async () => {
    const dest = suggestExportDest(p.path, 'desk', 'brat');
    const r = await runExport(p, exporters, { format: 'brat', dest, docs: { kind: 'all' }, split: { train: 100, dev: 0, test: 0, seed: 1 } });
    const d = describeDelivery(dest, p);
    assert.equal(d.kind, 'zip');
    assert.equal(d.name, `${basename(dest)}.zip`);
    assert.equal(d.files, r.files.length);
    const entries = unzipSync(new Uint8Array(await bytesOf(d)));
    const top = basename(dest);
    for (const f of r.files) {
      const name = `${top}/${relative(dest, f).split(sep).join('/')}`;
      assert.ok(entries[name], `zip holds ${name}`);
      assert.equal(strFromU8(entries[name]), readFileSync(f, 'utf8'), name);
    }
    assert.ok(`${top}/dev/` in entries && `${top}/test/` in entries, 'the empty split folders are in the zip');
  });

  it('waits for a slow reader instead of buffering the whole zip', async () => {
    // 12 MB that does not compress, in the exports folder: without waiting for the reader it would all queue up.
    const dest = join(dir, 'desk exports', 'big');
    mkdirSync(join(dest, 'train'), { recursive: true });
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dest, 'train', `${n}.bin`), randomBytes(4 << 20));
    const d = describeDelivery(dest, p);
    const chunks: Buffer[] = [];
    let most = 0;
    const slow = new Writable({
      highWaterMark: 64 << 10,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        most = Math.max(most, slow.writableLength);
        setTimeout(done, 2);
      },
    });
    const finished = new Promise((r) => slow.on('finish', r));
    await streamDelivery(d, slow);
    await finished;
    const total = chunks.reduce((n, c) => n + c.length, 0);
    assert.ok(total > 12 << 20, `zip of ${total} bytes`);
    assert.ok(most < 2 << 20, `at most ${most} bytes waited for the reader at once`);
    assert.equal(Object.keys(unzipSync(new Uint8Array(Buffer.concat(chunks)))).length, 4);
  });

  it('refuses what is not an export of this project', () => {
    writeFileSync(join(dir, 'notes.txt'), 'private');
    assert.throws(() => describeDelivery(join(dir, 'notes.txt'), p), { name: 'InvalidInput', message: /not an export of this project/ });
    assert.throws(() => describeDelivery(join(dir, 'desk exports', 'nothing here'), p), { name: 'InvalidInput', message: /not there/ });
  });

  it('refuses a path through a link in the exports folder, and a link put in place of a checked file', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'private');
    const up = join(dir, 'desk exports', 'up');
    symlinkSync(dir, up);
    try {
      assert.throws(() => describeDelivery(join(up, 'secret.txt'), p), { name: 'InvalidInput', message: /not an export of this project/ });
      assert.throws(() => describeDelivery(join(up, 'desk.crosscheck'), p), { name: 'InvalidInput', message: /not an export of this project/ });
      assert.throws(() => describeDelivery(join(up, 'corpus'), p), { name: 'InvalidInput', message: /not an export of this project/ });
    } finally {
      unlinkSync(up);
    }
    // Checked as a file, then swapped for a link before its bytes are read: the read refuses to follow it.
    const dest = suggestExportDest(p.path, 'desk', 'jsonl');
    const r = await runExport(p, exporters, { format: 'jsonl', dest, docs: { kind: 'all' } });
    const d = describeDelivery(dest, p);
    unlinkSync(r.files[0]);
    symlinkSync(join(dir, 'secret.txt'), r.files[0]);
    await assert.rejects(bytesOf(d), { code: 'ELOOP' });
  });

  it('hands over an export written elsewhere by this process (a folder the person typed)', async () => {
    const dest = join(dir, 'typed', 'my export');
    mkdirSync(join(dir, 'typed'));
    await runExport(p, exporters, { format: 'brat', dest, docs: { kind: 'all' } });
    assert.equal(describeDelivery(dest, p).kind, 'zip');
  });
});
