import { useEffect, useMemo, useState } from 'react';
import type { EventMap } from '../../common/events';
import type { Backend, ReadBackend } from '../backend/types';
import { initialState, reducer } from './workbench';
import { useSyncReducer } from './useSyncReducer';
import { emptyHistory, historyReducer } from '../state/history';
import { createSerialQueue } from '../../common/serial';
import { createCommands } from './commands';

/** Shown while an edit waits for another window or the command line to finish writing the project. */
export const WAITING_MESSAGE = 'Waiting for another window or the command line to finish writing this project (an import?). Your change is kept and will be saved then.';

/**
 * Follows 'project.waiting' (services/write-turns.ts): `show(WAITING_MESSAGE)` while another process holds the
 * project, `show(null)` when the wait ends. A status, not an error: the change is kept, so it never goes through
 * the error toast, and a real error shown meanwhile stays until dismissed. Returns the unsubscribe function.
 */
export function followWaiting(
  on: (event: 'project.waiting', fn: (payload: EventMap['project.waiting']) => void) => () => void,
  show: (message: string | null) => void,
): () => void {
  return on('project.waiting', ({ waiting }) => show(waiting ? WAITING_MESSAGE : null));
}

/**
 * The workbench as React sees it: its state, its undo history, the commands the UI calls (the one write path)
 * and `reads`, the backend narrowed to read calls, for the views and dialogs that load what they show; `waiting`, the
 * notice to show while another process holds the project (null otherwise).
 */
export function useWorkbench(backend: Backend) {
  const [state, dispatch, stateRef] = useSyncReducer(reducer, initialState);
  const [history, setHistory, historyRef] = useSyncReducer(historyReducer, emptyHistory);
  // Edits reach the backend in the order they were made, each computed from the state the previous one left.
  const [edits] = useState(createSerialQueue);
  // The 'project.waiting' notice (followWaiting), shown as a status line beside the error toast, never in it.
  const [waiting, setWaiting] = useState<string | null>(null);

  const commands = useMemo(
    () =>
      createCommands({
        call: backend.call,
        state: () => stateRef.current,
        dispatch,
        history: () => historyRef.current,
        setHistory,
        edits,
      }),
    [backend, dispatch, setHistory, stateRef, historyRef, edits],
  );

  useEffect(() => {
    void commands.load();
    /**
     * After another window's commit: the open document was deleted there (the reader must not go on showing a text
     * whose every tag would fail with "does not exist"), or its spans and links changed.
     */
    async function openDocumentElsewhere() {
      const open = stateRef.current.doc;
      if (open && !(await backend.call('documents.summaries', { ids: [open.id] })).length) {
        dispatch({ type: 'docsRemoved', ids: [open.id] });
        dispatch({ type: 'error', message: `“${open.title}” was deleted in another window or by the command line; undo there brings it back.` });
        return;
      }
      await commands.absorb({ removed: [], upserted: [], relinked: true }, false);
    }
    const offs = [
      backend.on('import.progress', (p) => dispatch({ type: 'importing', progress: p })),
      backend.on('export.progress', (p) => dispatch({ type: 'exportProgress', ...p })),
      // Another process holds the project (services/write-turns.ts): say why the change has not shown yet.
      followWaiting((event, fn) => backend.on(event, fn), setWaiting),
      backend.on('project.changed', ({ reason }) => {
        // A restore replaced everything under us: start afresh from the restored project.
        if (reason === 'restored') return window.location.reload();
        dispatch({ type: 'projectChanged' });
        void commands.refreshDocs().catch(commands.showError);
        // Another window or host committed: the open document's spans and links may have changed too.
        if (reason === 'changed elsewhere') void openDocumentElsewhere().catch(commands.showError);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, [backend, commands, dispatch, stateRef]);

  const reads: ReadBackend = backend;
  return { state, history, commands, reads, waiting };
}
