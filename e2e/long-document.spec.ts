import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, repoRoot, distDir } from './fixtures';
import { selectText } from './reader';

const PARAGRAPHS = 3000;
/** ~140 characters a line, with an emoji and a combining mark so that code points and UTF-16 differ. */
const paragraph = (i: number) =>
  `P${i} omega${i} — the report 😀 notes that ${i * 7} civilians were counted in district ${i % 13}; e\u0301tude continues with words to wrap.`;

/** Scrolls the reader until `text` is rendered (the reader renders only what is near the viewport). */
async function scrollUntilRendered(page: Page, text: string, direction: 'down' | 'up') {
  for (let i = 0; i < 400; i++) {
    const found = await page.evaluate((t) => Array.from(document.querySelectorAll('.reader-text p')).some((p) => p.textContent?.startsWith(t)), text);
    if (found) return;
    await page.locator('.reader').evaluate((el, dir) => (el.scrollTop += dir === 'down' ? 2000 : -2000), direction);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  throw new Error(`"${text}" never rendered`);
}

/** Extends the current selection to the end of `text`, as a shift-click would. */
async function extendSelectionTo(page: Page, text: string) {
  const ok = await page.evaluate((text) => {
    const p = Array.from(document.querySelectorAll('.reader-text p')).find((p) => p.textContent?.includes(text));
    if (!p) return false;
    const at = p.textContent!.indexOf(text) + text.length;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let pos = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = (n as Text).data.length;
      if (at <= pos + len) {
        getSelection()!.extend(n, at - pos);
        return true;
      }
      pos += len;
    }
    return false;
  }, text);
  if (!ok) throw new Error(`extendSelectionTo: "${text}" not rendered`);
}

test('a 400 kB report: only what is near the viewport is rendered, and tagging anywhere stores exact code points', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-long-'));
  try {
    // CRLF on disk: the stored text has "\n", and every offset below counts in the stored text.
    writeFileSync(join(dir, 'long-report.txt'), Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('\r\n'));
    await page.getByTestId('import-folder').setInputFiles(dir);
    await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
    await page.locator('.docrow').first().click();
    await expect(page.locator('.reader-text p').first()).toHaveText(paragraph(0));

    // A window, not the whole report.
    const rendered = await page.locator('.reader-text p').count();
    expect(rendered).toBeGreaterThan(20);
    expect(rendered).toBeLessThan(PARAGRAPHS / 5);

    const rows = page.getByRole('region', { name: 'Annotations' }).locator('.annrow');
    await selectText(page, 'omega3 ');
    await page.keyboard.press('1');
    await expect(rows).toHaveCount(1);

    // Across chunks: ninety lines of about 140 characters span several 2,000-character chunks. The selection
    // starts at omega40 (scrolled to first: the reader renders about a screen beyond each edge of the viewport)
    // and scrolling on keeps it (and its chunk) alive until it is extended.
    await scrollUntilRendered(page, 'P40 ', 'down');
    await selectText(page, 'omega40');
    await scrollUntilRendered(page, 'P130 ', 'down');
    await extendSelectionTo(page, 'omega130');
    await page.keyboard.press('1');
    await expect(rows).toHaveCount(2);

    // The far end of the report.
    await scrollUntilRendered(page, `P${PARAGRAPHS - 1} `, 'down');
    expect(await page.locator('.reader-text p').count()).toBeLessThan(PARAGRAPHS / 5);
    await selectText(page, `omega${PARAGRAPHS - 1} `);
    await page.keyboard.press('2');
    await expect(rows).toHaveCount(3);
    await expect(page.locator('.reader-text .cc-ann-selected')).toHaveText(`omega${PARAGRAPHS - 1}`);

    // A row of the list brings its span back from thousands of lines away, selected and on screen.
    await rows.filter({ hasText: /^claimomega3$/ }).click();
    const selected = page.locator('.reader-text .cc-ann-selected');
    await expect(selected).toHaveText('omega3');
    await expect(selected).toBeInViewport();

    // What was stored: code points into the stored text, as Python's text[start:end] counts them.
    const out = join(dir, 'export.jsonl');
    execFileSync(process.execPath, [join(distDir, 'cli/crosscheck.mjs'), 'export', '--db', dbPath, '--format', 'jsonl', '--out', out], { cwd: repoRoot });
    const record = JSON.parse(readFileSync(out, 'utf8').trim().split('\n')[0]) as { text: string; spans: { start: number; end: number; text: string }[] };
    const stored = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('\n');
    expect(record.text).toBe(stored);
    const cps = Array.from(stored);
    const texts = record.spans.map((a) => cps.slice(a.start, a.end).join(''));
    expect(texts).toEqual(['omega3', stored.slice(stored.indexOf('omega40'), stored.indexOf('omega130') + 'omega130'.length), `omega${PARAGRAPHS - 1}`]);
    expect(record.spans.map((a) => a.text)).toEqual(texts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
