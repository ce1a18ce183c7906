import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { layoutFaults } from './layout-checks';

/**
 * Issue 13, the Agreement view: "an annotator × annotator matrix per measure, per-label bars, a per-document table
 * sorted by disagreement, each cell opening the disagreements; export the report as CSV and JSON."
 *
 * Two analysts' layers come from one JSONL file (an `annotator` on every span). Pooled over the two documents both
 * annotated: ana has 4 spans, ben 3; two match exactly (the mayor document) and ben's "60" overlaps ana's
 * "60 civilians" (same label), so exact F1 = 2·2/(4+3) = 4/7 ≈ 0.57 and overlap F1 = 2·3/7 = 6/7 ≈ 0.86. The third
 * document has only ana's spans and is not compared. Per document, the strike story (overlap F1 2/3) disagrees
 * most; the mayor story not at all.
 */
const mayor = 'The mayor denied the report on Friday. A spokesman called it accurate.';
const strike = 'Officials said 60 civilians were killed in the strike on Tuesday.';
const minister = 'The minister promised new elections within a year.';
const span = (text: string, s: string, label: string, annotator: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, label, text: s, annotator });
const lines = [
  {
    id: 'agree',
    title: 'Mayor denies report',
    text: mayor,
    spans: [span(mayor, 'The mayor', 'speaker', 'ana'), span(mayor, 'denied the report', 'claim', 'ana'), span(mayor, 'The mayor', 'speaker', 'ben'), span(mayor, 'denied the report', 'claim', 'ben')],
  },
  {
    id: 'split',
    title: 'Sixty civilians killed in strike',
    text: strike,
    spans: [span(strike, '60 civilians', 'figure', 'ana'), span(strike, 'Officials', 'speaker', 'ana'), span(strike, '60', 'figure', 'ben')],
  },
  { id: 'solo', title: 'Minister promises elections', text: minister, spans: [span(minister, 'The minister', 'speaker', 'ana')] },
];

/** Imports `path` through the browser host's API, as the layout spec does, and returns how many documents came in. */
const importPath = (page: Page, path: string) =>
  page.evaluate(
    async (paths) =>
      (await (await fetch('/api/import.paths', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: { paths } }) })).json()).value.imported
        .length as number,
    [path],
  );

const openAgreement = (page: Page) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Agreement' }).click();

