import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';
import type { Page } from '@playwright/test';

/** The sample corpus imported in the fixture's tab, and a second tab on the same host and project, opened from the printed URL as a person would. */
async function twoTabs(workbench: { page: Page; url: string | null }): Promise<Page> {
  const { page } = workbench;
  await page.getByTestId('import-folder').setInputFiles(join(repoRoot, 'samples', 'corpus'));
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  const other = await (await page.context().browser()!.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await other.goto(workbench.url!);
  return other;
}

test('two tabs on one browser host: a span tagged in one shows up in the other without a reload', async ({ workbench, host }) => {
  test.skip(host === 'electron', 'Tabs are a browser-host matter: the desktop app has one window per project.');
  const { page } = workbench;
  const other = await twoTabs(workbench);
  for (const p of [page, other]) await p.locator('.docrow', { hasText: 'The Russian military is accusing' }).click();
  const rowsIn = (p: typeof page) => p.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  await expect(rowsIn(other)).toHaveCount(0);

  await selectText(page, 'Sergey Rudskoy');
  await page.keyboard.press('2');
  await expect(rowsIn(page)).toHaveCount(1);

  await expect(rowsIn(other)).toHaveCount(1);
  await expect(rowsIn(other).first()).toContainText('Sergey Rudskoy');
  await expect(other.locator('.reader-text .cc-ann')).toHaveText('Sergey Rudskoy');
  // The document list's counts follow too.
  await expect(other.locator('.docrow', { hasText: 'The Russian military is accusing' })).toContainText('1');
});

test('a document deleted in one tab closes in the other, saying so, instead of staying open to fail every tag', async ({ workbench, host }) => {
  test.skip(host === 'electron', 'Tabs are a browser-host matter: the desktop app has one window per project.');
  const { page } = workbench;
  const other = await twoTabs(workbench);
  const title = 'The Russian military is accusing';
  await other.locator('.docrow', { hasText: title }).click();
  await expect(other.locator('.reader-title')).toContainText(title);

  await page.locator('.docrow', { hasText: title }).locator('.docrow-tick').click();
  await page.getByRole('toolbar', { name: 'Selected documents' }).getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm' }).getByRole('button', { name: 'Delete document' }).click();
  await expect(page.locator('.docrow', { hasText: title })).toHaveCount(0);

  await expect(other.locator('.docrow', { hasText: title })).toHaveCount(0);
  await expect(other.locator('.reader-title')).toHaveCount(0);
  await expect(other.getByText('was deleted in another window')).toBeVisible();
});
