import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AppError, toWireError } from '../common/errors.js';
import { backendEvents, type EventName } from '../common/events.js';
import type { Backend } from '../services/backend.js';
import { delivers, isMethod, tellsOthers, type DeliveryMethod } from '../common/contract.js';
import { streamDelivery, type Delivery } from '../services/export/deliver.js';
import { checkCallPaths, pathChecker } from '../services/path-policy.js';
import { checkRequest, tokenCookie } from './guard.js';
import { serveStatic } from './static.js';
import { formatBytes } from '../common/sizes.js';

export interface ServeOptions {
  backend: Backend;
  /** Folder of the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  /** 127.0.0.1 unless the user explicitly asked for another address. */
  host?: string;
  token?: string;
  /** Largest request body accepted, in bytes (uploads of dropped files come as base64 in batches). */
  maxBody?: number;
  /** Folders whose files calls may name (import from, export to, restore from); none: any path. */
  allowedRoots?: string[];
}

/** Header (and event-stream query parameter) naming the browser tab a call comes from. */
export const CLIENT_HEADER = 'x-crosscheck-client';
/** Several writes in a burst (tagging at speed) tell the other tabs once. */
const NOTIFY_AFTER_MS = 200;

/**
 * The browser host: the same contract as Electron's IPC, carried as `POST /api/<method>` with `{args}` and
 * answered with `{ok, value}` or `{ok:false, error:{name,message}}`; events go out as server-sent events.
 */
