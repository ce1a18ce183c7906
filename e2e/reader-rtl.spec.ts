import { test, expect } from './fixtures';
import { annotationRows, cpOffset, exportJsonl, openText, spansAsText } from './reader-open';

// Issue 12: right-to-left text was laid out left to right (the full stop of an Arabic sentence by its first
// word). Each reader paragraph now takes its direction from its own content.
const ARABIC = 'وقالت منظمة World Health Organization إن المشروع سيخدم 60 قرية.';
const HEBREW = 'רות לוי אמרה שהפרויקט יושלם בשנה הבאה.';
const MIXED = 'ארגון Human Rights Watch פרסם דוח חדש על 12 כפרים.';
const ENGLISH = 'An English line stays left to right.';
const TEXT = `Right to left\n\n${ARABIC}\n\n${HEBREW}\n\n${MIXED}\n\n${ENGLISH}\n`;

/** Screen box of `needle` (first occurrence) inside the reader paragraph whose text is `para`. */
async function boxOf(page: import('@playwright/test').Page, para: string, needle: string) {
  return page.evaluate(
    ({ para, needle }) => {
      const p = Array.from(document.querySelectorAll('.reader-text p')).find((el) => el.textContent === para)!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const at = para.indexOf(needle);
      let pos = 0;
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = (n as Text).data.length;
        if (at >= pos && at < pos + len) range.setStart(n, at - pos);
        if (at + needle.length > pos && at + needle.length <= pos + len) {
          range.setEnd(n, at + needle.length - pos);
          break;
        }
        pos += len;
      }
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    },
    { para, needle },
  );
}

test('Arabic, Hebrew and mixed paragraphs read right to left; a mouse drag over an Arabic word tags its code points', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  await openText(page, 'rtl.txt', TEXT, 'Right to left');

  const direction = (para: string) =>
    page.evaluate((para) => {
      const p = Array.from(document.querySelectorAll('.reader-text p')).find((el) => el.textContent === para)!;
      return getComputedStyle(p).direction;
    }, para);
  for (const para of [ARABIC, HEBREW, MIXED]) expect(await direction(para)).toBe('rtl');
  expect(await direction(ENGLISH)).toBe('ltr');

  // The first word starts at the right; the full stop ends the sentence at the left end.
  for (const [para, first] of [
    [ARABIC, 'وقالت'],
    [HEBREW, 'רות'],
    [MIXED, 'ארגון'],
  ]) {
    const word = await boxOf(page, para, first);
    const stop = await boxOf(page, para, '.');
    expect(stop.right, `${para}: the full stop sits left of "${first}"`).toBeLessThan(word.left);
  }
  // The English organisation name keeps its own order inside the Arabic sentence.
  const world = await boxOf(page, ARABIC, 'World');
  const org = await boxOf(page, ARABIC, 'Organization');
  expect(world.left).toBeLessThan(org.left);

  // Drag from the right edge of "المشروع" to its left edge, as a hand would in a right-to-left line.
  const word = await boxOf(page, ARABIC, 'المشروع');
  const y = (word.top + word.bottom) / 2;
  await page.mouse.move(word.right - 2, y);
  await page.mouse.down();
  await page.mouse.move((word.left + word.right) / 2, y, { steps: 4 });
  await page.mouse.move(word.left + 2, y, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.press('1');
  await expect.poll(() => annotationRows(page)).toEqual(['claim|المشروع']);

  const [doc] = await exportJsonl(dbPath);
  const start = cpOffset(TEXT, 'المشروع');
  expect(spansAsText(doc)).toEqual([[start, start + 7, 'المشروع']]);
});
