import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../common/web-content.js';
import { APP_SCHEME_PRIVILEGES, appScheme, createAppProtocolHandler, rendererFileFor } from './app-protocol.js';

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'crosscheck-protocol-')));
const dir = join(tmp, 'dist', 'renderer');
const serve = createAppProtocolHandler(dir);
const get = (url: string, method = 'GET') => serve({ url, method });

before(() => {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'app.js.map'), '{}');
  writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(dir, 'assets', 'font.woff2'), 'w');
  writeFileSync(join(dir, 'assets', 'blob.bin'), 'b');
  // Beside the renderer folder, where a traversal would land.
  writeFileSync(join(tmp, 'dist', 'secret.txt'), 'secret');
  writeFileSync(join(tmp, 'secret.txt'), 'secret');
  symlinkSync(join(tmp, 'secret.txt'), join(dir, 'assets', 'link.txt'));
  symlinkSync(join(dir, 'assets', 'app.css'), join(dir, 'assets', 'inside.css'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('the crosscheck: scheme', () => {
  it('is registered standard and secure, and with no privilege beyond', () => {
    assert.deepEqual(APP_SCHEME_PRIVILEGES, { standard: true, secure: true });
    assert.deepEqual(appScheme, { scheme: 'crosscheck', privileges: { standard: true, secure: true } });
  });

  it('serves the renderer folder: index.html at the root, files by path, with the right content types', async () => {
    const cases: [string, string, string][] = [
      ['crosscheck://app/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
      ['crosscheck://app/index.html', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
      ['crosscheck://app/index.html#/doc/3', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
      ['crosscheck://app/assets/app.js?v=1', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['crosscheck://app/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
      ['crosscheck://app/assets/app.js.map', 'application/json', '{}'],
      ['crosscheck://app/assets/logo.svg', 'image/svg+xml', '<svg/>'],
      ['crosscheck://app/assets/font.woff2', 'font/woff2', 'w'],
      ['crosscheck://app/assets/blob.bin', 'application/octet-stream', 'b'],
      ['crosscheck://app/assets/inside.css', 'text/css; charset=utf-8', 'body{}'],
    ];
    for (const [url, type, body] of cases) {
      const r = await get(url);
      assert.equal(r.status, 200, url);
      assert.equal(r.headers.get('content-type'), type, url);
      assert.equal(await r.text(), body, url);
    }
  });

  it('sends the CSP, nosniff and no-cache with every file', async () => {
    const r = await get('crosscheck://app/index.html');
    assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('cache-control'), 'no-cache');
  });

  it('refuses every way out of the renderer folder', async () => {
    for (const url of [
      'crosscheck://app/../secret.txt',
      'crosscheck://app/..%2Fsecret.txt',
      'crosscheck://app/%2e%2e/secret.txt',
      'crosscheck://app/assets/%2E%2E/%2E%2E/secret.txt',
      'crosscheck://app/..%2F..%2Fsecret.txt',
      'crosscheck://app/..%5C..%5Csecret.txt',
      'crosscheck://app/assets%2F..%2F..%2Fsecret.txt',
      'crosscheck://app/%00index.html',
      'crosscheck://app/%E0%A4%A',
      // A link inside the folder that leads out of it.
      'crosscheck://app/assets/link.txt',
    ]) {
      const r = await get(url);
      assert.equal(r.status, 404, url);
      assert.doesNotMatch(await r.text(), /secret/, url);
    }
  });

  it('serves nothing for another scheme or host, a folder, or a missing file', async () => {
    for (const url of [
      'crosscheck://evil/index.html',
      'crosscheck://app.evil/index.html',
      `file://${join(dir, 'index.html')}`,
      'https://app/index.html',
      'crosscheck://app/assets',
      'crosscheck://app/assets/',
      'crosscheck://app/missing.js',
    ]) {
      assert.equal((await get(url)).status, 404, url);
    }
  });

  it('never opens a file that is not regular (a FIFO would block the read)', async () => {
    // mkfifo is coreutils, on every machine the tests run on (the import and restore tests need it too).
    execFileSync('mkfifo', [join(dir, 'assets', 'pipe.js')]);
    assert.equal((await get('crosscheck://app/assets/pipe.js')).status, 404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('crosscheck://app/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    for (const method of ['POST', 'PUT', 'DELETE']) {
      assert.equal((await get('crosscheck://app/index.html', method)).status, 405, method);
    }
  });

  it('maps URLs to files without touching the disk', () => {
    assert.equal(rendererFileFor('crosscheck://app/assets/app.js', '/r'), join('/r', 'assets', 'app.js'));
    assert.equal(rendererFileFor('crosscheck://APP/index.html', '/r'), join('/r', 'index.html'));
    assert.equal(rendererFileFor('crosscheck://app/a%20b.js', '/r'), join('/r', 'a b.js'));
    assert.equal(rendererFileFor('crosscheck://app/..%2f..%2fetc%2fpasswd', '/r'), null);
    assert.equal(rendererFileFor('not a url', '/r'), null);
  });
});
