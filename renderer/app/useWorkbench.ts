import { useEffect, useMemo, useState } from 'react';
import type { Backend, ReadBackend } from '../backend/types';
import { initialState, reducer } from './workbench';
import { useSyncReducer } from './useSyncReducer';
import { emptyHistory, historyReducer } from '../state/history';
import { createSerialQueue } from '../../common/serial';
import { createCommands } from './commands';

/**
 * The workbench as React sees it: its state, its undo history, the commands the UI calls (the one write path)
 * and `reads`, the backend narrowed to read calls, for the views and dialogs that load what they show.
 */
export function useWorkbench(backend: Backend) {
  const [state, dispatch, stateRef] = useSyncReducer(reducer, initialState);
  const [history, setHistory, historyRef] = useSyncReducer(historyReducer, emptyHistory);
  // Edits reach the backend in the order they were made, each computed from the state the previous one left.
  const [edits] = useState(createSerialQueue);

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
    const offs = [
      backend.on('import.progress', (p) => dispatch({ type: 'importing', progress: p })),
      backend.on('export.progress', (p) => dispatch({ type: 'exportProgress', ...p })),
      backend.on('project.changed', ({ reason }) => {
        // A restore replaced everything under us: start afresh from the restored project.
        if (reason === 'restored') return window.location.reload();
        dispatch({ type: 'projectChanged' });
        void commands.refreshDocs().catch(commands.showError);
        // Another window or host committed: the open document's spans and links may have changed too.
        if (reason === 'changed elsewhere') void commands.absorb({ removed: [], upserted: [], relinked: true }, false).catch(commands.showError);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, [backend, commands, dispatch]);

  const reads: ReadBackend = backend;
  return { state, history, commands, reads };
}
