import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applySecurity,
  CONTENT_SECURITY_POLICY,
  secureContents,
  secureSession,
  windowOpenDecision,
  windowOptions,
  withCsp,
} from './security.js';

type Handler = (...args: any[]) => any;

function fakeContents(url: string) {
  const on = new Map<string, Handler>();
  let openHandler: Handler | null = null;
  const contents = {
    on(name: string, fn: Handler) {
      on.set(name, fn);
      return contents;
    },
    setWindowOpenHandler(fn: Handler) {
      openHandler = fn;
    },
    getURL: () => url,
  };
  return {
    contents: contents as unknown as Parameters<typeof secureContents>[0],
    on,
    open: (u: string) => openHandler!({ url: u }),
  };
}

function fakeSession() {
  const s = {
    request: null as Handler | null,
    check: null as Handler | null,
    headers: null as Handler | null,
  };
  const session = {
    setPermissionRequestHandler: (fn: Handler) => (s.request = fn),
    setPermissionCheckHandler: (fn: Handler) => (s.check = fn),
    webRequest: { onHeadersReceived: (fn: Handler) => (s.headers = fn) },
  };
  return { session: session as unknown as Parameters<typeof secureSession>[0], s };
}

function navigate(handler: Handler, url: string): boolean {
  let prevented = false;
  handler({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

const APP = 'crosscheck://app/index.html';
/** Deps for tests that open no links: confirming or opening one fails the test. */
const noLinks = {
  confirmExternal: (): boolean => assert.fail('asked to confirm a link'),
  openExternal: () => assert.fail('opened a link'),
};

/** The listener secureContents puts on `event` of a page showing the app (asserting there is one). */
function guardOf(event: string): Handler {
  const f = fakeContents(APP);
  secureContents(f.contents, noLinks);
  const guard = f.on.get(event);
  assert.ok(guard, `${event} is guarded`);
  return guard;
}

function frameNavigate(handler: Handler, url: string, isMainFrame: boolean): boolean {
  let prevented = false;
  handler({ url, isMainFrame, preventDefault: () => (prevented = true) });
  return prevented;
}

describe('windowOptions', () => {
  const prefs = windowOptions('/app/dist/electron/preload.cjs');

  it('isolates and sandboxes the renderer and keeps Node out of it', () => {
    assert.equal(prefs.preload, '/app/dist/electron/preload.cjs');
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
  });

  it('keeps web security on and every escape hatch shut', () => {
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.safeDialogs, true);
  });

  it('offers DevTools only when asked (development)', () => {
    assert.equal(prefs.devTools, false);
    assert.equal(windowOptions('/p.cjs', { devTools: true }).devTools, true);
  });
});

describe('navigation', () => {
  it('denies navigating away from the app', () => {
    const f = fakeContents(APP);
    secureContents(f.contents, noLinks);
    const willNavigate = f.on.get('will-navigate')!;
    assert.ok(willNavigate, 'will-navigate is guarded');
    assert.equal(navigate(willNavigate, 'https://evil.example/'), true);
    assert.equal(navigate(willNavigate, 'file:///etc/passwd'), true);
    assert.equal(navigate(willNavigate, 'file:///opt/crosscheck/dist/renderer/index.html'), true);
    assert.equal(navigate(willNavigate, 'crosscheck://app/other.html'), true);
    assert.equal(navigate(willNavigate, 'javascript:alert(1)'), true);
  });

  it('allows the same page', () => {
    const f = fakeContents(APP);
    secureContents(f.contents, noLinks);
    assert.equal(navigate(f.on.get('will-navigate')!, `${APP}#/doc/3`), false);
    assert.equal(navigate(f.on.get('will-navigate')!, APP), false);
  });

  it('denies every frame navigation but the top frame staying on the app (will-frame-navigate)', () => {
    const guard = guardOf('will-frame-navigate');
    assert.equal(frameNavigate(guard, 'https://evil.example/', true), true);
    assert.equal(frameNavigate(guard, 'file:///etc/passwd', true), true);
    assert.equal(frameNavigate(guard, `${APP}#/doc/3`, true), false);
    // A frame the app never made (an injected iframe) goes nowhere, not even to the app's own page.
    assert.equal(frameNavigate(guard, 'https://evil.example/', false), true);
    assert.equal(frameNavigate(guard, APP, false), true);
  });

  it('denies a redirect that would take a navigation away from the app (will-redirect)', () => {
    const guard = guardOf('will-redirect');
    assert.equal(frameNavigate(guard, 'https://evil.example/', true), true);
    assert.equal(frameNavigate(guard, 'file:///home/u/.bashrc', true), true);
    assert.equal(frameNavigate(guard, 'crosscheck://app/other.html', true), true);
    assert.equal(frameNavigate(guard, 'https://evil.example/', false), true);
    assert.equal(frameNavigate(guard, APP, true), false);
  });

  it('refuses to attach webviews', () => {
    const f = fakeContents(APP);
    secureContents(f.contents, noLinks);
    assert.equal(navigate(f.on.get('will-attach-webview')!, ''), true);
  });
});

describe('new windows', () => {
  it('denies every window.open and hands only http(s) to the system browser', async () => {
    const opened: string[] = [];
    const f = fakeContents(APP);
    secureContents(f.contents, { confirmExternal: () => true, openExternal: (u) => void opened.push(u) });
    for (const url of [
      'https://example.org/a',
      'http://example.org/b',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
      APP,
    ]) {
      assert.deepEqual(f.open(url), { action: 'deny' }, url);
    }
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(opened, ['https://example.org/a', 'http://example.org/b']);
  });

  it('survives openExternal failing', async () => {
    const decision = windowOpenDecision('https://example.org', {
      confirmExternal: () => true,
      openExternal: () => Promise.reject(new Error('no browser')),
    });
    assert.deepEqual(decision, { action: 'deny' });
    await new Promise((r) => setImmediate(r));
  });

  it('asks before handing a link to the system browser, and opens nothing when the answer is no', async () => {
    const asked: string[] = [];
    const opened: string[] = [];
    const deps = (answer: boolean) => ({
      confirmExternal: async (u: string) => {
        asked.push(u);
        return answer;
      },
      openExternal: (u: string) => void opened.push(u),
    });
    windowOpenDecision('https://example.org/no', deps(false));
    windowOpenDecision('https://example.org/yes', deps(true));
    // Links that are never opened are never asked about either.
    windowOpenDecision('file:///etc/passwd', deps(true));
    windowOpenDecision('javascript:alert(1)', deps(true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(asked, ['https://example.org/no', 'https://example.org/yes']);
    assert.deepEqual(opened, ['https://example.org/yes']);
  });

  it('opens nothing when asking fails or answers something other than true', async () => {
    const opened: string[] = [];
    const openExternal = (u: string) => void opened.push(u);
    windowOpenDecision('https://example.org/a', { confirmExternal: () => Promise.reject(new Error('no window')), openExternal });
    windowOpenDecision('https://example.org/b', { confirmExternal: () => 1 as unknown as boolean, openExternal });
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(opened, []);
  });
});

describe('session', () => {
  it('denies every permission request and check', () => {
    const { session, s } = fakeSession();
    secureSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      let granted: boolean | null = null;
      s.request!({}, permission, (ok: boolean) => (granted = ok), {});
      assert.equal(granted, false, permission);
      assert.equal(s.check!({}, permission, 'file://', {}), false, permission);
    }
  });

  it('puts a strict CSP on every response, replacing one the response brought', () => {
    const { session, s } = fakeSession();
    secureSession(session);
    let answer: { responseHeaders: Record<string, string[]> } | null = null;
    s.headers!(
      { responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      (r: typeof answer) => (answer = r),
    );
    const headers = answer!.responseHeaders;
    assert.deepEqual(headers['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
    assert.equal(headers['content-security-policy'], undefined);
    assert.deepEqual(headers['Content-Type'], ['text/html']);
  });

  it('uses a policy that allows only the app itself', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    assert.deepEqual(directives, {
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
      'form-action': "'none'",
    });
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*/);
  });

  it('is the very policy the browser host sends (one definition for both hosts)', async () => {
    const { CSP } = await import('../server/static.js');
    assert.equal(CONTENT_SECURITY_POLICY, CSP);
  });

  it('adds the CSP when a response has no headers at all', () => {
    assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('applySecurity', () => {
  it('guards both the window and the session', () => {
    const f = fakeContents(APP);
    const { session, s } = fakeSession();
    applySecurity(f.contents, session, noLinks);
    assert.ok(f.on.get('will-navigate'));
    assert.ok(s.request && s.check && s.headers);
  });
});
