import { test, expect } from './fixtures';
import { selectText } from './reader';
import { openText } from './reader-open';

// Fresh-clone tester (issue 15): at 1024×700 a refused tag's toast ran under the annotations pane, its × covered,
// and no key closed it; the refused text should stay selected, to try again with another label.
const TEXT = 'Harbour report\n\nMaria Lopez said the boats left the northern pier before dawn.\n';

test('a refused tag at 1024×700: the toast is on top and its × clickable, Esc closes it, the text stays selected', async ({ workbench }) => {
  const { page } = workbench;
  await openText(page, 'harbour.txt', TEXT, 'Harbour report');
  // Narrow once the document is open (at 1024 the documents pane folds away; the annotations pane stays beside).
  await page.setViewportSize({ width: 1024, height: 700 });
  const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  await selectText(page, 'northern pier');
  await page.keyboard.press('1');
  await expect(rows).toHaveCount(1);

  await selectText(page, 'northern pier');
  await page.keyboard.press('1');
  const toast = page.getByRole('alert');
  await expect(toast).toContainText('already tagged');
  // Refused: nothing stored, and the text is still selected.
  await expect(rows).toHaveCount(1);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('northern pier');
  // The × is what the pointer finds at its centre (not the pane), and a click there closes the toast.
  const dismiss = toast.getByRole('button', { name: 'Dismiss' });
  const box = (await dismiss.boundingBox())!;
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('aria-label'), { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe('Dismiss');
  await dismiss.click();
  await expect(toast).toHaveCount(0);

  // Again, and Esc closes it.
  await page.keyboard.press('1');
  await expect(toast).toContainText('already tagged');
  await page.keyboard.press('Escape');
  await expect(toast).toHaveCount(0);
  await expect(rows).toHaveCount(1);
});
