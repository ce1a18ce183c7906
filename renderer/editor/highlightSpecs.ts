/**
 * What the annotation highlighter paints, as plain data (no ProseMirror, no DOM) so it can be tested
 * directly. plugins/highlights.ts turns these into inline decorations.
 *
 * Every layer of overlapping spans stays visible: the innermost span tints the background, each
 * enclosing span adds an underline stripe below the text (outermost at the bottom, so a span's stripe
 * keeps its height across segments), and the selected span gets a frame drawn with inset shadows,
 * which, unlike `outline`, leaves no seams where one span is cut into several segments.
 *
 * Spans of one label share a colour, so where they overlap or nest the stripe alone hardly tells them apart:
 * there the tint deepens with each level of same-label nesting (sameLabelDepth), and every such span shows its
 * two ends as edges (classes `cc-ann-edge-start` / `cc-ann-edge-end`, drawn on the logical sides, so right to
 * left too), so each of them can be seen, and clicked through.
 *
 * Each piece is a `mark` for assistive technology, described as "label: covered text" (innermost span first):
 * ARIA prohibits naming a mark, so the description carries it.
 *
 * Spans of another annotator's layer (issue 13; `layer` set) are never filled: they are underlined in their
 * label's outline colour with their layer's line style (dashed, dotted, wavy, double: the legend names them), so
 * one's own spans keep the fill and the eye tells whose is whose. Fill, stripes and edges come from one's own
 * spans alone; a segment covered only by others' spans keeps the reader's background.
 *
 * Proposals (issue 14; `proposal` set) are never filled, and are described as "proposed figure: at least 60
 * civilians". Short ones (figures, speakers) are a dashed box in their label's outline colour (classes `cc-prop`,
 * `cc-prop-start`, `cc-prop-end`, `cc-prop-current`, colour `--prop-c`). Claims, and any proposal that encloses
 * or overlaps a shorter one, are "outer" proposals: a dash-dot line under their text, closed by a bar at each end
 * (classes `cc-propo`, `cc-propo-start`, `cc-propo-end`, `cc-propo-current`, colour `--propo-c`), so a claim
 * with figures inside it reads as one line from its first word to its last, each figure a box sitting on it, and a
 * claim that starts with a figure ("At least 60 civilians were killed…") shows its bar where both start.
 */
import { rangeToPmLines, type PositionMap } from './positions';
import { segmentize, type Segment, type SpanLike } from './segments';
import { spanOutline, spanPaint } from './labelColors';

/** A span to paint: `start`/`end` are code points into the shown text, half-open. */
export interface HighlightSpan extends SpanLike {
  /** Label colour, `#rrggbb` (anything else is painted grey rather than injected into CSS). */
  color: string;
  /** Label name, shown as the tooltip. */
  label: string;
  /** The covered text, for the accessible description; omitted, the label alone describes the span. */
  text?: string;
  /** Set on a span of another annotator's layer: drawn outlined (underlined in `line` style), not filled. */
  layer?: { name: string; line: LayerLine };
  /** Set on a proposal (an `auto` span not decided yet): a dashed box, no fill; `current` is the one keys act on. */
  proposal?: { current: boolean };
}

/** How another layer's spans are underlined (CSS text-decoration-style). */
export type LayerLine = 'dashed' | 'dotted' | 'wavy' | 'double';

interface HighlightAttrs {
  class: string;
  'data-ann-ids': string;
  style: string;
  title: string;
  role: 'mark';
  'aria-description': string;
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
  /** Spans that overlap or nest with another span of the same label: they show their edges. */
  sameLabelOverlap?: ReadonlySet<number>;
  /** Proposals drawn as a line with bars at the ends, not a box: claims, and those around a shorter proposal. */
  outerProposals?: ReadonlySet<number>;
}

/** The proposal label drawn as a line under the text even alone: the long attributed statement. */
const LINE_LABEL = 'claim';

