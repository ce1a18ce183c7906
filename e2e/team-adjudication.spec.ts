import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * Issue 13, acceptance: "merge a second analyst's JSONL, open agreement, open a disagreement, accept one side, see
 * the gold layer and its export" — the whole team workflow through the UI, in that order.
 *
 * The analyst's own layer comes from a JSONL import without `annotator` (so its spans go to the current
 * annotator); the colleague's work is the same article in a JSONL whose spans name "Bob", merged with *Merge…*.
 * They agree on the speaker and disagree on the figure's boundary ("60 civilians" vs "60").
 */
const text = 'Officials said 60 civilians were killed in the strike on Tuesday.';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
const line = (spans: object[]) => Buffer.from(JSON.stringify({ id: 1, title: 'Sixty civilians killed in strike', text, spans, links: [] }) + '\n');
const mine = line([{ ...at('Officials'), label: 'speaker' }, { ...at('60 civilians'), label: 'figure' }]);
const bobs = line([{ ...at('Officials'), label: 'speaker', annotator: 'Bob' }, { ...at('60'), label: 'figure', annotator: 'Bob' }]);

/** Clicks a top-bar action, through the ⋯ menu when the window folds it. */
async function topAction(page: Page, name: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name, exact: true }).click();
}

test('merge a colleague\'s JSONL, see the agreement, open the disagreement, accept one side into gold, export gold', async ({ workbench }) => {
  test.skip(workbench.url === null, 'the export is checked through the browser host\'s download');
  const { page } = workbench;
  const me = (await page.evaluate(async () => (await (await fetch('/api/annotators.current', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":{}}' })).json()).value.name)) as string;

  // My layer: an import of my own export (no "annotator": the current annotator's layer).
  await page.getByTestId('import-files').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/jsonl', buffer: mine });
  const imported = page.getByRole('dialog', { name: 'Import report' });
  await expect(imported.getByTestId('spans-count')).toHaveText('2');
  await imported.getByRole('button', { name: 'Close' }).click();

  // Bob's layer: merged onto the same document (matched by its text).
  await topAction(page, 'Merge…');
  const dialog = page.getByRole('dialog', { name: "Merge another analyst's work" });
  await dialog.getByTestId('merge-file').setInputFiles({ name: 'bob.jsonl', mimeType: 'application/jsonl', buffer: bobs });
  await dialog.getByRole('checkbox', { name: 'Back up this project first' }).uncheck();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  const report = page.getByRole('dialog', { name: 'Merge report' });
  await expect(report.getByTestId('merge-summary')).toContainText('1 document matched, 0 added');
  await expect(report.getByTestId('merge-layers').getByRole('row', { name: /Bob/ })).toBeVisible();
  await report.getByRole('button', { name: 'Close' }).click();

  // Agreement: one exact match of two spans each (F1 0.50), both overlap (1.00).
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Agreement' }).click();
  const [a, b] = ['Bob', me].sort();
  const cell = page.getByRole('button', { name: new RegExp(`^${a} × ${b}: `) }).first();
  await expect(cell).toHaveText('1.00');
  await cell.click();
  const docs = page.getByRole('list', { name: 'Documents by disagreement' }).getByRole('button');
  await expect(docs).toHaveCount(1);
  await expect(docs.first()).toHaveAccessibleName(/^Sixty civilians killed in strike: .*exact F1 0\.50/);

  // The disagreement opens in the curation view; the boundary item takes Bob's version.
  await docs.first().click();
  const view = page.getByTestId('curation-view');
  await expect(view.getByTestId('curation-column-Bob')).toBeVisible();
  const items = view.getByTestId('curation-item');
  await expect(items).toHaveCount(2);
  const boundary = view.locator('[data-testid="curation-item"][data-kind="boundary"]');
  await boundary.click();
  // Digits take the layers in the order of the columns: the pair's, by name.
  await page.keyboard.press(String([a, b].indexOf('Bob') + 1));
  await expect(boundary.getByTestId('curation-item-gold')).toHaveText('gold: Bob’s');
  await expect(view.getByTestId('curation-column-gold').locator('mark')).toHaveText(['figure60']);

  // The gold layer exports on its own: only the accepted span, named "gold".
  await topAction(page, 'Export');
  const exportDialog = page.getByRole('dialog', { name: 'Export' });
  await exportDialog.getByRole('combobox', { name: 'Layer' }).selectOption('gold');
  await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(exportDialog.getByLabel('Export result')).toContainText('1 span');
  const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('link', { name: /^Download / }).click()]);
  const exported = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { spans: { text: string; annotator: string }[] });
  expect(exported.flatMap((l) => l.spans).map((s) => [s.text, s.annotator])).toEqual([['60', 'gold']]);
});
