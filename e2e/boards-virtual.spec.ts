/**
 * The virtualised claims and speakers boards (issue 15) on a generated project of 300 claim clusters and 120
 * speaker clusters: the board draws only the cards near the screen, scrolling reaches the last cluster with its
 * mentions and figures, and the dashboard's conflict list opens a cluster deep in the board. Behaviour only.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { openProject } from '../services/project.js';
import { textHash } from '../services/import/hash.js';
import { cpLength } from '../common/offsets.js';

const CLAIMS = 300;
const SPEAKERS = 120;
const SOURCES = ['RT', 'TASS', 'AP', 'BBC'];
/** Claim clusters from here on carry figures that disagree (60 vs 90); the others agree (60 and 60). */
const DISAGREE_FROM = 280;

const pad = (n: number) => String(n).padStart(3, '0');

/**
 * Two articles per claim cluster, written straight into the project: "Claim NNN: 60 people were moved." in
 * both, linked same-as, with the figure tagged inside each claim; the first SPEAKERS pairs also share a speaker.
 */
function generate(dbPath: string): void {
  const p = openProject(dbPath);
  try {
    const [claim, speaker, figure] = p.labels.list();
    p.transaction(() => {
      for (let k = 0; k < CLAIMS; k++) {
        const ids = [0, 1].map((side) => {
          const n = k * 2 + side;
          const value = side === 1 && k >= DISAGREE_FROM ? 90 : 60;
          const lead = `Claim ${pad(k)}: ${value} people were moved.`;
          const text = `${lead} Spokesman ${pad(k % SPEAKERS)} said so. Copy ${side}.`;
          const date = new Date(Date.UTC(2020, 0, 1) + ((n * 11) % 700) * 86_400_000).toISOString().slice(0, 10);
          const docId = p.documents.insert(
            { title: `Report ${pad(k)}-${side}`, date, source: SOURCES[n % SOURCES.length], path: null, hash: textHash(text), text, length: cpLength(text) },
            '2024-01-01T00:00:00Z',
          );
          const span = (labelId: number, s: string) =>
            p.annotations.insertChecked({ docId, labelId, start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s, note: '', attributes: {}, at: 't', annotatorId: 1 });
          span(figure.id, `${value} people`);
          const who = k < SPEAKERS ? span(speaker.id, `Spokesman ${pad(k)}`) : null;
          return { claim: span(claim.id, lead), who };
        });
        p.links.create(ids[0].claim, ids[1].claim, 1);
        if (ids[0].who && ids[1].who) p.links.create(ids[0].who, ids[1].who, 1);
      }
    });
  } finally {
    p.close();
  }
}

const board = (page: Page) => page.locator('.board');
/** Waits until the cards on screen are real clusters (the board's own signal). */
const settled = (page: Page) => expect(board(page)).toHaveAttribute('aria-busy', 'false');
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

/** Scrolls the board to its end, step by step as a person would, until the last card is drawn. */
async function scrollToEnd(page: Page, lastName: string) {
  const last = page.locator('.board-card', { hasText: lastName });
  for (let i = 0; i < 200 && !(await last.count()); i++) {
    await board(page).evaluate((b) => b.scrollBy(0, b.clientHeight * 3));
    await settled(page);
  }
  await expect(last).toBeVisible();
}

test('the claims board draws only the cards near the screen; scrolling reaches the last cluster, with its data', async ({ workbench }) => {
  const { page } = workbench;
  generate(workbench.dbPath);
  await workbench.reload();

  await views(page).getByRole('button', { name: 'Claims' }).click();
  await settled(page);
  await expect(page.locator('.board-head-meta')).toContainText(`${CLAIMS} clusters · ${CLAIMS * 2} mentions`);
  await expect(page.locator('.board-head')).toContainText(`${CLAIMS - DISAGREE_FROM} claims with disagreeing figures`);
  const first = page.locator('[data-cluster-id]').first();
  await expect(first.locator('.board-name')).toHaveText('Claim 000: 60 people were moved.');
  const drawn = await page.locator('[data-cluster-id]').count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(30);

  await scrollToEnd(page, `Claim ${pad(CLAIMS - 1)}`);
  const last = page.locator('.board-card', { hasText: `Claim ${pad(CLAIMS - 1)}` });
  await expect(last.locator('.board-counts')).toHaveText('2 documents · 2 sources');
  await expect(last.locator('.board-mention')).toHaveCount(2);
  await expect(last.locator('.board-figure-chips .board-figure')).toHaveCount(2);
  await expect(last.locator('.board-conflict')).toHaveCount(1);
  await expect(last.locator('.board-conflict-why')).toHaveText('Figures disagree: 60 vs 90');
  expect(await page.locator('.board-card-placeholder').count()).toBe(0);
  expect(await page.locator('[data-cluster-id]').count()).toBeLessThan(30);

  // A mention opens its document.
  await last.locator('.board-mention').first().click();
  await expect(views(page).getByRole('button', { name: 'Documents' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.reader-text')).toContainText(`Claim ${pad(CLAIMS - 1)}`);
});

test('the speakers board pages too; the dashboard opens a disagreeing cluster deep in the claims board', async ({ workbench }) => {
  const { page } = workbench;
  generate(workbench.dbPath);
  await workbench.reload();

  await views(page).getByRole('button', { name: 'Speakers' }).click();
  await settled(page);
  await expect(page.locator('.board-head-meta')).toContainText(`${SPEAKERS} clusters`);
  await scrollToEnd(page, `Spokesman ${pad(SPEAKERS - 1)}`);
  const last = page.getByRole('region', { name: `Speaker cluster: Spokesman ${pad(SPEAKERS - 1)}` });
  await expect(last.locator('.board-spelling')).toHaveText(`Spokesman ${pad(SPEAKERS - 1)}×2`);

  await views(page).getByRole('button', { name: 'Project' }).click();
  const deep = `Claim ${pad(DISAGREE_FROM)}: 60 people were moved.`;
  await page.getByRole('button', { name: `${deep}: 1 disagreeing pair of 2 figures. Open it on the claims board` }).click();
  const card = page.locator(`[data-cluster-id]`, { hasText: deep });
  await expect(card).toBeFocused();
  await expect(card).toBeInViewport();
  await settled(page);
  await expect(card.locator('.board-conflict')).toHaveCount(1);
});
