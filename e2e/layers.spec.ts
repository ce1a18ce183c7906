import { test, expect } from './fixtures';
import { importSample, openDoc, tag } from './keyboard-setup';
import { clickSpanText } from './reader';

/** Annotator layers in the workbench (issue 13): the first-run name, switching, and another analyst's spans. */
test.use({ firstRun: true });

test('first run asks the name; Dana tags, Eli sees her span outlined and cannot delete it, tags his own; reload keeps Eli', async ({ workbench }) => {
  const { page } = workbench;
  const ask = page.getByRole('dialog', { name: 'Your name as an annotator' });
  await expect(ask).toBeVisible();
  await expect(ask).toContainText('Exports carry it in every span and link');
  await expect(ask).toContainText("colleagues' work merges in under their own names");
  const name = ask.getByLabel('Your name');
  await expect(name).not.toHaveValue('', { timeout: 1000 }); // prefilled with the OS user's name

  // A reserved name is refused inline with the contract's message.
  await name.fill('gold');
  await ask.getByRole('button', { name: 'Start annotating' }).click();
  await expect(ask.getByRole('alert')).toContainText('"gold" is a reserved layer name');
  await name.fill('Dana');
  await ask.getByRole('button', { name: 'Start annotating' }).click();
  await expect(ask).toBeHidden();

  await importSample(page);
  await openDoc(page, 'The Russian military is accusing');
  await expect(page.getByRole('button', { name: /Annotating as Dana/ })).toBeVisible();
  await tag(page, 'Sergey Rudskoy', '2');
  await expect(page.locator('.reader-text .cc-ann', { hasText: 'Sergey Rudskoy' })).not.toHaveClass(/cc-ann-other/);

  // Switch to Eli: Dana's layer stays in view, outlined, with a legend.
  await page.getByRole('button', { name: /Annotating as Dana/ }).click();
  const sw = page.getByRole('dialog', { name: 'Annotating as' });
  await sw.getByLabel(/Name/).fill('Eli');
  await sw.getByRole('button', { name: 'Annotate as this name' }).click();
  await expect(sw).toBeHidden();
  await expect(page.getByRole('button', { name: /Annotating as Eli/ })).toBeVisible();
  const danas = page.locator('.reader-text .cc-ann', { hasText: 'Sergey Rudskoy' });
  await expect(danas).toHaveClass(/cc-ann-other/);
  expect(await danas.first().evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('dashed');
  const legend = page.getByRole('list', { name: 'Legend of the layers shown' });
  await expect(legend.locator('li[data-layer="Dana"]')).toContainText('dashed underline');
  await expect(legend.locator('li[data-layer="Eli"]')).toContainText('you, filled');
  await expect(page.locator('.annrow', { hasText: 'Sergey Rudskoy' })).toContainText('Dana');

  // Eli can see Dana's span but not delete it: the button is disabled and the Delete key is refused by name.
  await clickSpanText(page, 'Sergey Rudskoy');
  await expect(page.locator('.layer-note')).toContainText("This span is in Dana's layer");
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeDisabled();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: "Dana's layer" })).toBeVisible();
  await expect(danas).toHaveCount(1);

  // Eli tags his own: filled, in his layer.
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await tag(page, 'Mosul', '3');
  await expect(page.locator('.reader-text .cc-ann:not(.cc-ann-other)', { hasText: 'Mosul' }).first()).toBeVisible();
  await expect(page.locator('.annrow', { hasText: 'Mosul' }).first()).toContainText('Eli');

  // The Layers control lists both with counts; unticking Dana hides her span.
  await page.getByRole('button', { name: /^Layers/ }).click();
  await expect(page.getByRole('checkbox', { name: /Eli/ })).toBeDisabled();
  await page.getByRole('checkbox', { name: /Dana/ }).uncheck();
  await expect(danas).toHaveCount(0);

  // After a reload Eli is still current and no name is asked.
  await workbench.reload();
  await openDoc(page, 'The Russian military is accusing');
  await expect(page.getByRole('button', { name: /Annotating as Eli/ })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Your name as an annotator' })).toHaveCount(0);
  await expect(page.locator('.reader-text .cc-ann:not(.cc-ann-other)', { hasText: 'Mosul' }).first()).toBeVisible();

  // On a narrow window the switch is also in the top bar's ⋯ menu.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.locator('.fold-items').getByRole('button', { name: /Annotating as Eli/ })).toBeVisible();
});
