/**
 * Colours for a span painted in its label's colour, readable in the light and the dark theme.
 *
 * A label colour is whatever hex the analyst picked (yellow, navy, …). A span's fill is that colour mixed into
 * the reader's background at a given strength; its text is the theme's own text colour where that has a WCAG
 * contrast of at least 4.5:1 on the fill (WCAG 2.x, 1.4.3 "Contrast (Minimum)"), else black or white, whichever
 * contrasts more (one of the two always reaches 4.58:1); its outline (selection frame, nesting stripes) is the
 * label colour pulled towards the theme's text until it has 3:1 against the background (WCAG 2.x, 1.4.11
 * "Non-text Contrast"). Painted as `light-dark(light, dark)`, the browser picks the pair member for the theme
 * in force (styles.css: color-scheme follows prefers-color-scheme or the analyst's choice).
 */

export type Theme = 'light' | 'dark';

/**
 * The reader's background (--panel) and text (--text) in each theme: keep equal to styles.css's :root. The fill
 * is computed opaque against the background so that its contrast with the text is known.
 */
export const themeColors: Record<Theme, { background: string; text: string }> = {
  light: { background: '#ffffff', text: '#1d2330' },
  dark: { background: '#1a1e25', text: '#e3e6eb' },
};

/** WCAG minimum contrast for body text and for the outlines of things one must see (1.4.3, 1.4.11). */
export const TEXT_CONTRAST = 4.5;
export const OUTLINE_CONTRAST = 3;

type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` (any case) to 0–255 channels; anything else is grey #888888, never an error. */
export function parseHex(color: string): Rgb {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1] ?? '888888';
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return '#' + rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('');
}

/** `share` (0–1) of `a` mixed into `b`, per sRGB channel (as CSS color-mix(in srgb, a share, b)). */
function mix(a: Rgb, b: Rgb, share: number): Rgb {
  return [0, 1, 2].map((i) => a[i] * share + b[i] * (1 - share)) as Rgb;
}

/** WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance(color: string): number {
  const [r, g, b] = parseHex(color).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two colours, 1 to 21, in either order. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** What one span is painted with in one theme, as `#rrggbb`. */
export interface SpanColors {
  fill: string;
  text: string;
  outline: string;
}

/**
 * The fill, text and outline for a span of label colour `color` whose fill has strength `tint` (0–1: the share
 * of the label colour in the fill; the rest is the theme's background), in `theme`.
 * @example spanColors('#ffd400', 0.45, 'dark') // { fill: '#817014', text: '#ffffff', outline: '#ffd400' }
 */
export function spanColors(color: string, tint: number, theme: Theme): SpanColors {
  const { background, text } = themeColors[theme];
  const label = parseHex(color);
  const fill = toHex(mix(label, parseHex(background), Math.min(1, Math.max(0, tint))));
  const ink = contrast(text, fill) >= TEXT_CONTRAST ? text : contrast('#000000', fill) >= contrast('#ffffff', fill) ? '#000000' : '#ffffff';
  let outline = toHex(label);
  for (let toward = 0.1; contrast(outline, background) < OUTLINE_CONTRAST && toward <= 1; toward += 0.1) {
    outline = toHex(mix(parseHex(text), label, toward));
  }
  return { fill, text: ink, outline };
}

/** `light-dark(<light>, <dark>)` of one member of spanColors in each theme. */
function lightDark(color: string, tint: number, part: keyof SpanColors): string {
  return `light-dark(${spanColors(color, tint, 'light')[part]}, ${spanColors(color, tint, 'dark')[part]})`;
}

/**
 * CSS declarations for a span's fill and text: `background-color: light-dark(…); color: light-dark(…)`.
 * @example spanPaint('#0000ff', 0.22) // 'background-color: light-dark(#c7c7ff, #141755); color: light-dark(#1d2330, #e3e6eb)'
 */
export function spanPaint(color: string, tint: number): string {
  return `background-color: ${lightDark(color, tint, 'fill')}; color: ${lightDark(color, tint, 'text')}`;
}

/** The outline colour for a span of label colour `color`, as a CSS `light-dark(…)` value. */
export function spanOutline(color: string): string {
  return lightDark(color, 0, 'outline');
}
