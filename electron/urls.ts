/** URL tests shared by the IPC sender check and the navigation guard. */

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

/** The origin of a URL, or null. file: URLs have the opaque origin "null", which is never trusted. */
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
