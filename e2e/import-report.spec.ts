import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The import report (issue 11): what an importer dropped is listed file by file (path, where, what, why) with the
 * import's notes, readable at desktop and small-laptop sizes; a text file whose encoding is in doubt is refused with
 * both candidates and the options to name one, and the named encoding then imports it. A strict import that would
 * drop something is refused whole: the report lists the entries, and imports the same files again without Strict.
 */

/** A JSONL line with one span that cannot be placed (zero-length): it is dropped, the rest imports. */
const jsonl =
  JSON.stringify({
    id: 1,
    title: 'Strike on Mosul, as reported by the ministry in its long daily briefing to the press',
    text: 'Konashenkov said 60 civilians died in Mosul.',
    spans: [
      { id: 1, start: 0, end: 11, label: 'speaker', text: 'Konashenkov' },
      { id: 2, start: 17, end: 17, label: 'figure', text: '' },
    ],
    links: [],
  }) + '\n';
/** "Rząd" in windows-1250: as plausible as ISO-8859-2's "Rzšd", so detection refuses it and asks. */
const rzad = [0x52, 0x7a, 0xb9, 0x64];

/** Drops files (name → bytes or text) on the window, as a person dragging them from a file manager. */
async function dropFiles(page: Page, files: Record<string, string | number[]>) {
  const drop = await page.evaluateHandle((entries) => {
    const dt = new DataTransfer();
    for (const [name, body] of entries) {
      dt.items.add(new File([typeof body === 'string' ? body : new Uint8Array(body)], name, { type: 'text/plain' }));
    }
    return dt;
  }, Object.entries(files));
  await page.dispatchEvent('.dropzone', 'dragenter', { dataTransfer: drop });
  await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: drop });
}

/** Fails when an element matching `selector` shows less than its content (text cut off, not wrapped). */
async function expectNothingClipped(page: Page, selector: string) {
  const clipped = await page.$$eval(selector, (els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
  );
  expect(clipped).toEqual([]);
}

/**
 * At a desktop (1440×900) and a small laptop (1024×700) window: `box` lies inside the window, `check` passes, and a
 * screenshot is saved as `<path>-<width>x<height>.png` (for a person to look at); the window is left at desktop size.
 * `reveal` runs after each resize, for a box that a narrower window folds away (the top bar's menu).
 */
async function atBothSizes(page: Page, box: Locator, path: string, check: () => Promise<void>, reveal?: () => Promise<void>) {
  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await reveal?.();
    const b = (await box.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(width);
    expect(b.y + b.height).toBeLessThanOrEqual(height);
    await check();
    await page.screenshot({ path: `${path}-${width}x${height}.png` });
  }
}

test('the report lists dropped entries and notes, and an encoding refusal leads to naming the encoding', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/import.files')) sent.push((r.postDataJSON() as { args: { options?: unknown } }).args.options);
  });
  await dropFiles(page, { 'mosul.jsonl': jsonl, 'news/rzad.txt': rzad });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await expect(report.getByTestId('dropped-count')).toHaveText('1');

  // The dropped span: file, where, what, why, each in its column.
  const row = report.getByTestId('dropped').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveText([/mosul\.jsonl$/, 'line 1', /17\.\.17 "figure"/, 'zero-length span']);
  await expect(report.getByTestId('notes')).toContainText('offsets read as code points');

  // The windows-1250 file: refused naming both readings, with the way out.
  await expect(report.locator('li', { hasText: 'rzad.txt' })).toContainText('could be windows-1250 ("Rząd") or ISO-8859-2 ("Rzšd")');
  await expect(report.getByTestId('encoding-hint')).toContainText('Pick the right encoding');
  await expect(report.getByTestId('import-options')).toBeVisible();

  await atBothSizes(page, report, testInfo.outputPath('import-report'), () =>
    expectNothingClipped(page, '[data-testid="dropped"] td, [data-testid="notes"] li, .report-hint, .import-option'),
  );

  // Name the encoding in the report, close it, and drop the file again: it imports as Polish.
  await report.getByLabel('Encoding of text files').selectOption('windows-1250');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Import options: windows-1250' })).toBeVisible();
  await dropFiles(page, { 'news/rzad.txt': rzad });
  await expect(report.getByTestId('imported-count')).toHaveText('1');
  await report.getByRole('button', { name: 'Close' }).click();
  await page.locator('.docrow', { hasText: 'Rząd' }).click();
  await expect(page.locator('.reader-text')).toContainText('Rząd');

  // Strict, from the import buttons' options: sent with the call.
  await page.getByRole('button', { name: /^Import options/ }).click();
  const options = page.getByRole('dialog', { name: 'Import options' });
  await options.getByLabel(/Strict/).check();
  // At 1024 px the import actions are in the top bar's "⋯" menu: the options stay open inside it.
  const menu = page.getByRole('button', { name: 'Menu' });
  const openMenu = async () => {
    // By keyboard: a click outside the options would close them (as it should).
    if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.press('Enter');
  };
  await atBothSizes(page, options, testInfo.outputPath('import-options'), () => expectNothingClipped(page, '.import-option'), openMenu);
  await page.keyboard.press('Escape');
  await expect(options).toBeHidden();
  await dropFiles(page, { 'again.jsonl': jsonl.replace('Strike on Mosul', 'Another strike') });
  await expect.poll(() => sent.length).toBe(3);
  expect(sent).toEqual([undefined, { strict: false, encoding: 'windows-1250' }, { strict: true, encoding: 'windows-1250' }]);
});

