import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { blur, importSample, openDoc, tag } from './keyboard-setup';

/**
 * Runs axe-core on what the page shows now: no violation of impact serious or critical; the others are printed (and
 * attached to the report) for a person to read. `what` names the view in the messages.
 */
async function audit(page: Page, what: string) {
  // Legacy mode runs axe in the page itself: the fixture's page comes from browser.newPage(), which the default
  // mode (a second page in the same context, for cross-frame results) refuses; the workbench has no frames.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const summary = (v: (typeof violations)[number]) =>
    `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes
      .slice(0, 3)
      .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
      .join(' | ')})`;
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  if (minor.length) console.log(`axe, ${what}, not serious:\n  ${minor.map(summary).join('\n  ')}`);
  await test.info().attach(`axe ${what}`, { body: JSON.stringify(violations, null, 2), contentType: 'application/json' });
  expect.soft(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(summary), what).toEqual([]);
}

test('axe-core finds no serious or critical violation on the main views and dialogs', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);

  // Documents view with an open document and a selected annotation (editor, links, suggestions, list).
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  await expect(page.getByRole('region', { name: 'Suggestions' })).toBeVisible();
  await audit(page, 'documents view');

  await page.getByRole('button', { name: 'Claims board' }).click();
  await expect(page.locator('.pane-center')).not.toContainText('Open a document');
  await audit(page, 'claims board');
  await page.getByRole('button', { name: 'Speakers board' }).click();
  await audit(page, 'speakers board');
  await page.getByRole('button', { name: 'Documents', exact: true }).click();

  await page.getByRole('button', { name: 'Labels', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Labels' })).toBeVisible();
  await audit(page, 'Labels dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  await audit(page, 'Export dialog');
  await page.keyboard.press('Escape');

  await blur(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await audit(page, 'keyboard help sheet');
});
