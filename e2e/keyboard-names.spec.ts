import { test, expect } from './fixtures';
import { blur, importSample, openDoc, tag } from './keyboard-setup';

test('annotation rows are named "label: text" and laid out in the direction of their text', async ({ workbench }) => {
  const { page } = workbench;
  const text = 'אמרה רות לוי אתמול. وقالت منظمة الصحة إن المشروع سيخدم 60 قرية.';
  await page.getByTestId('import-files').setInputFiles({ name: 'rtl.txt', mimeType: 'text/plain', buffer: Buffer.from(`כותרת\n\n${text}\n`) });
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow').first().click();
  await tag(page, 'רות לוי', '2');
  await tag(page, 'منظمة الصحة', '2');
  const list = page.getByRole('region', { name: 'Annotations' });
  const hebrew = list.getByRole('button', { name: 'speaker: רות לוי', exact: true });
  await expect(hebrew).toBeVisible();
  await expect(list.getByRole('button', { name: 'speaker: منظمة الصحة', exact: true })).toBeVisible();
  // The row's text and the editor's quote run right to left; the row's own label stays in the page's direction.
  const direction = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).direction);
  expect(await hebrew.locator('.annrow-text').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  expect(await direction('.editor-quote')).toBe('rtl');
  expect(await direction('.annrow-label')).toBe('ltr');
  // Right-aligned: the text's right edge is at the row's right padding, not its left.
  const [row, span] = await Promise.all([hebrew.boundingBox(), hebrew.locator('.annrow-text').evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    const b = r.getBoundingClientRect();
    return { x: b.x, width: b.width };
  })]);
  expect(row!.x + row!.width - (span.x + span.width)).toBeLessThan(20);
  expect(span.x - row!.x).toBeGreaterThan(40);
});

test('the finder shows its link type at once and offers no untagged passage of the source document unless asked; Esc gives focus back', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Russian MoD', '2');
  await blur(page);
  await page.keyboard.press('l');
  const finder = page.getByRole('dialog', { name: 'Link to…' });
  await expect(finder.getByTestId('finder-type')).toHaveText('same-as');
  // "Rudskoy" is written, untagged, in this document and in "60 civilians killed": only the other one is offered...
  await finder.getByLabel('Find annotations and passages').fill('Rudskoy');
  const passages = finder.getByRole('option').filter({ hasText: 'untagged passage' });
  await expect(passages.first()).toContainText('60 civilians killed');
  await expect(passages.filter({ hasText: 'The Russian military is accusing' })).toHaveCount(0);
  // ...until the analyst asks for this document's passages.
  await finder.getByLabel(/include untagged passages of this document/).check();
  await expect(passages.filter({ hasText: 'The Russian military is accusing' }).first()).toContainText('Rudskoy');
  await page.keyboard.press('Escape');
  await expect(finder).toBeHidden();
  // L was pressed with nothing focused: focus goes to the source annotation's row, not the page body.
  await expect(page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'speaker: Russian MoD' })).toBeFocused();

  // A span tagged in the same document is offered without asking (a claim's speaker is usually in its own article).
  await blur(page);
  await tag(page, 'Sergey Rudskoy', '2');
  await page.getByRole('region', { name: 'Annotations' }).getByRole('button', { name: 'speaker: Russian MoD' }).click();
  await blur(page);
  await page.keyboard.press('l');
  await finder.getByLabel('Find annotations and passages').fill('Rudskoy');
  await expect(finder.getByRole('option').first()).toContainText('Sergey Rudskoy');
  await page.keyboard.press('Escape');
});

test('a suggestion shows its score as a number', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await openDoc(page, 'Russia insists on');
  await tag(page, 'Sergey Rutskoy', '2');
  await openDoc(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  const first = page.getByRole('region', { name: 'Suggestions' }).locator('.sugg').first();
  await expect(first).toContainText('Sergey Rutskoy');
  await expect(first.getByTestId('sugg-score')).toHaveText(/^score (0|1)\.\d\d$/);
});
