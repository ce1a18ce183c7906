import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Request checks for the loopback host. A page on any website can make the browser send requests to
 * 127.0.0.1, and a rebound DNS name can make them look same-origin; so every request must name our host, come
 * from our origin when it says where it comes from, and carry the token that only the printed URL holds.
 */
export interface GuardOptions {
  token: string;
  /** host:port values accepted in the Host header, e.g. 127.0.0.1:4580 and localhost:4580. */
  hosts: string[];
}

export const TOKEN_COOKIE = 'crosscheck_token';

export function tokenFrom(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-crosscheck-token'];
  if (typeof header === 'string') return header;
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join('='));
  }
  return url.searchParams.get('token') ?? undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Returns null when the request may proceed, else the status and reason to refuse it with. */
export function checkRequest(req: IncomingMessage, url: URL, o: GuardOptions): { status: number; reason: string } | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!o.hosts.includes(host)) return { status: 403, reason: `Host "${host}" is not this server` };
  const origin = req.headers.origin;
  if (origin !== undefined && !o.hosts.some((h) => origin === `http://${h}`)) {
    return { status: 403, reason: `Origin "${origin}" may not call this server` };
  }
  const token = tokenFrom(req, url);
  if (!token || !sameSecret(token, o.token)) {
    return { status: 401, reason: 'Missing or wrong access token: open the URL that `crosscheck serve` printed' };
  }
  return null;
}
