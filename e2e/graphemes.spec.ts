import { test, expect } from './fixtures';
import { selectText } from './reader';

const TEXT = 'Flags 🇺🇸 and 🇺🇦 here.\nA family 👩‍👩‍👧 and a thumbs up 👍🏽 too.\n';

test('a selection inside a flag, a ZWJ family or a skin tone tags the whole character, Alt held or not; the same span twice says why not', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('import-files').setInputFiles([{ name: 'clusters.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) }]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await report.getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow', { hasText: 'Flags' }).click();
  const texts = page.locator('.annrow-text');

  // Alt keeps the exact selection, but never half a character: only the second indicator of 🇺🇸 (UTF-16 2..4).
  await selectText(page, '🇺🇸', { trimStart: 2 });
  await page.keyboard.press('Alt+1');
  await expect(texts).toHaveText(['🇺🇸']);

  // From inside the family (after the first woman and her joiner) to inside the skin tone.
  await selectText(page, '👩‍👩‍👧 and a thumbs up 👍🏽', { trimStart: 3, trimEnd: 2 });
  await page.keyboard.press('Alt+2');
  await expect(texts).toHaveText(['🇺🇸', '👩‍👩‍👧 and a thumbs up 👍🏽']);

  // Without Alt, a cut flag grows to the whole flag too.
  await selectText(page, '🇺🇦', { trimEnd: 2 });
  await page.keyboard.press('3');
  await expect(texts).toHaveText(['🇺🇸', '🇺🇦', '👩‍👩‍👧 and a thumbs up 👍🏽']);

  // The same flag with the same label again: refused, and the toast says it is already tagged.
  await selectText(page, '🇺🇸');
  await page.keyboard.press('1');
  await expect(page.getByRole('alert')).toContainText('This passage is already tagged "claim"');
  await expect(texts).toHaveCount(3);
});
