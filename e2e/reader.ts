import type { Page } from '@playwright/test';

/**
 * Selects `text` in the open document the way a mouse drag would leave it: a DOM Range across whatever text
 * nodes the highlights split the paragraph into. `nth` picks among occurrences; `trim` shrinks the range at
 * each end, to check that snapping to words grows it back.
 */
export async function selectText(page: Page, text: string, opts: { nth?: number; trimStart?: number; trimEnd?: number } = {}) {
  // As Playwright's own actions do: wait until the document (opened asynchronously) shows the text.
  await page.locator('.reader-text p', { hasText: text }).first().waitFor();
  const ok = await page.evaluate(
    ({ text, nth, trimStart, trimEnd }) => {
      const root = document.querySelector('.reader-text');
      if (!root) return 'no reader';
      let seen = 0;
      for (const p of Array.from(root.querySelectorAll('p'))) {
        const full = p.textContent ?? '';
        let at = full.indexOf(text);
        while (at >= 0 && seen < nth) {
          seen++;
          at = full.indexOf(text, at + 1);
        }
        if (at < 0) continue;
        const start = at + trimStart;
        const end = at + text.length - trimEnd;
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let pos = 0;
        let n: Node | null;
        let startSet = false;
        while ((n = walker.nextNode())) {
          const len = (n as Text).data.length;
          if (!startSet && start <= pos + len) {
            range.setStart(n, start - pos);
            startSet = true;
          }
          if (startSet && end <= pos + len) {
            range.setEnd(n, end - pos);
            const sel = window.getSelection()!;
            sel.removeAllRanges();
            sel.addRange(range);
            return 'ok';
          }
          pos += len;
        }
        return 'range end not found';
      }
      return `"${text}" not found`;
    },
    { text, nth: opts.nth ?? 0, trimStart: opts.trimStart ?? 0, trimEnd: opts.trimEnd ?? 0 },
  );
  if (ok !== 'ok') throw new Error(`selectText: ${ok}`);
}

/** Clicks the first painted character of an annotation span that contains `text`. */
export async function clickSpanText(page: Page, text: string) {
  const box = await page.evaluate((text) => {
    const root = document.querySelector('.reader-text')!;
    for (const p of Array.from(root.querySelectorAll('p'))) {
      const full = p.textContent ?? '';
      const at = full.indexOf(text);
      if (at < 0) continue;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let pos = 0;
      let n: Node | null;
      while ((n = walker.nextNode())) {
        const len = (n as Text).data.length;
        if (at < pos + len) {
          const r = document.createRange();
          r.setStart(n, at - pos);
          r.setEnd(n, Math.min(len, at - pos + 1));
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
        pos += len;
      }
    }
    return null;
  }, text);
  if (!box) throw new Error(`clickSpanText: "${text}" not found`);
  await page.mouse.click(box.x, box.y);
}
