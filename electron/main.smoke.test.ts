// Runs the real bundled main process against a fake `electron` module and the real backend: the one check
// that main.ts wires its pieces together (Electron itself cannot run in CI).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { CALL_CHANNEL, EVENT_CHANNEL, type EventMessage, type Reply } from './channels.js';

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
const rendererUrl = pathToFileURL(rendererIndex).href;

// ---- the fake electron -----------------------------------------------------------------------------------

const errors: string[] = [];
const messages: string[] = [];
const appEvents: Record<string, Fn[]> = {};
const ipcHandlers: Record<string, Fn> = {};
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
  async loadFile(f: string) {
    this.loaded = f;
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
  ipcMain: { handle: (c: string, f: Fn) => void (ipcHandlers[c] = f) },
  Menu: { buildFromTemplate: (t: Item[]) => t, setApplicationMenu: (m: Item[]) => void (menu = m) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (f: Fn) => void (session.permissionRequest = f),
      setPermissionCheckHandler: () => undefined,
      webRequest: { onHeadersReceived: (f: Fn) => void (session.headers = f) },
    },
  },
  shell: { openExternal: async () => undefined },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showErrorBox: (title: string, body: string) => void errors.push(`${title}: ${body}`),
    showSaveDialog: async () => (nextSave ? { canceled: false, filePath: nextSave } : { canceled: true }),
    showOpenDialog: async () => (nextOpen ? { canceled: false, filePaths: nextOpen } : { canceled: true, filePaths: [] }),
    showMessageBox: async (_w: unknown, o: { message: string; detail: string }) => {
      messages.push(`${o.message}: ${o.detail}`);
      return { response: 0 };
    },
  },
  BrowserWindow: FakeWindow,
};

// ---- helpers ---------------------------------------------------------------------------------------------

const call = async (method: string, args: unknown, url = rendererUrl): Promise<Reply> =>
  ipcHandlers[CALL_CHANNEL]({ senderFrame: { url, parent: null } }, method, args);

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

async function waitFor(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
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
    assert.equal(win.loaded, rendererIndex);
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
});
