import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const sample = join(repoRoot, 'samples', 'corpus');

/** One chart's numbers as its table gives them: row label → the count. */
async function tableOf(page: Page, title: string): Promise<Record<string, string>> {
  const card = page.getByRole('region', { name: title });
  await card.getByText('Numbers as a table').click();
  const rows = card.getByRole('table').locator('tbody tr');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.locator('th').innerText()).trim()] = (await row.locator('td').first().innerText()).trim();
  return out;
}

test('the Project view counts what was tagged and done, and a label bar opens the documents with that label', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('import-folder').setInputFiles(sample);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('5');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.docrow')).toHaveCount(5);

  const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  // Document 000: a figure and a speaker; marked done.
  await page.locator('.docrow', { hasText: 'The Russian military is accusing' }).click();
  await selectText(page, '60 civilians');
  await page.keyboard.press('3');
  await expect(rows).toHaveCount(1);
  await selectText(page, 'Sergey Rudskoy');
  await page.keyboard.press('2');
  await expect(rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByRole('button', { name: /Done/ })).toHaveAttribute('aria-pressed', 'true');
  // Document 004: one more speaker.
  await page.locator('.docrow', { hasText: 'Putin compared the operation' }).click();
  await selectText(page, 'Vladimir Putin');
  await page.keyboard.press('2');
  await expect(rows).toHaveCount(1);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Project' }).click();
  await expect(page.getByRole('heading', { name: 'Project' })).toBeVisible();
  await expect(page.locator('.dash-totals')).toHaveText('5 documents · 1 done · 3 annotations');

  expect(await tableOf(page, 'Annotations per label')).toEqual({ claim: '0', speaker: '2', figure: '1' });
  const perSource = await tableOf(page, 'Annotations per source');
  expect(Object.values(perSource).reduce((s, n) => s + Number(n), 0)).toBe(3);
  const done = await tableOf(page, 'Documents done per day');
  expect(Object.values(done)).toEqual(['1']);
  await expect(page.getByRole('region', { name: 'Claim clusters by size' })).toContainText('No claim clusters yet');
  await expect(page.getByRole('region', { name: 'Figures in conflict' })).toContainText('No claim cluster cites figures yet');

  // Each bar is a button named with its figures; the keyboard reaches it and Enter opens the filtered list.
  const speakerBar = page.getByRole('button', { name: 'speaker: 2 annotations in 2 documents. Show those documents' });
  await speakerBar.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Documents' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.docrow')).toHaveCount(2);
  await expect(page.locator('.docrow', { hasText: 'Konashenkov' })).toHaveCount(0);

  // A click on the figure bar: only the one document with a figure.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Project' }).click();
  await page.getByRole('button', { name: /^figure: 1 annotation in 1 document/ }).click();
  await expect(page.locator('.docrow')).toHaveCount(1);
  await expect(page.locator('.docrow')).toContainText('The Russian military is accusing');
});
