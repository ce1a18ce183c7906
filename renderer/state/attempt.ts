/**
 * How a command that a dialog or field waits on ended: its value, or the message to show where it was asked.
 * Commands resolve with one instead of rejecting, so that the caller has one shape to handle.
 */
export type Attempt<T = void> = { ok: true; value: T } | { ok: false; error: string };

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Runs `f`, turning a throw into `{ ok: false, error }`; never rejects. */
export async function attempt<T>(f: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
}
