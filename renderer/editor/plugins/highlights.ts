/**
 * The `annotationHighlights` TipTap extension: paints annotation spans over the read-only article and
 * reports clicks on them.
 *
 * Spans live only in plugin state, set through the extension's commands (transaction meta), so the document
 * is never touched and the plugin state is a pure function of (previous state, meta, doc). The position map
 * is derived from the doc itself, so it can never disagree with what is displayed.
 */
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { highlightSpecs, prepareSpans, segmentSpecs, type HighlightSpan, type HighlightSpec, type PreparedSpans } from '../highlightSpecs';
import { buildPositionMap, pmToCp, type PositionMap } from '../positions';
import { segmentAt, segmentIndexAt, type Segment } from '../segments';
import { metaCommand } from './meta';

/** Transaction meta understood by the plugin. Omitted fields keep their current value. */
interface HighlightMeta {
  spans?: readonly HighlightSpan[];
  selectedId?: number | null;
}

interface HighlightState extends PreparedSpans {
  /** Map of the current doc. */
  map: PositionMap;
  /** The spans as given, including any dropped for not fitting the document. */
  spans: readonly HighlightSpan[];
  selectedId: number | null;
  decorations: DecorationSet;
}

export interface AnnotationHighlightsOptions {
  /**
   * Called on every plain click (not after a drag) in the editor, with the ids of the spans under the
   * pointer, outermost first (empty on bare text), and the code point offset of the click in the shown text.
   */
  onClickSpans: ((ids: number[], cp: number) => void) | null;
}

const annotationHighlightsKey = new PluginKey<HighlightState>('annotationHighlights');

/**
 * The position map of the doc as shown: its paragraphs' text joined by "\n", except where a paragraph continues
 * the line before it (attribute `cont`, a soft break of a long line: see readerParagraph.ts), which adds none.
 */
function mapOfDoc(doc: PMNode): PositionMap {
  const parts: string[] = [];
  const soft: number[] = [];
  let length = 0;
  doc.forEach((node, _, i) => {
    if (i > 0 && node.attrs.cont) soft.push(length);
    else if (i > 0) parts.push('\n'), length++;
    parts.push(node.textContent);
    length += node.textContent.length;
  });
  return buildPositionMap(parts.join(''), soft);
}

function toDecorations(specs: HighlightSpec[]): Decoration[] {
  // No spec object: DecorationSet.remove matches by position and attrs, so rebuilding a segment's
  // decorations is enough to remove them, with no bookkeeping of the live objects.
  return specs.map((s) => Decoration.inline(s.from, s.to, { ...s.attrs }));
}

function specsOf(state: HighlightState, indices: Iterable<number>): HighlightSpec[] {
  return [...indices].flatMap((i) => segmentSpecs(state, i, state.map, state.selectedId));
}

function emptyState(doc: PMNode): HighlightState {
  return {
    map: mapOfDoc(doc),
    spans: [],
    byId: new Map(),
    segments: [],
    selectedId: null,
    decorations: DecorationSet.empty,
  };
}

/** Indices of the segments span `id` covers: a contiguous run, since segments tile each span. */
function segmentsOf(state: HighlightState, id: number | null): number[] {
  const span = id === null ? undefined : state.byId.get(id);
  if (!span) return [];
  const out: number[] = [];
  for (let i = segmentIndexAt(state.segments, span.start); i < state.segments.length && state.segments[i].start < span.end; i++) {
    out.push(i);
  }
  return out;
}

/** Repaints only the segments of the old and new selection. */
function reselect(state: HighlightState, doc: PMNode, selectedId: number | null): HighlightState {
  const touched = new Set([...segmentsOf(state, state.selectedId), ...segmentsOf(state, selectedId)]);
  const next = { ...state, selectedId };
  if (touched.size === 0) return next;
  const decorations = state.decorations.remove(toDecorations(specsOf(state, touched)));
  return { ...next, decorations: decorations.add(doc, toDecorations(specsOf(next, touched))) };
}

/** Everything a segment's painting depends on; equal keys paint identically. */
function segmentKey(state: HighlightState, index: number): string {
  const seg = state.segments[index];
  // Which span is selected matters, not just whether one is: the frame takes that span's colour.
  const selected = state.selectedId !== null && seg.ids.includes(state.selectedId) ? state.selectedId : '';
  const spans = seg.ids.map((id) => {
    const s = state.byId.get(id)!;
    // Whether it shows its edges depends on spans elsewhere (a same-label span overlapping another segment of it).
    const edged = state.sameLabelOverlap?.has(id) ? 1 : 0;
    // So does whether a proposal is drawn as a line (a shorter proposal inside it, perhaps in another segment).
    const outer = state.outerProposals?.has(id) ? 1 : 0;
    return `${id}\u0001${s.start}\u0001${s.end}\u0001${s.color}\u0001${s.label}\u0001${s.text ?? ''}\u0001${edged}${outer}\u0001${layerKey(s)}`;
  });
  return `${seg.start}\u0002${seg.end}\u0002${selected}\u0002${spans.join('\u0002')}`;
}

