import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { blur, importSample, openDoc, tag } from './keyboard-setup';

test('? opens the keyboard sheet: the project labels with their keys, the navigation keys; Esc closes it and focus returns', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await openDoc(page, 'The Russian military is accusing');
  const markDone = page.getByRole('button', { name: 'Mark done' });
  await markDone.focus();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [name, key] of [['claim', '1'], ['speaker', '2'], ['figure', '3']]) {
    const row = sheet.getByTestId(`help-label-${name}`);
    await expect(row.locator('kbd')).toHaveText(key);
    await expect(row).toContainText(`Tag the selection as ${name}`);
  }
  const navigation = sheet.getByRole('region', { name: 'Navigation' });
  for (const [key, does] of [
    [']', 'Next document in the list'],
    ['[', 'Previous document in the list'],
    ['.', 'Next annotation in the document'],
    [',', 'Previous annotation in the document'],
  ]) {
    await expect(navigation.locator('.helpsheet-row', { has: page.locator('kbd', { hasText: key }) })).toContainText(does);
  }
  await expect(navigation).toContainText('Mark the document done and open the next one not done');
  await expect(sheet.getByRole('region', { name: 'Linking and suggestions' })).toContainText('Link the selected annotation');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(markDone).toBeFocused();

  // A label given the key L takes it from the finder: the sheet says so.
  await page.getByRole('button', { name: 'Labels', exact: true }).click();
  const labels = page.getByRole('dialog', { name: 'Labels' });
  await labels.getByLabel('New label name').fill('location');
  await labels.getByLabel('New label key').fill('l');
  await labels.getByRole('button', { name: 'Add label' }).click();
  await expect(labels.getByLabel('location key')).toHaveValue('l');
  await page.keyboard.press('Escape');
  await blur(page);
  await page.keyboard.press('?');
  await expect(sheet.getByTestId('help-label-location')).toContainText('Tag the selection as location');
  await expect(sheet.locator('.helpsheet-off')).toContainText('not here: the label location uses L');
  await page.keyboard.press('Escape');
});

/**
 * The sample imported and its first document open, the focus off the list: the list's titles (first 20 characters)
 * and the reader's title. ] moves from the document shown, so this waits until the clicked one is (a loaded machine
 * opened it after the key, CI 2026-11-30).
 */
async function firstDocOpen(page: Page) {
  await importSample(page);
  const titles = (await page.locator('.docrow .docrow-title').allTextContents()).map((t) => t.trim().slice(0, 20));
  await page.locator('.docrow').first().click();
  const title = page.locator('.reader-title');
  await expect(title).toContainText(titles[0]);
  await blur(page);
  return { titles, title };
}

test('] and [ move between documents, . and , between annotations, Ctrl+Enter marks done and opens the next', async ({ workbench }) => {
  const { page } = workbench;
  const { titles, title } = await firstDocOpen(page);
  await page.keyboard.press(']');
  await expect(title).toContainText(titles[1]);
  await page.keyboard.press(']');
  await expect(title).toContainText(titles[2]);
  await page.keyboard.press('[');
  await expect(title).toContainText(titles[1]);

  // Annotations in reading order.
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  await tag(page, 'At least 60 civilians were killed', '1');
  await blur(page);
  await page.keyboard.press('Escape'); // deselect
  await expect(page.locator('.editor-quote')).toHaveCount(0);
  await page.keyboard.press('.');
  await expect(page.locator('.editor-quote')).toHaveText('At least 60 civilians were killed');
  await page.keyboard.press('.');
  await expect(page.locator('.editor-quote')).toHaveText('Sergey Rudskoy');
  await page.keyboard.press(',');
  await expect(page.locator('.editor-quote')).toHaveText('At least 60 civilians were killed');
  await page.keyboard.press(',');
  await expect(page.getByTestId('status-message')).toContainText('No more annotations this way');

  // Mark done and go on: the document is done in the list and the next one not done is open.
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('.docrow', { hasText: 'The Russian military is accusing' }).locator('.docrow-done')).toBeVisible();
  await expect(title).not.toContainText('The Russian military is accusing');
  await expect(page.getByTestId('status-message')).toContainText('Marked done');
});

test('] held down moves one document per press, even while each takes longer to open than the key repeats (a tester)', async ({ workbench }) => {
  const { page } = workbench;
  const { titles, title } = await firstDocOpen(page);
  // Each document takes 300 ms to arrive, ten times a key's repeat interval.
  await page.route('**/api/documents.get', async (route) => (await new Promise((r) => setTimeout(r, 300)), await route.continue()));
  for (let i = 0; i < 3; i++) await page.keyboard.press(']');
  await expect(title).toContainText(titles[3]);
  await page.unroute('**/api/documents.get');
});

test('Ctrl+Enter right after clicking a row marks that document done; Shift+click ticks a range without selecting the titles (a tester)', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  const rows = page.locator('.docrow');
  const first = (await rows.first().locator('.docrow-title').textContent())!.trim().slice(0, 20);
  await rows.first().click(); // the focus is on the row now
  await expect(page.locator('.reader-title')).toContainText(first);
  await page.keyboard.press('Control+Enter');
  await expect(rows.filter({ hasText: first }).locator('.docrow-done')).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText('Marked done');

  await rows.nth(0).locator('[data-testid="docrow-tick"]').click();
  await rows.nth(3).click({ modifiers: ['Shift'] });
  await expect(page.locator('.docrow[aria-selected="true"]')).toHaveCount(4);
  expect(await page.evaluate(() => getSelection()?.toString() ?? '')).toBe('');
});

test('a label key with nothing selected says "Select text first" and tags nothing', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await openDoc(page, 'The Russian military is accusing');
  await blur(page);
  await page.keyboard.press('2');
  const status = page.getByTestId('status-message');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toContainText('Select text first');
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('.annrow')).toHaveCount(0);
  // The label buttons say the same.
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: /claim/ }).click();
  await expect(status).toContainText('tag it as claim');
  // With an annotation selected the key relabels it instead (no message).
  await tag(page, 'Sergey Rudskoy', '1');
  await blur(page);
  await page.keyboard.press('2');
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'speaker: Sergey Rudskoy' })).toBeVisible();
});
