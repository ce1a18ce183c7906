/**
 * The native menu as data: a pure function of the actions and the current state, so tests can read every
 * item and accelerator, and main.ts rebuilds it whenever the recent list changes.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { basename, dirname } from 'node:path';
import type { MenuCommand } from './channels.js';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  importFiles(): void;
  importFolder(): void;
  exportJsonl(): void;
  /** Forwards a command to the renderer, which owns undo history and the label shortcuts. */
  command(command: MenuCommand): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  /** Shows developer items (DevTools). */
  dev: boolean;
  recent: readonly string[];
  appName: string;
}

/** The default labels; their shortcut keys are what 'label:<key>' names, whatever the user renames them to. */
export const TAG_ITEMS: readonly { key: string; name: string }[] = [
  { key: '1', name: 'claim' },
  { key: '2', name: 'speaker' },
  { key: '3', name: 'figure' },
];

export function buildMenuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';

  const recentItems: MenuItemConstructorOptions[] = state.recent.length
    ? [
        ...state.recent.map((p) => ({
          label: escapeMnemonic(`${basename(p)} — ${dirname(p)}`),
          click: () => actions.openRecent(p),
        })),
        { type: 'separator' as const },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Projects', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      { label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFiles() },
      { label: 'Import Folder…', accelerator: 'CmdOrCtrl+Shift+I', click: () => actions.importFolder() },
      { type: 'separator' },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export') },
      { label: 'Export JSONL to a File…', click: () => actions.exportJsonl() },
      // On macOS Quit lives in the application menu.
      ...(mac ? [] : [{ type: 'separator' as const }, { label: 'Quit', role: 'quit' as const, accelerator: 'CmdOrCtrl+Q' }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Annotation undo lives in the renderer; the menu only asks for it.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.command('undo') },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => actions.command('redo') },
      { type: 'separator' },
      // Cut and Paste are here for the search box: on macOS text fields get them only through the menu.
      { role: 'cut' },
      { label: 'Copy', role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste' },
      { label: 'Select All', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
    ],
  };

  const annotate: MenuItemConstructorOptions = {
    label: '&Annotate',
    // No accelerators: a bare digit as a menu accelerator would swallow digits typed into the search box.
    // The renderer handles the keys itself; the menu shows them and offers the same commands by mouse.
    submenu: TAG_ITEMS.map(({ key, name }) => ({
      label: `Tag as ${name} (${key})`,
      click: () => actions.command(`label:${key}`),
    })),
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(state.dev ? [{ role: 'toggleDevTools' as const }] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [...(mac ? [appMenu] : []), file, edit, annotate, view, ...(mac ? [{ role: 'windowMenu' as const }] : [])];
}

/** On Windows and Linux `&` marks a mnemonic; a path such as "R&D/notes" must show its ampersand. */
function escapeMnemonic(label: string): string {
  return label.replace(/&/g, '&&');
}
