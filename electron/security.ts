/**
 * Every security setting of the desktop shell, as functions over injected Electron objects so that tests can
 * assert each one. The renderer is our own code, but it displays untrusted article text: if anything ever
 * slipped through, it must find no Node, no navigation, no new windows, no permissions and no foreign scripts.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isSameDocument, isWebUrl } from './urls.js';

/**
 * The Content-Security-Policy of the renderer. dist/renderer/index.html carries the same policy in a meta tag:
 * Chromium does not pass file:// responses through webRequest, so for the packaged page the meta tag is what
 * applies, and the header covers anything served over http(s) (e.g. a dev server).
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
].join('; ');

export function windowOptions(preloadPath: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped outside the drop zone must not replace the app with the file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools ?? false,
  };
}

export interface SecurityDeps {
  /** shell.openExternal; only ever given http(s) URLs. */
  openExternal(url: string): Promise<unknown> | unknown;
}

/** Applies both halves below. */
export function applySecurity(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'getURL'>,
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  deps: SecurityDeps,
): void {
  secureContents(contents, deps);
  secureSession(session);
}

/** Per window (main.ts also runs it for every webContents the app ever creates). */
export function secureContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'getURL'>,
  deps: SecurityDeps,
): void {
  contents.on('will-navigate', (event) => {
    if (!isSameDocument(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, deps));
}

/** No window is ever opened; web links go to the system browser, anything else (file:, javascript:…) nowhere. */
export function windowOpenDecision(url: string, deps: SecurityDeps): { action: 'deny' } {
  if (isWebUrl(url)) {
    Promise.resolve()
      .then(() => deps.openExternal(url))
      .catch(() => undefined);
  }
  return { action: 'deny' };
}

/** Per session: no permission is ever granted, and every response carries the CSP. */
export function secureSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  );
}

/** Response headers with our CSP replacing any the response brought (in whatever letter case). */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
