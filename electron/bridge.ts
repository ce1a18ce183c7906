/**
 * What the preload exposes as `window.crosscheck`, built from injected Electron pieces so that it runs and is
 * tested under plain Node. Its type, CrosscheckBridge, lives in common/bridge.ts, shared with the renderer.
 */
import type { WireError } from '../common/errors.js';
import { isEventName, type EventName } from '../common/events.js';
import type { CrosscheckBridge, DroppedFile } from '../common/bridge.js';
import { CALL_CHANNEL, DROP_CHANNEL, EVENT_CHANNEL, type Reply } from './channels.js';

export type { CrosscheckBridge };

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  sendSync(channel: string, ...args: unknown[]): unknown;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
}

export function createBridge(ipc: IpcRendererLike, getPathForFile: (file: DroppedFile) => string): CrosscheckBridge {
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  let listening = false;

  // One IPC listener for all subscriptions: no listener leak warnings, and unknown messages stop here.
  const dispatch: Listener = (_event, message) => {
    if (!isEventMessage(message)) return;
    for (const cb of [...(subscribers.get(message.event) ?? [])]) {
      try {
        cb(message.payload);
      } catch (err) {
        // One failing subscriber must not starve the others.
        console.error(`crosscheck: a "${message.event}" handler threw`, err);
      }
    }
  };

  return {
    async call(method, args) {
      if (typeof method !== 'string') throw wire('InvalidInput', 'method must be a string');
      return unwrapReply(await ipc.invoke(CALL_CHANNEL, method, args ?? {}));
    },

    on(event, cb) {
      if (!isEventName(event)) throw new Error(`crosscheck.on: unknown event ${JSON.stringify(event)}`);
      if (typeof cb !== 'function') throw new Error('crosscheck.on: the callback must be a function');
      if (!listening) {
        ipc.on(EVENT_CHANNEL, dispatch);
        listening = true;
      }
      const set = subscribers.get(event) ?? new Set();
      subscribers.set(event, set);
      const fn = cb as (payload: unknown) => void;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },

    // The one way the page learns a dropped file's path, hence the one place main learns that the person chose
    // it: calls may then name the path for reading (electron/path-grants.ts). A File a script made has no path.
    pathForFile(file) {
      const path = getPathForFile(file);
      if (path) {
        try {
          ipc.sendSync(DROP_CHANNEL, path);
        } catch (err) {
          // The path is still the right answer; a call naming it will be refused with a message saying why.
          console.error('crosscheck: could not tell the shell about a dropped file', err);
        }
      }
      return path;
    },
  };
}

/** Turns a call reply into its value, or throws its `{name, message}`. */
export function unwrapReply(reply: unknown): unknown {
  if (reply && typeof reply === 'object' && 'ok' in reply) {
    const r = reply as Reply;
    if (r.ok === true) return r.value;
    if (r.ok === false && r.error && typeof r.error === 'object') {
      throw wire(String(r.error.name), String(r.error.message));
    }
  }
  throw wire('Internal', 'The desktop shell sent a malformed reply.');
}

function wire(name: string, message: string): WireError {
  return { name, message };
}

function isEventMessage(m: unknown): m is { event: EventName; payload: unknown } {
  return !!m && typeof m === 'object' && isEventName((m as { event?: unknown }).event);
}