/**
 * Decorations for `next`, reusing those of `prev` where segments paint the same. Editing one
 * annotation thus costs a diff instead of DecorationSet.create, which scans every decoration once per
 * paragraph (seconds for a megabyte article with thousands of spans). Only the segments that touch a span that
 * changed (added, removed, moved, relabelled, or whose edges or line style changed with its neighbours) or the
 * old or new selection are compared (touchedSegments): a tag compares a few segments, not every one on screen.
 */
function repaint(prev: HighlightState, next: HighlightState, doc: PMNode): DecorationSet {
  const fromScratch = () => DecorationSet.create(doc, toDecorations(highlightSpecs(next, next.map, next.selectedId)));
  if (prev.segments.length === 0 || next.segments.length === 0) return fromScratch();
  const ranges = changedRanges(prev, next);
  const before = touchedSegments(prev.segments, ranges);
  const after = touchedSegments(next.segments, ranges);
  const prevKeys = new Map(before.map((i) => [i, segmentKey(prev, i)]));
  const nextKeys = new Map(after.map((i) => [i, segmentKey(next, i)]));
  const inPrev = new Set(prevKeys.values());
  const inNext = new Set(nextKeys.values());
  const added = after.filter((i) => !inPrev.has(nextKeys.get(i)!));
  const removed = before.filter((i) => !inNext.has(prevKeys.get(i)!));
  if (added.length + removed.length > next.segments.length / 2) return fromScratch();
  return prev.decorations.remove(toDecorations(specsOf(prev, removed))).add(doc, toDecorations(specsOf(next, added)));
}

/**
 * The code point ranges where `prev` and `next` may paint differently: the extent, before and after, of every
 * span that is not drawn the same in both (see sameSpan; its edge and line flags included, which depend on spans
 * elsewhere), and of the old and new selection when it moved. Anything a segment's painting depends on is the
 * segment's own spans (segmentKey), so a segment that touches none of these ranges paints the same in both.
 */
function changedRanges(prev: HighlightState, next: HighlightState): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const flags = (st: HighlightState, id: number) => `${st.sameLabelOverlap?.has(id) ? 1 : 0}${st.outerProposals?.has(id) ? 1 : 0}`;
  for (const [id, a] of prev.byId) {
    const b = next.byId.get(id);
    if (!b || !sameSpan(a, b) || flags(prev, id) !== flags(next, id)) {
      out.push(a);
      if (b) out.push(b);
    }
  }
  for (const [id, b] of next.byId) if (!prev.byId.has(id)) out.push(b);
  if (prev.selectedId !== next.selectedId) {
    for (const st of [prev, next]) {
      const s = st.selectedId === null ? undefined : st.byId.get(st.selectedId);
      if (s) out.push(s);
    }
  }
  return out;
}

/**
 * Indices (ascending) of the segments that touch one of `ranges`, ends included: a segment that only meets a
 * changed span at its edge may be cut or joined there, so it is compared too.
 */
