/**
 * Every security setting of the desktop shell, as functions over injected Electron objects so that tests can
 * assert each one. The renderer is our own code, but it displays untrusted article text: if anything ever
 * slipped through, it must find no Node, no navigation, no new windows, no permissions and no foreign scripts.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../common/web-content.js';
import { isSameDocument, isWebUrl } from './urls.js';

/**
 * The Content-Security-Policy of the renderer, the same for both hosts (common/web-content.ts). The page is served
 * from the app's own scheme (app-protocol.ts), whose responses carry it; dist/renderer/index.html repeats most of
 * it in a meta tag, and the session adds it to anything else that is ever loaded over http(s).
 */
export { CONTENT_SECURITY_POLICY };

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
  /** Asks the person whether to open this http(s) URL in the system browser (questions.ts); true to open. */
  confirmExternal(url: string): Promise<boolean> | boolean;
  /** shell.openExternal; only ever given http(s) URLs the person confirmed. */
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
  // The top frame stays on the app's page; frames (the app has none) go nowhere; and no server redirect may
  // take a navigation elsewhere. will-navigate sees the top frame only, hence the other two.
  contents.on('will-navigate', (event) => {
    if (!isSameDocument(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isSameDocument(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!event.isMainFrame || !isSameDocument(event.url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url, deps));
}

/**
 * No window is ever opened; a web link goes to the system browser once the person confirms it, anything else
 * (file:, javascript:, smb:…) nowhere, without asking.
 */
export function windowOpenDecision(url: string, deps: SecurityDeps): { action: 'deny' } {
  if (isWebUrl(url)) {
    Promise.resolve()
      .then(() => deps.confirmExternal(url))
      .then((yes) => (yes === true ? deps.openExternal(url) : undefined))
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
