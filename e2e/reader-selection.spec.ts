import { test, expect } from './fixtures';
import { clickSpanText, selectText } from './reader';
import { annotationRows, openText } from './reader-open';

// Issue 12: a click on a highlight brought the previous text selection back, and the next label key tagged it
// again (a silent duplicate) instead of relabelling the clicked span.
const TEXT = 'Harbour report\n\nMaria Lopez said the boats left the northern pier before dawn, and Ahmed Noor agreed.\n';

for (const how of ['click', 'double-click'] as const) {
  test(`tag, then ${how} another highlight: the label key relabels it and stores no duplicate`, async ({ workbench }) => {
    const { page } = workbench;
    await openText(page, 'harbour.txt', TEXT, 'Harbour report');
    const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');

    await selectText(page, 'Maria Lopez');
    await page.keyboard.press('2');
    await expect(rows).toHaveCount(1);
    await selectText(page, 'northern pier');
    await page.keyboard.press('1');
    await expect(rows).toHaveCount(2);
    // Tagged: no text stays selected, in the page or in the editor.
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

    if (how === 'click') await clickSpanText(page, 'Lopez');
    else {
      const word = page.locator('.reader-text .cc-ann', { hasText: 'Maria Lopez' }).first();
      await word.dblclick();
    }
    await expect(page.locator('.editor-quote')).toHaveText('Maria Lopez');
    // What the analyst sees selected: nothing but the clicked span.
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

    await page.keyboard.press('3');
    await expect.poll(() => annotationRows(page)).toEqual(expect.arrayContaining(['figure|Maria Lopez', 'claim|northern pier']));
    expect(await annotationRows(page)).toHaveLength(2);
    // And once more, after a reload: the backend holds exactly these two spans.
    await workbench.reload();
    await page.locator('.docrow', { hasText: 'Harbour report' }).first().click();
    await expect.poll(() => annotationRows(page)).toHaveLength(2);
    expect((await annotationRows(page)).sort()).toEqual(['claim|northern pier', 'figure|Maria Lopez']);
  });
}

test('a double-click on a word inside nested spans selects the innermost span, not an enclosing one (new-user trial)', async ({ workbench }) => {
  const { page } = workbench;
  await openText(page, 'harbour-nested.txt', TEXT, 'Harbour report');
  const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  await selectText(page, 'Maria Lopez said the boats left');
  await page.keyboard.press('1');
  await selectText(page, 'Maria Lopez');
  await page.keyboard.press('2');
  await expect(rows).toHaveCount(2);
  await page.keyboard.press('Escape');
  await page.locator('.reader-text .cc-ann', { hasText: /^Lopez$|Lopez/ }).filter({ hasText: 'Lopez' }).last().dblclick();
  await expect(page.locator('.editor-quote')).toHaveText('Maria Lopez');
  await page.keyboard.press('3');
  await expect.poll(() => annotationRows(page)).toEqual(expect.arrayContaining(['figure|Maria Lopez', 'claim|Maria Lopez said the boats left']));
});