test('a strict import that would drop something is refused whole in the report, and imports again without Strict', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  await page.getByRole('button', { name: /^Import options/ }).click();
  await page.getByRole('dialog', { name: 'Import options' }).getByLabel(/Strict/).check();
  await page.keyboard.press('Escape');

  // A doccano line with a zero-length span (dropped without Strict), and a plain text file with nothing to drop.
  const port = JSON.stringify({ text: 'Port officials said no.', label: [[0, 0, 'speaker'], [0, 4, 'speaker']] }) + '\n';
  await dropFiles(page, { 'port.jsonl': port, 'notes.txt': 'Harbour notes kept apart from the article.' });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('refused')).toHaveText('Refused (strict): nothing was imported');
  await expect(report.getByTestId('imported-count')).toHaveText('0');
  await expect(report.getByTestId('refused-count')).toHaveText('1');
  const row = report.getByTestId('refused-entries').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td')).toHaveText(['port.jsonl', 'line 1', /^span 0\.\.0 "speaker"/, 'zero-length span']);
  // Not a toast, and nothing of the import kept: not even the text file.
  await expect(page.locator('.toast')).toHaveCount(0);
  await expect(page.locator('.docrow')).toHaveCount(0);

  await atBothSizes(page, report, testInfo.outputPath('import-refused'), () =>
    expectNothingClipped(page, '[data-testid="refused-entries"] td, .report-hint, .report-strict, .dialog-actions button'),
  );

  // The way out: Strict unticked, the same files imported again; the span is dropped and listed, the rest kept.
  await report.getByRole('button', { name: 'Import again without Strict' }).click();
  await expect(report.getByTestId('imported-count')).toHaveText('2');
  await expect(report.getByTestId('dropped').locator('tbody tr td').nth(3)).toHaveText('zero-length span');
  await expect(page.getByRole('button', { name: 'Import options', exact: true })).toBeVisible();
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.docrow')).toHaveCount(2);
});

test('a file whose name is too long is refused alone and listed with its reason; an error toast shows above the report and can be dismissed', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  const long = `corpus/${'x'.repeat(5000)}.txt`;
  // A 5,000-character name (a tester), a backslash in a name (Linux allows it) and two plain files.
  await dropFiles(page, { 'corpus/a.txt': 'First article about the port.', [long]: 'The long-named article.', 'corpus/a\\b.txt': 'Date: 2016-10-25\n', 'corpus/b.txt': 'Second article about the port.' });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByTestId('imported-count')).toHaveText('3');
  const refused = report.locator('li', { hasText: 'the name is too long' });
  await expect(refused).toHaveText(/^corpus\/x{80,}…\(4,8\d\d more\)…x+\.txt the name is too long \(5,004 characters; a file name holds at most 255 bytes\)$/);
  // The backslash file is one file, titled by its whole name.
  await expect(report.locator('li', { hasText: 'a\\b.txt' })).toHaveText(/a\\b\.txt\s+a\\b\.txt$/);
  await atBothSizes(page, report, testInfo.outputPath('import-long-name'), () => expectNothingClipped(page, '.report-list li, .dialog-actions button'));

  // An import that fails while the report is open: its error shows above the modal report, and its × works.
  await dropFiles(page, { 'broken.jsonl': '{"id": 1, "text": \n' });
  const toast = page.getByRole('alert');
  await expect(toast).toBeVisible();
  const box = (await toast.boundingBox())!;
  expect(await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.toast'), [box.x + box.width / 2, box.y + box.height / 2])).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('import-error-over-report.png') });
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
});
