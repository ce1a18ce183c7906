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
  /** Name of the cookie that carries the token to this server (tokenCookie of its port). */
  cookie: string;
}

/**
 * The token cookie's name for a server on `port`. Browsers keep cookies per host, not per port (RFC 6265 §8.5):
 * every server on 127.0.0.1 is sent every 127.0.0.1 cookie, and any of them can set one. Naming the cookie after
 * the port means a server accepts only the cookie meant for it: two Crosscheck servers do not overwrite each
 * other's, and a cookie another local server planted is not taken. (It cannot stop the browser from also sending
 * ours to a server on another port; nothing a cookie can say does.)
 * @example tokenCookie(4580) === 'crosscheck_token_4580'
 */
export function tokenCookie(port: number): string {
  return `crosscheck_token_${port}`;
}

/** The token a request carries: the x-crosscheck-token header, else the cookie named `cookie`, else `?token=`. */
export function tokenFrom(req: IncomingMessage, url: URL, cookie: string): string | undefined {
  const header = req.headers['x-crosscheck-token'];
  if (typeof header === 'string') return header;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === cookie) return decodeURIComponent(v.join('='));
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
  const token = tokenFrom(req, url, o.cookie);
  if (!token || !sameSecret(token, o.token)) {
    return { status: 401, reason: 'Missing or wrong access token: open the URL that `crosscheck serve` printed' };
  }
  return null;
}