export async function startHttpHost(o: ServeOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const token = o.token ?? randomBytes(24).toString('hex');
  const bindHost = o.host ?? '127.0.0.1';
  const maxBody = o.maxBody ?? 64 * 1024 * 1024;
  let hosts: string[] = [];
  let cookie = '';
  /** Open event streams, with the tab each belongs to (null: a client that did not say). */
  const streams = new Map<ServerResponse, string | null>();
  const checkPath = o.allowedRoots ? pathChecker(o.allowedRoots) : null;

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: toWireError(e) }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refused = checkRequest(req, url, { token, hosts, cookie });
    if (refused) {
      res.writeHead(refused.status, { 'content-type': 'text/plain; charset=utf-8' }).end(refused.reason);
      return;
    }
    // The token arrives once in the printed URL; from then on it travels as a cookie the page cannot read.
    if (url.searchParams.has('token')) {
      res.writeHead(302, {
        'set-cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: '/',
      });
      res.end();
      return;
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res, url.searchParams.get('client'));
    if (url.pathname.startsWith('/api/')) {
      const name = url.pathname.slice('/api/'.length);
      // Methods declared `delivers` are also fetched with GET: the page's download link (common/contract.ts deliveryUrl).
      if (req.method === 'GET' && isMethod(name) && delivers(name)) return deliver(name, url, res);
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      let body: { args?: unknown };
      try {
        body = callBody(method, await readBody(req, maxBody));
      } catch (e) {
        return sendJson(res, 400, { ok: false, error: toWireError(e) });
      }
      try {
        // The contract says which arguments are paths; an unknown method is refused by the backend itself.
        if (checkPath && isMethod(method)) checkCallPaths(method, body.args, checkPath);
        const value = await o.backend.call(method, body.args ?? {});
        if (isMethod(method) && tellsOthers(method)) changedBy(req.headers[CLIENT_HEADER]);
        return sendJson(res, 200, { ok: true, value });
      } catch (e) {
        return sendJson(res, 200, { ok: false, error: toWireError(e) });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(o.staticDir, url.pathname, res);
  }

  /**
   * Answers `GET /api/<method>?args=<JSON>` for a `delivers` method: the same checks as its POST (arguments, the
   * contract's paths), then the bytes as an attachment. A refusal is a short text, since a browser shows it in
   * place of the download.
   */
  async function deliver(method: DeliveryMethod, url: URL, res: ServerResponse) {
    let delivery: Delivery;
    try {
      const args = deliveryArgs(method, url.searchParams.get('args'));
      if (checkPath) checkCallPaths(method, args, checkPath);
      delivery = (await o.backend.call(method, args)) as Delivery;
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(toWireError(e).message);
      return;
    }
    res.writeHead(200, {
      'content-type': delivery.kind === 'zip' ? 'application/zip' : 'application/octet-stream',
      'content-disposition': attachment(delivery.name),
      ...(delivery.kind === 'file' ? { 'content-length': String(delivery.bytes) } : {}),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    try {
      await streamDelivery(delivery, res);
    } catch {
      // Headers are gone: a broken download is all the browser can be told.
      res.destroy();
    }
  }

  function openEventStream(res: ServerResponse, client: string | null) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.set(res, client);
    res.on('close', () => streams.delete(res));
  }

  const frame = (event: EventName, payload: unknown) => `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
  // Every event the backend emits reaches every tab (common/events.ts says which events come from the backend).
  const unsubscribe = backendEvents.map((event) =>
    o.backend.on(event, (payload) => {
      const data = frame(event, payload);
      for (const s of streams.keys()) s.write(data);
    }),
  );

  /**
   * Tabs share this host's one connection, so the backend's own "changed elsewhere" (another process) never
   * fires for them: after a write, every other tab is told here, as another process would be.
   */
  const stale = new Set<string | null>();
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;
  function changedBy(header: string | string[] | undefined) {
    stale.add(typeof header === 'string' ? header : null);
    notifyTimer ??= setTimeout(() => {
      notifyTimer = null;
      const writers = new Set(stale);
      stale.clear();
      const data = frame('project.changed', { reason: 'changed elsewhere' });
      for (const [s, client] of streams) {
        // A tab knows its own edits; it is told when anyone else (or a caller that did not say who) wrote.
        if (client === null || [...writers].some((w) => w !== client)) s.write(data);
      }
    }, NOTIFY_AFTER_MS);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, bindHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  cookie = tokenCookie(port);
  if (bindHost !== '127.0.0.1' && bindHost !== 'localhost') hosts.push(`${bindHost}:${port}`);
  const shownHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe.forEach((u) => u());
        if (notifyTimer) clearTimeout(notifyTimer);
        for (const s of streams.keys()) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A Content-Disposition naming the download: `filename*` (RFC 6266/5987) carries any name; `filename`, for
 * clients that read only that, the same name with what is not printable ASCII (and quotes) replaced by `_`.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The arguments of a delivery's GET: the `args` query parameter, a JSON object (absent: none).
 * @throws AppError InvalidInput naming the method when it is not one.
 */
export function deliveryArgs(method: string, raw: string | null): Record<string, unknown> {
  let args: unknown;
  try {
    args = JSON.parse(raw ?? '{}');
  } catch (e) {
    throw new AppError('InvalidInput', `${method}: the "args" parameter is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(args)) throw new AppError('InvalidInput', `${method}: the "args" parameter must be a JSON object, not ${describe(args)}.`);
  return args;
}

/** Whether `v` is a JSON object (not null, not an array). */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The body of a call to `method`: empty, or a JSON object whose `args`, when present, is an object of arguments.
 * Anything else (`null`, `[1]`, `"x"`, `{"args": [1]}`) is refused rather than read as "no arguments".
 * @throws AppError InvalidInput naming the method and saying what the body should be.
 */
export function callBody(method: string, raw: string): { args?: Record<string, unknown> } {
  const refuse = (why: string) => new AppError('InvalidInput', `${method}: ${why}`);
  let body: unknown;
  try {
    body = JSON.parse(raw || '{}');
  } catch (e) {
    throw refuse(`the request body is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(body)) throw refuse(`the request body must be a JSON object such as {"args": {…}}, not ${describe(body)}.`);
  if (body.args !== undefined && !isObject(body.args)) {
    throw refuse(`"args" must be a JSON object of the method's arguments, not ${describe(body.args)}.`);
  }
  return body as { args?: Record<string, unknown> };
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new AppError('InvalidInput', `Request body over ${formatBytes(limit)}; send fewer files at a time.`));
        // Keep draining (not destroying) so the client still receives the JSON error.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
