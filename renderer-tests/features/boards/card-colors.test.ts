/**
 * No two sources shown on one card share a colour (a tester saw RT and AFP on one colour on the 100k bench
 * project's claims board: twelve outlets, a ten-colour palette). renderer/features/boards/timeline.ts
 * cardSourceColors holds the rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignSourceColors, cardSourceColors, SOURCE_PALETTE, UNKNOWN_SOURCE_COLOR } from '../../../renderer/features/boards/timeline';

/** The outlets of the generated scale projects (bench/scale/project.ts). */
const outlets = ['RT', 'TASS', 'Reuters', 'AP', 'Interfax', 'RIA Novosti', 'BBC', 'Al Jazeera', 'AFP', 'Kyiv Independent', 'Meduza', 'DW'];
const board = assignSourceColors(outlets);

test('RT and AFP, one colour on the twelve-outlet board, get two colours on a card that shows both', () => {
  assert.equal(board('RT'), board('AFP'), 'the board-wide colours repeat beyond the palette (the reported case)');
  const card = cardSourceColors(board, ['RT', 'AFP', 'TASS']);
  assert.notEqual(card('RT'), card('AFP'));
  assert.equal(new Set(['RT', 'AFP', 'TASS'].map(card)).size, 3);
});

test('every set of the twelve outlets up to the palette size gets distinct palette colours on a card', () => {
  let checked = 0;
  for (let mask = 1; mask < 1 << outlets.length; mask++) {
    const set = outlets.filter((_, i) => mask & (1 << i));
    if (set.length > SOURCE_PALETTE.length) continue;
    const card = cardSourceColors(board, set);
    const colours = set.map(card);
    assert.equal(new Set(colours).size, set.length, `${set.join(', ')}: ${colours.join(' ')}`);
    for (const c of colours) assert.ok((SOURCE_PALETTE as readonly string[]).includes(c), c);
    checked++;
  }
  assert.ok(checked > 3000);
});

test('the same set gives the same colours whatever the order, case or duplicates; a source no other shares keeps its board colour', () => {
  const a = cardSourceColors(board, ['RT', 'AFP', 'AP', 'DW']);
  const b = cardSourceColors(board, ['dw ', 'ap', 'AFP', null, 'rt', 'AP']);
  for (const s of ['RT', 'AFP', 'AP', 'DW']) assert.equal(a(s), b(s), s);
  assert.equal(a('DW'), board('DW'));
  assert.equal(a(null), UNKNOWN_SOURCE_COLOR);
  // A source not on the card answers with its board colour.
  assert.equal(a('Meduza'), board('Meduza'));
});

test('on a board within the palette, a card shows the board colours unchanged', () => {
  const small = assignSourceColors(['RT', 'AFP', 'AP', 'TASS']);
  const card = cardSourceColors(small, ['RT', 'AFP', 'AP']);
  for (const s of ['RT', 'AFP', 'AP']) assert.equal(card(s), small(s), s);
});
