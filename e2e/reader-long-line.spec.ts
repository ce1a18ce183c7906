import { test, expect } from './fixtures';
import { selectText } from './reader';
import { annotationRows, cpOffset, exportJsonl, openText, spansAsText } from './reader-open';

// Issue 12: a document that is one 200,000-character line was rendered whole. It is cut into pieces at soft
// breaks and windowed like lines; tagging deep inside it stores the code points it covers.
const words = Array.from({ length: 30_000 }, (_, i) => (i % 40 === 0 ? `👍🏽w${i}` : `w${i}`));
words[19_000] = 'zebra';
const LINE = `One line ${words.join(' ')}.`;

test('a 200,000-character line is rendered in windowed pieces; tagging deep inside it stores exact code points', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  expect(LINE.length).toBeGreaterThan(200_000);
  await openText(page, 'one-line.txt', LINE, 'One line');
  const reader = page.locator('.reader-text');
  expect(Number(await reader.getAttribute('data-window-chunks'))).toBeGreaterThan(20);
  expect(await reader.evaluate((el) => el.textContent!.length)).toBeLessThan(40_000);

  // Jump to the word through search, then select and tag it.
  await page.getByLabel('Search the corpus').fill('zebra');
  await page.locator('.hit').first().click();
  await expect(page.locator('.reader-text .cc-match').first()).toHaveText('zebra');
  await page.getByLabel('Search the corpus').fill('');
  await page.getByLabel('Search the corpus').blur();
  await selectText(page, 'zebra');
  await page.keyboard.press('1');
  await expect.poll(() => annotationRows(page)).toEqual(['claim|zebra']);
  expect(await reader.evaluate((el) => el.textContent!.length)).toBeLessThan(40_000);

  const [doc] = await exportJsonl(dbPath);
  const start = cpOffset(LINE, 'zebra');
  expect(spansAsText(doc)).toEqual([[start, start + 5, 'zebra']]);
});
