/**
 * What the Electron preload exposes to the renderer as `window.crosscheck`, and nothing else: the one type both
 * sides of the desktop bridge are written against (electron/bridge.ts builds it, renderer/backend/ipc.ts uses it).
 */
import type { WireError } from './errors.js';
import type { EventMap, EventName } from './events.js';

/** A dropped file as the renderer holds it (a DOM `File`); only Electron can tell its path on disk. */
export interface DroppedFile {
  readonly name: string;
}

export interface CrosscheckBridge {
  /**
   * Runs one contract method. Rejects with a plain `{name, message}` (a WireError), not an Error: an Error
   * crossing contextBridge arrives as a bare `Error(message)` and loses its name. Rebuild it with
   * `fromWireError` from common/errors.ts.
   */
  call(method: string, args?: unknown): Promise<unknown>;
  /** Subscribes to one event of EventMap; returns the unsubscribe function. Unknown names throw. */
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  /** The file-system path of a dropped file (or folder), '' when it has none. */
  pathForFile(file: DroppedFile): string;
}

export type { WireError };
