import { expect, type Page } from '@playwright/test';

/**
 * Imports `text` as a file named `name` through the import button, closes the report and opens the document
 * (its row is found by `rowText`, some words of its title).
 */
export async function openText(page: Page, name: string, text: string, rowText: string) {
  await page.getByTestId('import-files').setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await report.getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow', { hasText: rowText }).first().click();
  await page.locator('.reader-text p').first().waitFor();
}

/** The annotation rows as "label|covered text", in list order. */
export async function annotationRows(page: Page): Promise<string[]> {
  const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
  return rows.evaluateAll((els) =>
    els.map((el) => `${el.querySelector('.annrow-label')?.textContent?.trim()}|${el.querySelector('.annrow-text')?.textContent?.trim()}`),
  );
}

/** One document of a `crosscheck export --format jsonl` file: its stored text and spans. */
export interface ExportedDoc {
  text: string;
  spans: { start: number; end: number; text: string; label: string }[];
}

/**
 * Exports the project at `dbPath` with the built CLI (`crosscheck export --format jsonl`) into a temporary folder
 * and returns its documents.
 */
export async function exportJsonl(dbPath: string): Promise<ExportedDoc[]> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { distDir, repoRoot } = await import('./fixtures');
  const dir = mkdtempSync(join(tmpdir(), 'cc-reader-export-'));
  try {
    const out = join(dir, 'export.jsonl');
    execFileSync(process.execPath, [join(distDir, 'cli/crosscheck.mjs'), 'export', '--db', dbPath, '--format', 'jsonl', '--out', out], { cwd: repoRoot });
    return readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ExportedDoc);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Code-point offset of the first `needle` in `text`, as stored offsets count. */
export function cpOffset(text: string, needle: string): number {
  return Array.from(text.slice(0, text.indexOf(needle))).length;
}

/** The spans of an exported document as [start, end, the stored text's code points start..end]. */
export function spansAsText(doc: ExportedDoc): [number, number, string][] {
  const cps = Array.from(doc.text);
  return doc.spans.map((s): [number, number, string] => [s.start, s.end, cps.slice(s.start, s.end).join('')]).sort((a, b) => a[0] - b[0]);
}

/** Presses Tab until the reader's text has focus (at most `limit` times); throws when it never gets there. */
export async function tabToReader(page: Page, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('reader-text') ?? false)) return;
  }
  throw new Error(`the reader text never took focus in ${limit} Tab presses`);
}