const STRIPE_PX = 2;
const FRAME_PX = 2;
const TINT_ALPHA = '38'; // ~22 %
const TINT_ALPHA_SELECTED = '73'; // ~45 %
/** Extra tint per level of same-label nesting, and the most it adds (of 255). */
const DEPTH_ALPHA_STEP = 0x24;
const DEPTH_ALPHA_MAX = 0x6c;
/** Covered text beyond this many code points is cut with an ellipsis in the accessible description. */
const DESCRIBED_TEXT = 80;

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
  const segments = segmentize(valid);
  const byId = new Map(valid.map((s) => [s.id, s]));
  return { byId, segments, sameLabelOverlap: sameLabelOverlaps(segments, byId), outerProposals: outerProposals(segments, byId) };
}

/**
 * Ids of the proposals drawn as a line rather than a box: claims, and every proposal that shares text with a
 * shorter proposal (any two overlapping spans share a segment, so looking within segments finds them all).
 */
function outerProposals(segments: readonly Segment[], byId: ReadonlyMap<number, HighlightSpan>): Set<number> {
  const out = new Set<number>();
  for (const s of byId.values()) if (s.proposal && s.label === LINE_LABEL) out.add(s.id);
  for (const seg of segments) {
    if (seg.ids.length < 2) continue;
    const props = seg.ids.map((id) => byId.get(id)!).filter((s) => s.proposal);
    for (const a of props) if (props.some((b) => b !== a && b.end - b.start < a.end - a.start)) out.add(a.id);
  }
  return out;
}

/** Same label: same name and colour (the colour is what the eye goes by). */
function sameLabel(a: HighlightSpan, b: HighlightSpan): boolean {
  return a.label === b.label && safeColor(a.color) === safeColor(b.color);
}

/**
 * Ids of the spans that share some text with another span of the same label: any two overlapping spans share
 * a segment, so looking within segments finds them all.
 */
function sameLabelOverlaps(segments: readonly Segment[], byId: ReadonlyMap<number, HighlightSpan>): Set<number> {
  const out = new Set<number>();
  for (const seg of segments) {
    if (seg.ids.length < 2) continue;
    // Another layer's identical span is a colleague's, not a nesting of one's own.
    const spans = seg.ids.map((id) => byId.get(id)!).filter(ownSpan);
    for (const a of spans) if (spans.some((b) => b !== a && sameLabel(a, b))) out.add(a.id);
  }
  return out;
}

/**
 * How deep the innermost span of segment `index` is nested in spans of its own label: 0 when none of the spans
 * around it has its label, 1 inside one such span, and so on.
 * @example sameLabelDepth(prepareSpans([claim(0, 30), claim(10, 20)], map), 1) === 1
 */
export function sameLabelDepth(prepared: PreparedSpans, index: number): number {
  const spans = prepared.segments[index].ids.map((id) => prepared.byId.get(id)!);
  const own = spans.filter(ownSpan);
  const inner = own[own.length - 1];
  return own.filter((s) => s !== inner && sameLabel(s, inner)).length;
}

/** A span of the analyst's own layer (not a colleague's, not a proposal): only these are filled. */
const ownSpan = (s: HighlightSpan) => !s.layer && !s.proposal;

/** "speaker: Rut Levi; claim: …", innermost span first. */
function describe(spans: readonly HighlightSpan[]): string {
  return spans
    .slice()
    .reverse()
    .map((s) => {
      const label = s.proposal ? `proposed ${s.label}` : s.layer ? `${s.label} (${s.layer.name}'s layer)` : s.label;
      if (s.text === undefined) return label;
      const cps = [...s.text];
      return `${label}: ${cps.length > DESCRIBED_TEXT ? cps.slice(0, DESCRIBED_TEXT - 1).join('') + '…' : s.text}`;
    })
    .join('; ');
}

