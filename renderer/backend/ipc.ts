import { fromWireError } from '../../common/errors';
import type { EventName } from '../../common/model';
import type { Backend } from './types';

/** What electron/preload.ts exposes; nothing else crosses the bridge. */
export interface DesktopBridge {
  call(method: string, args: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    crosscheck?: DesktopBridge;
  }
}

export function ipcBackend(bridge: DesktopBridge): Backend {
  return {
    kind: 'desktop',
    call: (async (method: string, args: unknown) => {
      try {
        return await bridge.call(method, args);
      } catch (e) {
        const err = e as { name?: string; message?: string };
        throw fromWireError({ name: err.name ?? 'Internal', message: err.message ?? String(e) });
      }
    }) as Backend['call'],
    on: (event: EventName, cb) => bridge.on(event, cb as (p: unknown) => void),
  };
}
