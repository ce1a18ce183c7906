import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state is readable at once through a ref. Async commands that run back to back
 * (queued edits, undo after redo) must see what the previous one dispatched, not what was last rendered.
 */
export function useSyncReducer<S, A>(reducer: (s: S, a: A) => S, initial: S): [S, (a: A) => void, { readonly current: S }] {
  const ref = useRef(initial);
  const [state, setState] = useState(initial);
  const dispatch = useCallback(
    (a: A) => {
      ref.current = reducer(ref.current, a);
      setState(ref.current);
    },
    [reducer],
  );
  return [state, dispatch, ref];
}
