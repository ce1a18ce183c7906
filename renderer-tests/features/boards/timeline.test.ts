import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assignSourceColors,
  dateRange,
  datePosition,
  dayNumber,
  dotLanes,
  rangeDays,
  sourceColor,
  SOURCE_PALETTE,
  UNKNOWN_SOURCE_COLOR,
} from '../../../renderer/features/boards/timeline';

test('dayNumber: ISO dates to days since the epoch; anything else is undated', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(dayNumber('1970-01-02'), 1);
  assert.equal(dayNumber('2022-03-01')! - dayNumber('2022-02-28')!, 1);
  assert.equal(dayNumber('2024-03-01')! - dayNumber('2024-02-28')!, 2, 'leap year');
  assert.equal(dayNumber(null), null);
  assert.equal(dayNumber(undefined), null);
  assert.equal(dayNumber(''), null);
  assert.equal(dayNumber('March 2022'), null);
  assert.equal(dayNumber('2022-02-31'), null, 'not a calendar date');
  assert.equal(dayNumber('2022-13-01'), null);
});

test('dateRange: earliest and latest, whatever the order, skipping undated', () => {
  const r = dateRange(['2022-03-10', null, '2022-03-01', 'unknown', '2022-04-02', undefined, '2022-03-15']);
  assert.ok(r);
  assert.equal(r.start, '2022-03-01');
  assert.equal(r.end, '2022-04-02');
  assert.equal(r.endDay - r.startDay, 32);
  assert.equal(rangeDays(r), 33);
});

test('dateRange: one date is a one-day range; none is null', () => {
  const r = dateRange([null, '2022-03-05']);
  assert.deepEqual({ start: r?.start, end: r?.end }, { start: '2022-03-05', end: '2022-03-05' });
  assert.equal(rangeDays(r!), 1);
  assert.equal(dateRange([]), null);
  assert.equal(dateRange([null, 'n/a']), null);
});

test('datePosition: ends at 0 and 1, linear in between, clamped', () => {
  const r = dateRange(['2022-03-01', '2022-03-11'])!;
  assert.equal(datePosition('2022-03-01', r), 0);
  assert.equal(datePosition('2022-03-11', r), 1);
  assert.equal(datePosition('2022-03-06', r), 0.5);
  assert.ok(Math.abs(datePosition('2022-03-02', r)! - 0.1) < 1e-12);
  assert.equal(datePosition('2022-02-01', r), 0);
  assert.equal(datePosition('2023-01-01', r), 1);
});

test('datePosition: undated, invalid or no range give null; a one-day range centres', () => {
  const r = dateRange(['2022-03-01', '2022-03-11'])!;
  assert.equal(datePosition(null, r), null);
  assert.equal(datePosition('soon', r), null);
  assert.equal(datePosition('2022-03-05', null), null);
  assert.equal(datePosition('2022-03-05', dateRange(['2022-03-05'])), 0.5);
});

test('datePosition: month boundaries count real days', () => {
  const r = dateRange(['2022-02-27', '2022-03-03'])!; // 4 days apart
  assert.equal(datePosition('2022-03-01', r), 0.5);
});

test('sourceColor: stable, from the palette, case and spaces ignored', () => {
  for (const s of ['RT', 'TASS', 'Reuters', 'Al Jazeera', 'BBC News', 'Интерфакс']) {
    const c = sourceColor(s);
    assert.ok((SOURCE_PALETTE as readonly string[]).includes(c), `${s} → ${c}`);
    assert.equal(sourceColor(s), c);
  }
  assert.equal(sourceColor('Reuters'), sourceColor('  reuters '));
  assert.equal(sourceColor('RT'), sourceColor('rt'));
});

test('sourceColor: unknown source is grey; different sources spread over the palette', () => {
  assert.equal(sourceColor(null), UNKNOWN_SOURCE_COLOR);
  assert.equal(sourceColor(undefined), UNKNOWN_SOURCE_COLOR);
  assert.equal(sourceColor('   '), UNKNOWN_SOURCE_COLOR);
  const names = ['RT', 'TASS', 'Reuters', 'AP', 'AFP', 'BBC', 'CNN', 'Interfax', 'Ukrinform', 'Kyiv Independent', 'Meduza', 'DW'];
  const colours = new Set(names.map(sourceColor));
  assert.ok(colours.size >= 4, `only ${colours.size} colours for ${names.length} sources`);
  assert.ok(!colours.has(UNKNOWN_SOURCE_COLOR));
});

test('dotLanes: far apart dots share the first lane; close ones stack', () => {
  assert.deepEqual(dotLanes([0, 0.5, 1], 0.02), [0, 0, 0]);
  assert.deepEqual(dotLanes([0.5, 0.5, 0.5], 0.02), [0, 1, 2]);
  assert.deepEqual(dotLanes([0.5, 0.2, 0.505, 0.21], 0.02), [0, 0, 1, 1]);
  // A lane frees up again once the next dot is far enough along.
  assert.deepEqual(dotLanes([0, 0.01, 0.05], 0.02), [0, 1, 0]);
});

test('dotLanes: never more than maxLanes', () => {
  const lanes = dotLanes(new Array(10).fill(0.3), 0.02, 3);
  assert.equal(Math.max(...lanes), 2);
  assert.deepEqual(lanes.slice(0, 3), [0, 1, 2]);
  assert.deepEqual(dotLanes([], 0.02), []);
});

test('assignSourceColors: no two sources of a board share a colour while the palette lasts', () => {
  const names = ['RT', 'TASS', 'Reuters', 'AP', 'AFP', 'BBC', 'CNN', 'Interfax', 'Meduza', 'DW'];
  assert.equal(names.length, SOURCE_PALETTE.length);
  const colorOf = assignSourceColors(names);
  const colours = names.map(colorOf);
  assert.equal(new Set(colours).size, names.length, colours.join(' '));
  for (const c of colours) assert.ok((SOURCE_PALETTE as readonly string[]).includes(c));
});

test('assignSourceColors: same answer whatever the order, duplicates, case or unknowns in the input', () => {
  const a = assignSourceColors(['RT', 'TASS', 'AP', 'AFP', 'Reuters']);
  const b = assignSourceColors([null, 'reuters ', 'AFP', 'AP', 'AP', undefined, 'TASS', 'rt', '']);
  for (const s of ['RT', 'TASS', 'AP', 'AFP', 'Reuters']) assert.equal(a(s), b(s), s);
  assert.equal(a('rt'), a('RT'));
  assert.equal(a(null), UNKNOWN_SOURCE_COLOR);
  assert.equal(a(''), UNKNOWN_SOURCE_COLOR);
});

test('assignSourceColors: the first source keeps its own colour; a source not on the board gets its stable one', () => {
  const alone = assignSourceColors(['Reuters']);
  assert.equal(alone('Reuters'), sourceColor('Reuters'));
  assert.equal(alone('Meduza'), sourceColor('Meduza'));
});

test('assignSourceColors: beyond the palette colours repeat, still from the palette', () => {
  const names = Array.from({ length: SOURCE_PALETTE.length + 5 }, (_, i) => `Source ${i}`);
  const colorOf = assignSourceColors(names);
  const colours = new Set(names.map(colorOf));
  assert.equal(colours.size, SOURCE_PALETTE.length);
});
