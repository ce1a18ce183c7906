/**
 * The desktop shell: one window, one open project, a native menu. What it decides lives in the small pure
 * modules beside it (tested without Electron); this file wires them to Electron and the backend.
 */
import { app, ipcMain, Menu, protocol, session, shell, type BrowserWindow } from 'electron';
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../common/errors.js';
import { projectName } from '../common/project-files.js';
import type { ImportReport } from '../common/model.js';
import { createSampleProject, openBackend, type Backend } from '../services/backend.js';
import { appScheme, createAppProtocolHandler } from './app-protocol.js';
import { CALL_CHANNEL, DROP_CHANNEL, type EventMessage, type MenuCommand } from './channels.js';
import { createDialogs } from './dialogs.js';
import { createDropHandler, createIpcHandler, forwardEvents, sendMenuCommand, trustedSenderCheck } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { createPathGrants } from './path-grants.js';
import { projectPathFromArgv, sampleProjectPath, shellPaths, startupCandidates, withExtension } from './paths.js';
import { externalLinkQuestion, externalOpenDecision, oneAtATime, openProjectQuestion } from './questions.js';
import { exportSummary, importSummary, progressValue } from './reports.js';
import { secureContents, secureSession } from './security.js';
import { addRecent, mergeSettings, readSettings, removeRecent, samePath, writeSettings, type Settings } from './settings.js';
import { APP_INDEX_URL, APP_SCHEME } from './urls.js';
import { createMainWindow } from './window.js';

const APP_NAME = 'Crosscheck';
const dev = !app.isPackaged;

// Fixed before anything reads it: started as `electron dist/electron/main.cjs`, Electron would call itself
// "Electron" and use that profile folder, and the single-instance lock is keyed on the folder.
// CROSSCHECK_HOME is the same override the CLI and the browser host honour (tests, a second profile).
app.setName(APP_NAME);
app.setPath('userData', process.env.CROSSCHECK_HOME || join(app.getPath('appData'), APP_NAME));
// The override exists for `npm start` (see scripts/start-electron.mjs); a packaged app loads its own build.
if (!dev) delete process.env.CROSSCHECK_SQLITE_BINDING;
app.enableSandbox();
// The renderer's own scheme (app-protocol.ts); privileges can only be registered before 'ready'.
protocol.registerSchemesAsPrivileged([appScheme]);

if (!app.requestSingleInstanceLock()) app.quit();
else run();

