/**
 * A value that follows another one frame late: what a view that is not where the analyst looks (the annotation list
 * beside the reader) shows, so that the frame answering a key press is drawn before that view's render runs.
 */
import { useEffect, useState } from 'react';

/** How long a change waits at most when no frame comes (a hidden tab draws none). */
const NO_FRAME_MS = 100;

/**
 * `value` as it was before the last frame was drawn: a change shows in a render after the next frame (or after
 * NO_FRAME_MS when the page draws no frames). The first value shows at once; a change superseded before it showed
 * is skipped.
 * @example const annotations = useAfterPaint(props.annotations);
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(() => value);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      setShown(() => value);
    };
    // The task after the frame's: requestAnimationFrame runs before the frame is drawn, the timeout after it.
    frame = requestAnimationFrame(() => {
      clearTimeout(timer);
      timer = setTimeout(show, 0);
    });
    timer = setTimeout(show, NO_FRAME_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value]);
  return shown;
}
