import type { Page } from '@playwright/test';

/**
 * Layout checks for issue 12 ("from 800 px up everything stays usable"): every visible control — button, input,
 * select, textarea, tab, option — is checked in the page itself, where the boxes are.
 *
 * - clipped: its box leaves the window or a box that clips it (an ancestor with `overflow` other than visible)
 *   in a direction that ancestor cannot scroll to; or its own text is cut (scrollWidth > clientWidth) — an
 *   ellipsis inside a button hides its name;
 * - overlap: the visible parts of two controls that are not nested intersect by more than 1 px, where both lie
 *   in the same layer (an open dialog, menu, popover or drawer is meant to cover what is under it);
 * - wrapped: a run of text of up to five words (a label, a name, a date) in a button, tab or option breaks into
 *   more than one line (line boxes from Range.getClientRects that do not share a vertical band); longer runs are
 *   prose (a search snippet, a quote in an annotation row) and may flow.
 *
 * Each fault is returned as a readable line naming the control, e.g. `clipped: button "Labels" (x 1001..1063, 1024 wide)`.
 */
export interface LayoutFaults {
  clipped: string[];
  overlap: string[];
  wrapped: string[];
  /** How many controls were checked (a check of nothing must not pass silently). */
  checked: number;
}

/** Runs the three checks over every visible control in the page. */
export async function layoutFaults(page: Page): Promise<LayoutFaults> {
  return page.evaluate(() => {
    const CONTROLS = 'button, input:not([type="hidden"]):not([type="file"]), select, textarea, [role="tab"], [role="option"], [role="button"]';
    // What may lie over other controls: its controls are compared with each other only.
    const LAYERS = '[role="dialog"], [role="alertdialog"], .dialog, .fold-items, .import-options-popover, .sourcefilter-pop, .pane-left, .pane-right';
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    type Box = { left: number; top: number; right: number; bottom: number };
    const name = (e: Element) => {
      const text = (e.getAttribute('aria-label') ?? (e as HTMLInputElement).placeholder ?? e.textContent ?? '').trim().replace(/\s+/g, ' ');
      return `${e.tagName.toLowerCase()} "${text.slice(0, 40) || e.className}"`;
    };
    const fmt = (b: Box) => `x ${Math.round(b.left)}..${Math.round(b.right)}, y ${Math.round(b.top)}..${Math.round(b.bottom)}`;
    const shown = (e: Element) => {
      if (e.getClientRects().length === 0) return false;
      const s = getComputedStyle(e);
      return s.visibility !== 'hidden' && Number(s.opacity) > 0;
    };
    const controls = [...document.querySelectorAll(CONTROLS)].filter(shown);

    /** The part of `e` that can be seen, or null; `faults` collects where it is cut for good. */
    const visiblePart = (e: Element, faults: string[] | null): Box | null => {
      const r = e.getBoundingClientRect();
      let box: Box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      const cut = (clip: Box, where: string, canScrollX: boolean, canScrollY: boolean) => {
        const outX = box.left < clip.left - 1 || box.right > clip.right + 1;
        const outY = box.top < clip.top - 1 || box.bottom > clip.bottom + 1;
        if (faults && ((outX && !canScrollX) || (outY && !canScrollY))) faults.push(`clipped: ${name(e)} (${fmt(box)}) by ${where} (${fmt(clip)})`);
        box = {
          left: Math.max(box.left, clip.left),
          top: Math.max(box.top, clip.top),
          right: Math.min(box.right, clip.right),
          bottom: Math.min(box.bottom, clip.bottom),
        };
      };
      for (let a = e.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        const scrolls = (o: string) => o === 'auto' || o === 'scroll';
        cut(
          { left: ar.left + a.clientLeft, top: ar.top + a.clientTop, right: ar.left + a.clientLeft + a.clientWidth, bottom: ar.top + a.clientTop + a.clientHeight },
          `${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`,
          scrolls(s.overflowX),
          scrolls(s.overflowY),
        );
      }
      // The window: the workbench is one screen; nothing is meant to be reached by scrolling the page.
      cut({ left: 0, top: 0, right: vw, bottom: vh }, 'the window', false, false);
      return box.right - box.left > 0.5 && box.bottom - box.top > 0.5 ? box : null;
    };

    const clipped: string[] = [];
    const overlap: string[] = [];
    const wrapped: string[] = [];
    // A side pane is a layer of its own only where it is drawn over the reader (a drawer at narrow widths).
    const layerOf = (e: Element): Element | null => {
      for (let l = e.closest(LAYERS); l; l = l.parentElement?.closest(LAYERS) ?? null) {
        if (!l.matches('.pane-left, .pane-right') || getComputedStyle(l).position === 'absolute') return l;
      }
      return null;
    };
    const seen = controls.map((e) => ({ e, box: visiblePart(e, clipped), layer: layerOf(e) }));

    for (const { e } of seen) {
      const tag = e.tagName.toLowerCase();
      if (tag === 'input' || tag === 'textarea' || tag === 'select') continue;
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') clipped.push(`clipped: ${name(e)} shows ${e.clientWidth} of ${e.scrollWidth} px of its text`);
      // Line boxes of each run of the control's text: two that share no vertical band are two lines. Prose in a
      // row (a search snippet, a quote: more than five words) may flow over lines; labels, names, dates may not.
      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let most = 1;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const words = n.textContent?.trim().split(/\s+/).filter(Boolean).length ?? 0;
        if (words === 0 || words > 5) continue;
        range.selectNodeContents(n);
        const lines: { top: number; bottom: number }[] = [];
        for (const r of range.getClientRects()) {
          if (r.width < 1 || r.height < 1) continue;
          if (!lines.some((l) => r.top < l.bottom - 2 && r.bottom > l.top + 2)) lines.push({ top: r.top, bottom: r.bottom });
        }
        most = Math.max(most, lines.length);
      }
      if (most > 1) wrapped.push(`wrapped: ${name(e)} takes ${most} lines`);
    }

    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const a = seen[i];
        const b = seen[j];
        if (!a.box || !b.box || a.layer !== b.layer || a.e.contains(b.e) || b.e.contains(a.e)) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 1 && h > 1) overlap.push(`overlap: ${name(a.e)} (${fmt(a.box)}) and ${name(b.e)} (${fmt(b.box)})`);
      }
    }
    return { clipped, overlap, wrapped, checked: controls.length };
  });
}

/**
 * Where a text block spills out of the box that holds it (e.g. the reader's file path out of the reader), or its
 * text runs past its own box.
 */
export async function spills(page: Page, selector: string, within: string): Promise<string[]> {
  return page.$$eval(
    selector,
    (els, within) =>
      els.flatMap((e) => {
        const outer = e.closest(within);
        if (!outer || e.getClientRects().length === 0) return [];
        const r = e.getBoundingClientRect();
        const o = outer.getBoundingClientRect();
        if (r.left < o.left - 1 || r.right > o.right + 1) return [`${e.className} x ${Math.round(r.left)}..${Math.round(r.right)} outside ${within} x ${Math.round(o.left)}..${Math.round(o.right)}`];
        // Text that runs past its own box (a long unbreakable run), unless the box cuts it on purpose (ellipsis).
        const cuts = getComputedStyle(e).overflowX !== 'visible';
        return !cuts && e.scrollWidth > e.clientWidth + 1 ? [`${e.className}: its text is ${e.scrollWidth} px wide in ${e.clientWidth} px`] : [];
      }),
    within,
  );
}
