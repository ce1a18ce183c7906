import type { Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, repoRoot } from './fixtures';
import { selectText } from './reader';
import { layoutFaults, spills } from './layout-checks';

/**
 * Issue 12: "From 800 px up everything stays usable". At each window size, with a project of documents and an open
 * document with annotations (one selected, so its editor, links and suggestions are in the right pane), no
 * control is clipped, overlaps another or wraps — in the plain workbench, with the folded menu open, with each
 * side pane opened from its toggle where it is folded away, and in the Labels and Export dialogs. The reader keeps
 * a readable measure and its file path stays inside it. A screenshot of each state is saved for a person to look at.
 */
const sizes = [
  { width: 800, height: 600 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 2560, height: 1440 },
];

async function expectNoFaults(page: Page, state: string) {
  const faults = await layoutFaults(page);
  expect(faults.checked, `controls checked in ${state}`).toBeGreaterThan(5);
  expect([...faults.clipped, ...faults.overlap, ...faults.wrapped], state).toEqual([]);
}

test('at 800×600, 1024×700, 1440×900 and 2560×1440 no control is clipped, overlaps or wraps', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  // The sample articles, one of them (the one opened) deep in folders: its path is longer than the reader is wide.
  const corpus = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-layout-'));
  const deep = join(corpus, 'newsroom-archive-2016-october-russian-ministry-of-defence', 'briefings-and-statements-mosul-offensive', 'week-43');
  mkdirSync(deep, { recursive: true });
  for (const name of readdirSync(join(repoRoot, 'samples', 'corpus'))) {
    // Underscores: no line-break opportunity, as in many archive file names.
    const deepName = name.replace('.txt', '_russian_ministry_of_defence_briefing_on_the_mosul_offensive_october_2016.txt');
    copyFileSync(join(repoRoot, 'samples', 'corpus', name), name.startsWith('001_') ? join(deep, deepName) : join(corpus, name));
  }
  const imported = await page.evaluate(
    async (paths) =>
      (await (await fetch('/api/import.paths', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: { paths } }) })).json()).value
        .imported.length,
    [corpus],
  );
  rmSync(corpus, { recursive: true, force: true });
  expect(imported).toBe(5);
  await workbench.reload();
  await page.locator('.docrow', { hasText: '60 civilians killed, 200 injured' }).click();
  await selectText(page, 'Sergey Rudskoy');
  await page.keyboard.press('2');
  await selectText(page, '60 civilians');
  await page.keyboard.press('3');
  await selectText(page, 'Over 60 civilians have been killed and at least 200 injured');
  await page.keyboard.press('1');
  await expect(page.locator('.annrow')).toHaveCount(3);
  await page.locator('.annrow', { hasText: 'Sergey Rudskoy' }).click();
  await expect(page.locator('.pane-right .editor')).toBeVisible();

  for (const size of sizes) {
    const at = `${size.width}x${size.height}`;
    await page.setViewportSize(size);
    await expect(page.locator('.reader-text')).toBeVisible();
    // The reader's header (title, path, done) in view, for the screenshot.
    await page.locator('.reader').evaluate((e) => e.scrollTo(0, 0));
    await expectNoFaults(page, `workbench at ${at}`);
    expect(await spills(page, '.reader-head *', '.reader'), `reader header at ${at}`).toEqual([]);
    const measure = (await page.locator('.reader-text').boundingBox())!.width;
    expect(measure, `reader text width at ${at}`).toBeGreaterThanOrEqual(480);
    await page.screenshot({ path: testInfo.outputPath(`layout-${at}.png`) });

    // Folded actions: the menu button says whether its drop-down is open; Escape closes it and gives focus back.
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) {
      await menu.click();
      await expect(menu).toHaveAttribute('aria-expanded', 'true');
      await expect(page.getByRole('group', { name: 'More actions' }).locator(':focus')).toHaveCount(1);
      await expectNoFaults(page, `menu open at ${at}`);
      // Arrow keys move between the items.
      const first = await page.evaluate(() => document.activeElement?.textContent);
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.closest('[role="group"]') && document.activeElement.textContent)).not.toBe(first);
      await page.screenshot({ path: testInfo.outputPath(`layout-${at}-menu.png`) });
      await page.keyboard.press('Escape');
      await expect(menu).toHaveAttribute('aria-expanded', 'false');
      await expect(menu).toBeFocused();
    }
    // Folded panes: each toggle opens its pane over the reader, and the pane's controls pass the same checks.
    for (const name of ['Document list', 'Annotations']) {
      const toggle = page.getByRole('button', { name, exact: true });
      if (!(await toggle.isVisible())) continue;
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expectNoFaults(page, `${name} pane open at ${at}`);
      await page.screenshot({ path: testInfo.outputPath(`layout-${at}-${name.split(' ')[0].toLowerCase()}.png`) });
      // Escape puts the pane away again.
      await page.keyboard.press('Escape');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator(name === 'Annotations' ? '.pane-right' : '.pane-left')).toBeHidden();
    }
    // Where the document list is folded away, a search opens it with the results.
    if (await page.getByRole('button', { name: 'Document list' }).isVisible()) {
      await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('Rudskoy');
      await expect(page.getByRole('button', { name: 'Document list' })).toHaveAttribute('aria-expanded', 'true');
      await expect(page.locator('.pane-left .hit').first()).toBeVisible();
      await expectNoFaults(page, `search results at ${at}`);
      await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('');
      await page.getByRole('button', { name: 'Document list' }).click();
      await expect(page.locator('.pane-left')).toBeHidden();
    }
    // The Labels and Export dialogs, reached from the top bar or its menu.
    for (const [dialog, close] of [['Labels', 'Done'], ['Export', 'Cancel']]) {
      if (await menu.isVisible()) await menu.click();
      await page.getByRole('button', { name: dialog, exact: true }).click();
      const box = page.getByRole('dialog', { name: dialog });
      await expect(box).toBeVisible();
      await expectNoFaults(page, `${dialog} dialog at ${at}`);
      await page.screenshot({ path: testInfo.outputPath(`layout-${at}-${dialog.toLowerCase()}.png`) });
      await box.getByRole('button', { name: close, exact: true }).click();
      await expect(box).toBeHidden();
    }
  }
});