function run(): void {
  const paths = shellPaths({ dir: __dirname, packaged: app.isPackaged, resourcesPath: process.resourcesPath });
  const settingsFile = join(app.getPath('userData'), 'settings.json');
  let settings: Settings = readSettings(settingsFile);
  let backend: Backend | null = null;
  let stopForwarding = (): void => undefined;
  let win: BrowserWindow | null = null;
  let importing = false;
  let pendingOpen: string | null = null;
  const dialogs = createDialogs(() => win);
  // What the window's calls may name: the project's own folders and what the person chose (path-grants.ts).
  const grants = createPathGrants(() => backend?.path ?? null);
  // One question of each kind at a time: a burst of launches or links cannot stack dialogs.
  const askToSwitch = oneAtATime((o) => dialogs.ask(o));
  const askToBrowse = oneAtATime((o) => dialogs.ask(o));

  const saveSettings = (patch: Partial<Settings>): void => {
    settings = mergeSettings(settings, patch);
    try {
      writeSettings(settingsFile, settings);
    } catch (err) {
      // Losing the recent list is no reason to interrupt the user.
      console.error('crosscheck: could not save settings:', err);
    }
  };

  const liveWindow = (): BrowserWindow | null => (win && !win.isDestroyed() ? win : null);
  const send = (channel: string, message: EventMessage): void => liveWindow()?.webContents.send(channel, message);
  const command = (c: MenuCommand): void => sendMenuCommand(send, c);

  // ---- projects -------------------------------------------------------------------------------------------

  // Only New Project may create a file; opening a missing path must fail rather than make an empty project.
  const open = (path: string, create = false): Backend =>
    // Links met while walking a folder the person picked are confined to what they chose, like the window's calls.
    openBackend(path, { readOnly: !isWritable(path), mustExist: !create, pathCheck: (p, access) => grants.check(p, access), warm: true });

  /** Makes `next` the open project; the old one is closed only now, after the new one has opened. */
  const adopt = (next: Backend): void => {
    stopForwarding();
    const old = backend;
    backend = next;
    if (old && old !== next) old.close();
    const offEvents = forwardEvents(next, send);
    const offProgress = next.on('import.progress', (p) => liveWindow()?.setProgressBar(progressValue(p)));
    stopForwarding = () => {
      offEvents();
      offProgress();
    };
    saveSettings({ lastProject: next.path, recentProjects: addRecent(settings.recentProjects, next.path) });
    app.addRecentDocument(next.path);
    refreshMenu();
    updateTitle();
  };

  /** Opens (or creates) another project; on failure says why and keeps the current one. */
  const switchProject = (path: string, opts: { create?: boolean } = {}): void => {
    if (backend && samePath(path, backend.path)) return focus();
    if (importing) {
      dialogs.error('Import still running', path, 'Wait for the import to finish, then open the project again.');
      return;
    }
    let next: Backend;
    try {
      if (opts.create && existsSync(path)) {
        throw new Error('A file with that name already exists. Choose another name, or open it with File ▸ Open Project….');
      }
      if (!opts.create && !existsSync(path)) {
        throw new Error('The file is not there any more; it may have been moved or deleted.');
      }
      next = open(path, opts.create);
    } catch (err) {
      if (!opts.create && !existsSync(path)) {
        saveSettings({ recentProjects: removeRecent(settings.recentProjects, path) });
        refreshMenu();
      }
      dialogs.error(opts.create ? 'Could not create the project' : 'Could not open the project', path, err);
      return;
    }
    adopt(next);
    command('project.switched');
    liveWindow()?.webContents.reload();
  };

  /** Tries the command-line project, the last project, then the sample project (created on first run). */
  const openStartupProject = async (): Promise<void> => {
    const candidates = startupCandidates({
      argvProject: pendingOpen ?? projectPathFromArgv(process.argv, process.cwd()),
      lastProject: settings.lastProject,
      samplePath: sampleProjectPath(app.getPath('userData')),
      exists: existsSync,
    });
    pendingOpen = null;
    let lastError: unknown = new Error('there is no project to open');
    for (const c of candidates) {
      try {
        if (c.createSample) {
          mkdirSync(dirname(c.path), { recursive: true });
          await createSampleProject(c.path, paths.samplesDir);
        }
        adopt(open(c.path));
        return;
      } catch (err) {
        lastError = err;
        // A half-made sample would be taken for a real one at the next start.
        if (c.createSample) for (const f of [c.path, `${c.path}-wal`, `${c.path}-shm`]) rmSync(f, { force: true });
        dialogs.error(c.createSample ? 'Could not create the sample project' : 'Could not open the project', c.path, err);
      }
    }
    throw lastError;
  };

  // ---- menu actions ---------------------------------------------------------------------------------------

  const newProject = async (): Promise<void> => {
    const chosen = await dialogs.save({
      title: 'New Project',
      buttonLabel: 'Create',
      defaultPath: join(app.getPath('documents'), 'Untitled.crosscheck'),
      filters: [{ name: 'Crosscheck project', extensions: ['crosscheck'] }],
    });
    if (chosen) switchProject(withExtension(chosen), { create: true });
  };

  const openProject = async (): Promise<void> => {
    const chosen = await dialogs.open({
      title: 'Open Project',
      filters: [
        { name: 'Crosscheck project', extensions: ['crosscheck'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['openFile'],
    });
    if (chosen) switchProject(chosen[0]);
  };

  const importPaths = async (kind: 'files' | 'folder'): Promise<void> => {
    if (importing || !backend) return;
    const chosen = await dialogs.open({
      title: kind === 'files' ? 'Import Files' : 'Import Folder',
      buttonLabel: 'Import',
      properties: kind === 'files' ? ['openFile', 'multiSelections'] : ['openDirectory', 'multiSelections'],
    });
    if (!chosen || !backend) return;
    grants.grant(chosen, 'read');
    importing = true;
    try {
      // Progress reaches the renderer and the task bar through the backend's 'import.progress' events.
      const report = (await backend.call('import.paths', { paths: chosen })) as ImportReport;
      command('import.done');
      await dialogs.message(importSummary(report));
    } catch (err) {
      dialogs.error('Import failed', chosen.join('\n'), err);
    } finally {
      importing = false;
      liveWindow()?.setProgressBar(-1);
    }
  };

  const exportJsonl = async (): Promise<void> => {
    if (!backend) return;
    const chosen = await dialogs.save({
      title: 'Export JSONL',
      buttonLabel: 'Export',
      defaultPath: join(app.getPath('documents'), `${projectName(backend.path)}.jsonl`),
      filters: [{ name: 'JSON Lines', extensions: ['jsonl'] }],
    });
    if (!chosen || !backend) return;
    const path = withExtension(chosen, 'jsonl');
    grants.grant([path], 'write');
    try {
      // The save dialog has asked "Replace?" already; replace still only ever takes over an earlier JSONL export.
      const done = (await backend.call('export.toFile', { format: 'jsonl', path, replace: existsSync(path) })) as {
        path: string;
        documents: number;
        spans: number;
      };
      await dialogs.message({ type: 'info', ...exportSummary(done) });
    } catch (err) {
      dialogs.error('Export failed', path, err);
    }
  };

  const refreshMenu = (): void => {
    const template = buildMenuTemplate(
      {
        newProject: () => void newProject(),
        openProject: () => void openProject(),
        openRecent: (p) => switchProject(p),
        clearRecent: () => {
          saveSettings({ recentProjects: [] });
          app.clearRecentDocuments();
          refreshMenu();
        },
        importFiles: () => void importPaths('files'),
        importFolder: () => void importPaths('folder'),
        exportJsonl: () => void exportJsonl(),
        command,
      },
      { platform: process.platform, dev, recent: settings.recentProjects, appName: APP_NAME },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  // ---- window ---------------------------------------------------------------------------------------------

  const openWindow = (): void => {
    if (!existsSync(paths.rendererIndex)) {
      throw new Error(`${paths.rendererIndex} is missing. Run "npm run build" first.`);
    }
    const w = createMainWindow({
      url: APP_INDEX_URL,
      preload: paths.preload,
      dev,
      title: APP_NAME,
      savedBounds: settings.windowBounds,
      onBoundsChange: (windowBounds) => saveSettings({ windowBounds }),
    });
    win = w;
    w.on('closed', () => {
      if (win === w) win = null;
    });
    updateTitle();
  };

  const updateTitle = (): void => {
    const w = liveWindow();
    if (!w || !backend) return;
    w.setTitle(`${projectName(backend.path)} — ${APP_NAME}`);
    if (process.platform === 'darwin') w.setRepresentedFilename(backend.path);
  };

  const focus = (): void => {
    const w = liveWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.focus();
  };

  // ---- wiring ---------------------------------------------------------------------------------------------

  // Only the app's own page, served from its own scheme, may call; the file: URL of the same page may not.
  const fromApp = trustedSenderCheck({ rendererUrl: APP_INDEX_URL });
  ipcMain.handle(
    CALL_CHANNEL,
    createIpcHandler(
      () => {
        if (!backend) throw new AppError('Internal', 'No project is open.');
        return backend;
      },
      fromApp,
      // Paths in the window's calls (an export folder typed in the dialog, a backup to restore) must be in the
      // project's backups or exports folder, or chosen by the person; the menu's own dialogs call the backend directly.
      grants.check,
      // "Show in folder" after an export (export.deliver): the file itself, or the export's folder, selected.
      (delivered) => shell.showItemInFolder(delivered.path),
    ),
  );
  const onDrop = createDropHandler(fromApp, (path) => grants.grant([path], 'read'));
  ipcMain.on(DROP_CHANNEL, (event, path) => {
    event.returnValue = onDrop(event, path);
  });

  // Every webContents, not just our window's: nothing the app ever hosts may navigate or open windows.
  app.on('web-contents-created', (_e, contents) => {
    secureContents(contents, {
      confirmExternal: (url) => askToBrowse(externalLinkQuestion(url)),
      openExternal: (url) => shell.openExternal(url),
    });
  });

  /** Another program asks to open a project: asked first, unless nothing is open yet or it is the open one. */
  const requestOpen = async (path: string): Promise<void> => {
    switch (externalOpenDecision({ current: backend?.path ?? null, requested: path, samePath })) {
      case 'open':
        return switchProject(path);
      case 'focus':
        return focus();
      case 'ask':
        if (await askToSwitch(openProjectQuestion(path))) switchProject(path);
    }
  };

  app.on('second-instance', (_e, argv, cwd) => {
    focus();
    const p = projectPathFromArgv(argv, cwd);
    if (p) void requestOpen(p);
  });

  // macOS hands over double-clicked files as an event, possibly before 'ready'.
  app.on('open-file', (e, path) => {
    e.preventDefault();
    if (backend) void requestOpen(path);
    else pendingOpen = path;
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (!win && backend) openWindow();
  });

  app.on('will-quit', () => {
    stopForwarding();
    backend?.close();
    backend = null;
  });

  app
    .whenReady()
    .then(async () => {
      secureSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(dirname(paths.rendererIndex)));
      await openStartupProject();
      refreshMenu();
      openWindow();
    })
    .catch((err: unknown) => {
      dialogs.error('Crosscheck could not start', '', err);
      app.exit(1);
    });
}

/** A project the user may not write (a shared or archived file) opens read-only instead of failing. */
function isWritable(path: string): boolean {
  if (!existsSync(path)) return true;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
