/** The one application window: safe bounds in, debounced bounds out. */
import { BrowserWindow, screen } from 'electron';
import { windowOptions } from './security.js';
import type { WindowBounds } from './settings.js';
import { debounce, MIN_SIZE, sanitizeBounds } from './window-bounds.js';

export function createMainWindow(opts: {
  /** The page to load: the renderer on the app's own scheme (urls.ts APP_INDEX_URL), never a file: URL. */
  url: string;
  preload: string;
  dev: boolean;
  title: string;
  savedBounds: WindowBounds | null;
  onBoundsChange(bounds: WindowBounds): void;
}): BrowserWindow {
  const bounds = sanitizeBounds(opts.savedBounds, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: opts.title,
    backgroundColor: '#ffffff',
    webPreferences: windowOptions(opts.preload, { devTools: opts.dev }),
  });
  if (bounds.maximized) win.maximize();

  // Normal bounds, so that closing a maximised window still remembers the size to restore to.
  const save = debounce(() => {
    if (win.isDestroyed() || win.isMinimized()) return;
    opts.onBoundsChange({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  }, 500);
  win.on('resize', save);
  win.on('move', save);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', () => save.flush());
  win.on('closed', () => save.cancel());

  // The title names the project; the page's <title> must not replace it.
  win.on('page-title-updated', (e) => e.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit') console.error('crosscheck: the window crashed:', details.reason);
  });
  void win.loadURL(opts.url);
  return win;
}
