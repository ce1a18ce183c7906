/** Native dialogs, modal to the window when there is one. */
import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { errorText } from './reports.js';

export function createDialogs(getWindow: () => BrowserWindow | null) {
  const parent = (): BrowserWindow | null => {
    const w = getWindow();
    return w && !w.isDestroyed() ? w : null;
  };
  return {
    async save(o: SaveDialogOptions): Promise<string | null> {
      const p = parent();
      const r = p ? await dialog.showSaveDialog(p, o) : await dialog.showSaveDialog(o);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async open(o: OpenDialogOptions): Promise<string[] | null> {
      const p = parent();
      const r = p ? await dialog.showOpenDialog(p, o) : await dialog.showOpenDialog(o);
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths;
    },
    /** Shows a message box; resolves with the index of the button chosen. */
    async ask(o: MessageBoxOptions): Promise<number> {
      const p = parent();
      const r = await (p ? dialog.showMessageBox(p, o) : dialog.showMessageBox(o));
      return r.response;
    },
    async message(o: MessageBoxOptions): Promise<void> {
      await this.ask(o);
    },
    /** Synchronous and usable before 'ready', hence showErrorBox for every failure. */
    error(title: string, path: string, err: unknown): void {
      dialog.showErrorBox(title, errorText(path, err));
    },
  };
}

export type Dialogs = ReturnType<typeof createDialogs>;
