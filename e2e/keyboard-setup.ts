import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { repoRoot } from './fixtures';
import { selectText } from './reader';

/** Imports the five sample articles through the folder picker and closes the report. */
export async function importSample(page: Page) {
  await page.getByTestId('import-folder').setInputFiles(join(repoRoot, 'samples', 'corpus'));
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.docrow')).toHaveCount(5);
}

/** Opens the document whose list row shows `title`. */
export async function openDoc(page: Page, title: string) {
  await page.locator('.docrow', { hasText: title }).click();
  await expect(page.locator('.reader-title')).toContainText(title);
}

/** Selects `text` in the open document and tags it with the label key `key`; the new annotation is selected. */
export async function tag(page: Page, text: string, key: string) {
  await selectText(page, text);
  await page.keyboard.press(key);
  await expect(page.locator('.editor-quote')).toHaveText(text);
}

/** Takes focus out of any field, so single-key shortcuts act (as after a click on the page). */
export async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
