/**
 * What the annotation highlighter paints, as plain data (no ProseMirror, no DOM) so it can be tested
 * directly. plugins/highlights.ts turns these into inline decorations.
 *
 * Every layer of overlapping spans stays visible: the innermost span tints the background, each
 * enclosing span adds an underline stripe below the text (outermost at the bottom, so a span's stripe
 * keeps its height across segments), and the selected span gets a frame drawn with inset shadows,
 * which, unlike `outline`, leaves no seams where one span is cut into several segments.
 */
import { rangeToPmLines, type PositionMap } from './positions';
import { segmentize, type Segment, type SpanLike } from './segments';

/** A span to paint: `start`/`end` are code points into the shown text, half-open. */
export interface HighlightSpan extends SpanLike {
  /** Label colour, `#rrggbb` (anything else is painted grey rather than injected into CSS). */
  color: string;
  /** Label name, shown as the tooltip. */
  label: string;
}

interface HighlightAttrs {
  class: string;
  'data-ann-ids': string;
  style: string;
  title: string;
}

export interface HighlightSpec {
  /** PM positions. */
  from: number;
  to: number;
  attrs: HighlightAttrs;
}

/** Spans and the segments they flatten into, ready to paint against one document. */
export interface PreparedSpans {
  byId: ReadonlyMap<number, HighlightSpan>;
  segments: Segment[];
}

const STRIPE_PX = 2;
const FRAME_PX = 2;
const TINT_ALPHA = '38'; // ~22 %
const TINT_ALPHA_SELECTED = '73'; // ~45 %

function safeColor(color: string): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color;
  if (/^#[0-9a-f]{3}$/i.test(color)) return '#' + [...color.slice(1)].map((c) => c + c).join('');
  return '#888888';
}

/**
 * Drops spans that do not fit the document (stale offsets must not break the editor) and flattens the
 * rest.
 * @example prepareSpans(spans, buildPositionMap(text)).segments
 */
export function prepareSpans(spans: readonly HighlightSpan[], map: PositionMap): PreparedSpans {
  const length = map.offsets.length;
  const valid = spans.filter(
    (s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= length && s.start < s.end,
  );
  return { byId: new Map(valid.map((s) => [s.id, s])), segments: segmentize(valid) };
}

/**
 * Specs for one segment, one per line it touches (the "\n" between them is not a character in PM).
 * @example segmentSpecs(prepared, 0, map, selectedId)
 */
export function segmentSpecs(
  prepared: PreparedSpans,
  index: number,
  map: PositionMap,
  selectedId: number | null,
): HighlightSpec[] {
  const seg = prepared.segments[index];
  const spans = seg.ids.map((id) => prepared.byId.get(id)!);
  const inner = spans[spans.length - 1];
  const selected = selectedId !== null && seg.ids.includes(selectedId) ? prepared.byId.get(selectedId)! : null;
  const className = selected ? 'cc-ann cc-ann-selected' : 'cc-ann';
  const background = `background-color: ${safeColor(inner.color)}${selected === inner ? TINT_ALPHA_SELECTED : TINT_ALPHA}`;
  const stripeBase = selected ? FRAME_PX : 0;
  const stripes = spans
    .slice(0, -1)
    .map((s, k) => `inset 0 -${stripeBase + STRIPE_PX * (k + 1)}px 0 ${safeColor(s.color)}`);
  const attrsFor = (first: boolean, last: boolean): HighlightAttrs => {
    const shadows: string[] = [];
    if (selected) {
      const c = safeColor(selected.color);
      shadows.push(`inset 0 ${FRAME_PX}px 0 ${c}`, `inset 0 -${FRAME_PX}px 0 ${c}`);
      if (first && seg.start === selected.start) shadows.push(`inset ${FRAME_PX}px 0 0 ${c}`);
      if (last && seg.end === selected.end) shadows.push(`inset -${FRAME_PX}px 0 0 ${c}`);
    }
    shadows.push(...stripes);
    return {
      class: className,
      'data-ann-ids': seg.ids.join(' '),
      style: shadows.length ? `${background}; box-shadow: ${shadows.join(', ')}` : background,
      title: spans.map((s) => s.label).join(' › '),
    };
  };

  const pieces = rangeToPmLines(map, seg.start, seg.end);
  return pieces.map((p, k) => ({ ...p, attrs: attrsFor(k === 0, k === pieces.length - 1) }));
}

/**
 * Everything to paint for `spans` with `selectedId` selected, in document order.
 * @example
 * highlightSpecs([{id: 3, start: 0, end: 5, color: '#ff0000', label: 'claim'}], buildPositionMap('hello'), 3)
 * // [{from: 1, to: 6, attrs: {class: 'cc-ann cc-ann-selected', 'data-ann-ids': '3', ...}}]
 */
export function highlightSpecs(
  spans: readonly HighlightSpan[] | PreparedSpans,
  map: PositionMap,
  selectedId: number | null = null,
): HighlightSpec[] {
  const prepared = 'segments' in spans ? spans : prepareSpans(spans, map);
  return prepared.segments.flatMap((_, i) => segmentSpecs(prepared, i, map, selectedId));
}
