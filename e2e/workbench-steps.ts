/** A step the document specs share: two claims linked across documents (the other steps: ./keyboard-setup.ts). */
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { repoRoot } from './fixtures';
import { openDoc, tag } from './keyboard-setup';

export const sampleCorpus = join(repoRoot, 'samples', 'corpus');

/**
 * The same claim in two outlets' words: tags the 60-killed claim in 000 and in 001 and links them same-as through
 * the finder (001 stays open). Resolves with the finder dialog and the link panel, which shows the new two-mention
 * cluster.
 */
export async function linkTheClaims(page: Page) {
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'At least 60 civilians were killed', '1');
  await openDoc(page, '60 civilians killed, 200 injured');
  await tag(page, '60 civilians killed', '1');
  await page.keyboard.press('l');
  const finder = page.getByRole('dialog', { name: 'Link to…' });
  await finder.getByLabel('Find annotations and passages').fill('were killed');
  await expect(finder.getByRole('option').first()).toContainText('At least 60 civilians were killed');
  await expect(finder.getByTestId('finder-type')).toHaveText('same-as');
  await page.keyboard.press('Enter');
  await expect(finder).toBeHidden();
  const links = page.getByRole('region', { name: 'Links' });
  await expect(links.getByTestId('cluster-name')).toBeVisible();
  await expect(links.locator('.cluster-members li')).toHaveCount(2);
  return { finder, links };
}