test('the Agreement view: empty state, the pair matrix per measure, per-label bars, exports, and the worst document opened', async ({ workbench }, testInfo) => {
  const { page } = workbench;

  // One layer only: the view says how to get a second one.
  await openAgreement(page);
  await expect(page.getByRole('heading', { name: 'Agreement needs two layers' })).toBeVisible();
  await expect(page.getByText(/merge a colleague's work/)).toBeVisible();

  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-e2e-agreement-'));
  const file = join(dir, 'two-layers.jsonl');
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  try {
    expect(await importPath(page, file)).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await workbench.reload();
  await openAgreement(page);

  // Both analysts are picked by default (the current analyst's empty layer is not offered).
  const who = page.getByRole('group', { name: 'Annotators' });
  await expect(who.getByRole('checkbox')).toHaveCount(2);
  await expect(who.getByRole('checkbox', { name: 'ana' })).toBeChecked();
  await expect(who.getByRole('checkbox', { name: 'ben' })).toBeChecked();
  await expect(page.locator('.agr-totals')).toHaveText('2 documents annotated by at least two of ana, ben');

  // The matrix: overlap F1 first, both halves of the pair, the diagonal empty; exact F1 on asking.
  const matrix = page.getByRole('table', { name: /by pair of annotators/ });
  const cell = matrix.getByRole('button', { name: /^ana × ben: Overlap span F1 0\.86 over 2 documents/ });
  await expect(cell).toHaveText('0.86');
  await expect(matrix.getByRole('button', { name: /^ben × ana: Overlap span F1 0\.86/ })).toHaveText('0.86');
  await expect(matrix.getByRole('button')).toHaveCount(2);
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: 'Exact span F1' });
  await expect(matrix.getByRole('button', { name: /^ana × ben: Exact span F1 0\.57/ })).toHaveText('0.57');
  // No link was drawn: MUC has nothing to score, and the cell says so instead of a number.
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: 'MUC F1 (clusters)' });
  await expect(matrix.getByRole('button', { name: /^ana × ben: MUC F1 \(clusters\) cannot be computed/ })).toHaveText('—');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: 'Overlap span F1' });

  // The controls narrow what is compared: the figure label alone agrees on overlap but never exactly; no document
  // is done yet, so "done documents only" leaves nothing to compare, and says so.
  const labelsBox = page.getByRole('group', { name: /^Labels/ });
  await labelsBox.getByRole('checkbox', { name: 'figure' }).check();
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(matrix.getByRole('button', { name: /^ana × ben: Overlap span F1 1\.00 over / })).toHaveText('1.00');
  await page.getByRole('checkbox', { name: 'Done documents only' }).check();
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(page.getByText('No document is annotated by two of these annotators yet.', { exact: false })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Done documents only' }).uncheck();
  await labelsBox.getByRole('checkbox', { name: 'figure' }).uncheck();
  await page.getByRole('button', { name: 'Compute' }).click();
  await expect(cell).toHaveText('0.86');

  // Per-label bars: figure agrees on overlap (1.00) but not exactly (0.00).
  const bars = page.getByRole('group', { name: /^Agreement by label/ });
  await expect(bars.getByRole('img', { name: 'figure, Overlap F1: 1.00' })).toHaveCount(1);
  await expect(bars.getByRole('img', { name: 'figure, Exact F1: 0.00' })).toHaveCount(1);

  // Exports: the JSON is the report; the CSV has one row per figure.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  expect(json.suggestedFilename()).toMatch(/^agreement-ana-ben-\d{4}-\d{2}-\d{2}\.json$/);
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(report.documents).toBe(2);
  expect(report.pairs[0].spans.overall.overlapF1).toBeCloseTo(6 / 7, 10);
  expect(report.perDocument.map((d: { title: string }) => d.title)).toEqual(['Sixty civilians killed in strike', 'Mayor denies report']);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvText = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
  expect(csvText.split('\n')[0]).toBe('document,a,b,measure,label,r,p,value');
  expect(csvText).toContain(`,ana,ben,overlap_f1,overall,,,${6 / 7}\n`);

  // A cell opens that pair's disagreements, the worst document first.
  await cell.click();
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { name: 'Disagreements of ana × ben' })).toBeVisible();
  const docs = page.getByRole('list', { name: 'Documents by disagreement' }).getByRole('button');
  await expect(docs).toHaveCount(2);
  await expect(docs.first()).toHaveAccessibleName(/^Sixty civilians killed in strike: disagreement 0\.67, exact F1 0\.00, overlap F1 0\.67/);
  await expect(docs.nth(1)).toHaveAccessibleName(/^Mayor denies report: disagreement 0\.00/);

  // axe-core finds nothing serious in the view (legacy mode: the fixture's page is not a new context's first).
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).include('.agr').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Nothing clipped, overlapping or wrapped at the sizes (the smallest in the dark theme).
  for (const [width, height, scheme] of [[1440, 900, 'light'], [1024, 700, 'light'], [800, 600, 'dark']] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height });
    await page.locator('.agr').evaluate((e) => e.scrollTo(0, 0));
    await page.screenshot({ path: testInfo.outputPath(`agreement-${width}x${height}-${scheme}.png`) });
    // The view's own button in the top bar is on screen; the rest of the top bar is layout.spec's to check, so it
    // is hidden while the view's controls are.
    const tab = (await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Agreement' }).boundingBox())!;
    expect(tab.x + tab.width, `Agreement button at ${width}x${height}`).toBeLessThanOrEqual(width);
    await page.locator('.topbar').evaluate((e) => (e.style.visibility = 'hidden'));
    const faults = await layoutFaults(page);
    await page.locator('.topbar').evaluate((e) => (e.style.visibility = ''));
    expect(faults.checked).toBeGreaterThan(5);
    expect([...faults.clipped, ...faults.overlap, ...faults.wrapped], `agreement view at ${width}x${height}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The worst document opens to compare the two layers.
  await docs.first().click();
  await expect(page.getByTestId('curation-view').getByRole('heading', { name: 'Curate: Sixty civilians killed in strike' })).toBeVisible();
});
