/**
 * Where the window opens. Saved bounds can point at a monitor that is no longer attached or be absurd after a
 * resolution change; a window that opens off-screen looks like an app that never started.
 */
import type { WindowBounds } from './settings.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 720, height: 480 };
const TITLE_BAR_HEIGHT = 32;
/** How much of the title bar must lie on a display for the user to be able to grab it. */
const GRAB = { width: 120, height: 16 };

/**
 * Returns bounds that are safe to open with: the saved size clamped to the largest display, and the saved
 * position only when the window's title bar lands on some display's work area (else no position: centred).
 */
export function sanitizeBounds(saved: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds {
  // Without display information (it should not happen) there is nothing to clamp against.
  const maxW = workAreas.length ? Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width)) : Infinity;
  const maxH = workAreas.length ? Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height)) : Infinity;
  const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(Math.max(v, lo), hi));

  if (!saved) {
    return { width: clamp(DEFAULT_SIZE.width, MIN_SIZE.width, maxW), height: clamp(DEFAULT_SIZE.height, MIN_SIZE.height, maxH) };
  }
  const out: WindowBounds = {
    width: clamp(saved.width, MIN_SIZE.width, maxW),
    height: clamp(saved.height, MIN_SIZE.height, maxH),
  };
  if (saved.maximized) out.maximized = true;
  if (saved.x !== undefined && saved.y !== undefined) {
    const titleBar: Rect = { x: saved.x, y: saved.y, width: out.width, height: TITLE_BAR_HEIGHT };
    if (workAreas.some((a) => overlap(titleBar, a, GRAB.width, GRAB.height))) {
      out.x = Math.round(saved.x);
      out.y = Math.round(saved.y);
    }
  }
  return out;
}

function overlap(r: Rect, area: Rect, minW: number, minH: number): boolean {
  const w = Math.min(r.x + r.width, area.x + area.width) - Math.max(r.x, area.x);
  const h = Math.min(r.y + r.height, area.y + area.height) - Math.max(r.y, area.y);
  return w >= minW && h >= minH;
}

/** Calls `fn` once things have been quiet for `ms`; `flush` runs a pending call now (on close). */
export function debounce(fn: () => void, ms: number): { (): void; flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    fn();
  };
  const debounced = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return debounced;
}
