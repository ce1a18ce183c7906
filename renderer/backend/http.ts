import { fromWireError, type WireError } from '../../common/errors';
import type { EventName } from '../../common/events';
import type { Backend } from './types';

/** The browser host: POST /api/<method>; the access token travels in an HttpOnly cookie. */
export function httpBackend(base = ''): Backend {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  // Names this tab to the host, which tells the other tabs (not this one) when this one writes.
  const client = crypto.randomUUID();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events?client=${client}`);
    source.onmessage = (m) => {
      const { event, payload } = JSON.parse(m.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((cb) => cb(payload));
    };
  };
  return {
    kind: 'browser',
    call: (async (method: string, args: unknown) => {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-crosscheck-client': client },
          body: JSON.stringify({ args }),
        });
      } catch {
        throw fromWireError({ name: 'Internal', message: 'The Crosscheck server is not reachable. Is `npm run web` still running?' });
      }
      if (res.status === 401 || res.status === 403) {
        throw fromWireError({ name: 'Internal', message: `${await res.text()}.` });
      }
      const body = (await res.json()) as { ok: true; value: unknown } | { ok: false; error: WireError };
      if (!body.ok) throw fromWireError(body.error);
      return body.value;
    }) as Backend['call'],
    on(event: EventName, cb) {
      ensureSource();
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb as (p: unknown) => void);
      return () => listeners.get(event)?.delete(cb as (p: unknown) => void);
    },
  };
}
