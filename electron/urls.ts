/** The app's own URLs, and the URL tests shared by the IPC sender check, the navigation guard and the protocol. */

/**
 * The scheme the renderer is served from (electron/app-protocol.ts), registered as standard and secure: the page
 * has the origin `crosscheck://app`, so the CSP's `'self'` means the app's own files and nothing else on disk
 * (under file:, `'self'` would be every file on the machine).
 */
export const APP_SCHEME = 'crosscheck';
/** The one host the scheme answers for. */
export const APP_HOST = 'app';
/** The window's page; the IPC sender check accepts this document only. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for a URL of the app's own scheme and host (`crosscheck://app/…`, host in any letter case). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST;
}

/** True when both URLs name the same document: the query and fragment do not make another page. */
export function isSameDocument(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return false;
  x.hash = '';
  x.search = '';
  y.hash = '';
  y.search = '';
  return x.href === y.href;
}

/** True only for http: and https: URLs: the only kind handed to the system browser. */
export function isWebUrl(url: string): boolean {
  const u = parse(url);
  return !!u && (u.protocol === 'http:' || u.protocol === 'https:');
}

/**
 * The origin of a URL, or null. file: URLs have the opaque origin "null", which is never trusted; so do
 * non-special schemes (crosscheck:) as Node parses them, which is why the app's own page is matched by
 * `isSameDocument`, not by origin.
 */
export function originOf(url: string): string | null {
  const u = parse(url);
  if (!u || u.origin === 'null') return null;
  return u.origin;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
