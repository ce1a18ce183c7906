import { test, expect, repoRoot } from './fixtures';
import { selectText, clickSpanText } from './reader';
import { join } from 'node:path';

const sample = join(repoRoot, 'samples', 'corpus');

test('import the sample folder, search, tag, overlap, note, undo/redo, and find it all after a reload', async ({ workbench }) => {
  const { page } = workbench;
  const annotations = page.getByRole('region', { name: 'Annotations' });
  const rows = annotations.locator('.annrow');
  const rowWithText = (text: string) => rows.filter({ has: page.locator('.annrow-text', { hasText: new RegExp(`^${text}$`) }) });

  // Import the sample folder through the folder picker; the report names what happened.
  await page.getByTestId('import-folder').setInputFiles(sample);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('5');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.docrow')).toHaveCount(5);

  // Search a phrase and open the hit in place: the matched words are marked in the document.
  await page.getByLabel('Search the corpus').fill('"smart bombs"');
  const hit = page.locator('.hit').first();
  await expect(hit).toContainText('Russia insists on');
  await expect(hit.locator('mark').first()).toHaveText(/smart/i);
  await hit.click();
  await expect(page.locator('.reader-title')).toHaveText('Russia insists on “smart bombs”');
  await expect(page.locator('.reader-text .cc-match').first()).toHaveText(/smart/);
  await page.getByLabel('Search the corpus').fill('');

  // Open 000 and tag: a partial selection snaps to whole words.
  await page.locator('.docrow', { hasText: 'The Russian military is accusing' }).click();
  await expect(page.locator('.reader-title')).toContainText('The Russian military is accusing');

  await selectText(page, '60 civilians', { trimEnd: 3 }); // "60 civili"
  await page.keyboard.press('3');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('figure');
  await expect(rows.first()).toContainText('60 civilians');

  await selectText(page, 'Sergey Rudskoy');
  await page.keyboard.press('2');
  await expect(rows).toHaveCount(2);

  // A claim sentence that contains the figure (nested), then a span crossing another (overlapping).
  await selectText(page, 'At least 60 civilians were killed and another 200 injured during three days of US-led coalition airstrikes');
  await page.getByRole('toolbar', { name: 'Tag selection' }).getByRole('button', { name: /claim/ }).click();
  await selectText(page, '200 injured');
  await page.keyboard.press('3');
  await selectText(page, 'injured during three days');
  await page.keyboard.press('1');
  await expect(rows).toHaveCount(5);

  // Every layer stays clickable: "during" is covered by the crossing claim and the sentence claim; the first
  // click picks the innermost (shorter) one, the second walks outwards.
  await page.keyboard.press('Escape');
  await expect(page.locator('.editor-quote')).toHaveCount(0);
  await clickSpanText(page, 'during three');
  await expect(page.locator('.editor-quote')).toHaveText('injured during three days');
  await clickSpanText(page, 'during three');
  await expect(page.locator('.editor-quote')).toContainText('At least 60 civilians were killed');
  await page.keyboard.press('Escape');
  await clickSpanText(page, '200 injured');
  await expect(page.locator('.editor-quote')).toHaveText('200 injured');

  // Note and attributes on the figure.
  await rows.filter({ hasText: '60 civilians' }).filter({ hasText: 'figure' }).click();
  await expect(page.locator('.editor-quote')).toHaveText('60 civilians');
  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('RT says "at least 60"; 001 says "over 60".');
  await page.getByRole('button', { name: '+ Add attribute' }).click();
  await page.getByLabel('Attribute name', { exact: true }).last().fill('value');
  await page.getByLabel('Attribute value', { exact: true }).last().fill('60');
  await page.getByRole('button', { name: '+ Add attribute' }).click();
  await page.getByLabel('Attribute name', { exact: true }).last().fill('unit');
  await page.getByLabel('Attribute value', { exact: true }).last().fill('killed');
  await page.getByLabel('Attribute value', { exact: true }).last().press('Enter');
  await expect(rows.filter({ hasText: 'unit: killed' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'RT says' })).toHaveCount(1);

  // One attribute edit is one undo step; the note before it is another.
  await page.locator('.reader').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(rows.filter({ hasText: 'unit: killed' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'value: 60' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'RT says' })).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(rows.filter({ hasText: 'RT says' })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(rows.filter({ hasText: 'RT says' })).toContainText('value: 60');
  await expect(rows.filter({ hasText: 'unit: killed' })).toHaveCount(1);

  // Delete the crossing claim, undo brings it back (same text, same place), redo removes it again, undo again.
  await rowWithText('injured during three days').click();
  await page.keyboard.press('Delete');
  await expect(rows).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(5);
  await page.keyboard.press('Control+Shift+z');
  await expect(rows).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(5);

  // The list shows per-label counts for the document.
  await expect(page.locator('.docrow-open .count')).toHaveText(['2', '1', '2']);

  // Everything was persisted as it happened: a reload finds it as it was left.
  await workbench.reload();
  await page.locator('.docrow', { hasText: 'The Russian military is accusing' }).click();
  await expect(rows).toHaveCount(5);
  await expect(rows.filter({ hasText: 'Sergey Rudskoy' })).toContainText('speaker');
  await expect(rows.filter({ hasText: 'RT says' })).toContainText('unit: killed');
  await expect(rowWithText('injured during three days')).toContainText('claim');
  await expect(page.locator('.reader-text .cc-ann')).not.toHaveCount(0);
});
