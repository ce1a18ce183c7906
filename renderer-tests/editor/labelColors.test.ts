import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contrast, luminance, parseHex, spanColors, spanOutline, spanPaint, themeColors, type Theme } from '../../renderer/editor/labelColors';

const themes: Theme[] = ['light', 'dark'];
// Yellow and navy are the hard ones (yellow vanishes on white, navy on a dark background); the rest are the
// default labels' colours and the extremes.
const colours = ['#ffff00', '#ffd400', '#000080', '#1e3a8a', '#e8a33d', '#3d8be8', '#2fae6b', '#ff0000', '#ffffff', '#000000', '#808080'];
// What the reader paints: the plain tint, the selected one, and the deepest same-label nesting (highlightSpecs).
const tints = [0.22, 0.45, 0.64, 1];

test('WCAG contrast: known values (black on white 21, white on white 1, #767676 on white 4.54)', () => {
  assert.equal(Math.round(contrast('#000000', '#ffffff') * 100) / 100, 21);
  assert.equal(contrast('#ffffff', '#fff'), 1);
  assert.equal(Math.round(contrast('#767676', '#ffffff') * 100) / 100, 4.54);
  assert.equal(luminance('#ffffff'), 1);
});

test('span text has at least 4.5:1 on its fill, for every colour, strength and theme', () => {
  for (const theme of themes) {
    for (const colour of colours) {
      for (const tint of tints) {
        const { fill, text } = spanColors(colour, tint, theme);
        assert.ok(contrast(text, fill) >= 4.5, `${colour} at ${tint} in ${theme}: ${text} on ${fill} is ${contrast(text, fill).toFixed(2)}:1`);
      }
    }
  }
});

test('a light tint keeps the theme text colour; a strong yellow in the dark theme switches to black text', () => {
  assert.equal(spanColors('#ffff00', 0.22, 'light').text, themeColors.light.text);
  assert.equal(spanColors('#000080', 0.22, 'dark').text, themeColors.dark.text);
  assert.equal(spanColors('#ffff00', 0.64, 'dark').text, '#000000');
  // Full-strength navy in the light theme: dark text would vanish, white is chosen.
  assert.equal(spanColors('#000080', 1, 'light').text, '#ffffff');
});

test('the fill is the label colour mixed into the theme background', () => {
  assert.equal(spanColors('#0000ff', 0, 'light').fill, '#ffffff');
  assert.equal(spanColors('#0000ff', 1, 'dark').fill, '#0000ff');
  assert.equal(spanColors('#ff0000', 0.5, 'light').fill, '#ff8080');
  // Out-of-range strengths are clamped, not an error.
  assert.equal(spanColors('#ff0000', 7, 'light').fill, '#ff0000');
});

test('outlines have at least 3:1 against the background: navy is lightened in the dark theme, yellow darkened in the light one', () => {
  for (const theme of themes) {
    for (const colour of colours) {
      const { outline } = spanColors(colour, 0.22, theme);
      assert.ok(contrast(outline, themeColors[theme].background) >= 3, `${colour} in ${theme}: ${outline}`);
    }
  }
  assert.equal(spanColors('#2856c8', 0.22, 'light').outline, '#2856c8');
  assert.notEqual(spanColors('#000080', 0.22, 'dark').outline, '#000080');
  assert.notEqual(spanColors('#ffff00', 0.22, 'light').outline, '#ffff00');
});

test('CSS: one light-dark() pair per property; bad input is painted grey, not injected', () => {
  assert.match(spanPaint('#0000ff', 0.22), /^background-color: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\); color: light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
  assert.match(spanOutline('#0000ff'), /^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
  assert.deepEqual(parseHex('red; background: url(x)'), [136, 136, 136]);
  assert.deepEqual(parseHex('#F0A'), [255, 0, 170]);
  assert.ok(!spanPaint('url(x)', 0.5).includes('url'));
});
