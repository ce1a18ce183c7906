import { test, expect } from './fixtures';
import { annotationRows, cpOffset, exportJsonl, openText, spansAsText, tabToReader } from './reader-open';

// Issue 12: a span could not be created with the keyboard alone. The reader takes focus, shows a caret that the
// arrows move and Shift+Arrow extends (Ctrl: by words), and a label key tags what is selected.
const TEXT = 'Keyboard only\n\nThe minister Rut Levi announced 60 new schools in the north.\n';

test('Tab to the reader, move the caret, extend with Shift+Arrow, tag with a label key; the export holds the span', async ({ workbench }) => {
  const { page, dbPath } = workbench;
  await openText(page, 'keyboard.txt', TEXT, 'Keyboard only');
  const reader = page.getByRole('document', { name: 'Document text: Keyboard only' });
  await expect(reader).toBeVisible();

  // From the top of the page, Tab alone reaches the text; it shows a caret at the first visible character.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await tabToReader(page);
  await expect(reader).toBeFocused();
  const caret = page.locator('.reader-caret');
  await expect(caret).toBeVisible();
  const caretText = () =>
    page.evaluate(() => {
      const s = window.getSelection()!;
      const node = s.focusNode;
      const el = node?.nodeType === Node.ELEMENT_NODE ? (node as Element) : node?.parentElement;
      return { para: el?.closest('p')?.textContent ?? '', offset: s.focusOffset, selected: s.toString() };
    });
  expect((await caretText()).para).toBe('Keyboard only');

  // Down to the sentence (past the blank line), then right past "The minister ".
  for (let i = 0; i < 4 && !(await caretText()).para.startsWith('The minister'); i++) await page.keyboard.press('ArrowDown');
  expect((await caretText()).para).toMatch(/^The minister/);
  await page.keyboard.press('Home');
  for (let i = 0; i < 'The minister '.length; i++) await page.keyboard.press('ArrowRight');
  const before = await caret.boundingBox();
  // Shift+Arrow extends by a character, Shift+Ctrl+Arrow by words; the caret follows the selection's end.
  await page.keyboard.press('Shift+ArrowRight');
  expect((await caretText()).selected).toBe('R');
  await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('Shift+Control+ArrowRight');
  expect((await caretText()).selected.trim()).toBe('Rut Levi');
  const after = await caret.boundingBox();
  expect(after!.x).toBeGreaterThan(before!.x);

  await page.keyboard.press('2');
  await expect.poll(() => annotationRows(page)).toEqual(['speaker|Rut Levi']);
  // Tagged: the selection is gone, the caret stays for the next one.
  expect((await caretText()).selected).toBe('');
  await expect(reader).toBeFocused();

  // A second span, leftwards: Shift+Ctrl+ArrowLeft from after "60" back over it.
  await page.keyboard.press('Control+ArrowRight'); // to the end of "announced"
  await page.keyboard.press('Control+ArrowRight'); // to the end of "60"
  await page.keyboard.press('Shift+Control+ArrowLeft');
  expect((await caretText()).selected.trim()).toBe('60');
  await page.keyboard.press('3');
  await expect.poll(async () => (await annotationRows(page)).sort()).toEqual(['figure|60', 'speaker|Rut Levi']);

  const [doc] = await exportJsonl(dbPath);
  expect(doc.text).toBe(TEXT);
  const [rut, sixty] = [cpOffset(TEXT, 'Rut Levi'), cpOffset(TEXT, '60 new')];
  expect(spansAsText(doc)).toEqual([
    [rut, rut + 8, 'Rut Levi'],
    [sixty, sixty + 2, '60'],
  ]);
});
