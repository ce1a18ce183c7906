import type { Call } from '../../common/contract';
import type { EventMap, EventName } from '../../common/model';

/** What the UI talks to. It never knows which host carries the calls. */
export interface Backend {
  call: Call;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  /** 'desktop' when running inside Electron, 'browser' for the loopback host. */
  readonly kind: 'desktop' | 'browser';
}
