// Runs the real bundled main process against a fake `electron` module and the real backend: the one check
// that main.ts wires its pieces together (Electron itself cannot run in CI). One file of about 400 lines because
// every case drives the one fake Electron and the one main process it starts, in order.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CALL_CHANNEL, DROP_CHANNEL, EVENT_CHANNEL, type EventMessage, type Reply } from './channels.js';

type Fn = (...args: any[]) => any;
interface Item {
  label?: string;
  role?: string;
  click?: Fn;
  submenu?: Item[];
}

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'crosscheck-main-'));
const home = join(tmp, 'home');
const rendererIndex = join(tmp, 'dist', 'renderer', 'index.html');
// The window's page is served from the app's own scheme; its file: URL is just another local file.
const rendererUrl = 'crosscheck://app/index.html';
const rendererFileUrl = pathToFileURL(rendererIndex).href;

// ---- the fake electron -----------------------------------------------------------------------------------

const errors: string[] = [];
const messages: string[] = [];
const appEvents: Record<string, Fn[]> = {};
const ipcHandlers: Record<string, Fn> = {};
const ipcListeners: Record<string, Fn> = {};
const protocols = { privileged: [] as { scheme: string; privileges: Record<string, boolean> }[], handlers: {} as Record<string, Fn> };
const questions: { message: string; detail: string }[] = [];
const opened: string[] = [];
let nextAnswer = 0;
const windows: FakeWindow[] = [];
const session = { permissionRequest: null as Fn | null, headers: null as Fn | null };
let menu: Item[] = [];
let exitCode: number | null = null;
let nextSave: string | null = null;
let nextOpen: string[] | null = null;

class FakeWindow {
  events: Record<string, Fn[]> = {};
  sent: EventMessage[] = [];
  title = '';
  loaded = '';
  reloads = 0;
  destroyed = false;
  webContents = {
    send: (channel: string, m: EventMessage) => {
      assert.equal(channel, EVENT_CHANNEL);
      this.sent.push(m);
    },
    on: () => undefined,
    reload: () => void this.reloads++,
  };
  constructor(public options: { webPreferences: Record<string, unknown> }) {
    windows.push(this);
  }
  on(e: string, f: Fn) {
    (this.events[e] ??= []).push(f);
    return this;
  }
  once(e: string, f: Fn) {
    return this.on(e, f);
  }
  emit(e: string) {
    for (const f of this.events[e] ?? []) f({ preventDefault: () => undefined });
  }
  async loadURL(u: string) {
    this.loaded = u;
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 40, y: 30, width: 1111, height: 777 });
  setTitle(t: string) {
    this.title = t;
  }
  setRepresentedFilename() {}
  setProgressBar() {}
  maximize() {}
  show() {}
  focus() {}
  restore() {}
}

const paths: Record<string, string> = { appData: join(tmp, 'appData'), documents: join(tmp, 'documents') };
const fakeElectron = {
  app: {
    isPackaged: false,
    setName: () => undefined,
    getPath: (n: string) => paths[n] ?? join(tmp, n),
    setPath: (n: string, p: string) => void (paths[n] = p),
    enableSandbox: () => undefined,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    exit: (code: number) => void (exitCode = code),
    on: (e: string, f: Fn) => void (appEvents[e] ??= []).push(f),
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    addRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
  },
  ipcMain: {
    handle: (c: string, f: Fn) => void (ipcHandlers[c] = f),
    on: (c: string, f: Fn) => void (ipcListeners[c] = f),
  },
  protocol: {
    registerSchemesAsPrivileged: (s: typeof protocols.privileged) => void protocols.privileged.push(...s),
    handle: (scheme: string, f: Fn) => void (protocols.handlers[scheme] = f),
  },
  Menu: { buildFromTemplate: (t: Item[]) => t, setApplicationMenu: (m: Item[]) => void (menu = m) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (f: Fn) => void (session.permissionRequest = f),
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: (f: Fn) => void (session.headers = f) },
    },
  },
  shell: { openExternal: async (u: string) => void opened.push(u) },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showErrorBox: (title: string, body: string) => void errors.push(`${title}: ${body}`),
    showSaveDialog: async () => (nextSave ? { canceled: false, filePath: nextSave } : { canceled: true }),
    showOpenDialog: async () => (nextOpen ? { canceled: false, filePaths: nextOpen } : { canceled: true, filePaths: [] }),
    showMessageBox: async (_w: unknown, o: { message: string; detail: string; type?: string }) => {
      if (o.type === 'question') {
        questions.push(o);
        return { response: nextAnswer };
      }
      messages.push(`${o.message}: ${o.detail}`);
      return { response: 0 };
    },
  },
  BrowserWindow: FakeWindow,
};

