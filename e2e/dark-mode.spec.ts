import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';

/**
 * Issue 12: dark mode follows `prefers-color-scheme`, a toggle (system / light / dark, remembered) overrides it, and
 * label colours stay readable on both. Colours are read from computed styles: the background is the first opaque
 * one up the tree; "dark" is a relative luminance below 0.1, "light" above 0.5 (WCAG 2.x luminance).
 */
async function colours(box: Locator): Promise<{ background: number; text: number; contrast: number }> {
  return box.evaluate((e) => {
    // rgb(r g b / a) in 0–255, or color(srgb r g b / a) in 0–1 (what a color-mix() computes to).
    const rgb = (c: string) => {
      const n = (c.replace(/^color\(srgb/, '').match(/[\d.]+/g) ?? []).map(Number);
      return c.startsWith('color(srgb') ? n.map((v, i) => (i < 3 ? v * 255 : v)) : n;
    };
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let bg = 'rgb(255, 255, 255)';
    for (let a: Element | null = e; a; a = a.parentElement) {
      const c = getComputedStyle(a).backgroundColor;
      const alpha = rgb(c)[3];
      if (alpha === undefined || alpha === 1) {
        bg = c;
        break;
      }
    }
    const [hi, lo] = [lum(bg), lum(getComputedStyle(e).color)].sort((x, y) => y - x);
    return { background: lum(bg), text: lum(getComputedStyle(e).color), contrast: (hi + 0.05) / (lo + 0.05) };
  });
}

async function expectDark(box: Locator, what: string) {
  const c = await colours(box);
  expect(c.background, `${what}: background luminance`).toBeLessThan(0.1);
  expect(c.text, `${what}: text luminance`).toBeGreaterThan(0.5);
}

async function expectLight(box: Locator, what: string) {
  const c = await colours(box);
  expect(c.background, `${what}: background luminance`).toBeGreaterThan(0.5);
  expect(c.text, `${what}: text luminance`).toBeLessThan(0.1);
}

/**
 * Text drawn in or on a label colour against what is behind it: at least 4.5:1 (WCAG 1.4.3) — every painted span
 * in the reader, the label names in the annotation list, the per-label counts in the document list.
 */
async function expectSpansReadable(page: Page, theme: string) {
  for (const selector of ['.reader-text .cc-ann', '.annrow-label', '.docrow .count']) {
    const boxes = page.locator(selector);
    expect(await boxes.count(), selector).toBeGreaterThan(0);
    for (const box of await boxes.all()) {
      const c = await colours(box);
      expect(c.contrast, `${theme}: ${selector} "${await box.textContent()}"`).toBeGreaterThanOrEqual(4.5);
    }
  }
}

test('dark mode follows the system, the toggle overrides it and is remembered, label colours stay readable', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(
    async (paths) => fetch('/api/import.paths', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: { paths } }) }),
    [join(repoRoot, 'samples', 'corpus')],
  );
  await workbench.reload();
  await page.locator('.docrow', { hasText: '60 civilians killed, 200 injured' }).click();
  // Yellow and navy: the label colours that are hardest to read on one background or the other.
  await page.getByRole('button', { name: 'Labels', exact: true }).click();
  const labels = page.getByRole('dialog', { name: 'Labels' });
  await expect(labels).toBeVisible();
  await labels.locator('input[type="color"]').nth(0).fill('#ffee00');
  await labels.locator('input[type="color"]').nth(1).fill('#000080');
  await expectDark(labels.getByRole('heading', { name: 'Labels' }), 'Labels dialog');
  await page.screenshot({ path: testInfo.outputPath('dark-labels-1440x900.png') });
  await labels.getByRole('button', { name: 'Done' }).click();

  await selectText(page, 'Over 60 civilians have been killed');
  await page.keyboard.press('1');
  await selectText(page, 'Sergey Rudskoy');
  await page.keyboard.press('2');
  await selectText(page, 'Russian military');
  await page.keyboard.press('3');
  await page.locator('.reader-text .cc-ann', { hasText: 'Sergey Rudskoy' }).click();

  await expectDark(page.locator('.reader-text p').first(), 'reader');
  await expectDark(page.locator('.topbar .brand'), 'top bar');
  await expectDark(page.locator('.docrow-title').first(), 'document list');
  await expectDark(page.locator('.annrow-text').first(), 'annotation list');
  await expectSpansReadable(page, 'dark');
  await page.screenshot({ path: testInfo.outputPath('dark-1440x900.png') });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expectDark(page.getByRole('dialog', { name: 'Export' }).getByRole('heading', { name: 'Export' }), 'Export dialog');
  await page.screenshot({ path: testInfo.outputPath('dark-export-1440x900.png') });
  await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Cancel' }).click();

  // The toggle steps system → light → dark; light holds against the system's dark, and across a reload.
  const toggle = page.getByRole('button', { name: /^Theme: / });
  await expect(toggle).toHaveAccessibleName('Theme: System');
  await toggle.click();
  await expect(toggle).toHaveAccessibleName('Theme: Light');
  await expectLight(page.locator('.reader-text p').first(), 'reader, light chosen on a dark system');
  await expectLight(page.locator('.docrow-title').first(), 'document list, light chosen');
  await expectSpansReadable(page, 'light');
  await page.screenshot({ path: testInfo.outputPath('light-1440x900.png') });
  await workbench.reload();
  await expect(page.getByRole('button', { name: /^Theme: / })).toHaveAccessibleName('Theme: Light');
  await expectLight(page.locator('.topbar .searchbox input'), 'search box after reload');

  // Dark chosen on a light system.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: /^Theme: / }).click();
  await expect(page.getByRole('button', { name: /^Theme: / })).toHaveAccessibleName('Theme: Dark');
  await expectDark(page.locator('.docrow-title').first(), 'document list, dark chosen on a light system');
  // Back to following the system: light again.
  await page.getByRole('button', { name: /^Theme: / }).click();
  await expect(page.getByRole('button', { name: /^Theme: / })).toHaveAccessibleName('Theme: System');
  await expectLight(page.locator('.docrow-title').first(), 'document list, system (light)');
});
