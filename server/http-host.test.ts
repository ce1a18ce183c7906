// One running browser host (before/after below) serves every block of this file: the API, the request guard,
// static files, limits and events are checked against the same server. Past 400 lines for that reason; a block
// that needs a host of its own goes in a file of its own (http-host-events, http-host-paths, http-host-spans).
import { test, describe, before, after, mock } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../services/backend.js';
import { startHttpHost } from './http-host.js';
import { CSP } from './static.js';

const TOKEN = 'a'.repeat(16) + 'b'.repeat(16) + '0123456789abcdef';
const INDEX = '<!doctype html><title>Crosscheck test index</title>';
const SECRET = 'TOP SECRET outside the static folder';

let dir: string;
let staticDir: string;
let backend: Backend;
let server: Awaited<ReturnType<typeof startHttpHost>>;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-http-'));
  staticDir = join(dir, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'static-private'));
  writeFileSync(join(dir, 'static-private', 'key.txt'), SECRET);
  backend = openBackend(join(dir, 'project.crosscheck'));
  server = await startHttpHost({ backend, staticDir, port: 0, token: TOKEN, maxBody: 10_000 });
  port = server.port;
});
after(async () => {
  await server.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: { host: `127.0.0.1:${port}`, ...o.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

const auth = { 'x-crosscheck-token': TOKEN };
const api = (method: string, args: unknown = {}, headers: Record<string, string> = auth) =>
  send({ method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ args }) });
const json = (r: Reply) => JSON.parse(r.body) as { ok: boolean; value?: unknown; error?: { name: string; message: string } };

describe('API calls', () => {
  test('POST /api/labels.list with the token header returns {ok:true, value}', async () => {
    const r = await api('labels.list');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /application\/json/);
    const body = json(r);
    assert.equal(body.ok, true);
    assert.deepEqual((body.value as { name: string }[]).map((l) => l.name), ['claim', 'speaker', 'figure']);
  });

  test('a body without args means empty args', async () => {
    const r = await send({ method: 'POST', path: '/api/documents.list', headers: auth });
    assert.equal(json(r).ok, true);
    assert.equal((json(r).value as { total: number }).total >= 0, true);
  });

  test('errors from handlers come back as ok:false with their name (NotFound)', async () => {
    const body = json(await api('documents.get', { id: 12345 }));
    assert.equal(body.ok, false);
    assert.equal(body.error!.name, 'NotFound');
    assert.deepEqual(Object.keys(body.error!).sort(), ['message', 'name']);
  });

  test('an unknown method gives ok:false with name InvalidInput', async () => {
    const body = json(await api('nope.nothing'));
    assert.equal(body.ok, false);
    assert.match(body.error!.message, /unknown method/);
    assert.equal(body.error!.name, 'InvalidInput');
  });

  test('a validation error gives ok:false InvalidInput with a message naming the field', async () => {
    const body = json(await api('labels.create', { name: 'x', color: 'not-a-colour' }));
    assert.equal(body.ok, false);
    assert.match(body.error!.message, /labels\.create: color:/);
    assert.equal(body.error!.name, 'InvalidInput');
  });

  test('malformed JSON is a 400 with ok:false and no stack', async () => {
    const r = await send({ method: 'POST', path: '/api/labels.list', headers: auth, body: '{"args": ' });
    assert.equal(r.status, 400);
    assert.equal(json(r).ok, false);
    assert.ok(!r.body.includes('    at '), r.body);
  });

  test('a body that is not a JSON object, or args that are not an object, is a 400 InvalidInput; nothing runs', async () => {
    const before = json(await api('labels.list')).value as unknown[];
    for (const body of ['null', '[1]', '"x"', '1', 'true', '{"args": null}', '{"args": [1]}', '{"args": "x"}', '{"args": 3}']) {
      const r = await send({ method: 'POST', path: '/api/labels.create', headers: { ...auth, 'content-type': 'application/json' }, body });
      assert.equal(r.status, 400, body);
      const reply = json(r);
      assert.equal(reply.ok, false, body);
      assert.equal(reply.error!.name, 'InvalidInput', body);
      assert.match(reply.error!.message, new RegExp(`^labels\\.create: .*must be a JSON object`), body);
    }
    assert.deepEqual(json(await api('labels.list')).value, before);
    // An object without args, or with an object of args, is fine.
    assert.equal(json(await send({ method: 'POST', path: '/api/labels.list', headers: auth, body: '{}' })).ok, true);
    assert.equal(json(await send({ method: 'POST', path: '/api/labels.list', headers: auth, body: '{"args": {}}' })).ok, true);
  });

  test('GET on an API path is 405 with Allow: POST', async () => {
    const r = await send({ path: '/api/x', headers: auth });
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'POST');
    const r2 = await send({ path: '/api/labels.list', headers: auth });
    assert.equal(r2.status, 405);
  });
});

