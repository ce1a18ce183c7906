/**
 * The windowed document list (issue 15) on a generated project of 2,400 documents: sort and filter change the
 * first rows, the bottom of the list shows the last document, placeholders give way to rows, a Shift+click range
 * ticks rows that never loaded, and a tag counts on the open document's row. Behaviour only, no timings.
 */
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import { openProject } from '../services/project.js';
import { textHash } from '../services/import/hash.js';
import { cpLength } from '../common/offsets.js';
import { selectText } from './reader';

const N = 2400;
const SOURCES = ['RT', 'TASS', 'AP'];

interface Made {
  id: number;
  title: string;
  date: string;
  source: string;
}

/** 2,400 short articles written straight into the project (as an import would), a quarter with a claim. */
function generate(dbPath: string): { docs: Made[]; claim: { id: number; key: string } } {
  const p = openProject(dbPath);
  try {
    const claim = p.labels.list()[0];
    const docs = p.transaction(() =>
      Array.from({ length: N }, (_, k) => {
        const i = k + 1;
        const title = `Article ${String(i).padStart(4, '0')}`;
        const date = new Date(Date.UTC(2020, 0, 1) + ((i * 7) % 365) * 86_400_000).toISOString().slice(0, 10);
        const source = SOURCES[i % 3];
        const text = `${title} from ${source}. Officials said that ${i} people were moved.`;
        const id = p.documents.insert({ title, date, source, path: null, hash: textHash(text), text, length: cpLength(text) }, `2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`);
        if (i % 4 === 0) p.annotations.insertChecked({ docId: id, labelId: claim.id, start: 0, end: 7, text: 'Article', note: '', attributes: {}, at: 't', annotatorId: 1 });
        if (i % 10 === 0) p.documents.setDone(id, true);
        return { id, title, date, source };
      }),
    );
    return { docs, claim: { id: claim.id, key: claim.key ?? '1' } };
  } finally {
    p.close();
  }
}

const scroller = (page: Page) => page.locator('.doclist-scroll');
/** Waits until the rows on screen are real documents (the list's own signal). */
const settled = (page: Page) => expect(scroller(page)).toHaveAttribute('aria-busy', 'false');
const titleOf = (row: Locator) => row.locator('.docrow-title');