function touchedSegments(segments: readonly Segment[], ranges: readonly { start: number; end: number }[]): number[] {
  const out = new Set<number>();
  for (const r of ranges) {
    // The first segment ending at or after r.start (segments are sorted and do not overlap).
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (segments[mid].end < r.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < segments.length && segments[i].start <= r.end; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Whose layer a span is drawn as (empty: one's own), or that it is a proposal (and whether the current one). */
const layerKey = (s: HighlightSpan) =>
  s.layer ? `${s.layer.name}\u0003${s.layer.line}` : s.proposal ? `\u0004${s.proposal.current ? 1 : 0}` : '';

/** Whether two spans paint the same on their own (their edge and line flags aside). */
function sameSpan(x: HighlightSpan, y: HighlightSpan): boolean {
  if (x === y) return true;
  return x.id === y.id && x.start === y.start && x.end === y.end && x.color === y.color && x.label === y.label && x.text === y.text && layerKey(x) === layerKey(y);
}

/** Hosts tend to resend equal spans with every selection change; that should stay a cheap reselect. */
function sameSpans(a: readonly HighlightSpan[], b: readonly HighlightSpan[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameSpan(a[i], b[i])) return false;
  return true;
}

/**
 * The plugin's reducer: applies one transaction's meta to the state of an unchanged doc. New spans
 * repaint only the segments that differ; a selection-only change repaints just the affected segments.
 */
function applyHighlightMeta(state: HighlightState, meta: HighlightMeta | undefined, doc: PMNode): HighlightState {
  if (!meta) return state;
  const wanted = meta.selectedId !== undefined ? meta.selectedId : state.selectedId;
  if (meta.spans === undefined || sameSpans(meta.spans, state.spans)) {
    return reselect(state, doc, wanted !== null && state.byId.has(wanted) ? wanted : null);
  }
  const prepared = prepareSpans(meta.spans, state.map);
  const next: HighlightState = {
    ...prepared,
    map: state.map,
    spans: meta.spans,
    selectedId: wanted !== null && prepared.byId.has(wanted) ? wanted : null,
    decorations: DecorationSet.empty,
  };
  return { ...next, decorations: repaint(state, next, doc) };
}

/** Span ids carried by the clicked decoration element, if the click landed on one. */
function idsFromTarget(view: EditorView, target: EventTarget | null): number[] | null {
  // Duck-typed rather than `instanceof Element`, which fails across windows.
  const el = (target as Element | null)?.closest?.('[data-ann-ids]');
  if (!el || !view.dom.contains(el)) return null;
  return el.getAttribute('data-ann-ids')!.split(' ').filter(Boolean).map(Number);
}

/** Whether the event landed on a painted span (then ProseMirror should not select text for it). */
const onHighlight = (view: EditorView, event: MouseEvent) => (idsFromTarget(view, event.target)?.length ?? 0) > 0;

/** The ProseMirror plugin the extension installs. */
function highlightsPlugin(options: AnnotationHighlightsOptions): Plugin<HighlightState> {
  const reportClick = (view: EditorView, pos: number, event: MouseEvent): boolean => {
    const st = annotationHighlightsKey.getState(view.state);
    if (!st || !options.onClickSpans) return false;
    const cp = pmToCp(st.map, pos);
    // The element under the pointer is exact; `pos` is only the nearest caret position, which on
    // the right half of a span's last character already lies outside it.
    const onSpan = idsFromTarget(view, event.target);
    const ids = onSpan ?? segmentAt(st.segments, cp)?.ids.slice() ?? [];
    options.onClickSpans(ids, cp);
    return onSpan !== null && onSpan.length > 0;
  };
  return new Plugin<HighlightState>({
    key: annotationHighlightsKey,
    state: {
      init: (_, { doc }) => emptyState(doc),
      apply(tr: Transaction, value: HighlightState, _old: EditorState, next: EditorState) {
        // A changed doc is other text (another article, or the reader's window moved): its spans go, unless
        // this transaction brings new ones.
        const base = tr.docChanged ? emptyState(next.doc) : value;
        return applyHighlightMeta(base, tr.getMeta(annotationHighlightsKey) as HighlightMeta | undefined, next.doc);
      },
    },
    props: {
      decorations: (state) => annotationHighlightsKey.getState(state)?.decorations,
      // ProseMirror turns a second click within 500 ms into a double click (and a third into a triple one), by its
      // own timing; those never reach handleClick. When the browser counts them as one click each (event.detail 1:
      // separate clicks that came fast), they cycle through stacked spans like any click. A real double or triple
      // click (detail >= 2) is someone selecting a word: its first click already picked the innermost span, so it
      // selects that span and no text (true: ProseMirror prevents the browser's word selection) and does not walk
      // outwards, or the next label key would relabel an enclosing span the analyst never meant.
      handleClick: (view, pos, event) => void reportClick(view, pos, event),
      handleDoubleClick: (view, pos, event) => (event.detail >= 2 ? onHighlight(view, event) : reportClick(view, pos, event)),
      handleTripleClick: (view, pos, event) => (event.detail >= 2 ? onHighlight(view, event) : reportClick(view, pos, event)),
    },
  });
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    annotationHighlights: {
      /**
       * Replaces the painted spans (code points into the shown text) and optionally the selected one;
       * omitting `selectedId` keeps the current selection if that span is still present.
       * @example editor.commands.setAnnotationSpans([{id: 3, start: 0, end: 12, color: '#d9480f', label: 'claim'}], 3)
       */
      setAnnotationSpans: (spans: readonly HighlightSpan[], selectedId?: number | null) => ReturnType;
      /**
       * Changes only the selected span (null clears it); cheaper than setAnnotationSpans.
       * @example editor.commands.selectAnnotation(7)
       */
      selectAnnotation: (id: number | null) => ReturnType;
    };
  }
}

/**
 * Paints annotation spans and reports clicks; see the module comment.
 * @example
 * useEditor({
 *   editable: false,
 *   extensions: [Document, Paragraph, Text, AnnotationHighlights.configure({ onClickSpans: (ids, cp) => onClick.current(ids, cp) })],
 *   content: textToDoc(text),
 * })
 */
export const AnnotationHighlights = Extension.create<AnnotationHighlightsOptions>({
  name: 'annotationHighlights',

  addOptions() {
    return { onClickSpans: null };
  },

  addCommands() {
    return {
      setAnnotationSpans: (spans, selectedId) =>
        metaCommand(annotationHighlightsKey, (selectedId === undefined ? { spans } : { spans, selectedId }) satisfies HighlightMeta),
      selectAnnotation: (id) => metaCommand(annotationHighlightsKey, { selectedId: id } satisfies HighlightMeta),
    };
  },

  addProseMirrorPlugins() {
    return [highlightsPlugin(this.options)];
  },
});
