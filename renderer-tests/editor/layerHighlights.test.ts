import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightSpecs, type HighlightSpan } from '../../renderer/editor/highlightSpecs';
import { buildPositionMap } from '../../renderer/editor/positions';
import { spanOutline, spanPaint } from '../../renderer/editor/labelColors';

/** Spans of another annotator's layer (issue 13) are outlined in their layer's line style, never filled. */
const RED = '#ff0000';
const TEXT = 'Sergey Rudskoy said 60 civilians died';
const own = (id: number, start: number, end: number): HighlightSpan => ({ id, start, end, color: RED, label: 'claim', text: TEXT.slice(start, end) });
const dana = (id: number, start: number, end: number, line: 'dashed' | 'dotted' = 'dashed'): HighlightSpan => ({
  ...own(id, start, end),
  layer: { name: 'Dana', line },
});

test("another layer's span is underlined in its line style and label colour, with no fill, and says whose it is", () => {
  const [spec] = highlightSpecs([dana(5, 0, 14, 'dotted')], buildPositionMap(TEXT));
  assert.equal(spec.attrs.class, 'cc-ann cc-ann-other');
  assert.ok(!spec.attrs.style.includes('background-color'), spec.attrs.style);
  assert.ok(spec.attrs.style.includes(`text-decoration: underline dotted ${spanOutline(RED)}`), spec.attrs.style);
  assert.equal(spec.attrs.title, 'claim (Dana)');
  assert.equal(spec.attrs['aria-description'], "claim (Dana's layer): Sergey Rudskoy");
  assert.equal(spec.attrs['data-ann-ids'], '5', 'it can still be clicked to be seen');
});

test("one's own span keeps its fill where another layer's identical span lies on it, and shows no nesting edges", () => {
  const alone = highlightSpecs([own(1, 0, 14)], buildPositionMap(TEXT));
  const both = highlightSpecs([own(1, 0, 14), dana(2, 0, 14)], buildPositionMap(TEXT));
  assert.equal(both.length, 1);
  assert.ok(both[0].attrs.style.startsWith(alone[0].attrs.style), 'the same fill as without the other layer');
  assert.ok(both[0].attrs.style.includes('text-decoration: underline dashed'), 'and the colleague\u2019s underline');
  assert.equal(both[0].attrs.class, 'cc-ann', 'no same-label edges: the twin is a colleague\u2019s, not a nesting');
  assert.equal(alone[0].attrs.style, spanPaint(RED, 0x38 / 255));
});

test("a selected span of another layer is framed but still not filled", () => {
  const [spec] = highlightSpecs([dana(5, 0, 14)], buildPositionMap(TEXT), 5);
  assert.equal(spec.attrs.class, 'cc-ann cc-ann-selected cc-ann-other');
  assert.ok(!spec.attrs.style.includes('background-color'));
  assert.ok(spec.attrs.style.includes('box-shadow: inset 0 2px 0'));
});
