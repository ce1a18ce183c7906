/**
 * The `crosscheck:` scheme the window loads the renderer from, instead of file:. Under file: the CSP's `'self'`
 * is every file on the disk; here it is `crosscheck://app`, whose only content is the renderer folder. Free of
 * Electron imports: main.ts registers the scheme and hands `protocol.handle` the function built here.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../common/web-content.js';
import { APP_SCHEME, isAppUrl } from './urls.js';

/**
 * For `protocol.registerSchemesAsPrivileged`, before 'ready'. Standard: relative URLs resolve and the page has a
 * real origin. Secure: a secure context (crypto.randomUUID needs one). Nothing else: no CSP bypass, no CORS,
 * no service workers, no fetch of the scheme from other origins.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true } as const;

/** The custom scheme as `protocol.registerSchemesAsPrivileged` takes it. */
export const appScheme = { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES };

/** The part of a fetch Request the handler reads. */
export interface RequestLike {
  readonly url: string;
  readonly method: string;
}

/**
 * The file under `rendererDir` a `crosscheck://app/…` URL names, or null when it names none: another scheme or
 * host, a `..` or `.` segment (also when percent-encoded), a backslash or NUL, or an undecodable escape.
 * `crosscheck://app/` names index.html. Pure string work: symlinks are the handler's business.
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  const raw = new URL(url).pathname;
  const segments: string[] = [];
  for (const part of raw.split('/').filter((p) => p !== '')) {
    let seg: string;
    try {
      seg = decodeURIComponent(part);
    } catch {
      return null;
    }
    // An encoded slash or backslash would make one segment two on some platform; refuse rather than guess.
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return null;
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rendererDir);
  const file = join(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

/**
 * The function for `protocol.handle(APP_SCHEME, …)`: answers GET and HEAD with a regular file of `rendererDir`
 * (symlinks followed only while they stay inside it), with its content type, the CSP and nosniff; 404 for
 * anything else it could name, 405 for other methods. Never throws.
 */
export function createAppProtocolHandler(rendererDir: string): (request: RequestLike) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = rendererFileFor(request.url, rendererDir);
    if (!file) return plain(404, 'Not found');
    try {
      const [root, real] = await Promise.all([realpath(rendererDir), realpath(file)]);
      if (!real.startsWith(root + sep)) return plain(404, 'Not found');
      // Only regular files: a FIFO or device must never be opened, a folder has no content.
      if (!(await stat(real)).isFile()) return plain(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(real));
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeOf(real),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
