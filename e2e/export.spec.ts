import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

test('export from the UI with a label filter and a train/dev/test split: progress shown, files written', async ({ workbench }) => {
  const { page } = workbench;
  // A corpus big enough for progress to mean something: the sample plus 1,500 generated articles.
  const corpus = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-export-'));
  try {
    for (let i = 0; i < 1500; i++) {
      const sub = join(corpus, `batch-${Math.floor(i / 100)}`);
      if (i % 100 === 0) mkdirSync(sub);
      writeFileSync(join(sub, `a${i}.txt`), `Article ${i}\n\nOfficials said ${i} civilians were evacuated from Mosul on day ${i % 30}.`);
    }
    const imported = await page.evaluate(
      async (paths) => (await (await fetch('/api/import.paths', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: { paths } }) })).json()).value.imported.length,
      [join(repoRoot, 'samples', 'corpus'), corpus],
    );
    expect(imported).toBe(1505);
    await workbench.reload();

    // Tag a claim and a figure in a sample article.
    await page.locator('.docrow', { hasText: '60 civilians killed, 200 injured' }).click();
    await selectText(page, '60 civilians killed');
    await page.keyboard.press('1');
    await selectText(page, '200 injured');
    await page.keyboard.press('3');
    await expect(page.locator('.annrow')).toHaveCount(2);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('CSV').check();
    await dialog.getByRole('checkbox', { name: 'figure' }).uncheck();
    await dialog.getByLabel('Split into train, dev and test').check();
    await dialog.getByLabel('train share').fill('70');
    await dialog.getByLabel('dev share').fill('15');
    await dialog.getByLabel('test share').fill('15');
    const dest = await dialog.getByLabel('Export folder').inputValue();
    expect(dest).toContain('exports');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Export progress' });
    await expect(progress).toBeVisible();
    await expect(dialog.getByLabel('Export result')).toContainText('Wrote 1505 documents, 1 span,');
    await expect(progress).toHaveAttribute('aria-valuenow', '1505');

    // On disk: one folder per split, each with its CSV; only the claim made it through the label filter.
    expect(readdirSync(dest).sort()).toEqual(['dev', 'test', 'train']);
    const rows = ['train', 'dev', 'test'].flatMap((s) => readFileSync(join(dest, s, 'export.csv'), 'utf8').trim().split('\n').slice(1));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('60 civilians killed');
    expect(rows[0]).toContain('claim');
    // The temp folder the export wrote into was moved into place, not left beside it.
    expect(readdirSync(dirname(dest)).filter((n) => n.includes('.partial'))).toEqual([]);
    expect(existsSync(join(dest, 'train', 'export.csv'))).toBe(true);
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
});

test('a typed export folder that is taken is never written over: a fresh one beside it is proposed', async ({ workbench }) => {
  const { page } = workbench;
  const parent = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-taken-'));
  try {
    const taken = join(parent, 'my export');
    mkdirSync(taken);
    writeFileSync(join(taken, 'thesis.txt'), 'not an export');
    await page.getByTestId('import-files').setInputFiles([
      { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('Headline\n\nThe strike hit Mosul on Tuesday.') },
    ]);
    await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('CSV').check();
    // The dialog's own suggestion arrives first; the person then types over it.
    await expect(dialog.getByLabel('Export folder')).toHaveValue(/exports.csv /);
    await dialog.getByLabel('Export folder').fill(taken);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByRole('status', { name: 'Folder taken' })).toContainText('already exists');
    await expect(dialog.getByLabel('Export folder')).toHaveValue(`${taken} (2)`);
    await expect(dialog.getByLabel('Export result')).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByLabel('Export result')).toContainText('Wrote 1 document,');
    expect(readdirSync(`${taken} (2)`)).toEqual(['export.csv']);
    expect(readdirSync(taken)).toEqual(['thesis.txt']);
    expect(readFileSync(join(taken, 'thesis.txt'), 'utf8')).toBe('not an export');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