// ---- helpers ---------------------------------------------------------------------------------------------

/** A webContents as secureContents sees it; `open` plays the page calling window.open. */
function fakeContents() {
  let openHandler: Fn = () => undefined;
  const contents = {
    on: () => contents,
    setWindowOpenHandler: (f: Fn) => void (openHandler = f),
    getURL: () => rendererUrl,
  };
  return { contents, open: (url: string) => openHandler({ url }) };
}

const call = async (method: string, args: unknown, url = rendererUrl): Promise<Reply> =>
  ipcHandlers[CALL_CHANNEL]({ senderFrame: { url, parent: null } }, method, args);

/** What the preload does when the page asks for a dropped file's path; returns main's answer. */
const drop = (path: string, url = rendererUrl): unknown => {
  const event: { senderFrame: { url: string; parent: null }; returnValue?: unknown } = { senderFrame: { url, parent: null } };
  ipcListeners[DROP_CHANNEL](event, path);
  return event.returnValue;
};

const errorName = (r: Reply): string | null => (r.ok ? null : r.error.name);

const total = async (): Promise<number> => {
  const r = await call('documents.list', {});
  assert.ok(r.ok, JSON.stringify(r));
  return (r.value as { total: number }).total;
};

function menuItem(...labels: string[]): Item {
  let items = menu;
  let found: Item | undefined;
  for (const l of labels) {
    found = items.find((i) => (i.label ?? '').replace('&', '') === l || (i.label ?? '').startsWith(l));
    assert.ok(found, `menu item ${labels.join(' > ')}`);
    items = found.submenu ?? [];
  }
  return found!;
}

/** Lets every promise chain the fakes started run to its end (they resolve at once): bounded by turns, not time. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/**
 * Waits for a condition, looking every 25 ms. The bound (4,800 looks, about 2 minutes) is only a hang guard:
 * what is awaited takes milliseconds to a few seconds even on a loaded machine, so it cannot trip on a healthy one.
 */
async function waitFor(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 4800; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`timed out waiting for ${what}; errors: ${errors.join(' | ')}`);
}

// ---- the run ---------------------------------------------------------------------------------------------

