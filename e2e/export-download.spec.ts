// Exports reach the person (issue 12): in the browser the server's folder is out of reach, so the result is
// offered as a download: one file as it is, a folder as a zip. A second export at once gets a folder of its own,
// and a split that comes out empty is named in the dialog.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';

/** Imports `paths` through the host (as the import dialog's folder path does) and reloads the workbench. */
async function importPaths(page: Page, paths: string[], reload: () => Promise<void>): Promise<number> {
  const n = await page.evaluate(
    async (p) => (await (await fetch('/api/import.paths', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: { paths: p } }) })).json()).value.imported.length as number,
    paths,
  );
  await reload();
  return n;
}

/** The sample corpus, with "60 civilians killed" tagged as a claim. */
async function sampleWithOneClaim(page: Page, reload: () => Promise<void>) {
  expect(await importPaths(page, [join(repoRoot, 'samples', 'corpus')], reload)).toBe(5);
  await page.locator('.docrow', { hasText: '60 civilians killed, 200 injured' }).click();
  await selectText(page, '60 civilians killed');
  await page.keyboard.press('1');
  await expect(page.locator('.annrow')).toHaveCount(1);
}

/** Clicks the dialog's download link and returns the download's name and bytes. */
async function download(page: Page, dialog: ReturnType<Page['getByRole']>) {
  const link = dialog.getByRole('link', { name: /^Download / });
  await expect(link).toBeVisible();
  const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

test.beforeEach(({ workbench }) => {
  test.skip(workbench.url === null, 'downloads are the browser host\'s; the desktop app offers "Show in folder" instead');
});

test('a JSONL export downloads as its file, and a second export straight after gets a folder of its own', async ({ workbench }) => {
  const { page } = workbench;
  await sampleWithOneClaim(page, workbench.reload);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByLabel('Export folder')).toHaveValue(/exports.jsonl \d{4}-\d\d-\d\d \d{6}$/);
  const first = await dialog.getByLabel('Export folder').inputValue();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByLabel('Export result')).toContainText('Wrote 5 documents, 1 span');

  const got = await download(page, dialog);
  expect(got.name).toBe(`${first.split(/[/\\]/).pop()}.jsonl`);
  const lines = got.bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; spans: { start: number; end: number; label: string }[] });
  expect(lines).toHaveLength(5);
  const tagged = lines.filter((l) => l.spans.length);
  expect(tagged).toHaveLength(1);
  const [s] = tagged[0].spans;
  expect([...tagged[0].text].slice(s.start, s.end).join('')).toBe('60 civilians killed');
  expect(s.label).toBe('claim');

  // The same minute, the same second even: the dialog has moved on to a fresh folder, and the export succeeds.
  const second = await dialog.getByLabel('Export folder').inputValue();
  expect(second).not.toBe(first);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByLabel('Export result')).toContainText(second.split(/[/\\]/).pop()!);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('export-download-jsonl.png') });
});

test('a split brat export downloads as a zip holding one folder per split, each with its documents', async ({ workbench }) => {
  const { page } = workbench;
  await sampleWithOneClaim(page, workbench.reload);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('brat').check();
  await dialog.getByLabel('Split into train, dev and test').check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByLabel('Export result')).toContainText('Wrote 5 documents');
  // 80/10/10 of five documents: every split gets one at least, so nothing to warn about.
  await expect(dialog.getByLabel('Empty split')).toHaveCount(0);

  const got = await download(page, dialog);
  expect(got.name).toMatch(/^brat \d{4}-\d\d-\d\d \d{6}\.zip$/);
  const entries = unzipSync(new Uint8Array(got.bytes));
  const top = got.name.replace(/\.zip$/, '');
  const annIn = (split: string) => Object.keys(entries).filter((n) => n.startsWith(`${top}/${split}/`) && n.endsWith('.ann'));
  const counts = ['train', 'dev', 'test'].map((s) => annIn(s).length);
  expect(counts.every((n) => n >= 1)).toBe(true);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
  const anns = Object.keys(entries).filter((n) => n.endsWith('.ann')).map((n) => strFromU8(entries[n])).join('\n');
  expect(anns).toMatch(/^T\d+\tclaim \d+ \d+\t60 civilians killed$/m);
  await page.screenshot({ path: test.info().outputPath('export-download-zip.png') });
});

test('a split that comes out empty is named in the dialog', async ({ workbench }) => {
  const { page } = workbench;
  const corpus = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-two-'));
  try {
    writeFileSync(join(corpus, 'a.txt'), 'First\n\nOfficials in Mosul said 60 people left.');
    writeFileSync(join(corpus, 'b.txt'), 'Second\n\nThe port reopened on Tuesday.');
    expect(await importPaths(page, [corpus], workbench.reload)).toBe(2);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Split into train, dev and test').check();
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByLabel('Export result')).toContainText('Wrote 2 documents');
    const warning = dialog.getByLabel('Empty split');
    await expect(warning).toContainText(/(train|dev|test)\/ is empty/);
    await page.screenshot({ path: test.info().outputPath('export-empty-split.png') });
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
});
