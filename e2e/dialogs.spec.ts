import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { importSample, openDoc, tag } from './keyboard-setup';

/**
 * Opens a dialog with its button and checks the dialog contract (renderer/app/Dialog.tsx): focus starts inside,
 * 30 presses of Tab never leave it (the page behind is inert), Esc closes it, and focus is back on the button.
 */
async function checkDialog(page: Page, opener: Locator, dialog: Locator) {
  await opener.click();
  await expect(dialog).toBeVisible();
  const focusInside = () => dialog.evaluate((d) => d.contains(document.activeElement) && document.activeElement !== document.body);
  expect(await focusInside(), 'focus moves into the dialog').toBe(true);
  for (let i = 1; i <= 30; i++) {
    await page.keyboard.press('Tab');
    expect(await focusInside(), `focus still inside after Tab ${i}`).toBe(true);
  }
  for (let i = 1; i <= 3; i++) await page.keyboard.press('Shift+Tab');
  expect(await focusInside(), 'and after Shift+Tab').toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test('Labels, Export and Project dialogs and the finder keep focus inside, close on Esc and give focus back', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);

  await checkDialog(page, page.getByRole('button', { name: 'Labels', exact: true }), page.getByRole('dialog', { name: 'Labels' }));
  await checkDialog(page, page.getByRole('button', { name: 'Export', exact: true }), page.getByRole('dialog', { name: 'Export' }));
  await checkDialog(page, page.getByRole('button', { name: 'Project and backups' }), page.getByTestId('project-dialog'));

  // The finder: opened by the link panel's button for a selected annotation; it shows its link type at once.
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  const finder = page.getByRole('dialog', { name: 'Link to…' });
  await checkDialog(page, page.getByRole('region', { name: 'Links' }).getByRole('button', { name: /Link…/ }), finder);
});

test('Esc closes the dialog only (the selection behind it stays); keys pressed in a dialog do not reach the page', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  await page.getByRole('button', { name: 'Labels', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Labels' })).toBeHidden();
  // One Esc closed the dialog; the annotation is still selected (a second Esc, on the page, would deselect it).
  await expect(page.locator('.editor-quote')).toHaveText('Sergey Rudskoy');
  // A label key pressed while a dialog is up does not tag the page behind it.
  await page.getByRole('button', { name: 'Labels', exact: true }).click();
  await page.getByRole('dialog', { name: 'Labels' }).getByRole('button', { name: 'Done' }).focus();
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await expect(page.locator('.editor-quote')).toHaveText('Sergey Rudskoy');
  await expect(page.getByRole('region', { name: 'Annotations' }).locator('.annrow')).toHaveCount(1);
});
