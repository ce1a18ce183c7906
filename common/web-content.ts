/**
 * How the built renderer is served, by both hosts: the browser host over http (server/static.ts) and the desktop
 * shell over its own `crosscheck:` scheme (electron/app-protocol.ts). One policy and one table of content types,
 * so that the two hosts cannot drift apart. Pure strings (no node:path): common/ is imported everywhere.
 */

/**
 * The Content-Security-Policy of every response that carries the renderer. `'self'` is the app's own origin
 * (http://127.0.0.1:<port> in the browser, crosscheck://app on the desktop), never file:.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // TipTap/ProseMirror and React set inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  // The app has no forms that submit anywhere; an injected one must not post article text away.
  "form-action 'none'",
].join('; ');

/** Content types of the files the renderer build writes, by lower-case extension with its dot. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The content type of `fileName` (a name or a path, `/` or `\` separated); unknown kinds are opaque bytes. */
export function contentTypeOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  return Object.hasOwn(CONTENT_TYPES, ext) ? CONTENT_TYPES[ext] : 'application/octet-stream';
}
