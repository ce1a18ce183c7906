import { test, expect } from './fixtures';

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
