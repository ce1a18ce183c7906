import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchema } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { highlightSpecs, type HighlightSpan } from '../../renderer/editor/highlightSpecs';
import { buildPositionMap, textToDoc } from '../../renderer/editor/positions';
import { spanColors, spanOutline } from '../../renderer/editor/labelColors';

const schema = getSchema([Document, Paragraph, Text]);
const toDoc = (text: string) => schema.nodeFromJSON(textToDoc(text));

const RED = '#ff0000';
const BLUE = '#0000ff';
const GREEN = '#00aa00';
const hl = (id: number, start: number, end: number, color = RED, label = 'claim'): HighlightSpan => ({
  id,
  start,
  end,
  color,
  label,
});

test('one spec per segment, carrying all its ids outermost first', () => {
  const text = 'Sergey Rudskoy said 60 civilians died';
  const specs = highlightSpecs([hl(3, 0, 19, RED, 'claim'), hl(7, 7, 14, BLUE, 'speaker')], buildPositionMap(text));
  assert.deepEqual(
    specs.map((s) => [s.from, s.to, s.attrs['data-ann-ids']]),
    [
      [1, 8, '3'],
      [8, 15, '3 7'],
      [15, 20, '3'],
    ],
  );
  const doc = toDoc(text);
  assert.equal(doc.textBetween(specs[1].from, specs[1].to), 'Rudskoy');
  assert.equal(specs[1].attrs.class, 'cc-ann');
  assert.equal(specs[1].attrs.title, 'claim › speaker');
});

test('style: innermost tints the background, each enclosing span adds a stripe', () => {
  const text = 'x'.repeat(30);
  const specs = highlightSpecs([hl(1, 0, 30, RED), hl(2, 5, 25, BLUE), hl(3, 10, 20, GREEN)], buildPositionMap(text));
  const inner = specs.find((s) => s.attrs['data-ann-ids'] === '1 2 3')!;
  // The fill is the label colour mixed into the background, in each theme (labelColors.ts).
  assert.match(inner.attrs.style, new RegExp(`^background-color: light-dark\\(${spanColors(GREEN, 0x38 / 255, 'light').fill}, ${spanColors(GREEN, 0x38 / 255, 'dark').fill}\\); color: `));
  assert.ok(inner.attrs.style.endsWith(`box-shadow: inset 0 -2px 0 ${spanOutline(RED)}, inset 0 -4px 0 ${spanOutline(BLUE)}`));
  const outer = specs[0];
  assert.equal(outer.attrs['data-ann-ids'], '1');
  assert.match(outer.attrs.style, new RegExp(`^background-color: light-dark\\(${spanColors(RED, 0x38 / 255, 'light').fill}, [^)]*\\); color: light-dark\\([^)]*\\)$`));
});

test('the selected span is framed across all its segments, edges only at its ends', () => {
  const text = 'x'.repeat(30);
  const spans = [hl(1, 0, 30, RED), hl(2, 5, 25, BLUE), hl(3, 10, 20, GREEN)];
  const specs = highlightSpecs(spans, buildPositionMap(text), 2);
  const selected = specs.filter((s) => s.attrs.class.includes('cc-ann-selected'));
  assert.deepEqual(
    selected.map((s) => s.attrs['data-ann-ids']),
    ['1 2', '1 2 3', '1 2'],
  );
  assert.ok(specs.filter((s) => !selected.includes(s)).every((s) => s.attrs.class === 'cc-ann'));
  const left = `inset 2px 0 0 ${spanOutline(BLUE)}`;
  const right = `inset -2px 0 0 ${spanOutline(BLUE)}`;
  assert.ok(selected[0].attrs.style.includes(left) && !selected[0].attrs.style.includes(right));
  assert.ok(!selected[1].attrs.style.includes(left) && !selected[1].attrs.style.includes(right));
  assert.ok(selected[2].attrs.style.includes(right) && !selected[2].attrs.style.includes(left));
  // Stripes move below the frame so they stay visible.
  assert.ok(selected[1].attrs.style.endsWith(`inset 0 -4px 0 ${spanOutline(RED)}, inset 0 -6px 0 ${spanOutline(BLUE)}`));
});

test('a span across a line break is cut into one spec per line', () => {
  const text = 'Сергей\n\nРудской 😀 said';
  const map = buildPositionMap(text);
  const doc = toDoc(text);
  const specs = highlightSpecs([hl(5, 3, 17)], map, 5);
  assert.deepEqual(
    specs.map((s) => doc.textBetween(s.from, s.to)),
    ['гей', 'Рудской 😀'],
  );
  assert.ok(specs[0].attrs.style.includes('inset 2px 0 0') && !specs[0].attrs.style.includes('inset -2px 0 0'));
  assert.ok(specs[1].attrs.style.includes('inset -2px 0 0') && !specs[1].attrs.style.includes('inset 2px 0 0'));
});

test('spans that do not fit the document are dropped, bad colours are not injected', () => {
  const map = buildPositionMap('abc');
  assert.deepEqual(highlightSpecs([hl(1, 0, 4), hl(2, -1, 2), hl(3, 2, 2), hl(4, 1.5, 2)], map), []);
  const [spec] = highlightSpecs([hl(1, 0, 3, 'red; background-image: url(x)')], map);
  assert.ok(!spec.attrs.style.includes('url'));
  assert.ok(spec.attrs.style.includes(spanColors('#888888', 0x38 / 255, 'light').fill));
  assert.ok(highlightSpecs([hl(1, 0, 3, '#f0a')], map)[0].attrs.style.includes(spanColors('#ff00aa', 0x38 / 255, 'light').fill));
});
