/**
 * The main-process side of the wire, free of Electron imports so that tests drive it with fake frames:
 * one handler for every contract call, and one forwarder for every backend event.
 */
import { isAbsolute } from 'node:path';
import { delivers, isMethod } from '../common/contract.js';
import { AppError, toWireError } from '../common/errors.js';
import { backendEvents, type EventName } from '../common/events.js';
import type { Backend } from '../services/backend.js';
import { checkCallPaths, type PathCheck } from '../services/path-policy.js';
import { EVENT_CHANNEL, type EventMessage, type MenuCommand, type Reply } from './channels.js';
import { isSameDocument, originOf } from './urls.js';

/** The part of WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent?: FrameLike | null;
}

/** The part of IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  readonly senderFrame: FrameLike | null;
}

export type Send = (channel: string, message: EventMessage) => void;

const forbidden: Reply = {
  ok: false,
  error: { name: 'Forbidden', message: 'Only the Crosscheck window may call the Crosscheck backend.' },
};

/**
 * The function for `ipcMain.handle(CALL_CHANNEL, …)`. Never throws: every failure becomes a Reply.
 * `checkPath` sees every file-system path the contract says the call names (common/contract.ts `paths`)
 * before the call runs, exactly as the browser host's check does. `deliver` receives the result of a method the
 * contract declares `delivers` (export.deliver: `{path}`), which the desktop hands over by showing it in the file
 * manager (main.ts: shell.showItemInFolder).
 */
export function createIpcHandler(
  getBackend: () => Pick<Backend, 'call'>,
  isTrustedSender: (frame: FrameLike | null) => boolean,
  checkPath: PathCheck,
  deliver: (result: { path: string }) => void = () => {},
): (event: InvokeEventLike, method: unknown, args: unknown) => Promise<Reply> {
  return async (event, method, args) => {
    if (!isTrustedSender(event.senderFrame)) return forbidden;
    try {
      if (typeof method !== 'string') throw new AppError('InvalidInput', 'method must be a string');
      if (isMethod(method)) checkCallPaths(method, args, checkPath);
      const value = await getBackend().call(method, args);
      if (isMethod(method) && delivers(method)) deliver(value as { path: string });
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  };
}

/**
 * Accepts only the top frame showing the app's own renderer page (`rendererUrl`, any query or fragment),
 * or a page from one of `trustedOrigins` (e.g. a dev server). Subframes and everything else are refused.
 */
export function trustedSenderCheck(opts: {
  rendererUrl: string;
  trustedOrigins?: readonly string[];
}): (frame: FrameLike | null) => boolean {
  const origins = new Set((opts.trustedOrigins ?? []).filter((o) => o !== 'null'));
  return (frame) => {
    if (!frame || frame.parent) return false;
    if (isSameDocument(frame.url, opts.rendererUrl)) return true;
    const origin = originOf(frame.url);
    return origin !== null && origins.has(origin);
  };
}

/** The longest path a drop may report (Linux's PATH_MAX; Windows and macOS allow less). */
const MAX_PATH = 4096;

/**
 * The function for `ipcMain.on(DROP_CHANNEL, …)` (the caller sets `event.returnValue` to its answer): records the
 * path of a file dropped on the app's own page for reading, through `grantRead`. Refuses (false) a foreign or
 * sub-frame sender and anything that is not an absolute path of sane length. Never throws.
 */
export function createDropHandler(
  isTrustedSender: (frame: FrameLike | null) => boolean,
  grantRead: (path: string) => void,
): (event: InvokeEventLike, path: unknown) => boolean {
  return (event, path) => {
    if (!isTrustedSender(event.senderFrame)) return false;
    if (typeof path !== 'string' || path.length > MAX_PATH || path.includes('\0') || !isAbsolute(path)) return false;
    grantRead(path);
    return true;
  };
}

/** Forwards every event the backend emits to the window; returns the function that stops forwarding. */
export function forwardEvents(
  backend: Pick<Backend, 'on'>,
  send: Send,
  names: readonly EventName[] = backendEvents,
): () => void {
  const offs = names.map((event) =>
    backend.on(event, (payload) => send(EVENT_CHANNEL, { event, payload } as EventMessage)),
  );
  return () => {
    for (const off of offs.splice(0)) off();
  };
}

/** Menu items reach the renderer as 'menu.command' events on the same channel as backend events. */
export function sendMenuCommand(send: Send, command: MenuCommand): void {
  send(EVENT_CHANNEL, { event: 'menu.command', payload: { command } });
}
