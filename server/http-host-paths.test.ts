import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathChecker } from '../services/path-policy.js';
import { startHttpHost } from './http-host.js';
import { openBackend } from '../services/backend.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'crosscheck-paths-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

test('paths inside an allowed folder pass, others (and ../ tricks, and symlinks leading out) are refused', () => {
  const allowed = join(dir, 'allowed');
  const outside = join(dir, 'outside');
  mkdirSync(join(allowed, 'corpus'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'x');
  symlinkSync(outside, join(allowed, 'link-out'));
  const check = pathChecker([allowed]);
  check(join(allowed, 'corpus'), 'read');
  check(join(allowed, 'exports', 'not yet written', 'x.csv'), 'write');
  check(allowed, 'read');
  for (const bad of [outside, join(allowed, '..', 'outside'), join(allowed, 'link-out', 'secret.txt'), `${allowed}-sibling`, '/etc/passwd']) {
    assert.throws(() => check(bad, 'read'), (e: Error) => e.name === 'InvalidInput' && /--allow-path/.test(e.message), bad);
  }
});


test('the browser host refuses an import from outside its folders and accepts one from inside', async () => {
  const allowed = join(dir, 'host-allowed');
  mkdirSync(allowed);
  writeFileSync(join(allowed, 'a.txt'), 'Title\n\nMosul text.');
  const b = openBackend(':memory:');
  const host = await startHttpHost({ backend: b, staticDir: dir, port: 0, token: 't0k', allowedRoots: [allowed] });
  const call = async (method: string, args: unknown) =>
    (await fetch(`http://127.0.0.1:${host.port}/api/${method}`, { method: 'POST', headers: { 'x-crosscheck-token': 't0k', 'content-type': 'application/json' }, body: JSON.stringify({ args }) })).json() as Promise<{ ok: boolean; error?: { name: string; message: string }; value?: { imported: unknown[] } }>;
  try {
    const refused = await call('import.paths', { paths: ['/etc'] });
    assert.equal(refused.ok, false);
    assert.equal(refused.error!.name, 'InvalidInput');
    assert.match(refused.error!.message, /outside the folders/);
    const fine = await call('import.paths', { paths: [join(allowed, 'a.txt')] });
    assert.equal(fine.ok, true);
    assert.equal(fine.value!.imported.length, 1);
    const exportOut = await call('export.run', { format: 'jsonl', dest: join(dir, 'elsewhere') });
    assert.equal(exportOut.ok, false);
  } finally {
    await host.close();
    b.close();
  }
});