/** The underline of another layer's span: its label's outline colour in its layer's line style. */
function layerUnderline(s: HighlightSpan): string {
  return `text-decoration: underline ${s.layer!.line} ${spanOutline(safeColor(s.color))}; text-decoration-thickness: 2px; text-underline-offset: 3px`;
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
  const all = seg.ids.map((id) => prepared.byId.get(id)!);
  // One's own spans paint as they always did; the innermost span of another layer adds its underline.
  const spans = all.filter(ownSpan);
  const other = all.filter((s) => s.layer).pop();
  // The innermost boxed proposal draws the dashed box and the innermost outer one its line (the current one,
  // wherever it is here, draws bolder): a box and a line can both be drawn on one piece, and never hide each other.
  const isOuter = (p: HighlightSpan) => prepared.outerProposals?.has(p.id) ?? false;
  const pick = (ps: HighlightSpan[]) => ps.find((p) => p.proposal!.current) ?? ps[ps.length - 1];
  const proposal = pick(all.filter((p) => p.proposal && !isOuter(p)));
  const outer = pick(all.filter((p) => p.proposal && isOuter(p)));
  const inner = spans[spans.length - 1] as HighlightSpan | undefined;
  const selected = selectedId !== null && seg.ids.includes(selectedId) ? prepared.byId.get(selectedId)! : null;
  const className = selected ? 'cc-ann cc-ann-selected' : 'cc-ann';
  const depth = sameLabelDepth(prepared, index);
  const alpha = parseInt(selected === inner ? TINT_ALPHA_SELECTED : TINT_ALPHA, 16) + Math.min(DEPTH_ALPHA_MAX, depth * DEPTH_ALPHA_STEP);
  // Opaque fill and a text colour that reads on it, in the light and the dark theme (labelColors.ts).
  const fill = inner ? spanPaint(safeColor(inner.color), alpha / 255) : '';
  const underline = other ? layerUnderline(other) : '';
  const background = [fill, underline].filter(Boolean).join('; ');
  // Edges of same-label spans that start or end here, innermost first.
  const edged = spans.filter((s) => prepared.sameLabelOverlap?.has(s.id)).reverse();
  const startsHere = edged.find((s) => s.start === seg.start);
  const endsHere = edged.find((s) => s.end === seg.end);
  const description = describe(all);
  const stripeBase = selected ? FRAME_PX : 0;
  const stripes = spans
    .slice(0, -1)
    .map((s, k) => `inset 0 -${stripeBase + STRIPE_PX * (k + 1)}px 0 ${spanOutline(safeColor(s.color))}`);
  const attrsFor = (first: boolean, last: boolean): HighlightAttrs => {
    const shadows: string[] = [];
    if (selected) {
      // Outlines keep 3:1 against the theme's background: a navy frame would vanish on the dark reader.
      const c = spanOutline(safeColor(selected.color));
      shadows.push(`inset 0 ${FRAME_PX}px 0 ${c}`, `inset 0 -${FRAME_PX}px 0 ${c}`);
      if (first && seg.start === selected.start) shadows.push(`inset ${FRAME_PX}px 0 0 ${c}`);
      if (last && seg.end === selected.end) shadows.push(`inset -${FRAME_PX}px 0 0 ${c}`);
    }
    shadows.push(...stripes);
    const edgeStart = first && startsHere ? spanOutline(safeColor(startsHere.color)) : null;
    const edgeEnd = last && endsHere ? spanOutline(safeColor(endsHere.color)) : null;
    const drawn = (p: HighlightSpan | undefined, cls: string) =>
      p
        ? [
            cls,
            p.proposal!.current ? `${cls}-current` : '',
            first && seg.start === p.start ? `${cls}-start` : '',
            last && seg.end === p.end ? `${cls}-end` : '',
          ]
        : [];
    const propClasses = [...drawn(proposal, 'cc-prop'), ...drawn(outer, 'cc-propo')];
    const classes = [className, inner ? '' : 'cc-ann-other', edgeStart ? 'cc-ann-edge-start' : '', edgeEnd ? 'cc-ann-edge-end' : '', ...propClasses].filter(Boolean).join(' ');
    const edges =
      (edgeStart ? `; --edge-start: ${edgeStart}` : '') + (edgeEnd ? `; --edge-end: ${edgeEnd}` : '') + (proposal ? `; --prop-c: ${spanOutline(safeColor(proposal.color))}` : '') +
      (outer ? `; --propo-c: ${spanOutline(safeColor(outer.color))}` : '');
    return {
      class: classes,
      'data-ann-ids': seg.ids.join(' '),
      style: (shadows.length ? [background, `box-shadow: ${shadows.join(', ')}`].filter(Boolean).join('; ') : background) + edges,
      title: all.map((s) => (s.proposal ? `proposed ${s.label}` : s.layer ? `${s.label} (${s.layer.name})` : s.label)).join(' › '),
      role: 'mark',
      'aria-description': description,
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
