import { test, expect } from './fixtures';
import { importSample } from './keyboard-setup';

/** Issue 12's first layout fault: the query was white on white, and at 1024 px the box shrank to a 25 px square. */
test('the search box shows the query in dark text on white, and stays wide enough to read at 1024×700', async ({ workbench }) => {
  const { page } = workbench;
  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
    await page.setViewportSize(size);
    const box = page.getByRole('searchbox').or(page.locator('.searchbox input')).first();
    await box.fill('Rudskoy "60 civilians"');
    const { color, background } = await box.evaluate((e) => ({ color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor }));
    expect(color, `text colour at ${size.width}px`).toBe('rgb(29, 35, 48)');
    expect(background).toBe('rgb(255, 255, 255)');
    expect((await box.boundingBox())!.width, `width at ${size.width}px`).toBeGreaterThanOrEqual(160);
    await box.fill('');
  }
});

test('a refused search says why where its hits would be, and the next search answers as usual; the syntax is on the box', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  const box = page.getByLabel('Search the corpus');
  await expect(box).toHaveAttribute('title', /quote a phrase \("smart bombs"\).*\* for a prefix/);
  const results = page.getByRole('region', { name: 'Search results' });
  await box.fill('NEAR(civilians killed)');
  await expect(results.getByRole('alert')).toHaveText(
    'NEAR(…) is not supported: type the words to find documents with all of them (civilians killed), or quote them to find them side by side ("civilians killed").',
  );
  await expect(results.getByTestId('results-head')).toHaveText('Not searched: “NEAR(civilians killed)”');
  await expect(results).not.toContainText('No matches');
  await expect(page.locator('.toast')).toHaveCount(0);
  // What the message says to type finds the article, in the singular.
  await box.fill('"civilians killed"');
  await expect(results.getByTestId('results-head')).toHaveText('1 document matches “"civilians killed"”');
  await expect(results.getByRole('alert')).toHaveCount(0);
  await box.fill('Mosul');
  await expect(results.getByTestId('results-head')).toHaveText(/^\d+ documents match “Mosul”$/);
  await box.fill('NEAR(a b)');
  await expect(results.getByRole('alert')).toBeVisible();
  await box.fill('');
  await expect(results).toHaveCount(0);
  await expect(page.locator('.toast')).toHaveCount(0);
});
