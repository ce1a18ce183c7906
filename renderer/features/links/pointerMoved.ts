import { useRef } from 'react';

/**
 * A mouse-move test for lists whose keyboard choice the mouse may take over: true only when the pointer really
 * moved since the last event. A list that appears (or reorders) under a resting pointer gets mouseenter, and
 * Chromium may send a mousemove at the same place; taking either as a choice made Enter link the passage under
 * the pointer instead of the first result (new user, issue 13: a span in the wrong document, linked silently).
 * The first event only records where the pointer is.
 */
export function pointerTracker() {
  let last: { x: number; y: number } | null = null;
  return (e: { clientX: number; clientY: number }): boolean => {
    const was = last;
    last = { x: e.clientX, y: e.clientY };
    return was !== null && (was.x !== e.clientX || was.y !== e.clientY);
  };
}

/** pointerTracker, kept for the life of a component. */
export function usePointerMoved() {
  const tracker = useRef<ReturnType<typeof pointerTracker> | null>(null);
  tracker.current ??= pointerTracker();
  return tracker.current;
}
