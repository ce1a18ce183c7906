/**
 * What the shell asks before something outside the window changes what the person is looking at or sends them
 * elsewhere: another program (a second launch, a double-clicked file) switching the open project, and a link
 * leaving for the system browser. Pure: main.ts shows the questions with dialog.showMessageBox.
 */
import type { MessageBoxOptions } from 'electron';
import { projectName } from '../common/project-files.js';

/** Longest URL shown in full; a page could otherwise fill the screen with one. */
const MAX_SHOWN_URL = 300;

/**
 * Both questions put the safe answer (Cancel, index 1) as the default: the box can appear while the person is
 * typing, and an Enter meant for the editor must not switch projects or open a browser.
 */
const yesNo = (yes: string) => ({ type: 'question' as const, buttons: [yes, 'Cancel'], defaultId: 1, cancelId: 1, noLink: true });

/** "Open X? The current project stays saved." */
export function openProjectQuestion(path: string): MessageBoxOptions {
  return {
    ...yesNo('Open'),
    title: 'Open Project',
    message: `Open ${projectName(path)}?`,
    detail: `${path}\n\nThe current project stays saved.`,
  };
}

/**
 * "Open example.org in your browser?" with the whole URL below. The host is shown as the URL parser spells it
 * (punycode for a look-alike international name), so that the person sees where the link really goes.
 * @param url an http(s) URL (security.ts hands over no other kind).
 */
export function externalLinkQuestion(url: string): MessageBoxOptions {
  let host = url;
  let shown = url;
  try {
    const u = new URL(url);
    host = u.host;
    shown = u.href;
  } catch {
    // Shown as it came: security.ts passes only URLs that parse, so this is a fallback for words only.
  }
  if (shown.length > MAX_SHOWN_URL) shown = `${shown.slice(0, MAX_SHOWN_URL)}…`;
  return {
    ...yesNo('Open in Browser'),
    title: 'Open Link',
    message: `Open ${host} in your browser?`,
    detail: shown,
  };
}

/** True when the person chose the first button ("Open"). */
export const confirmed = (response: number): boolean => response === 0;

/**
 * What to do when another program asks to open `requested` (second-instance, open-file): nothing open yet →
 * 'open' (nothing to lose); the project already open → 'focus'; anything else → 'ask' first.
 */
export function externalOpenDecision(o: {
  current: string | null;
  requested: string;
  samePath: (a: string, b: string) => boolean;
}): 'open' | 'focus' | 'ask' {
  if (!o.current) return 'open';
  if (o.samePath(o.current, o.requested)) return 'focus';
  return 'ask';
}

/**
 * Wraps a question so that only one is showing at a time: while one waits for an answer, further asks answer
 * "no" at once. A page that calls window.open in a loop, or a burst of launches, cannot stack dialogs.
 * @param show shows the box and resolves with the index of the button chosen.
 */
export function oneAtATime(show: (o: MessageBoxOptions) => Promise<number>): (o: MessageBoxOptions) => Promise<boolean> {
  let busy = false;
  return async (o) => {
    if (busy) return false;
    busy = true;
    try {
      return confirmed(await show(o));
    } catch {
      return false;
    } finally {
      busy = false;
    }
  };
}