describe('main process (fake electron, real backend)', () => {
  let win: FakeWindow;
  const resolveOriginal = (Module as unknown as { _resolveFilename: Fn })._resolveFilename;

  before(async () => {
    mkdirSync(join(tmp, 'dist', 'renderer'), { recursive: true });
    mkdirSync(join(tmp, 'samples'), { recursive: true });
    writeFileSync(rendererIndex, '<!doctype html><title>x</title>');
    symlinkSync(join(repo, 'samples', 'corpus'), join(tmp, 'samples', 'corpus'), 'junction');
    await build({
      entryPoints: [join(repo, 'electron', 'main.ts')],
      outfile: join(tmp, 'dist', 'electron', 'main.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      logLevel: 'error',
    });
    const repoRequire = createRequire(join(repo, 'package.json'));
    const sqlite = repoRequire.resolve('better-sqlite3');
    const M = Module as unknown as { _resolveFilename: Fn; _cache: Record<string, unknown> };
    M._cache['fake:electron'] = { id: 'fake:electron', filename: 'fake:electron', loaded: true, exports: fakeElectron };
    M._resolveFilename = function (request: string, ...rest: unknown[]) {
      if (request === 'electron') return 'fake:electron';
      if (request === 'better-sqlite3') return sqlite;
      return resolveOriginal.call(this, request, ...rest);
    };
    process.env.CROSSCHECK_HOME = home;
    createRequire(import.meta.url)(join(tmp, 'dist', 'electron', 'main.cjs'));
    await waitFor('the window', () => windows.length > 0 || exitCode !== null);
    assert.equal(exitCode, null, errors.join(' | '));
    win = windows[0];
  });

  after(() => {
    for (const f of appEvents['will-quit'] ?? []) f();
    (Module as unknown as { _resolveFilename: Fn })._resolveFilename = resolveOriginal;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the sample project on first run and opens one secure window on the renderer', async () => {
    assert.deepEqual(errors, []);
    assert.ok(existsSync(join(home, 'Sample project.crosscheck')));
    assert.equal(await total(), 5);
    assert.equal(win.loaded, rendererUrl);
    assert.equal(win.title, 'Sample project — Crosscheck');
    const prefs = win.options.webPreferences;
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.preload, join(tmp, 'dist', 'electron', 'preload.cjs'));
    assert.ok(session.permissionRequest && session.headers, 'the session is locked down');
  });

  it('answers only its own window', async () => {
    assert.equal((await call('labels.list', {})).ok, true);
    const r = await call('labels.list', {}, 'https://evil.example/');
    assert.deepEqual(r.ok ? null : r.error.name, 'Forbidden');
  });

  it('serves the window from its own privileged scheme, never from file:', async () => {
    assert.deepEqual(protocols.privileged, [{ scheme: 'crosscheck', privileges: { standard: true, secure: true } }]);
    const serve = protocols.handlers.crosscheck;
    assert.ok(serve, 'the crosscheck: scheme has a handler');
    const page = (await serve({ url: rendererUrl, method: 'GET' })) as Response;
    assert.equal(page.status, 200);
    assert.equal(await page.text(), '<!doctype html><title>x</title>');
    const out = (await serve({ url: 'crosscheck://app/..%2F..%2Fhome%2Fsettings.json', method: 'GET' })) as Response;
    assert.equal(out.status, 404);
    assert.equal(errorName(await call('labels.list', {}, rendererFileUrl)), 'Forbidden');
  });

  it("refuses a window call naming ~/.bashrc, or any file beside the project it was not given", async () => {
    const bashrc = join(home, '.bashrc');
    const before = existsSync(bashrc);
    const r = await call('export.toFile', { format: 'jsonl', path: bashrc });
    assert.equal(errorName(r), 'InvalidInput', JSON.stringify(r));
    assert.equal(existsSync(bashrc), before);
    assert.equal(errorName(await call('import.paths', { paths: [join(home, 'settings.json')] })), 'InvalidInput');
    // The project's own exports folder is the window's to write.
    const dest = join(home, 'Sample project exports', 'jsonl now');
    const fine = await call('export.run', { format: 'jsonl', dest });
    assert.equal(fine.ok, true, JSON.stringify(fine));
  });

  it('asks before a link leaves for the system browser', async () => {
    const contents = fakeContents();
    for (const f of appEvents['web-contents-created'] ?? []) f({}, contents.contents);
    nextAnswer = 1;
    contents.open('https://example.org/no');
    await waitFor('the question', () => questions.length === 1);
    await settle();
    assert.deepEqual(opened, []);
    nextAnswer = 0;
    contents.open('https://example.org/yes');
    await waitFor('the browser', () => opened.length === 1);
    assert.deepEqual(questions.map((q) => q.message), ['Open example.org in your browser?', 'Open example.org in your browser?']);
    assert.deepEqual(opened, ['https://example.org/yes']);
    questions.length = 0;
  });

  it('creates a new project from the menu, switches to it and reloads the window', async () => {
    nextSave = join(tmp, 'Notes');
    menuItem('File', 'New Project…').click!();
    await waitFor('the switch', () => win.title === 'Notes — Crosscheck');
    assert.ok(existsSync(join(tmp, 'Notes.crosscheck')));
    assert.equal(await total(), 0);
    assert.equal(win.reloads, 1);
    assert.deepEqual(win.sent.at(-1), { event: 'menu.command', payload: { command: 'project.switched' } });
  });

  it('imports a folder from the menu, forwarding events and telling the renderer when done', async () => {
    nextOpen = [join(repo, 'samples', 'corpus')];
    menuItem('File', 'Import Folder…').click!();
    await waitFor('the import', () => messages.some((m) => m.startsWith('Import finished')));
    assert.equal(await total(), 5);
    const events = win.sent.map((m) => m.event);
    assert.ok(events.includes('import.progress'), events.join());
    assert.deepEqual(win.sent.at(-1), { event: 'menu.command', payload: { command: 'import.done' } });
  });

  it('keeps the current project when another cannot be opened, and says why', async () => {
    const junk = join(tmp, 'junk.crosscheck');
    writeFileSync(junk, 'not a database '.repeat(200));
    for (const path of [junk, join(tmp, 'gone.crosscheck')]) {
      const before = errors.length;
      nextOpen = [path];
      menuItem('File', 'Open Project…').click!();
      await waitFor('the error dialog', () => errors.length > before);
      assert.match(errors.at(-1)!, /^Could not open the project: /);
      assert.ok(errors.at(-1)!.includes(path));
      assert.equal(win.title, 'Notes — Crosscheck');
      assert.equal(await total(), 5);
    }
  });

  it('remembers the last project, the recent list and the window bounds', async () => {
    win.emit('resize');
    win.emit('close');
    const saved = JSON.parse(readFileSync(join(home, 'settings.json'), 'utf8'));
    assert.equal(saved.lastProject, join(tmp, 'Notes.crosscheck'));
    assert.deepEqual(saved.recentProjects, [join(tmp, 'Notes.crosscheck'), join(home, 'Sample project.crosscheck')]);
    assert.deepEqual(saved.windowBounds, { x: 40, y: 30, width: 1111, height: 777, maximized: false });
  });

  it('switches back through Open Recent', async () => {
    menuItem('File', 'Open Recent', 'Sample project.crosscheck').click!();
    await waitFor('the switch', () => win.title === 'Sample project — Crosscheck');
    assert.equal(await total(), 5);
  });

  it("lets the window read a dropped file, but not write it, and takes drops from the app's page only", async () => {
    const dropped = join(tmp, 'dropped');
    mkdirSync(dropped, { recursive: true });
    writeFileSync(join(dropped, 'a.txt'), 'A dropped article.');
    assert.equal(drop(join(tmp, 'documents'), 'https://evil.example/'), false);
    assert.equal(errorName(await call('import.paths', { paths: [join(dropped, 'a.txt')] })), 'InvalidInput');
    assert.equal(drop(dropped), true);
    const before = await total();
    const r = await call('import.paths', { paths: [join(dropped, 'a.txt')] });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(await total(), before + 1);
    assert.equal(errorName(await call('export.toFile', { format: 'jsonl', path: join(dropped, 'a.txt') })), 'InvalidInput');
  });

  it('asks before a second launch switches the open project, and keeps it when told no', async () => {
    const notes = join(tmp, 'Notes.crosscheck');
    const secondInstance = (path: string) => {
      for (const f of appEvents['second-instance'] ?? []) f({}, ['electron', '.', path], tmp);
    };
    nextAnswer = 1;
    secondInstance(notes);
    await waitFor('the question', () => questions.length === 1);
    assert.equal(questions[0].message, 'Open Notes?');
    assert.match(questions[0].detail, /The current project stays saved\./);
    await settle();
    assert.equal(win.title, 'Sample project — Crosscheck');
    nextAnswer = 0;
    secondInstance(notes);
    await waitFor('the switch', () => win.title === 'Notes — Crosscheck');
    assert.equal(questions.length, 2);
    // The open project itself: no question, just the window to the front.
    secondInstance(notes);
    await settle();
    assert.equal(questions.length, 2);
  });

  it('asks before a file handed over by the system (open-file) switches the project', async () => {
    const sample = join(home, 'Sample project.crosscheck');
    nextAnswer = 1;
    for (const f of appEvents['open-file'] ?? []) f({ preventDefault: () => undefined }, sample);
    await waitFor('the question', () => questions.length === 3);
    assert.equal(questions[2].message, 'Open Sample project?');
    await settle();
    assert.equal(win.title, 'Notes — Crosscheck');
  });
});
