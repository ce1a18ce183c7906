import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../services/backend.js';
import { startHttpHost } from './http-host.js';

// The browser host under abuse: bodies over its limit (with and without Content-Length, several at once) and
// JSON nested 100,000 levels deep. Each gets a JSON error a person can act on, and the host keeps answering.

const TOKEN = 'c'.repeat(48);
const LIMIT = 1_000_000;

let dir: string;
let backend: Backend;
let host: Awaited<ReturnType<typeof startHttpHost>>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-limits-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  backend = openBackend(join(dir, 'project.crosscheck'));
  host = await startHttpHost({ backend, staticDir, port: 0, token: TOKEN, maxBody: LIMIT });
});
after(async () => {
  await host.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}
type Wire = { ok: boolean; value?: unknown; error?: { name: string; message: string } };

/** POSTs `body`; `chunks` sends it in pieces without Content-Length (chunked transfer encoding). */
function post(port: number, path: string, body: string | Buffer, o: { chunks?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { host: `127.0.0.1:${port}`, 'x-crosscheck-token': TOKEN, 'content-type': 'application/json' };
    if (!o.chunks) headers['content-length'] = Buffer.byteLength(body);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.chunks) {
      const b = Buffer.from(body);
      const size = Math.ceil(b.length / o.chunks);
      for (let i = 0; i < b.length; i += size) req.write(b.subarray(i, i + size));
      req.end();
    } else req.end(body);
  });
}

const wire = (r: Reply): Wire => {
  try {
    return JSON.parse(r.body) as Wire;
  } catch {
    assert.fail(`not a JSON answer (status ${r.status}): ${r.body.slice(0, 300)}`);
  }
};

async function stillAnswers(port = host.port) {
  const r = await post(port, '/api/labels.list', JSON.stringify({ args: {} }));
  assert.equal(r.status, 200);
  const w = wire(r);
  assert.equal(w.ok, true);
  assert.deepEqual((w.value as { name: string }[]).map((l) => l.name).slice(0, 3), ['claim', 'speaker', 'figure']);
}

function assertOverLimit(r: Reply, limitWords: RegExp) {
  assert.equal(r.status, 400);
  const w = wire(r);
  assert.equal(w.ok, false);
  assert.equal(w.error?.name, 'InvalidInput');
  assert.match(w.error!.message, limitWords, `the message names the limit: ${w.error!.message}`);
  assert.ok(!r.body.includes('    at '), 'no stack trace');
}

describe('request body over maxBody', () => {
  test('one over-size body (Content-Length) gets a JSON InvalidInput naming the limit; the host answers the next request', async () => {
    const big = JSON.stringify({ args: { paths: ['p'.repeat(LIMIT + 500_000)] } });
    assertOverLimit(await post(host.port, '/api/import.paths', big), /\b1 MB\b/);
    await stillAnswers();
  });

  test('the same without Content-Length (chunked, arriving in pieces)', async () => {
    const big = JSON.stringify({ args: { files: [{ path: 'a.txt', data: 'QUFB'.repeat(700_000) }] } });
    assertOverLimit(await post(host.port, '/api/import.files', big, { chunks: 40 }), /\b1 MB\b/);
    await stillAnswers();
  });

  test('several over-size bodies at once, then a normal request', async () => {
    const big = 'x'.repeat(LIMIT * 2);
    const replies = await Promise.all(Array.from({ length: 4 }, () => post(host.port, '/api/labels.list', big)));
    for (const r of replies) assertOverLimit(r, /\b1 MB\b/);
    await stillAnswers();
  });

  test('a body of exactly maxBody bytes is accepted (the limit is inclusive)', async () => {
    const args = JSON.stringify({ args: {} });
    const exact = args + ' '.repeat(LIMIT - Buffer.byteLength(args));
    assert.equal(Buffer.byteLength(exact), LIMIT);
    const r = await post(host.port, '/api/labels.list', exact);
    assert.equal(r.status, 200);
    assert.equal(wire(r).ok, true);
  });

  test('the message names the limit for a limit below a megabyte too', async () => {
    const b = openBackend(':memory:');
    const small = await startHttpHost({ backend: b, staticDir: join(dir, 'static'), port: 0, token: TOKEN, maxBody: 10_000 });
    try {
      // 10,000 bytes is neither "0 MB" nor "1 MB": the analyst must be told what the limit is.
      assertOverLimit(await post(small.port, '/api/labels.list', 'y'.repeat(20_000)), /10[ ,.]?000 bytes|\b10 (kB|KB)\b|0\.01 MB/);
      await stillAnswers(small.port);
    } finally {
      await small.close();
      b.close();
    }
  });
});

describe('deeply nested JSON (100,000 levels)', () => {
  const N = 100_000;
  const deepArray = '['.repeat(N) + ']'.repeat(N);
  const deepObject = '{"a":'.repeat(N) + '1' + '}'.repeat(N);

  for (const [what, body] of [
    ['as the whole body', deepArray],
    ['as the args', `{"args":${deepArray}}`],
    ['as a field the schema wants a string for', `{"args":{"docId":1,"labelId":1,"start":0,"end":1,"note":${deepArray}}}`],
    ['as a record the schema checks value by value', `{"args":{"docId":1,"labelId":1,"start":0,"end":1,"attributes":${deepObject}}}`],
  ] as const) {
    test(`${what}: a clear InvalidInput, no crash, the host stays up`, async () => {
      assert.ok(Buffer.byteLength(body) < LIMIT);
      const r = await post(host.port, '/api/annotations.create', body);
      const w = wire(r);
      assert.equal(w.ok, false);
      assert.equal(w.error?.name, 'InvalidInput', w.error?.message);
      assert.match(w.error!.message, /annotations\.create: /);
      assert.ok(!/Maximum call stack/i.test(w.error!.message), w.error!.message);
      assert.ok(!r.body.includes('    at '), 'no stack trace');
      await stillAnswers();
    });
  }

  test('nested 100,000 levels and never closed: a 400 naming the body as not JSON (InvalidInput), the host stays up', async () => {
    const r = await post(host.port, '/api/labels.list', '{"args":' + '['.repeat(N));
    assert.equal(r.status, 400);
    const w = wire(r);
    assert.equal(w.ok, false);
    assert.ok(w.error!.message.length > 0);
    assert.ok(!r.body.includes('    at '), 'no stack trace');
    await stillAnswers();
    // A body that is not JSON is the caller's mistake, like every other 400 here: not an internal error.
    assert.equal(w.error!.name, 'InvalidInput', `got ${w.error!.name}: ${w.error!.message}`);
  });
});
