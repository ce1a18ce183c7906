import { test, expect } from './fixtures';
import { importSample, openDoc as open, tag } from './keyboard-setup';
import { linkTheClaims } from './workbench-steps';

test('link claims and speakers across documents, accept a suggestion, name a cluster, follow links, see the board', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  const { finder, links } = await linkTheClaims(page);

  // One speaker, two spellings: the suggestion for Rudskoy finds Rutskoy; A accepts it.
  await open(page, 'Russia insists on');
  await tag(page, 'Sergey Rutskoy', '2');
  await open(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  const suggestions = page.getByRole('region', { name: 'Suggestions' });
  await expect(suggestions.locator('.sugg').first()).toContainText('Sergey Rutskoy');
  await expect(suggestions.locator('.sugg').first()).toContainText(/name/);
  await page.keyboard.press('a');
  await expect(links.locator('.cluster-members li')).toHaveCount(2);
  await expect(links.locator('.cluster-members')).toContainText('Sergey Rutskoy');

  // Name the cluster.
  await links.getByRole('button', { name: 'Rename cluster' }).click();
  await links.getByLabel('Cluster name').fill('S. Rudskoy');
  await links.getByLabel('Cluster name').press('Enter');
  await expect(links.getByTestId('cluster-name')).toHaveText('S. Rudskoy');
  await links.getByRole('button', { name: 'Rename cluster' }).click();
  await links.getByLabel('Cluster name').fill('Sergey Rudskoy');
  await links.getByLabel('Cluster name').press('Enter');
  await expect(links.getByTestId('cluster-name')).toHaveText('Sergey Rudskoy');

  // The claim in 000 said-by its speaker: the finder proposes said-by for a claim → speaker pair.
  await page.locator('.annrow', { hasText: 'At least 60 civilians were killed' }).click();
  await page.keyboard.press('l');
  await finder.getByLabel('Find annotations and passages').fill('Rudskoy');
  await expect(finder.getByRole('option').first()).toContainText('Sergey Rudskoy');
  await expect(finder.getByTestId('finder-type')).toHaveText('said-by');
  await page.keyboard.press('Enter');
  await expect(links.locator('.linkrow', { hasText: 'said-by' })).toContainText('Sergey Rudskoy');
  // Clustered spans carry a marker in the text.
  await expect(page.locator('.reader-text .cc-cluster-mark')).toHaveCount(2);

  // Follow the same-as link into the other document: it opens with that span selected.
  await links.locator('.linkrow-main', { hasText: '60 civilians killed' }).click();
  await expect(page.locator('.reader-title')).toContainText('60 civilians killed, 200 injured');
  await expect(page.locator('.editor-quote')).toHaveText('60 civilians killed');

  // Everything is stored: after a reload the links and the cluster name are there.
  await workbench.reload();
  await open(page, 'The Russian military is accusing');
  await page.locator('.annrow', { hasText: 'Sergey Rudskoy' }).click();
  await expect(links.getByTestId('cluster-name')).toHaveText('Sergey Rudskoy');
  await page.locator('.annrow', { hasText: 'At least 60 civilians were killed' }).click();
  await expect(links.locator('.linkrow')).toHaveCount(2);

  // The claims board shows the 60-killed cluster, two documents from two sources.
  await page.getByRole('button', { name: 'Claims board' }).click();
  const card = page.locator('.board-card-claim').filter({ hasText: '60 civilians' });
  await expect(card).toHaveCount(1);
  await expect(card.locator('.board-counts')).toContainText('2 documents · 2 sources');
  await page.getByRole('button', { name: 'Speakers board' }).click();
  const speaker = page.getByRole('region', { name: 'Speaker cluster: Sergey Rudskoy' });
  await expect(speaker.locator('.board-spelling')).toHaveCount(2);
});

test('deleting a linked annotation asks first; undo restores it with its links and its cluster', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  await open(page, 'Russia insists on');
  await tag(page, 'Sergey Rutskoy', '2');
  await open(page, 'The Russian military is accusing');
  await tag(page, 'Sergey Rudskoy', '2');
  await expect(page.getByRole('region', { name: 'Suggestions' }).locator('.sugg').first()).toContainText('Sergey Rutskoy');
  await page.keyboard.press('a');
  const links = page.getByRole('region', { name: 'Links' });
  await expect(links.locator('.cluster-members li')).toHaveCount(2);

  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Confirm' });
  await expect(confirm).toContainText('1 link');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.annrow', { hasText: 'Sergey Rudskoy' })).toHaveCount(1);

  await page.keyboard.press('Delete');
  await confirm.getByRole('button', { name: 'Delete with links' }).click();
  await expect(page.locator('.annrow', { hasText: 'Sergey Rudskoy' })).toHaveCount(0);
  await expect(page.locator('.reader-text .cc-cluster-mark')).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(page.locator('.annrow', { hasText: 'Sergey Rudskoy' })).toHaveCount(1);
  await page.locator('.annrow', { hasText: 'Sergey Rudskoy' }).click();
  await expect(links.locator('.cluster-members li')).toHaveCount(2);
  await expect(page.locator('.reader-text .cc-cluster-mark')).toHaveCount(1);
});

test('a cluster renamed on the claims board is undone by Ctrl+Z, on the board and in the link panel alike', async ({ workbench }) => {
  const { page } = workbench;
  await importSample(page);
  const { links } = await linkTheClaims(page);
  const panelName = links.getByTestId('cluster-name');
  const oldName = (await panelName.textContent())!.trim();

  // The link panel stays open beside the board: both show the cluster's name.
  await page.getByRole('button', { name: 'Claims board' }).click();
  const card = page.locator('.board-card-claim').filter({ hasText: '60 civilians' });
  const boardName = card.locator('.board-name');
  await expect(boardName).toHaveText(oldName);
  await card.getByRole('button', { name: 'Rename cluster' }).click();
  await card.getByLabel('Cluster name').fill('Mosul strike toll');
  await card.getByLabel('Cluster name').press('Enter');
  await expect(boardName).toHaveText('Mosul strike toll');
  await expect(panelName).toHaveText('Mosul strike toll');

  await page.keyboard.press('Control+z');
  await expect(boardName).toHaveText(oldName);
  await expect(panelName).toHaveText(oldName);

  await page.keyboard.press('Control+Shift+z');
  await expect(boardName).toHaveText('Mosul strike toll');
  await expect(panelName).toHaveText('Mosul strike toll');
});
