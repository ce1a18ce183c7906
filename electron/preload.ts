/**
 * Runs sandboxed, before the renderer: exposes `window.crosscheck` and nothing else.
 * All logic is in bridge.ts so that it can be tested without Electron.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld(
  'crosscheck',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