describe('request guard', () => {
  test('no token is 401', async () => {
    const r = await api('labels.list', {}, {});
    assert.equal(r.status, 401);
    assert.match(r.body, /token/);
  });

  test('a wrong token (same length or not) is 401', async () => {
    for (const bad of ['x'.repeat(TOKEN.length), TOKEN.slice(0, -1), TOKEN + '0', '']) {
      const r = await api('labels.list', {}, { 'x-crosscheck-token': bad });
      assert.equal(r.status, 401, JSON.stringify(bad));
    }
    const cookie = await api('labels.list', {}, { cookie: `crosscheck_token_${port}=${'z'.repeat(TOKEN.length)}` });
    assert.equal(cookie.status, 401);
  });

  test('a Host header that is not ours is 403 even with the right token (DNS rebinding)', async () => {
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const r = await send({ method: 'POST', path: '/api/labels.list', headers: { ...auth, host } });
      assert.equal(r.status, 403, host);
      assert.ok(!r.body.includes('claim'));
    }
    const index = await send({ path: '/', headers: { ...auth, host: `evil.example:${port}` } });
    assert.equal(index.status, 403);
  });

  test('localhost and 127.0.0.1 with our port are accepted', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
      const r = await send({ method: 'POST', path: '/api/labels.list', headers: { ...auth, host } });
      assert.equal(r.status, 200, host);
    }
  });

  test('a foreign Origin is 403 even with the right token; our own origin is fine', async () => {
    const evil = await api('labels.list', {}, { ...auth, origin: 'http://evil.example' });
    assert.equal(evil.status, 403);
    const ours = await api('labels.list', {}, { ...auth, origin: `http://127.0.0.1:${port}` });
    assert.equal(ours.status, 200);
    const nul = await api('labels.list', {}, { ...auth, origin: 'null' });
    assert.equal(nul.status, 403);
  });

  test('GET /?token= sets an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const r = await send({ path: `/?token=${TOKEN}` });
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, '/');
    const cookies = r.headers['set-cookie'] ?? [];
    assert.equal(cookies.length, 1);
    assert.match(cookies[0], new RegExp(`^crosscheck_token_${port}=${TOKEN};`));
    assert.match(cookies[0], /HttpOnly/);
    assert.match(cookies[0], /SameSite=Strict/);
    assert.match(cookies[0], /Path=\//);

    const wrong = await send({ path: '/?token=wrong' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  test('the token cookie is named for this port: a cookie named for another port, or for none, is not accepted', async () => {
    // Browsers send every 127.0.0.1 cookie to every port, and any local server may set one.
    const r = await send({ path: `/?token=${TOKEN}` });
    assert.equal(r.headers['set-cookie']![0].split('=')[0], `crosscheck_token_${port}`);
    for (const name of [`crosscheck_token_${port + 1}`, 'crosscheck_token', `crosscheck_token_${port}0`]) {
      const call = await api('labels.list', {}, { cookie: `${name}=${TOKEN}` });
      assert.equal(call.status, 401, name);
      assert.equal((await send({ path: '/', headers: { cookie: `${name}=${TOKEN}` } })).status, 401, name);
    }
  });

  test('the cookie then authorises API calls and page loads', async () => {
    const r = await send({ path: `/?token=${TOKEN}` });
    const cookie = r.headers['set-cookie']![0].split(';')[0];
    const call = await api('labels.list', {}, { cookie: `other=1; ${cookie}` });
    assert.equal(call.status, 200);
    assert.equal(json(call).ok, true);
    const page = await send({ path: '/', headers: { cookie } });
    assert.equal(page.status, 200);
    assert.equal(page.body, INDEX);
  });
});

describe('static files', () => {
  test('index.html and assets are served with the CSP and nosniff headers', async () => {
    const r = await send({ path: '/', headers: auth });
    assert.equal(r.status, 200);
    assert.equal(r.body, INDEX);
    assert.equal(r.headers['content-security-policy'], CSP);
    assert.match(CSP, /default-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(String(r.headers['content-type']), /text\/html/);
    const js = await send({ path: '/assets/app.js', headers: auth });
    assert.equal(js.body, 'console.log("app");');
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.headers['content-security-policy'], CSP);
  });

  test('unknown paths get index.html (one-page app)', async () => {
    const r = await send({ path: '/documents/12', headers: auth });
    assert.equal(r.status, 200);
    assert.equal(r.body, INDEX);
  });

  test('static files need the token too', async () => {
    assert.equal((await send({ path: '/assets/app.js' })).status, 401);
  });

  test('path traversal never escapes the static folder', async () => {
    const attempts = [
      '/..%2f..%2fetc/passwd',
      '/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..%2fstatic-private%2fkey.txt',
      '/%2e%2e%2fstatic-private/key.txt',
      `/${'..%2f'.repeat(20)}${dir.replace(/^\//, '').split('/').join('%2f')}%2fsecret.txt`,
    ];
    for (const path of attempts) {
      const r = await send({ path, headers: auth });
      assert.ok(!r.body.includes(SECRET), `${path} leaked the secret`);
      assert.ok(!/root:.*:0:0:/.test(r.body), `${path} leaked /etc/passwd`);
      assert.ok([200, 400, 403, 404].includes(r.status), `${path}: ${r.status}`);
      if (r.status === 200) assert.equal(r.body, INDEX, path);
    }
  });

  test('a malformed percent-encoding is a 400, not a crash', async () => {
    const r = await send({ path: '/%E0%A4%A', headers: auth });
    assert.equal(r.status, 400);
    assert.equal((await api('labels.list')).status, 200);
  });

  test('POST to a non-API path is 405', async () => {
    assert.equal((await send({ method: 'POST', path: '/', headers: auth })).status, 405);
  });

  test('a static folder given with a trailing slash still serves files', async () => {
    const b = openBackend(':memory:');
    const s = await startHttpHost({ backend: b, staticDir: staticDir + '/', port: 0, token: TOKEN });
    try {
      const r = await new Promise<Reply>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: s.port, path: '/assets/app.js', headers: { host: `127.0.0.1:${s.port}`, ...auth } },
          (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(r.status, 200);
      assert.equal(r.body, 'console.log("app");');
    } finally {
      await s.close();
      b.close();
    }
  });
});

describe('limits and robustness', () => {
  test('a body over maxBody gets a clear 400 error and the server stays alive', async () => {
    const big = JSON.stringify({ args: { paths: ['x'.repeat(50_000)] } });
    const r = await send({ method: 'POST', path: '/api/import.paths', headers: { ...auth, 'content-type': 'application/json' }, body: big });
    assert.equal(r.status, 400);
    const body = json(r);
    assert.equal(body.ok, false);
    assert.match(body.error!.message, /Request body over/);
    assert.match(body.error!.message, /fewer files/);
    const after = await api('labels.list');
    assert.equal(after.status, 200);
    assert.equal(json(after).ok, true);
  });

  test('the over-size body error is named InvalidInput', async () => {
    const big = 'y'.repeat(20_000);
    const body = json(await send({ method: 'POST', path: '/api/labels.list', headers: auth, body: big }));
    assert.equal(body.error!.name, 'InvalidInput');
  });

  test('the printed url names 127.0.0.1, the port and the token', () => {
    assert.equal(server.url, `http://127.0.0.1:${port}/?token=${TOKEN}`);
  });

  test('a generated token is long and random when none is given', async () => {
    const b = openBackend(':memory:');
    const s1 = await startHttpHost({ backend: b, staticDir, port: 0 });
    const s2 = await startHttpHost({ backend: b, staticDir, port: 0 });
    try {
      const t1 = new URL(s1.url).searchParams.get('token')!;
      const t2 = new URL(s2.url).searchParams.get('token')!;
      assert.match(t1, /^[0-9a-f]{48}$/);
      assert.notEqual(t1, t2);
    } finally {
      await s1.close();
      await s2.close();
      b.close();
    }
  });
});

describe('server-sent events', () => {
  test('/api/events needs the token', async () => {
    assert.equal((await send({ path: '/api/events' })).status, 401);
  });

  test('/api/events receives import.progress and project.changed after an import call', async () => {
    const received: { event: string; payload: unknown }[] = [];
    let buffer = '';
    const stream = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { host: `127.0.0.1:${port}`, ...auth } }, resolve);
      req.on('error', reject);
      req.end();
    });
    try {
      assert.equal(stream.statusCode, 200);
      assert.match(String(stream.headers['content-type']), /text\/event-stream/);
      const gotBoth = new Promise<void>((resolve) => {
        stream.on('data', (c: Buffer) => {
          buffer += c.toString('utf8');
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const data = frame.split('\n').find((l) => l.startsWith('data: '));
            if (data) received.push(JSON.parse(data.slice(6)));
          }
          const names = new Set(received.map((r) => r.event));
          if (names.has('import.progress') && names.has('project.changed')) resolve();
        });
      });
      const r = await api('import.files', { files: [{ path: 'sse.txt', data: Buffer.from('An article for the event stream.').toString('base64') }] });
      assert.equal(json(r).ok, true);
      // Both events are sent before the call answers; the race is only a hang guard that names what did arrive,
      // generous enough that it cannot trip on a slow but healthy machine.
      await Promise.race([
        gotBoth,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`backstop: events so far: ${JSON.stringify(received)}`)), 120_000).unref()),
      ]);
      assert.deepEqual(received.find((r) => r.event === 'project.changed')!.payload, { reason: 'import' });
      assert.deepEqual(received.find((r) => r.event === 'import.progress')!.payload, { done: 1, total: 1, current: '' });
    } finally {
      stream.destroy();
    }
  });

  // Every wait below is for an event; the runner's timeout is only a hang guard, far above the test's ~0.3 s.
  test('a write from one tab tells the other tabs once per burst, and not the tab that wrote', { timeout: 120_000 }, async () => {
    /** An event stream (of tab `client`, or of a caller that did not say) and a wait for its nth event. */
    const open = (client: string | null) =>
      new Promise<{ events: string[]; nth(n: number): Promise<void>; close(): void }>((resolve, reject) => {
        const path = client === null ? '/api/events' : `/api/events?client=${client}`;
        const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...auth } }, (res) => {
          const events: string[] = [];
          const waits: { n: number; resolve(): void }[] = [];
          res.on('data', (c: Buffer) => {
            for (const line of c.toString('utf8').split('\n')) {
              if (line.startsWith('data: ')) events.push(JSON.stringify(JSON.parse(line.slice(6))));
            }
            for (const w of waits.splice(0)) {
              if (events.length >= w.n) w.resolve();
              else waits.push(w);
            }
          });
          const nth = (n: number) => new Promise<void>((done) => (events.length >= n ? done() : waits.push({ n, resolve: done })));
          resolve({ events, nth, close: () => res.destroy() });
        });
        req.on('error', reject);
        req.end();
      });
    const changed = JSON.stringify({ event: 'project.changed', payload: { reason: 'changed elsewhere' } });
    const imported = JSON.stringify({ event: 'project.changed', payload: { reason: 'import' } });

    // The host's clock is frozen from here on: the writes below are one burst by construction, however slow the
    // machine, and an announcement goes out when the test moves the clock, not after some real time.
    mock.timers.enable({ apis: ['setTimeout'] });
    // Writes of the tests before (callers that did not name a tab) may still be due to be announced, on a real
    // timer. One more such write joins that burst, or starts one on the frozen clock, which is then moved: once a
    // stream that named no tab hears of it, no announcement is pending, and every later one waits for the clock.
    const probe = await open(null);
    try {
      assert.equal(json(await api('labels.create', { name: 'tabs-flush', color: '#000000', key: null })).ok, true);
      mock.timers.tick(60_000);
      await probe.nth(1);
    } finally {
      probe.close();
    }
    const a = await open('tab-a');
    const b = await open('tab-b');
    try {
      const asA = { ...auth, 'x-crosscheck-client': 'tab-a' };
      const label = json(await api('labels.create', { name: 'tabs-one', color: '#123456', key: null }, asA));
      assert.equal(label.ok, true, JSON.stringify(label));
      assert.equal(json(await api('labels.create', { name: 'tabs-two', color: '#654321', key: null }, asA)).ok, true);
      // Reads tell nobody.
      assert.equal(json(await api('labels.list', {}, { ...auth, 'x-crosscheck-client': 'tab-b' })).ok, true);
      mock.timers.tick(60_000);
      await b.nth(1);
      // A marker every stream gets at once (the backend's own event, sent while the import runs): whatever the
      // burst sent a stream arrived before it on the same connection.
      const marker = { path: 'tabs-marker.txt', data: Buffer.from('A marker article for the tab streams.').toString('base64') };
      assert.equal(json(await api('import.files', { files: [marker] })).ok, true);
      await Promise.all([a, b].map(async (s) => {
        while (!s.events.includes(imported)) await s.nth(s.events.length + 1);
      }));
      const upToMarker = (events: string[]) => events.slice(0, events.indexOf(imported)).filter((e) => e.includes('project.changed'));
      assert.deepEqual(upToMarker(b.events), [changed], 'the other tab hears of the burst once');
      assert.deepEqual(upToMarker(a.events), [], 'the tab that wrote is not told of its own edits');
    } finally {
      // Let the import's own announcement go out, so that no frozen timer outlives the test.
      mock.timers.tick(60_000);
      mock.timers.reset();
      a.close();
      b.close();
    }
  });
});
