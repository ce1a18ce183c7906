import { test, expect } from './fixtures';
import { openProject } from '../services/project.js';

/**
 * Adjudication (issue 13): a JSONL file holding two analysts' layers (spans carry "annotator": "ana" / "ben")
 * is imported, the document is opened in the curation view, a difference is decided with a key, and the gold
 * layer holds the accepted span with the curator recorded; undo takes it back out of gold.
 */
const text = 'Konashenkov said 60 civilians died in Mosul.';
const line = {
  id: 1,
  title: 'Strike on Mosul',
  text,
  spans: [
    { id: 1, start: 0, end: 11, label: 'speaker', text: 'Konashenkov', annotator: 'ana' },
    { id: 2, start: 17, end: 29, label: 'figure', text: '60 civilians', annotator: 'ana' },
    { id: 3, start: 0, end: 11, label: 'speaker', text: 'Konashenkov', annotator: 'ben' },
    { id: 4, start: 17, end: 19, label: 'figure', text: '60', annotator: 'ben' },
    { id: 5, start: 38, end: 43, label: 'speaker', text: 'Mosul', annotator: 'ben' },
  ],
  links: [],
};

test('two layers side by side: accept one side of a boundary difference with a key; gold has it, curated by the current annotator', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  // First run asks the analyst's name (the curator gold records) whenever it comes up.
  const who = page.getByRole('dialog', { name: 'Your name as an annotator' });
  await page.addLocatorHandler(who, async () => {
    await who.getByRole('textbox').fill('Cleo');
    await who.getByRole('button', { name: 'Start annotating' }).click();
  });
  await page.getByTestId('import-files').setInputFiles([{ name: 'two-layers.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(JSON.stringify(line) + '\n') }]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('spans-count')).toHaveText('5');
  await report.getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow', { hasText: 'Strike on Mosul' }).click();

  // Above the reader, beside the layers, once the project has a second layer.
  await page.getByRole('button', { name: 'Curate this document' }).click();
  const view = page.getByTestId('curation-view');
  await expect(view.getByTestId('curation-column-ana')).toBeVisible();
  await expect(view.getByTestId('curation-column-ben')).toBeVisible();
  const items = view.getByTestId('curation-item');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'agree');
  await expect(items.nth(1)).toHaveAttribute('data-kind', 'boundary');
  await expect(items.nth(2)).toHaveAttribute('data-kind', 'missing');
  await expect(items.nth(2)).toContainText('not in ana');

  // ↓ to the boundary item, 1 takes ana's version.
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('1');
  await expect(items.nth(1).getByTestId('curation-item-gold')).toHaveText('gold: ana’s');
  await expect(view.getByTestId('curation-column-gold').locator('mark')).toHaveText(['figure60 civilians']);

  // Undo takes it out of gold; redo puts it back.
  await page.keyboard.press('Control+z');
  await expect(view.getByTestId('curation-column-gold').locator('mark')).toHaveCount(0);
  await expect(items.nth(1).getByTestId('curation-item-gold')).toHaveText('to decide');
  await page.keyboard.press('Control+Shift+z');
  await expect(items.nth(1).getByTestId('curation-item-gold')).toHaveText('gold: ana’s');

  // N on the missing item: gold keeps none of it, and the item counts as decided.
  await items.nth(2).click();
  await page.keyboard.press('n');
  await expect(items.nth(2).getByTestId('curation-item-gold')).toHaveText('decided: neither');

  const p = openProject(dbPath, { readOnly: true });
  try {
    const gold = p.annotators.idByName('gold')!;
    const spans = p.annotations.listForDocument(1).filter((a) => a.annotatorId === gold);
    expect(spans.map((a) => [a.start, a.end, a.text])).toEqual([[17, 29, '60 civilians']]);
    expect(spans[0].curatedBy).toBe(p.annotators.currentId());
  } finally {
    p.close();
  }
});
