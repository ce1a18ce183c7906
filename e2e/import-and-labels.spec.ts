import { test, expect } from './fixtures';
import { selectText } from './reader';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
// "Мирные жители" in windows-1251, a UTF-16LE file with BOM, and CRLF line ends: all decode to the same kind of text.
const cp1251 = Buffer.from([0xcc, 0xe8, 0xf0, 0xed, 0xfb, 0xe5, 0x20, 0xe6, 0xe8, 0xf2, 0xe5, 0xeb, 0xe8, 0x0a]);
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Smart bombs 💣 over Mosul\r\nsecond line\r\n', 'utf16le')]);

test('bad files are skipped with a reason each, good ones imported, whatever the encoding', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('import-files').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'photo.txt', mimeType: 'text/plain', buffer: png },
    { name: 'nul.txt', mimeType: 'text/plain', buffer: Buffer.from('abc\0def') },
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
    { name: 'russian.txt', mimeType: 'text/plain', buffer: cp1251 },
    { name: 'utf16.txt', mimeType: 'text/plain', buffer: utf16 },
    { name: 'again.txt', mimeType: 'text/plain', buffer: utf16 },
  ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('2');
  await expect(report).toContainText('1 duplicate');
  await expect(report.locator('li', { hasText: 'empty.txt' })).toContainText('empty file');
  await expect(report.locator('li', { hasText: 'photo.txt' })).toContainText('PNG');
  await expect(report.locator('li', { hasText: 'nul.txt' })).toContainText('NUL');
  await expect(report.locator('li', { hasText: 'report.pdf' })).toContainText('unsupported file type (.pdf)');
  await report.getByRole('button', { name: 'Close' }).click();

  await page.locator('.docrow', { hasText: 'Мирные жители' }).click();
  await expect(page.locator('.reader-text')).toContainText('Мирные жители');
  await page.locator('.docrow', { hasText: 'Smart bombs' }).click();
  // CRLF became LF: two lines, two paragraphs, and the emoji is one character of the stored text.
  await expect(page.locator('.reader-text p')).toHaveText(['Smart bombs 💣 over Mosul', 'second line', '']);
  await selectText(page, 'bombs 💣 over');
  await page.keyboard.press('1');
  await expect(page.locator('.annrow-text')).toHaveText('bombs 💣 over');
});

test('files dropped on the window are imported', async ({ workbench }) => {
  const { page } = workbench;
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Dropped article\n\nKonashenkov said 396 civilians.'], 'dropped.txt', { type: 'text/plain' }));
    dt.items.add(new File(['x'], '.DS_Store'));
    return dt;
  });
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer: drop });
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: drop });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await expect(report.locator('li', { hasText: '.DS_Store' })).toContainText('hidden or system file');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.docrow')).toHaveText([/Dropped article/]);
});

test('the label set is per project and editable: a new label with its own key tags text', async ({ workbench }) => {
  const { page } = workbench;
  await page.getByTestId('import-files').setInputFiles([
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('Headline\n\nThe strike hit Mosul on Tuesday.') },
  ]);
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Labels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Labels' });
  await dialog.getByLabel('New label name').fill('place');
  await dialog.getByLabel('New label key').fill('4');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByLabel('place name')).toHaveValue('place');
  // A key already taken is refused with a message naming the label that has it.
  await dialog.getByLabel('New label name').fill('location');
  await dialog.getByLabel('New label key').fill('1');
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByRole('alert')).toContainText('Key 1 is already the shortcut of label "claim"');
  // Link types are the project's too: a new directed type.
  await dialog.getByLabel('New link type name').fill('refutes');
  await dialog.getByLabel('New link type is directed').check();
  await dialog.getByRole('button', { name: 'Add link type' }).click();
  await expect(dialog.getByLabel('refutes is directed')).toBeChecked();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.locator('.docrow').first().click();
  await selectText(page, 'Mosul');
  await page.keyboard.press('4');
  await expect(page.locator('.annrow')).toContainText(['place']);
  await workbench.reload();
  await page.locator('.docrow').first().click();
  await expect(page.locator('.annrow')).toContainText(['place']);
});
