import type { Call, ReadCall } from '../../common/contract';
import type { EventMap, EventName } from '../../common/events';

/** What the workbench talks to. It never knows which host carries the calls. */
export interface Backend {
  call: Call;
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  /** 'desktop' when running inside Electron, 'browser' for the loopback host. */
  readonly kind: 'desktop' | 'browser';
}

/**
 * What views and dialogs hold: the same backend, able to make only read calls (the contract's `effect: 'read'`).
 * Every write goes through the workbench's commands (renderer/app/commands/), which keep the undo history and
 * the state in step with it; a component that tries `reads.call('clusters.rename', …)` does not compile.
 */
export interface ReadBackend extends Omit<Backend, 'call'> {
  call: ReadCall;
}
