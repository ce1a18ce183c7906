/**
 * Runs sandboxed, before the renderer: exposes `window.crosscheck` and nothing else.
 * All logic is in bridge.ts so that it can be tested without Electron.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(
  'crosscheck',
  // The renderer hands back the File objects it got from a drop or a picker; only those have a path.
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)),
);
