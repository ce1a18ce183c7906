import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { deliveryUrl } from '../common/contract.js';
import { openBackend } from '../services/backend.js';
import { projectRoots } from '../services/path-policy.js';
import { attachment, startHttpHost } from './http-host.js';

const dir = mkdtempSync(join(tmpdir(), 'cc-host-deliver-'));
const db = join(dir, 'desk', 'p.crosscheck');
let host: Awaited<ReturnType<typeof startHttpHost>>;
let backend: ReturnType<typeof openBackend>;
const headers = { 'x-crosscheck-token': 't0k', 'content-type': 'application/json' };
const call = async <T>(method: string, args: unknown) =>
  (await (await fetch(`http://127.0.0.1:${host.port}/api/${method}`, { method: 'POST', headers, body: JSON.stringify({ args }) })).json()) as { ok: boolean; value: T; error?: { message: string } };
const get = (path: string, h: Record<string, string> = { 'x-crosscheck-token': 't0k' }) => fetch(`http://127.0.0.1:${host.port}${path}`, { headers: h });

before(async () => {
  mkdirSync(join(dir, 'desk', 'corpus'), { recursive: true });
  for (const n of [1, 2, 3]) writeFileSync(join(dir, 'desk', 'corpus', `a${n}.txt`), `Article ${n}\n\nOfficials in Mosul said ${n * 20} people left.\n`);
  writeFileSync(join(dir, 'desk', 'private.txt'), 'not an export');
  backend = openBackend(db);
  host = await startHttpHost({ backend, staticDir: dir, port: 0, token: 't0k', allowedRoots: projectRoots(db) });
  assert.equal((await call('import.paths', { paths: [join(dir, 'desk', 'corpus')] })).ok, true);
});
after(async () => {
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the browser host hands exports over as downloads', () => {
  it('serves a one-file export as an attachment with its bytes', async () => {
    const { value: s } = await call<{ dest: string }>('export.suggestDest', { format: 'jsonl' });
    const run = await call<{ files: string[] }>('export.run', { format: 'jsonl', dest: s.dest });
    assert.equal(run.ok, true);
    const res = await get(deliveryUrl('export.deliver', { dest: s.dest }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), attachment(`${basename(s.dest)}.jsonl`));
    assert.equal(await res.text(), readFileSync(run.value.files[0], 'utf8'));
  });

  it('serves a split folder export as a zip, one folder per split', async () => {
    const { value: s } = await call<{ dest: string }>('export.suggestDest', { format: 'brat' });
    const run = await call<{ files: string[] }>('export.run', { format: 'brat', dest: s.dest, split: { train: 34, dev: 33, test: 33, seed: 1 } });
    assert.equal(run.ok, true, run.error?.message);
    const res = await get(deliveryUrl('export.deliver', { dest: s.dest }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    const entries = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const top = basename(s.dest);
    for (const split of ['train', 'dev', 'test']) assert.ok(Object.keys(entries).some((n) => n.startsWith(`${top}/${split}/`) && n.endsWith('.ann')), split);
    assert.match(strFromU8(entries[`${top}/train/annotation.conf`] ?? entries[`${top}/annotation.conf`] ?? new Uint8Array()), /claim/);
  });

  it('answers the same method by POST with what it would hand over', async () => {
    const { value: s } = await call<{ dest: string }>('export.suggestDest', { format: 'csv' });
    await call('export.run', { format: 'csv', dest: s.dest });
    const r = await call<{ kind: string; name: string }>('export.deliver', { dest: s.dest });
    assert.deepEqual([r.value.kind, r.value.name.startsWith(basename(s.dest))], ['file', true]);
  });

  it('refuses, with a short text, what is not an export, a path outside its folders, bad args, and a missing token', async () => {
    const notExport = await get(deliveryUrl('export.deliver', { dest: join(dir, 'desk', 'private.txt') }));
    assert.equal(notExport.status, 400);
    assert.match(await notExport.text(), /not an export of this project/);
    const outside = await get(deliveryUrl('export.deliver', { dest: '/etc/passwd' }));
    assert.equal(outside.status, 400);
    assert.match(await outside.text(), /outside the folders/);
    const badJson = await get('/api/export.deliver?args=%7Bdest');
    assert.equal(badJson.status, 400);
    assert.match(await badJson.text(), /not valid JSON/);
    const noToken = await get(deliveryUrl('export.deliver', { dest: join(dir, 'desk', 'private.txt') }), {});
    assert.equal(noToken.status, 401);
  });

  it('keeps GET to methods that do not deliver refused', async () => {
    const res = await get('/api/export.run?args=%7B%7D');
    assert.equal(res.status, 405);
  });

  it('names any file in Content-Disposition, with an ASCII fallback', () => {
    assert.equal(attachment('jsonl 2026-11-25 031245.jsonl'), `attachment; filename="jsonl 2026-11-25 031245.jsonl"; filename*=UTF-8''jsonl%202026-11-25%20031245.jsonl`);
    assert.equal(attachment('Mosul "desk" é.zip'), `attachment; filename="Mosul _desk_ _.zip"; filename*=UTF-8''Mosul%20%22desk%22%20%C3%A9.zip`);
  });
});
