import { fromWireError } from '../../common/errors';
import type { Backend } from './types';
import type { CrosscheckBridge } from '../../common/bridge';

declare global {
  interface Window {
    crosscheck?: CrosscheckBridge;
  }
}

export function ipcBackend(bridge: CrosscheckBridge): Backend {
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
    on: (event, cb) => bridge.on(event, cb),
  };
}
