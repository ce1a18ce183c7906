import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { importSample } from './keyboard-setup';

/**
 * Issue 13, "Merge": a second analyst's JSONL (as their Crosscheck exports it, `annotator` on every span) merged
 * through the UI comes in as their layer, on the document the project already has (another title) and on one only
 * they have; the report shows the layer, and a second merge of the same file adds nothing and says so.
 */
const corpusText = readFileSync(join(repoRoot, 'samples', 'corpus', '000_ec3e15b4c642490e.txt'), 'utf8');
const bobsExport = Buffer.from(
  [
    { id: 1, title: "Bob's title for the Mosul story", text: corpusText, spans: [{ id: 1, start: 1, end: 5, label: 'claim', annotator: 'Bob' }], links: [] },
    { id: 2, title: 'Only Bob has this', text: 'The ministry denied the figures on Monday.', spans: [{ id: 2, start: 0, end: 12, label: 'speaker', annotator: 'Bob' }], links: [] },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n') + '\n',
);

test('merging a second analyst\'s JSONL through the UI shows their layer in the report; merging again adds nothing', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);

  for (const round of [1, 2]) {
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: "Merge another analyst's work" });
    await expect(dialog.getByRole('note')).toContainText('cannot be undone with Ctrl+Z');
    await dialog.getByTestId('merge-file').setInputFiles({ name: 'bob.jsonl', mimeType: 'application/jsonl', buffer: bobsExport });
    await dialog.getByRole('checkbox', { name: 'Back up this project first' }).uncheck();
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();

    const report = page.getByRole('dialog', { name: 'Merge report' });
    const summary = report.getByTestId('merge-summary');
    if (round === 1) {
      await expect(summary).toContainText('1 document matched, 1 added');
      const bob = report.getByTestId('merge-layers').getByRole('row', { name: /Bob/ });
      await expect(bob).toContainText('new');
      await expect(bob.getByRole('cell').first()).toHaveText('2');
    } else {
      await expect(summary).toContainText('Nothing new');
      await expect(summary).toContainText('2 documents matched, 0 added');
    }
    await report.getByRole('button', { name: 'Close' }).click();
  }
  // The document only Bob had is in the list now, under his title; the matched one kept the project's own.
  await expect(page.locator('.docrow')).toHaveCount(6);
  await expect(page.locator('.docrow', { hasText: 'Only Bob has this' })).toBeVisible();
  await expect(page.locator('.docrow', { hasText: "Bob's title" })).toHaveCount(0);
});
