/**
 * What every group of workbench commands is built on: the backend's `call`, the state and the undo history
 * (read as the last dispatch left them, not as last rendered), and one way to turn a failure into a message.
 * Nothing here depends on React, so the commands run as they are under the unit tests.
 */
import type { Call } from '../../../common/contract';
import type { SerialQueue } from '../../../common/serial';
import type { History, HistoryAction } from '../../state/history';
import type { Action, WorkbenchState } from '../workbench';
import { messageOf } from '../../state/attempt';

export interface CommandDeps {
  /** The full contract: commands are the renderer's one write path. */
  call: Call;
  /** The workbench state as the last dispatch left it. */
  state(): WorkbenchState;
  dispatch(a: Action): void;
  /** The undo history as the last action left it. */
  history(): History;
  setHistory(a: HistoryAction): void;
  /** Runs edits one at a time in the order they were asked, each on the state the previous one left. */
  edits: SerialQueue;
}

/**
 * Shows a failure in the workbench's error toast. `op` names the operation ('list', 'open', …): its next success
 * (`succeededWith`) takes the message down, since it no longer holds; a failure of no named operation stays until
 * dismissed or replaced.
 */
export const failWith = (d: CommandDeps, op?: string) => (e: unknown) => d.dispatch({ type: 'error', message: messageOf(e), op });

/**
 * Tells the toast that operation `op` worked: an error it showed earlier goes (an error from elsewhere stays). Only
 * dispatched when there is such an error, so a success per fetched batch of rows costs nothing.
 */
export const succeededWith = (d: CommandDeps, op: string) => () => {
  if (d.state().errorOf === op) d.dispatch({ type: 'succeeded', op });
};
