import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { openProject } from '../services/project.js';
import { inAsyncTransaction } from '../db/transaction.js';
import { selectText } from './reader';

/**
 * While another process writes the project (here: this test holding its write lock, as a CLI import would), a
 * tag waits its turn and the window says so as a status line, not in the error toast: the change is kept, and the
 * notice goes once the other process is done and the tag is saved (services/write-turns.ts, useWorkbench.ts).
 */
test('a tag that waits for another process shows a status, not an error, and is saved when the wait ends', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  await page.getByTestId('import-folder').setInputFiles(join(repoRoot, 'samples', 'corpus'));
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow', { hasText: 'The Russian military is accusing' }).click();
  const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  await expect(rows).toHaveCount(0);

  const held = openProject(dbPath);
  try {
    // The write lock held as a CLI import holds it (db/transaction.ts), released when the notice has shown.
    await inAsyncTransaction(held.db, 'immediate', async () => {
      await selectText(page, 'Sergey Rudskoy');
      await page.keyboard.press('2');
      await expect(page.getByTestId('status-lasting')).toContainText('Waiting for another window or the command line to finish writing this project');
      // A status (role "status"), never the error toast.
      await expect(page.getByTestId('status-message')).toHaveAttribute('role', 'status');
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
    await expect(page.getByTestId('status-lasting')).toHaveCount(0);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Sergey Rudskoy');
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    held.close();
  }
});
