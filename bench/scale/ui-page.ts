// The page side of the scale UI measures (bench/scale/ui.ts): each action is started and timed inside the page
// (performance.now() before the event is dispatched, to the frame after the answer is drawn), so Playwright's round
// trips do not count. Every wait has a timeout that rejects with what was awaited and what the page showed.
// The page is driven through the measurement hooks of issue 15: `.doclist-scroll[aria-busy]`, `.docrow[data-id]`
// (`.docrow-placeholder` while loading), `.doclist-sort`, `.docfilters`, `.board[aria-busy]`, `[data-cluster-id]`.
import type { Page } from '@playwright/test';

/** The console line the open probe writes, followed by its figure. */
const LIST_READY = 'cc-list-ready ';

/**
 * Installed before the app loads (page.addInitScript): records in `window.__listReady` the time (ms since
 * navigation start) of the first idle frame after the document list is interactive (not busy, real rows shown), and
 * says so on the console, so that nothing polls the page while it opens (Playwright's waits would run its own
 * script in the page's main thread, the one being measured).
 */
export const OPEN_PROBE = `(() => {
  const ready = () => {
    const s = document.querySelector('.doclist-scroll[aria-busy="false"]');
    return !!s && !!s.querySelector('.docrow[data-id]:not(.docrow-placeholder)');
  };
  const mo = new MutationObserver(() => {
    if (!ready()) return;
    mo.disconnect();
    requestAnimationFrame(() => setTimeout(() => console.log(${JSON.stringify(LIST_READY)} + (window.__listReady = performance.now())), 0));
  });
  mo.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/**
 * The open probe's figure (ms from navigation start), heard on the console: call before navigating. Rejects after
 * `timeoutMs` with the list's state.
 */
export async function listReadyAt(page: Page, timeoutMs: number): Promise<number> {
  try {
    const line = await page.waitForEvent('console', { predicate: (m) => m.text().startsWith(LIST_READY), timeout: timeoutMs });
    return Number(line.text().slice(LIST_READY.length));
  } catch {
    const state = await page.evaluate(() => document.querySelector('.doclist-scroll')?.outerHTML.slice(0, 300) ?? 'no .doclist-scroll').catch((e: Error) => e.message);
    throw new Error(`the document list did not become interactive within ${timeoutMs / 1000} s: ${state}`);
  }
}

/** A change of the document list's sort or filter, as a person makes it. */
export type ListAction =
  | { kind: 'sort'; column: string }
  /** `option`: the choice's text, or its index (0: the "any" choice). */
  | { kind: 'select'; label: string; option: string | number }
  | { kind: 'date'; label: string; value: string }
  /** A choice of an open combobox's listbox (0: its "any" choice); the caller opens the combobox before timing. */
  | { kind: 'option'; listbox: string; option: number }
  | { kind: 'clear' };

/**
 * Makes `action` and times its answer (ms): from the event to the frame after the list has gone busy and come back
 * with real rows on screen (or the "no document matches" state). Rejects after `timeoutMs` with the list's state.
 */
export function listAnswer(page: Page, action: ListAction, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ({ action, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const scroller = () => document.querySelector('.doclist-scroll');
        let sawBusy = false;
        const ready = () => {
          const s = scroller();
          if (!s) return !!document.querySelector('.doclist .empty');
          return s.getAttribute('aria-busy') === 'false' && !!s.querySelector('.docrow[data-id]:not(.docrow-placeholder)');
        };
        const timer = setTimeout(() => {
          mo.disconnect();
          const s = scroller();
          reject(new Error(`${JSON.stringify(action)}: the list did not answer within ${timeoutMs / 1000} s (saw busy: ${sawBusy}, aria-busy now: ${s?.getAttribute('aria-busy')}, real rows: ${s?.querySelectorAll('.docrow[data-id]:not(.docrow-placeholder)').length ?? 0})`));
        }, timeoutMs);
        const mo = new MutationObserver((records) => {
          for (const r of records) {
            if (r.type === 'attributes' && r.attributeName === 'aria-busy' && (r.target as Element).classList.contains('doclist-scroll')) sawBusy = true;
            if (r.type === 'childList') for (const n of r.addedNodes) if (n instanceof Element && (n.matches('.doclist-scroll[aria-busy="true"], .doclist .empty') || n.querySelector('.doclist-scroll[aria-busy="true"]'))) sawBusy = true;
          }
          if (!sawBusy || !ready()) return;
          mo.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true });
        const setNative = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
          // React tracks a control's value: set it through the prototype's setter so the event is seen as a change.
          Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, value);
          el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        };
        let act: () => void;
        if (action.kind === 'sort') {
          const b = [...document.querySelectorAll<HTMLButtonElement>('.doclist-sort button')].find((x) => x.textContent!.startsWith(action.column));
          if (!b) return reject(new Error(`no sort button ${action.column}`));
          act = () => b.click();
        } else if (action.kind === 'select') {
          const el = document.querySelector<HTMLSelectElement>(`.docfilters select[aria-label="${action.label}"]`);
          if (!el) return reject(new Error(`no filter ${action.label}`));
          const o = typeof action.option === 'number' ? el.options[action.option] : [...el.options].find((x) => x.textContent === action.option);
          if (!o) return reject(new Error(`no choice ${action.option} in filter ${action.label}`));
          act = () => setNative(el, o.value);
        } else if (action.kind === 'date') {
          const el = document.querySelector<HTMLInputElement>(`.docfilters input[aria-label="${action.label}"]`);
          if (!el) return reject(new Error(`no date field ${action.label}`));
          act = () => setNative(el, action.value);
        } else if (action.kind === 'option') {
          const o = document.querySelectorAll<HTMLElement>(`[role="listbox"][aria-label="${action.listbox}"] [role="option"]`)[action.option];
          if (!o) return reject(new Error(`no choice ${action.option} in ${action.listbox}`));
          act = () => o.click();
        } else {
          const b = [...document.querySelectorAll<HTMLButtonElement>('.docfilters button')].find((x) => x.textContent!.includes('Clear filters'));
          if (!b) return reject(new Error('no Clear filters button'));
          act = () => b.click();
        }
        const t0 = performance.now();
        act();
      }),
    { action, timeoutMs },
  );
}

/** Starts collecting the page's long tasks (over 50 ms) into `window.__longTasks`. */
export function watchLongTasks(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    w.__longTasks = [];
    w.__longTaskObserver = new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__longTasks.push(e.duration)));
    w.__longTaskObserver.observe({ type: 'longtask', buffered: false });
  });
}

/** Stops collecting long tasks: the longest (ms, 0 for none) and how many there were. */
export function longTasks(page: Page): Promise<{ max: number; count: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    return { max: w.__longTasks.length ? Math.max(...w.__longTasks) : 0, count: w.__longTasks.length };
  });
}

/**
 * Scrolls the document list from top to bottom in at most 400 frames (a screenful per frame where that is fewer),
 * as a dragged scrollbar does, then waits until the rows at the bottom are real. Resolves with the highest row index
 * shown then (`data-index`); rejects after `timeoutMs` with the rows on screen.
 */
export function scrollList(page: Page, timeoutMs: number): Promise<{ lastIndex: number }> {
  return page.evaluate(
    (timeoutMs) =>
      new Promise<{ lastIndex: number }>((resolve, reject) => {
        const el = document.querySelector('.doclist-scroll') as HTMLElement;
        el.scrollTop = 0;
        const step = Math.max(el.clientHeight, Math.ceil(el.scrollHeight / 400));
        const deadline = performance.now() + timeoutMs;
        const frame = () => {
          if (performance.now() > deadline) {
            reject(new Error(`scrolling the list did not reach its end within ${timeoutMs / 1000} s (scrollTop ${el.scrollTop} of ${el.scrollHeight}, placeholders on screen: ${el.querySelectorAll('.docrow-placeholder').length})`));
            return;
          }
          if (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
            el.scrollTop += step;
            requestAnimationFrame(frame);
            return;
          }
          const box = el.getBoundingClientRect();
          const onScreen = [...el.querySelectorAll<HTMLElement>('.docrow')].filter((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom > box.top && b.top < box.bottom;
          });
          if (!onScreen.length || onScreen.some((r) => r.classList.contains('docrow-placeholder') || !r.dataset.id)) {
            requestAnimationFrame(frame);
            return;
          }
          resolve({ lastIndex: Math.max(...onScreen.map((r) => Number(r.dataset.index))) });
        };
        requestAnimationFrame(frame);
      }),
    timeoutMs,
  );
}

/**
 * Types `q` into the search box at once (as a paste) and times the answer (ms): from the input event to the frame
 * after the results head has gone "Searching…" and then names `q`. This includes the pause the box waits for
 * typing to stop. The box must be empty before. Rejects after `timeoutMs`.
 */
export function searchAnswer(page: Page, q: string, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ({ q, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const box = document.querySelector<HTMLInputElement>('.searchbox input[type="search"]');
        if (!box) return reject(new Error('no search box'));
        let sawBusy = false;
        const head = () => document.querySelector('.results-head')?.textContent ?? '';
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error(`search ${q}: no hits shown within ${timeoutMs / 1000} s (saw Searching…: ${sawBusy}; head: ${head()})`));
        }, timeoutMs);
        const mo = new MutationObserver(() => {
          const h = head();
          if (h.startsWith('Searching')) sawBusy = true;
          if (!sawBusy || !h.includes(`match “${q}”`)) return;
          mo.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        const t0 = performance.now();
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, q);
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { q, timeoutMs },
  );
}

/** Empties the search box and waits until the document list is back (rejects after `timeoutMs`). */
export async function clearSearch(page: Page, timeoutMs: number): Promise<void> {
  await page.evaluate(() => {
    const box = document.querySelector<HTMLInputElement>('.searchbox input[type="search"]')!;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(box, '');
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.locator('.doclist-scroll[aria-busy="false"] .docrow[data-id]').first().waitFor({ timeout: timeoutMs });
}

/**
 * Opens the claims or speakers board from the view bar and times it (ms): from the click to the frame after the
 * board is no longer busy and shows cluster cards. Rejects after `timeoutMs` with what the board showed.
 */
export function boardAnswer(page: Page, view: 'Claims' | 'Speakers', timeoutMs: number): Promise<number> {
  return page.evaluate(
    ({ view, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const b = [...document.querySelectorAll<HTMLButtonElement>('nav.views button')].find((x) => x.textContent!.startsWith(view));
        if (!b) return reject(new Error(`no ${view} view button`));
        const ready = () => !!document.querySelector('.board[aria-busy="false"] [data-cluster-id]');
        const timer = setTimeout(() => {
          mo.disconnect();
          reject(new Error(`${view} board: no cluster cards within ${timeoutMs / 1000} s (${document.querySelector('.board')?.textContent?.slice(0, 200) ?? 'no .board'})`));
        }, timeoutMs);
        const mo = new MutationObserver(() => {
          if (!ready()) return;
          mo.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true });
        const t0 = performance.now();
        b.click();
      }),
    { view, timeoutMs },
  );
}

/**
 * Waits until every row on screen in the document list is real (no placeholder) and returns their ids, top first.
 * Rejects after `timeoutMs` with how many placeholders were still on screen.
 */
export function rowsOnScreen(page: Page, timeoutMs: number): Promise<number[]> {
  return page.evaluate(
    (timeoutMs) =>
      new Promise<number[]>((resolve, reject) => {
        const deadline = performance.now() + timeoutMs;
        const frame = () => {
          const el = document.querySelector('.doclist-scroll');
          const box = el?.getBoundingClientRect();
          const rows = el
            ? [...el.querySelectorAll<HTMLElement>('.docrow')].filter((r) => {
                const b = r.getBoundingClientRect();
                return b.bottom > box!.top && b.top < box!.bottom;
              })
            : [];
          const waiting = rows.filter((r) => r.classList.contains('docrow-placeholder')).length;
          if (rows.length && !waiting) {
            rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
            resolve(rows.map((r) => Number(r.dataset.id)));
          } else if (performance.now() > deadline) {
            reject(new Error(`rows on screen still loading after ${timeoutMs / 1000} s (${el ? `${waiting} of ${rows.length} placeholders` : 'no .doclist-scroll'})`));
          } else requestAnimationFrame(frame);
        };
        frame();
      }),
    timeoutMs,
  );
}
