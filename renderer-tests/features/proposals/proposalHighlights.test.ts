import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlightSpecs, type HighlightSpan } from '../../../renderer/editor/highlightSpecs';
import { buildPositionMap } from '../../../renderer/editor/positions';
import { spanOutline } from '../../../renderer/editor/labelColors';

const GREEN = '#2f9e44';
const TEXT = 'At least 60 civilians were killed';
const own = (id: number, start: number, end: number): HighlightSpan => ({ id, start, end, color: GREEN, label: 'figure', text: TEXT.slice(start, end) });
const proposed = (id: number, start: number, end: number, current = false): HighlightSpan => ({ ...own(id, start, end), proposal: { current } });

test('a proposal is a dashed box in its label colour with no fill, closed at both ends, and named "proposed figure: …"', () => {
  const [spec] = highlightSpecs([proposed(7, 0, 21)], buildPositionMap(TEXT));
  assert.equal(spec.attrs.class, 'cc-ann cc-ann-other cc-prop cc-prop-start cc-prop-end');
  assert.ok(!spec.attrs.style.includes('background'), spec.attrs.style);
  assert.ok(spec.attrs.style.includes(`--prop-c: ${spanOutline(GREEN)}`), spec.attrs.style);
  assert.equal(spec.attrs['aria-description'], 'proposed figure: At least 60 civilians');
  assert.equal(spec.attrs.title, 'proposed figure');
  assert.equal(spec.attrs['data-ann-ids'], '7', 'a click reports it');
});

test('the current proposal is marked; an own span under a proposal keeps its fill, and the box opens where it goes on', () => {
  const [current] = highlightSpecs([proposed(7, 0, 21, true)], buildPositionMap(TEXT));
  assert.match(current.attrs.class, /cc-prop-current/);
  const alone = highlightSpecs([own(1, 0, 21)], buildPositionMap(TEXT));
  // A claim proposal around the analyst's figure: three segments; the figure's keeps its own fill.
  const specs = highlightSpecs([own(1, 0, 21), proposed(8, 0, 33)], buildPositionMap(TEXT));
  assert.equal(specs.length, 2);
  assert.ok(specs[0].attrs.style.startsWith(alone[0].attrs.style), 'the same fill as without the proposal');
  assert.equal(specs[0].attrs.class, 'cc-ann cc-prop cc-prop-start');
  assert.equal(specs[1].attrs.class, 'cc-ann cc-ann-other cc-prop cc-prop-end');
  assert.equal(specs[0].attrs['aria-description'], 'figure: At least 60 civilians; proposed figure: At least 60 civilians were killed');
});

test('proposals never count as nesting of own spans (no same-label edges, no deeper tint)', () => {
  const alone = highlightSpecs([own(1, 9, 21)], buildPositionMap(TEXT));
  const specs = highlightSpecs([proposed(8, 0, 33), own(1, 9, 21)], buildPositionMap(TEXT));
  const middle = specs.find((s) => s.attrs['data-ann-ids'] === '8 1')!;
  assert.ok(!middle.attrs.class.includes('cc-ann-edge'), middle.attrs.class);
  assert.ok(middle.attrs.style.startsWith(alone[0].attrs.style), middle.attrs.style);
});

test('a claim with figures inside is one line with bars at its ends, each figure a box on it, even where both start', () => {
  // "At least 60 civilians were killed": a claim (0..33) and a figure (0..21) that start at the same place.
  const claim: HighlightSpan = { id: 20, start: 0, end: 33, color: '#d9480f', label: 'claim', text: TEXT, proposal: { current: false } };
  const specs = highlightSpecs([claim, proposed(21, 0, 21)], buildPositionMap(TEXT));
  assert.equal(specs.length, 2);
  const [both, rest] = specs;
  // The claim's line runs under every piece and its bar is drawn where it starts (not only after the figure).
  assert.equal(both.attrs.class, 'cc-ann cc-ann-other cc-prop cc-prop-start cc-prop-end cc-propo cc-propo-start');
  assert.equal(rest.attrs.class, 'cc-ann cc-ann-other cc-propo cc-propo-end');
  assert.ok(both.attrs.style.includes(`--propo-c: ${spanOutline('#d9480f')}`), both.attrs.style);
  assert.ok(both.attrs.style.includes(`--prop-c: ${spanOutline(GREEN)}`), both.attrs.style);
  // A claim alone is a line too (claims look alike whether or not they hold figures); a figure alone a box.
  assert.equal(highlightSpecs([claim], buildPositionMap(TEXT))[0].attrs.class, 'cc-ann cc-ann-other cc-propo cc-propo-start cc-propo-end');
});

test('any proposal around a shorter one is drawn as a line, in every piece, and the current one is marked in its style', () => {
  const outer = proposed(30, 0, 33, true);
  const specs = highlightSpecs([outer, proposed(31, 9, 21)], buildPositionMap(TEXT));
  assert.deepEqual(
    specs.map((s) => s.attrs.class),
    [
      'cc-ann cc-ann-other cc-propo cc-propo-current cc-propo-start',
      'cc-ann cc-ann-other cc-prop cc-prop-start cc-prop-end cc-propo cc-propo-current',
      'cc-ann cc-ann-other cc-propo cc-propo-current cc-propo-end',
    ],
  );
});
