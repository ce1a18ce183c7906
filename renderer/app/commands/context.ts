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

/** Shows a failure in the workbench's error toast. */
export const failWith = (d: CommandDeps) => (e: unknown) => d.dispatch({ type: 'error', message: messageOf(e) });
