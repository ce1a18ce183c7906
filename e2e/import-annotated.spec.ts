import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';

/**
 * Annotated formats picked or dropped in the browser are uploaded as bytes (never a path on the server) and go
 * through the same format detection as `import.paths`: their spans arrive with them.
 */
const brat = join(repoRoot, 'services/formats/fixtures/brat/tutorial-news');
const file = (name: string, buffer: Buffer, mimeType = 'text/plain') => ({ name, mimeType, buffer });

test('a brat pair picked in the browser imports with its spans', async ({ workbench }) => {
  const { page } = workbench;
  const calls: string[] = [];
  page.on('request', (r) => r.url().includes('/api/import.') && calls.push(new URL(r.url()).pathname));
  await page.getByTestId('import-files').setInputFiles([
    file('060-relation_annotation.txt', readFileSync(join(brat, '060-relation_annotation.txt'))),
    file('060-relation_annotation.ann', readFileSync(join(brat, '060-relation_annotation.ann'))),
    file('annotation.conf', readFileSync(join(brat, 'annotation.conf'))),
  ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await expect(report.getByTestId('spans-count')).not.toHaveText('0');
  await expect(report.locator('li', { hasText: '060-relation_annotation.txt' })).toBeVisible();
  await report.getByRole('button', { name: 'Close' }).click();
  expect(calls).toEqual(['/api/import.files']);

  await page.locator('.docrow').first().click();
  await expect(page.locator('.reader-text')).toContainText('Terry Pratchett');
  await expect(page.locator('.annrow-text', { hasText: /^Terry Pratchett$/ }).first()).toBeVisible();
  await expect(page.locator('.reader-text .cc-ann').first()).toBeVisible();
});

test('a Crosscheck JSONL file dropped on the window imports with its spans', async ({ workbench }) => {
  const { page } = workbench;
  const line = {
    id: 1,
    title: 'Strike on Mosul',
    text: 'Konashenkov said 60 civilians died in Mosul.',
    spans: [
      { id: 1, start: 0, end: 11, label: 'speaker', text: 'Konashenkov' },
      { id: 2, start: 17, end: 29, label: 'figure', text: '60 civilians' },
    ],
    links: [],
  };
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'export.jsonl', { type: 'application/jsonl' }));
    return dt;
  }, JSON.stringify(line) + '\n');
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer: drop });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: drop });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await expect(report.getByTestId('spans-count')).toHaveText('2');
  await report.getByRole('button', { name: 'Close' }).click();

  await page.locator('.docrow', { hasText: 'Strike on Mosul' }).click();
  await expect(page.locator('.annrow-text')).toHaveText(['Konashenkov', '60 civilians']);
});
