import { test, expect } from './fixtures';
import { importSample } from './keyboard-setup';
import { linkTheClaims } from './workbench-steps';

test("edit a document's source in the reader: the claims board shows it; a bad date is refused; undo puts the old source back", async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  // One claim told by two outlets, linked same-as: a card on the claims board.
  await linkTheClaims(page);

  // The header's editor: a date that is no date is marked and cannot be saved.
  const meta = page.getByTestId('doc-meta');
  await meta.getByRole('button', { name: 'Edit title, date, source and URL' }).click();
  await meta.getByLabel('Date', { exact: true }).fill('2016-02-30');
  await expect(meta).toContainText('there is no 30 February 2016');
  await expect(meta.getByRole('button', { name: 'Save' })).toBeDisabled();
  await meta.getByLabel('Date', { exact: true }).fill('2016-10-25');
  await meta.getByLabel('Source').fill('Russia Today');
  await meta.getByLabel('URL').fill('https://www.rt.com/news/364217-mosul-civilians-killed/');
  await meta.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.reader-meta')).toContainText('Russia Today');
  await expect(meta.getByRole('link')).toHaveAttribute('href', 'https://www.rt.com/news/364217-mosul-civilians-killed/');
  await expect(page.locator('.docrow', { hasText: '60 civilians killed, 200 injured' })).toContainText('Russia Today');

  // The claims board reads the edited source.
  await page.getByRole('button', { name: 'Claims board' }).click();
  const card = page.locator('.board-card-claim').filter({ hasText: '60 civilians' });
  await expect(card.locator('.board-mention-source', { hasText: 'Russia Today' })).toHaveCount(1);

  // Undo: the old source is back, on the board too.
  await page.keyboard.press('Control+z');
  await expect(card.locator('.board-mention-source', { hasText: 'Russia Today' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Documents' }).click();
  await expect(page.locator('.reader-meta')).not.toContainText('Russia Today');
});
