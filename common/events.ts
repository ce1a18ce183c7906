/**
 * Every event a host pushes to the renderer (`on(name, cb)`), declared once: name → payload schema and who
 * sends it. `EventMap`, `EventName`, the browser host's forwarded set and the Electron channel's allowed names
 * are all derived from this record, so an event cannot be emitted by the backend and silently dropped by a host.
 */
import { z } from 'zod';

export const events = {
  /** Files looked at so far and in all (total is known once the walk is done), and the one being read. */
  'import.progress': {
    from: 'backend',
    payload: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), current: z.string() }),
  },
  /** Documents written so far by the export `jobId`, out of `total`. */
  'export.progress': {
    from: 'backend',
    payload: z.object({ jobId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  },
  /** Documents pre-annotated so far by the run `jobId`, out of `total` (issue 14). */
  'preannotate.progress': {
    from: 'backend',
    payload: z.object({ jobId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  },
  /**
   * A change of this window waits because another process is writing the project (an import from the CLI or a
   * second window: services/write-turns.ts); false once it ran or gave up.
   */
  'project.waiting': { from: 'backend', payload: z.object({ waiting: z.boolean() }) },
  /** Something changed the project outside the current window (import, another window or tab, the CLI, a restore). */
  'project.changed': { from: 'backend', payload: z.object({ reason: z.string() }) },
  /**
   * A native menu item or the shell asks the renderer to act: 'undo', 'redo', 'label:<key>', 'import.done',
   * 'project.switched', 'export'. Only the desktop shell sends it; the browser host never does.
   */
  'menu.command': { from: 'shell', payload: z.object({ command: z.string() }) },
} as const satisfies Record<string, { from: 'backend' | 'shell'; payload: z.ZodType }>;

export type EventName = keyof typeof events;
export type EventMap = { [E in EventName]: z.infer<(typeof events)[E]['payload']> };

/** Every event name, for hosts that carry all of them (the Electron channel). */
export const eventNames: readonly EventName[] = Object.freeze(Object.keys(events) as EventName[]);

/** The events the backend itself emits: what every host forwards from the backend to its windows or tabs. */
export const backendEvents: readonly EventName[] = Object.freeze(eventNames.filter((e) => events[e].from === 'backend'));

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
