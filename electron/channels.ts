/**
 * The whole wire between the sandboxed renderer and the main process: two channels, whatever the feature.
 * Imported by both sides (the preload bundle and main), so it holds types and constants only.
 */
import type { WireError } from '../common/errors.js';
import type { EventMap, EventName } from '../common/events.js';

/** `ipcRenderer.invoke(CALL_CHANNEL, method, args)` runs one contract method. */
export const CALL_CHANNEL = 'crosscheck:call';
/** Main pushes every event (backend events and menu commands) as an `EventMessage` here. */
export const EVENT_CHANNEL = 'crosscheck:event';

/** What the call channel answers. A thrown Error would reach the renderer as "Error invoking remote method…". */
export type Reply = { ok: true; value: unknown } | { ok: false; error: WireError };

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventMap[E];
}

/** Commands the shell sends on 'menu.command'. `label:<key>` names a label by its shortcut key. */
export type MenuCommand = 'undo' | 'redo' | `label:${string}` | 'import.done' | 'project.switched' | 'export';
