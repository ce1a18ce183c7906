/**
 * The whole wire between the sandboxed renderer and the main process: two channels, whatever the feature, and
 * a third for the paths of dropped files.
 * Imported by both sides (the preload bundle and main), so it holds types and constants only.
 */
import type { WireError } from '../common/errors.js';
import type { EventMap, EventName } from '../common/events.js';

/** `ipcRenderer.invoke(CALL_CHANNEL, method, args)` runs one contract method. */
export const CALL_CHANNEL = 'crosscheck:call';
/** Main pushes every event (backend events and menu commands) as an `EventMessage` here. */
export const EVENT_CHANNEL = 'crosscheck:event';
/**
 * `ipcRenderer.sendSync(DROP_CHANNEL, path)`: the preload tells main the path of a file the person dropped (or
 * picked in the page's file input), so that calls may then name it for reading (electron/path-grants.ts).
 * Synchronous, so that main knows the path before the call naming it arrives. Answers true when recorded.
 */
export const DROP_CHANNEL = 'crosscheck:dropped';

/** What the call channel answers. A thrown Error would reach the renderer as "Error invoking remote method…". */
export type Reply = { ok: true; value: unknown } | { ok: false; error: WireError };

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

/** Commands the shell sends on 'menu.command'. `label:<key>` names a label by its shortcut key. */
export type MenuCommand = 'undo' | 'redo' | `label:${string}` | 'import.done' | 'project.switched' | 'export';