/** The titles of the first `n` rows as drawn (rows are placed by translateY, so sort them by data-index). */
async function firstTitles(page: Page, n: number): Promise<string[]> {
  await settled(page);
  return page.evaluate((n) => {
    const rows = [...document.querySelectorAll<HTMLElement>('.doclist-scroll .docrow')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
    return rows.slice(0, n).map((r) => r.querySelector('.docrow-title')?.textContent?.trim() ?? '(placeholder)');
  }, n);
}

/** Scrolls the list so that row `index` (0-based) is at the top of its window. */
async function scrollToRow(page: Page, index: number) {
  await scroller(page).evaluate((el, top) => (el.scrollTop = top), index * 64);
}

const byTitle = (a: Made, b: Made) => a.title.localeCompare(b.title);
const byDate = (a: Made, b: Made) => a.date.localeCompare(b.date) || a.id - b.id;

test('a list of 2,400 documents: sort, filter, scroll to the end, ranges over unloaded rows, counts after a tag', async ({ workbench }) => {
  const { page } = workbench;
  const { docs, claim } = generate(workbench.dbPath);
  // Rows held back by a slow backend show as placeholders (the list busy), then as themselves: on opening, and
  // far down the list. (The browser host only: Electron's calls are not HTTP requests to hold.)
  // While `gate` is set, summaries wait for it; `release` lets them (and any that follow) through.
  let open!: () => void;
  let gate: Promise<void> | null = null;
  const hold = () => (gate = new Promise<void>((r) => (open = r)));
  const release = () => {
    gate = null;
    open();
  };
  hold();
  if (workbench.url) await page.route('**/api/documents.summaries', async (route) => (await gate, await route.continue()));
  await workbench.reload();
  await expect(page.locator('.pane-title')).toContainText(N.toLocaleString('en'));
  if (workbench.url) {
    await expect(page.locator(`.docrow-placeholder[data-id="${docs[0].id}"]`)).toBeVisible();
    await expect(scroller(page)).toHaveAttribute('aria-busy', 'true');
    release();
  }
  expect(await firstTitles(page, 3)).toEqual(docs.slice(0, 3).map((d) => d.title));
  await expect(page.locator('.doclist-scroll .docrow-placeholder')).toHaveCount(0);
  if (workbench.url) {
    hold();
    await scrollToRow(page, 1200);
    const middle = page.locator(`.docrow[data-id="${docs[1200].id}"]`);
    await expect(middle).toHaveClass(/docrow-placeholder/);
    await expect(scroller(page)).toHaveAttribute('aria-busy', 'true');
    release();
    await expect(titleOf(middle)).toHaveText(docs[1200].title);
    await settled(page);
    await page.unroute('**/api/documents.summaries');
    await scrollToRow(page, 0);
  }
  // Only rows near the screen are in the page, not 2,400.
  expect(await page.locator('.docrow').count()).toBeLessThan(100);

  // Sort: title ↑, title ↓, date ↑ (ties in import order).
  const sort = page.locator('.doclist-sort');
  await sort.getByRole('button', { name: 'Title' }).click();
  expect(await firstTitles(page, 3)).toEqual([...docs].sort(byTitle).slice(0, 3).map((d) => d.title));
  await sort.getByRole('button', { name: /Title/ }).click();
  expect(await firstTitles(page, 3)).toEqual([...docs].sort(byTitle).reverse().slice(0, 3).map((d) => d.title));
  await sort.getByRole('button', { name: 'Date' }).click();
  expect(await firstTitles(page, 3)).toEqual([...docs].sort(byDate).slice(0, 3).map((d) => d.title));

  // Scrolled to the bottom: the last document of this order, drawn for real.
  await scrollToRow(page, N);
  const last = [...docs].sort(byDate).at(-1)!;
  await expect(titleOf(page.locator(`.docrow[data-id="${last.id}"]`))).toHaveText(last.title);
  await settled(page);

  // Filters: a source, then a label present, then done; the header counts what they keep. While the ids of a new
  // filter are on their way, the header shows no number (the old total belongs to the old filter).
  const filters = page.locator('.docfilters');
  let idsGate: Promise<void> | null = null;
  let idsOpen!: () => void;
  if (workbench.url) {
    idsGate = new Promise<void>((r) => (idsOpen = r));
    await page.route('**/api/documents.ids', async (route) => (await idsGate, await route.continue()));
  }
  const source = filters.getByRole('combobox', { name: 'Source' });
  await source.fill('tas');
  await page.getByRole('listbox', { name: 'Sources' }).getByRole('option', { name: /^TASS/ }).click();
  await expect(source).toHaveValue('TASS');
  const tass = docs.filter((d) => d.source === 'TASS').sort(byDate);
  if (workbench.url) {
    await expect(page.getByTestId('documents-count')).toHaveText('…');
    await expect(scroller(page)).toHaveAttribute('aria-busy', 'true');
    idsOpen();
  }
  await expect(page.locator('.pane-title')).toContainText(`${tass.length} match the filter`);
  if (workbench.url) await page.unroute('**/api/documents.ids');
  expect(await firstTitles(page, 3)).toEqual(tass.slice(0, 3).map((d) => d.title));
  await filters.getByLabel('Label present').selectOption({ index: 1 });
  const tassClaims = tass.filter((d) => Number(d.title.slice(-4)) % 4 === 0);
  await expect(page.locator('.pane-title')).toContainText(`${tassClaims.length} match the filter`);
  expect(await firstTitles(page, 2)).toEqual(tassClaims.slice(0, 2).map((d) => d.title));
  await filters.getByLabel('Done').selectOption('done');
  const doneOnes = tassClaims.filter((d) => Number(d.title.slice(-4)) % 10 === 0);
  await expect(page.locator('.pane-title')).toContainText(`${doneOnes.length} match the filter`);
  expect(await firstTitles(page, 1)).toEqual([doneOnes[0].title]);
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(source).toHaveValue('');
  await expect(page.locator('.pane-title')).toHaveText(new RegExp(`^Documents ${N.toLocaleString('en')}`));

  // Title ↑: the import order of these titles.
  await sort.getByRole('button', { name: 'Title' }).click();
  expect(await firstTitles(page, 1)).toEqual([docs[0].title]);

  // Tick the first row, jump to row 1,801 and Shift+click: every row between is ticked, though most never loaded.
  await scrollToRow(page, 0);
  await page.locator(`.docrow[data-id="${docs[0].id}"] .docrow-tick`).click();
  await scrollToRow(page, 1795);
  await page.locator(`.docrow[data-id="${docs[1800].id}"]`).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selected-count')).toHaveText('1,801');
  await scrollToRow(page, 1800);
  await expect(page.locator(`.docrow[data-id="${docs[1800].id}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator(`.docrow[data-id="${docs[1801].id}"]`)).toHaveAttribute('aria-selected', 'false');
  await scrollToRow(page, 900);
  await expect(page.locator(`.docrow[data-id="${docs[900].id}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Clear the selection' }).click();

  // Open a document with no tags from the list, tag it: its row counts the claim at once.
  const target = docs[900]; // i = 901: no claim yet
  const row = page.locator(`.docrow[data-id="${target.id}"]`);
  await expect(row.locator('.count')).toHaveCount(0);
  await row.click();
  await expect(page.locator('.reader-title')).toContainText(target.title);
  await selectText(page, 'Officials said');
  await page.keyboard.press(claim.key);
  await expect(page.locator('.editor-quote')).toHaveText('Officials said');
  await expect(page.locator('.docrow-open')).toHaveAttribute('data-id', String(target.id));
  await expect(page.locator('.docrow-open .count')).toHaveText(['1']);
  // ] walks to the next document in the list, whose row is then the open one.
  await page.locator('.reader').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await page.keyboard.press(']');
  await expect(page.locator('.reader-title')).toContainText(docs[901].title);
  await expect(page.locator('.docrow-open')).toHaveAttribute('data-id', String(docs[901].id));
});
