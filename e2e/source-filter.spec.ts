/**
 * The Source filter when every plain file's name is its source (issue 15: 11,000 such files made an 11,014-option
 * dropdown from a 371 kB answer): a type-to-search combobox that shows the biggest sources first, a bounded page of
 * them, narrows as one types, and is worked by keyboard; laid out whole at 1440×900 and 1024×700.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { openProject } from '../services/project.js';
import { textHash } from '../services/import/hash.js';
import { cpLength } from '../common/offsets.js';
import AxeBuilder from '@axe-core/playwright';
import { layoutFaults } from './layout-checks';

const FILES = 700;
const OUTLETS: [string, number][] = [
  ['Reuters', 30],
  ['ТАСС', 20],
  ['AP', 10],
];

/** 700 articles whose source is their file name, and 60 from three outlets. */
function generate(dbPath: string) {
  const p = openProject(dbPath);
  try {
    p.transaction(() => {
      const add = (title: string, source: string) => {
        const text = `${title}. Officials said that people were moved.`;
        p.documents.insert({ title, date: '2020-01-01', source, path: null, hash: textHash(text), text, length: cpLength(text) }, '2024-01-01T00:00:00Z');
      };
      for (let i = 0; i < FILES; i++) add(`File ${i}`, `article-${String(i).padStart(4, '0')}.txt`);
      for (const [outlet, n] of OUTLETS) for (let i = 0; i < n; i++) add(`${outlet} ${i}`, outlet);
    });
  } finally {
    p.close();
  }
}

const combobox = (page: Page) => page.locator('.docfilters').getByRole('combobox', { name: 'Source' });
const choices = (page: Page) => page.getByRole('listbox', { name: 'Sources' }).getByRole('option');

test('760 sources: the biggest first, a bounded page, narrowed by typing, chosen by keyboard; the header agrees in number', async ({ workbench }) => {
  const { page } = workbench;
  generate(workbench.dbPath);
  const asked: { query?: string; limit?: number }[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/documents.sources')) asked.push((JSON.parse(r.postData() ?? '{}') as { args: { query?: string; limit?: number } }).args);
  });
  await workbench.reload();
  await expect(page.getByTestId('documents-count')).toHaveText((FILES + 60).toLocaleString('en'));

  const box = combobox(page);
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const listId = await box.getAttribute('aria-controls');
  await expect(page.locator(`#${listId}`)).toHaveAttribute('role', 'listbox');
  // "Any source", then 50 sources, most documents first; the rest are counted, not listed.
  await expect(choices(page)).toHaveCount(51);
  await expect(choices(page).nth(0)).toHaveText('Any source');
  await expect(choices(page).nth(1)).toHaveText('Reuters30');
  await expect(choices(page).nth(2)).toHaveText('ТАСС20');
  await expect(choices(page).nth(3)).toHaveText('AP10');
  await expect(page.locator('.sourcefilter-note')).toHaveText(`50 sources of ${FILES + 3} shown, most documents first: type to narrow.`);
  // The open combobox and its listbox pass axe-core (roles, names, the active option).
  const { violations } = await new AxeBuilder({ page }).include('.docfilters').setLegacyMode(true).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  if (workbench.url) expect(asked.every((a) => a.limit !== undefined && a.limit <= 500), JSON.stringify(asked)).toBe(true);

  // Typing narrows (case-insensitive, anywhere in the name; Cyrillic folded too).
  await box.fill('тасс');
  await expect(choices(page)).toHaveText(['Any source', 'ТАСС20']);
  // ↓ on the last match stays on it: wrapping to "Any source" made ↓ then Enter clear the filter.
  await expect(choices(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(choices(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await box.fill('CLE-069');
  await expect(choices(page)).toHaveText(['Any source', ...Array.from({ length: 10 }, (_, i) => `article-069${i}.txt1`)]);
  await expect(page.locator('.sourcefilter-note')).toBeHidden();
  // The first match is active; ↓ moves on, and Enter takes it.
  await expect(choices(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  const active = choices(page).nth(2);
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id'))!);
  await page.keyboard.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('article-0691.txt');
  await expect(page.getByTestId('documents-count')).toHaveText('1 matches the filter');
  await expect(page.locator('.doclist-scroll .docrow-title')).toHaveText(['File 691']);

  // Escape closes the list and puts back the chosen name; nothing matching says so.
  await box.click();
  await box.fill('nowhere');
  await expect(page.locator('.sourcefilter-note')).toHaveText('No source contains “nowhere”.');
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('article-0691.txt');

  // ↓ opens the list: the chosen source is there (without a count: it is not among the biggest); "Any source" is
  // first, and choosing it drops the filter.
  await page.keyboard.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(choices(page).nth(1)).toHaveText('article-0691.txt');
  await box.fill('');
  await expect(choices(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('documents-count')).toHaveText((FILES + 60).toLocaleString('en'));
  await expect(box).toHaveValue('');
});

test('at 1440×900 and 1024×700 the list header, the filters and the open source list are whole', async ({ workbench }) => {
  const { page } = workbench;
  generate(workbench.dbPath);
  await workbench.reload();
  for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
    await page.setViewportSize(size);
    // Below 1200 px the list is drawn over the reader on demand.
    const toggle = page.getByRole('button', { name: 'Document list' });
    if (size.width < 1200 && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await combobox(page).click();
    await expect(choices(page)).toHaveCount(51);
    const faults = await layoutFaults(page);
    expect(faults.checked).toBeGreaterThan(10);
    const here = (f: string) => /Source|Sources|Any source|Reuters|article-|Done|label|date|Documents|Pre-annotate/.test(f);
    expect(faults.clipped.filter(here), `clipped at ${size.width}`).toEqual([]);
    expect(faults.overlap.filter(here), `overlap at ${size.width}`).toEqual([]);
    const pop = (await page.locator('.sourcefilter-pop').boundingBox())!;
    expect(pop.x + pop.width, `the list inside the window at ${size.width}`).toBeLessThanOrEqual(size.width);
    expect(pop.y + pop.height).toBeLessThanOrEqual(size.height);
    await page.keyboard.press('Escape');
  }
});