/**
 * A new user's report (issue 14): with a project named "Sample project" the 1440 px top bar ran 25 px past the
 * window (the theme button cut off, and the page scrolled sideways). The project name gives way (an ellipsis) and
 * the less used actions fold earlier, so no name of any length widens the page. The name is what `project.info`
 * answers (a project's name is its file's), so the answer is rewritten on its way to the page.
 */
test('the top bar never runs past the window, whatever the project is called (1440×900, 1024×700)', async ({ workbench }, testInfo) => {
  const { page } = workbench;
  for (const name of ['Sample project', 'Newsroom archive of the Russian Ministry of Defence briefings on the Mosul offensive, October 2016 (second pass)']) {
    await page.unrouteAll();
    await page.route('**/api/project.info', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      await route.fulfill({ response, json: { ...body, value: { ...body.value, name } } });
    });
    await workbench.reload();
    await expect(page.locator('.topbar .project')).toHaveAttribute('title', new RegExp(`^${name.replace(/[().,]/g, '\\$&')} — `));
    for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
      const at = `${size.width}x${size.height} named "${name.slice(0, 20)}…"`;
      await page.setViewportSize(size);
      const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, window: innerWidth }));
      expect(widths.page, `page width at ${at}`).toBeLessThanOrEqual(widths.window);
      await expectNoFaults(page, `top bar at ${at}`);
      // A name of ordinary length is shown whole where the bar has room for it (a long one ends in an ellipsis).
      if (name === 'Sample project' && size.width === 1440) {
        expect(await page.locator('.project-name').evaluate((e) => e.scrollWidth <= e.clientWidth), 'the whole name at 1440').toBe(true);
      }
      // Every top-bar control is inside the window: the last one (the ⋯ menu, or the theme button inline) too.
      const right = await page.locator('.topbar > *').evaluateAll((es) => Math.max(...es.filter((e) => e.getClientRects().length).map((e) => e.getBoundingClientRect().right)));
      expect(right, `top bar's right end at ${at}`).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: testInfo.outputPath(`topbar-${size.width}-${name.length}.png`) });
    }
  }
});
