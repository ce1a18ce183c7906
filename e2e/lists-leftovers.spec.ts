/**
 * A fresh-clone tester's leftovers in the document list and the boards (issue 15): the count under a done filter
 * follows what was marked, the Source filter can choose the documents without a source, a board with nothing
 * selected gives the empty details pane's width to its cards, and a "first document" status goes at the next key.
 */
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { openProject } from '../services/project.js';
import { textHash } from '../services/import/hash.js';
import { cpLength } from '../common/offsets.js';

/**
 * Six articles: four from outlets, one imported without a source and one with an empty one (a JSONL line may give
 * ""); articles 0–3 tell one claim, linked same-as, so the claims board has one cluster.
 */
function generate(dbPath: string) {
  const p = openProject(dbPath);
  try {
    const [claim] = p.labels.list();
    p.transaction(() => {
      const sources = ['RT', 'TASS', 'RT', 'AP', null, ''];
      const claims = sources.map((source, i) => {
        const lead = `Claim: ${60 + i} people were moved.`;
        const text = `${lead} Article ${i} goes on.`;
        const docId = p.documents.insert(
          { title: `Article ${i}`, date: `2020-01-0${i + 1}`, source, path: null, hash: textHash(text), text, length: cpLength(text) },
          '2024-01-01T00:00:00Z',
        );
        return p.annotations.insertChecked({ docId, labelId: claim.id, start: 0, end: lead.length, text: lead, note: '', attributes: {}, at: 't', annotatorId: 1 });
      });
      for (let i = 1; i < 4; i++) p.links.create(claims[0], claims[i], 1);
    });
  } finally {
    p.close();
  }
}

const count = (page: Page) => page.getByTestId('documents-count');

/**
 * The six articles written into the open project, once the page shows them. No reload: the backend notices a write
 * from another process within a second and the page takes it in; after a reload that notice could come later
 * still and filter the list again (as a write from another window does), taking a marked row away under the test.
 */
async function generated(workbench: { page: Page; dbPath: string }) {
  generate(workbench.dbPath);
  await expect(count(workbench.page)).toHaveText('6');
}
const rows = (page: Page) => page.locator('.docrow');
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

test('"Not done": marking a document done keeps its row, the count follows and offers to refresh', async ({ workbench }) => {
  const { page } = workbench;
  await generated(workbench);
  await page.getByRole('group', { name: 'Filter documents' }).getByRole('combobox', { name: 'Done' }).selectOption('open');
  await expect(count(page)).toHaveText('6 match the filter');
  await rows(page).filter({ hasText: 'Article 1' }).click();
  await expect(page.locator('.reader-title')).toContainText('Article 1');
  await page.keyboard.press('Control+Enter');
  // The row stays where it was, marked done; the count is what the filter keeps now, and says why it differs.
  await expect(rows(page).filter({ hasText: 'Article 1' }).locator('.docrow-done')).toBeVisible();
  await expect(rows(page)).toHaveCount(6);
  await expect(count(page)).toHaveText('5 match the filter');
  const stale = page.getByTestId('documents-stale');
  await expect(stale).toHaveText('1 marked done since — refresh');
  await stale.click();
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).filter({ hasText: 'Article 1' })).toHaveCount(0);
  await expect(count(page)).toHaveText('5 match the filter');
  await expect(stale).toHaveCount(0);
});

test('the Source filter offers "(no source)": the documents imported without one, empty ones too', async ({ workbench }) => {
  const { page } = workbench;
  await generated(workbench);
  const box = page.locator('.docfilters').getByRole('combobox', { name: 'Source' });
  await box.click();
  const choices = page.getByRole('listbox', { name: 'Sources' }).getByRole('option');
  // Named sources only once each and no blank one: the empty source is counted with the missing one.
  await expect(choices).toHaveText(['Any source', '(no source)2', 'RT2', 'AP1', 'TASS1']);
  await choices.nth(1).click();
  await expect(count(page)).toHaveText('2 match the filter');
  await expect(rows(page).locator('.docrow-title')).toHaveText(['Article 4', 'Article 5']);
  await expect(box).toHaveValue('(no source)');
  // Still listed while chosen, and "Any source" takes it back off.
  await box.click();
  await expect(choices.nth(1)).toHaveClass(/sourcefilter-chosen/);
  await choices.nth(0).click();
  await expect(count(page)).toHaveText('6');
  await expect(box).toHaveValue('');

  // Typed for, it is found like a name (tester: "no sou" offered nothing); emptied by hand and left, the filter goes.
  await box.click();
  await box.pressSequentially('no sou');
  await expect(choices).toHaveText(['Any source', '(no source)2']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(count(page)).toHaveText('2 match the filter');
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Backspace');
  await box.press('Tab');
  await expect(count(page)).toHaveText('6');
  await expect(box).toHaveValue('');
});

for (const [width, height] of [
  [1440, 900],
  [1024, 700],
]) {
  test(`a board with nothing selected gives the details pane's width to its cards, at ${width}×${height}`, async ({ workbench }) => {
    const { page } = workbench;
    await page.setViewportSize({ width, height });
    await generated(workbench);
    await views(page).getByRole('button', { name: /Claims/ }).click();
    await expect(page.locator('.board')).toHaveAttribute('aria-busy', 'false');
    const center = page.locator('.pane-center');
    await expect(page.locator('.pane-right')).toBeHidden();
    const free = await center.evaluate((el) => window.innerWidth - el.getBoundingClientRect().right);
    expect(free).toBeLessThan(2);
    // A mention opened from the board selects it; back on the board its details and links stand beside the cards.
    await page.locator('.board-mention').first().click();
    await expect(page.locator('.editor-quote')).toBeVisible();
    await views(page).getByRole('button', { name: /Claims/ }).click();
    await expect(page.locator('.pane-right')).toBeVisible();
    await expect(page.locator('.pane-right .editor-quote')).toContainText('people were moved');
    const [c, r] = await Promise.all([center.boundingBox(), page.locator('.pane-right').boundingBox()]);
    expect(c!.x + c!.width).toBeLessThanOrEqual(r!.x + 1);
  });
}

test('"This is the first document in the list" goes at the next key or click, or after a few seconds', async ({ workbench }) => {
  const { page } = workbench;
  generate(workbench.dbPath);
  // The page's clock, stopped below: only a key or a click can take the message away, not its timer.
  await page.clock.install();
  await workbench.reload();
  await rows(page).first().click();
  await expect(page.locator('.reader-title')).toContainText('Article 0');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.clock.pauseAt(Date.now() + 60_000);
  const status = page.getByTestId('status-message');
  await page.keyboard.press('[');
  await expect(status).toHaveText('This is the first document in the list');
  await page.keyboard.press(']');
  await expect(page.locator('.reader-title')).toContainText('Article 1');
  await expect(status).toHaveText('');
  // A click takes it away too; a key held for a shortcut (Shift) does not.
  await page.keyboard.press('[');
  await page.keyboard.press('[');
  await expect(status).toHaveText('This is the first document in the list');
  await page.keyboard.down('Shift');
  await page.keyboard.up('Shift');
  await expect(status).toHaveText('This is the first document in the list');
  await page.locator('.reader-title').click();
  await expect(status).toHaveText('');
  // Left alone, it goes after a few seconds.
  await page.keyboard.press('[');
  await expect(status).toHaveText('This is the first document in the list');
  await page.clock.runFor(4000);
  await expect(status).toHaveText('');
});
